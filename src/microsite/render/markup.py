"""Editors' Markdown subset to safe HTML: paragraphs, emphasis, lists and links only.

Raw HTML is already rejected by validation; here it would be escaped anyway, and link targets
other than http(s) and mailto are dropped, so data can never put script on a page.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markupsafe import Markup, escape

_ALLOWED_SCHEMES = ("http:", "https:", "mailto:")


def _validate_link(url: str) -> bool:
    lowered = url.strip().lower()
    return lowered.startswith(_ALLOWED_SCHEMES) or lowered.startswith(("/", "#"))


def is_gender_sign(text: str, pos: int) -> bool:
    """Whether ``text[pos]`` is a ``*`` or ``_`` with a letter or digit on both sides: a German
    gender form such as ``Arbeitgeber*innen``, never emphasis (see
    ``microsite.render.gender_forms``)."""
    return (text[pos] in "*_" and 0 < pos < len(text) - 1
            and text[pos - 1].isalnum() and text[pos + 1].isalnum())


def _gender_sign(state: StateInline, silent: bool) -> bool:
    """``Arbeitgeber*innen``: a ``*`` or ``_`` between letters is text, not emphasis
    (``microsite.render.gender_forms``). Code spans and link targets are parsed by their own
    rules."""
    if not is_gender_sign(state.src, state.pos):
        return False
    if not silent:
        state.pending += state.src[state.pos]
    state.pos += 1
    return True


def _renderer() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.enable(["paragraph", "emphasis", "list", "link", "newline", "text", "escape", "entity",
               "backticks", "autolink"])
    md.inline.ruler.before("emphasis", "gender_sign", _gender_sign)
    md.validateLink = _validate_link
    return md


_MD = _renderer()
_INLINE = _renderer()


def render_markdown(text: str) -> Markup:
    """Block Markdown (paragraphs and lists) as HTML."""
    return Markup(_MD.render(text or "").strip())


_TAG = re.compile(r"(<[^>]*>)")
_REFERENCE = r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);"


def mark_languages(html: Markup, names: dict[str, str]) -> Markup:
    """Wrap each of ``names`` (name → its language) in ``<span lang>`` where it stands in the
    text of ``html``, e.g. the German provider "Unter einem Dach" in an English description
    (WCAG 3.1.2). Only text between tags is touched, never tags or attributes."""
    if not names:
        return html
    escaped = {str(escape(name)): str(escape(lang)) for name, lang in names.items() if name}
    # a character reference is skipped whole: a name such as "amp" or "39" is never marked
    # inside "&amp;" or "&#39;"
    pattern = re.compile("|".join(re.escape(n) for n in sorted(escaped, key=len, reverse=True))
                         + "|" + _REFERENCE)

    def mark(match: re.Match[str]) -> str:
        found = match.group(0)
        lang = escaped.get(found)
        return found if lang is None else f'<span lang="{lang}">{found}</span>'

    parts = _TAG.split(str(html))
    for i in range(0, len(parts), 2):  # even parts are text, odd parts are tags
        parts[i] = pattern.sub(mark, parts[i])
    return Markup("".join(parts))


def render_inline(text: str) -> Markup:
    """One line of Markdown (emphasis and links) as HTML, without a paragraph around it."""
    return Markup(_INLINE.renderInline(text or "").strip())
