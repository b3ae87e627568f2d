"""The MkDocs adapter: runs stage and finish from MkDocs' events; the only MkDocs imports."""
