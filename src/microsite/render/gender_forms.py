"""German gender forms stay literal in every Markdown path: ``Arbeitgeber*innen``,
``Lehrer:innen``, ``Kolleg_innen``.

A ``*`` or ``_`` between two letters or digits is a gender sign, never emphasis: without this,
``Arbeitgeber*innen und Arbeitnehmer*innen`` renders as ``Arbeitgeber<em>innen und
Arbeitnehmer</em>innen`` and readers and screen readers get feminine-only forms. (``:`` is no
Markdown syntax and survives anyway.) Emphasis that starts or ends at a space, ``*so*``,
``**so**``, is untouched.

Two renderers need this: the editors' allow-list renderer (``microsite.render.markup``, markdown-it,
its own inline rule ``is_gender_sign``) and Python-Markdown for the hand-written pages: this
extension, registered in ``mkdocs.yml`` under ``markdown_extensions``.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor


class _GenderSign(InlineProcessor):
    """The sign as literal text. Runs after links and code (their addresses and code stay
    as written) and before emphasis, which would otherwise pair the signs up."""

    def handleMatch(self, m: Any, data: str) -> tuple[str, int, int]:  # type: ignore[override]
        return m.group(1), m.start(0), m.end(0)


class GenderFormsExtension(Extension):
    # priorities of Python-Markdown 3: links 160, autolinks 120, emphasis 60 and below
    PRIORITY = 65

    def extendMarkdown(self, md: Any) -> None:
        md.inlinePatterns.register(
            _GenderSign(r"(?<=[^\W_])([*_])(?=[^\W_])", md), "microsite_gender_sign", self.PRIORITY)


def makeExtension(**kwargs: Any) -> GenderFormsExtension:
    return GenderFormsExtension(**kwargs)
