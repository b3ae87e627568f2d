"""The thin MkDocs glue: everything MkDocs-specific lives in this package and nowhere else."""
