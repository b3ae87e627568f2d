"""The floor: each built record page's words, written back as a plain hand-written Markdown page.

The benchmark compares what a record page costs with what the same stack pays for a page an
author wrote by hand. The comparison is fair only when both carry the same words: so the floor
page is made from the record page as built (its heading, summary, facts, description, results,
links), not from a separate template that could drift from what the record page shows.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from bs4 import BeautifulSoup, NavigableString, Tag

BLOCKS = ("h1", "h2", "h3", "h4", "p", "li", "dt", "dd")


def _inline(node: Tag) -> str:
    """The element's text, with links, strong and emphasis kept as Markdown."""
    parts = []
    for child in node.children:
        if isinstance(child, NavigableString):
            parts.append(str(child))
        elif child.name == "a" and child.get("href"):
            parts.append(f"[{_inline(child)}]({child['href']})")
        elif child.name in ("strong", "b"):
            parts.append(f"**{_inline(child)}**")
        elif child.name in ("em", "i"):
            parts.append(f"*{_inline(child)}*")
        elif isinstance(child, Tag):
            parts.append(_inline(child))
    return " ".join("".join(parts).split())


def record_page_markdown(html: str) -> str:
    """The main content of a built page as Markdown: headings, paragraphs, list items, and each
    fact (``<dt>``/``<dd>``) as a list item "key: value"."""
    article = BeautifulSoup(html, "lxml").select_one("article")
    if article is None:
        raise ValueError("no <article> in the page")
    title, summary, lines = "", "", []
    for node in article.find_all(BLOCKS):
        if node.find_parent(BLOCKS):
            continue  # text of a nested block is part of its outer block
        text = _inline(node)
        if not text:
            continue
        if node.name == "h1":
            title = node.get_text(" ", strip=True)
            lines.append(f"\n# {text}\n")
        elif node.name in ("h2", "h3", "h4"):
            lines.append(f"\n{'#' * int(node.name[1])} {text}\n")
        elif node.name == "dt":
            lines.append(f"- {text}:")
        elif node.name == "dd":
            lines[-1] = lines[-1] + f" {text}" if lines and lines[-1].endswith(":") else \
                f"- {text}"
        elif node.name == "li":
            lines.append(f"- {text}")
        else:
            if not summary and title and "ms-record__summary" in (node.get("class") or []):
                summary = node.get_text(" ", strip=True)
            lines.append(f"\n{text}\n")
    front = yaml.safe_dump({"title": title, "description": summary}, allow_unicode=True,
                           width=1000)
    body = "\n".join(lines).replace("\n\n\n", "\n\n")
    return f"---\n{front}---\n\n{body.strip()}\n"


def write_floor(record_pages: dict[Path, Path]) -> None:
    """Write each built record page (value) as a Markdown page at ``key``."""
    for target, built in record_pages.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(record_page_markdown(built.read_text(encoding="utf-8")),
                          encoding="utf-8")
