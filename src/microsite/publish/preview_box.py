"""The box of data errors a preview shows on top of its last good pages (``mkdocs serve``)."""

from __future__ import annotations

import html

_BOX_STYLE = (
    "margin:0;padding:1rem 1.5rem;background:#fbeaec;color:#5a0713;border-bottom:4px solid "
    "#b1132f;font:16px/1.5 system-ui,sans-serif;position:relative;z-index:1000"
)


def error_box(heading: str, messages: list[str]) -> str:
    items = "".join(f"<li>{html.escape(m)}</li>" for m in messages)
    return (f'<div class="ms-preview-errors" role="alert" style="{_BOX_STYLE}">'
            f"<p><strong>{html.escape(heading)}</strong></p>"
            f'<ul style="margin:0.5rem 0 0 1.2rem">{items}</ul></div>')


def with_error_box(content: bytes, heading: str, messages: list[str]) -> bytes:
    """The page with the box right after ``<body …>``."""
    start = content.find(b"<body")
    end = content.find(b">", start) + 1 if start >= 0 else 0
    return content[:end] + error_box(heading, messages).encode("utf-8") + content[end:]
