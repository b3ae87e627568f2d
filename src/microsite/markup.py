"""Editors' Markdown subset to safe HTML: paragraphs, emphasis, lists and links only.

Raw HTML is already rejected by validation; here it would be escaped anyway, and link targets
other than http(s) and mailto are dropped, so data can never put script on a page.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markupsafe import Markup

_ALLOWED_SCHEMES = ("http:", "https:", "mailto:")


def _validate_link(url: str) -> bool:
    lowered = url.strip().lower()
    return lowered.startswith(_ALLOWED_SCHEMES) or lowered.startswith(("/", "#"))


def _renderer() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.enable(["paragraph", "emphasis", "list", "link", "newline", "text", "escape", "entity",
               "backticks", "autolink"])
    md.validateLink = _validate_link
    return md


_MD = _renderer()
_INLINE = _renderer()


def render_markdown(text: str) -> Markup:
    """Block Markdown (paragraphs and lists) as HTML."""
    return Markup(_MD.render(text or "").strip())


def render_inline(text: str) -> Markup:
    """One line of Markdown (emphasis and links) as HTML, without a paragraph around it."""
    return Markup(_INLINE.renderInline(text or "").strip())
