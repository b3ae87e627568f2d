"""Open data: the published records as JSON, CSV, iCalendar, Atom and a DCAT-AP.de catalogue.

No MkDocs imports here: every function takes the loaded ``SiteData`` and returns bytes, so the
exports can be written by the plugin, a command-line tool or a test alike. The formats are
described for developers in ``guide/open-data.md``.
"""
