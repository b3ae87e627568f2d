"""Static multilingual microsite generator: YAML records to a site, through any engine.

Data passes read (``data``), check (``checks``), render (``render``) and publish (``publish``:
the stage step writes every page as Markdown before an engine runs, the finish step completes
the built site). Only ``microsite.mkdocs_plugin``, the adapter that runs both from MkDocs'
events, imports MkDocs.
"""

__version__ = "0.1.0"
