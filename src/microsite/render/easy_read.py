"""Pages in Leichte Sprache: one sentence per line, as the author wrote it.

Markdown joins the lines of a paragraph; Leichte Sprache wants each sentence on a line of its
own (Netzwerk Leichte Sprache). A page that says so in its front matter
(``microsite: {one_sentence_per_line: true}``) gets a hard line break at the end of every line
that continues a paragraph or a list item. Headings, blank lines and the start of a new list
item are left alone: they break anyway.

The page's other rules (compounds with a hyphen – „Start-Seite“ –, no genitive, hard words
explained where they stand) are the author's; ``tests/render/test_easy_read.py`` checks the ones a
program can.
"""

from __future__ import annotations

import re

_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d+\.\s|#|>|<|```|\||$)")
HARD_BREAK = "  "  # Markdown's hard line break: two spaces before the line end


def one_sentence_per_line(markdown: str) -> str:
    """``markdown`` with a hard break after each line that the next line continues."""
    lines = markdown.split("\n")
    out = []
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        continues = (line.strip() and not line.lstrip().startswith(("#", "<"))
                     and not _BLOCK_START.match(following))
        out.append(line.rstrip() + HARD_BREAK if continues else line)
    return "\n".join(out)
