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
    """Date statuses are derived against (YYYY-MM-DD); else SOURCE_DATE_EPOCH, else git."""
    include_drafts = opt.Type(bool, default=False)
    """Publish drafts and scheduled records too (for previews)."""
    locales = opt.Type(dict, default={})
    """Babel locale per language where it differs from the code, e.g. ``en: en_GB``."""
    message_language = opt.Type(str, default="de")
    """Language of validation messages."""
    facts = opt.Type(str, default="data/site.yaml")
    """Site-wide facts (operator, contacts, …) that the legal pages read."""
