"""Options of the ``microsite`` plugin in ``mkdocs.yml``."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class MicrositeConfig(Config):
    records = opt.Type(str, default="data/projects.yaml")
    """The records file, relative to mkdocs.yml."""
    ui = opt.Type(str, default="data/ui")
    """Folder of user-interface texts, one ``<lang>.yaml`` per language."""
    build_date = opt.Optional(opt.Type(str))
    """Date statuses are derived against (YYYY-MM-DD) where SOURCE_DATE_EPOCH is not set;
    else the git commit date; without git, today's date (said in the build log)."""
    status_max_age_months = opt.Type(int, default=6)
    """A stated status (no dates) whose source is older than this many months is shown in a
    neutral style with its date ("Stand 20.09.2024"), never as a green "läuft"."""
    include_drafts = opt.Type(bool, default=False)
    """Publish drafts and scheduled records too (for previews)."""
    optional_languages = opt.Type(list, default=[])
    """Languages a record may leave out (``SiteLanguages.optional``), e.g. ``[tr, ar, uk]``."""
    kept_names = opt.Type(dict, default={})
    """Names kept in their language on every page, e.g. ``WIR 2.0: de``: marked with ``lang``
    where they stand in a record's text in another language."""
    locales = opt.Type(dict, default={})
    """Babel locale per language where it differs from the code, e.g. ``en: en_GB``."""
    message_language = opt.Type(str, default="de")
    """Language of validation messages."""
    publisher = opt.Optional(opt.Type(str))
    """Publisher of the open data (Atom author, DCAT publisher); else the site name."""
    data_licence = opt.Optional(opt.Type(str))
    """Licence URI of the open data, e.g. http://dcat-ap.de/def/licenses/dl-by-de/2.0; else none."""
    data_themes = opt.Type(list, default=[])
    """EU data-theme codes of the open data (DCAT ``dcat:theme``), e.g. ``[SOCI]``."""
    contributor_id = opt.Optional(opt.Type(str))
    """GovData's contributor IRI (http://dcat-ap.de/def/contributors/…), once one is assigned."""
    id_tag = opt.Optional(opt.Type(str))
    """Tagging entity of the feed's and calendar's ids, set once and never changed, e.g.
    ``example.org,2026-11-25:site`` (src/microsite/publish/exports/ids.py); else ids follow
    site_url."""
    cname = opt.Optional(opt.Type(str))
    """Custom domain for GitHub Pages: written to ``CNAME`` at the site root."""
    facts = opt.Type(str, default="data/site.yaml")
    """Site-wide facts (operator, contacts, …) that the legal pages read."""
