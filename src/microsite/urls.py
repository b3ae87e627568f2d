"""The site's URL scheme, in one place: where every page and file of the site lives.

Paths are site-relative (no leading slash); ``absolute`` puts one under the site's URL. The
default language lives at the root, every other under ``<lang>/``; records under ``programme/``.
"""

from __future__ import annotations

SECTION = "programme"


def absolute(site_url: str, path: str) -> str:
    """``path`` (site-relative) under ``site_url``; ``.`` and ``./`` mean the site's root."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    path = "" if path in (".", "./") else path
    return base + path.lstrip("/")


def language_prefix(lang: str, default: str) -> str:
    """``""`` for the default language, else ``"<lang>/"``: the language's home."""
    return "" if lang == default else f"{lang}/"


def overview_url(lang: str, default: str) -> str:
    """Site-relative URL of the overview of all records (``programme/``)."""
    return f"{language_prefix(lang, default)}{SECTION}/"


def record_url(record_id: str, lang: str, default: str) -> str:
    """Site-relative URL of a record page (``programme/<id>/``, prefixed for other languages)."""
    return f"{overview_url(lang, default)}{record_id}/"


def record_src_uri(lang: str, record_id: str) -> str:
    """Source path of a generated record page, as if under ``docs_dir``."""
    return f"{lang}/{SECTION}/{record_id}.md"


def overview_src_uri(lang: str) -> str:
    """Source path of a generated overview page, as if under ``docs_dir``."""
    return f"{lang}/{SECTION}/index.md"
