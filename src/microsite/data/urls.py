"""The site's URL scheme, in one place: where every page and file of the site lives.

Paths are site-relative (no leading slash); ``absolute`` puts one under the site's URL. The
default language lives at the root, every other under ``<lang>/``; records under ``programme/``.
"""

from __future__ import annotations

SECTION = "programme"
HELP = "hilfe"  # the page "Hilfe und Kontakt" (help_contact.py), in every language
OVERVIEW_PAGES = "seite"  # further pages of the overview: programme/seite/2/, …


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


def help_url(lang: str, default: str) -> str:
    """Site-relative URL of the page "Hilfe und Kontakt" (``hilfe/``)."""
    return f"{language_prefix(lang, default)}{HELP}/"


def help_src_uri(lang: str) -> str:
    """Source path of the generated help page, as if under ``docs_dir``."""
    return f"{lang}/{HELP}.md"


def overview_page_url(lang: str, default: str, number: int) -> str:
    """Site-relative URL of page ``number`` (from 1) of the overview."""
    base = overview_url(lang, default)
    return base if number == 1 else f"{base}{OVERVIEW_PAGES}/{number}/"


def overview_page_src_uri(lang: str, number: int) -> str:
    """Source path of page ``number`` of the overview (the first is ``overview_src_uri``)."""
    if number == 1:
        return overview_src_uri(lang)
    return f"{lang}/{SECTION}/{OVERVIEW_PAGES}/{number}.md"
