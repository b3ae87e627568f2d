"""Writing direction in finished pages: right-to-left pages and left-to-right islands in them.

Material sets ``dir="rtl"`` on the ``<body>`` of an Arabic page (from its own language file);
here the page's root element says so as well, and every part of a page written in a language of
the other direction gets its own ``dir``: a German name (``<span lang="de">``) on an Arabic page
is laid out left to right and isolated from the Arabic around it, an Arabic language name in the
switcher of a German page right to left. Telephone numbers and e-mail addresses keep their
left-to-right order on every page (``dir="ltr"`` on ``tel:`` and ``mailto:`` links): without it,
"+49 511 12345" would show as "12345 511 49+" in an Arabic sentence.

Digits need nothing: the Unicode bidirectional algorithm always lays out a number left to
right, and Babel's Arabic formats bring their own marks. Only tags are touched, never text, and
never anything inside ``<script>`` (whose hashes the Content-Security-Policy names).
"""

from __future__ import annotations

import functools
import re

from babel import Locale, UnknownLocaleError

_SCRIPT = re.compile(r"(<script\b.*?</script>)", re.DOTALL | re.IGNORECASE)
_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_LANG_TAG = re.compile(r"<[a-zA-Z][a-zA-Z0-9]*\b[^<>]*?\slang=\"([A-Za-z-]+)\"[^<>]*>")
_LINK_TAG = re.compile(r"<a\b[^<>]*?\shref=\"(?:tel|mailto):[^<>]*>", re.IGNORECASE)
_HAS_DIR = re.compile(r"\sdir=", re.IGNORECASE)


@functools.cache
def text_direction(lang: str) -> str:
    """``rtl`` or ``ltr`` for a language code, from Babel's locale data (``ltr`` if unknown)."""
    try:
        return Locale.parse(lang.replace("-", "_")).text_direction
    except (UnknownLocaleError, ValueError):
        return "ltr"


def _with_dir(tag: str, direction: str) -> str:
    if _HAS_DIR.search(tag):
        return tag
    end = -2 if tag.endswith("/>") else -1
    return f'{tag[:end]} dir="{direction}"{tag[end:]}'


def mark_directions(html: str, page_lang: str) -> str:
    """The page with ``dir`` where direction changes (see the module's docstring)."""
    page_dir = text_direction(page_lang)

    def foreign(match: re.Match) -> str:
        direction = text_direction(match.group(1))
        return _with_dir(match.group(0), direction) if direction != page_dir else match.group(0)

    parts = _SCRIPT.split(html)
    for i in range(0, len(parts), 2):  # odd parts are scripts
        part = parts[i]
        if page_dir == "rtl":
            part = _HTML_TAG.sub(lambda m: _with_dir(m.group(0), "rtl"), part, count=1)
        part = _LANG_TAG.sub(lambda m: m.group(0) if m.group(0).lower().startswith("<html")
                             else foreign(m), part)
        parts[i] = _LINK_TAG.sub(lambda m: _with_dir(m.group(0), "ltr"), part)
    return "".join(parts)
