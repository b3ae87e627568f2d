"""Static multilingual microsite generator: YAML records to MkDocs pages.

The data layer (model, loading, validation, formatting, views, page sources) has no MkDocs
imports, so that a move away from MkDocs only touches ``microsite.mkdocs_plugin``.
"""

__version__ = "0.1.0"
