"""Issue 11, point 6: pages in Leichte Sprache keep one sentence per line, as written, and
split compounds by one rule (a hyphen: „Start-Seite“, never a media point).

The built page is the real one, checked only for rules that hold for any correct Leichte
Sprache text; the line transformation itself is tested on small texts of its own.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, Tag

from microsite.render.easy_read import one_sentence_per_line
from sitebuild import REPO, soup

LONG_WORD = 14  # letters; a word this long without a hyphen is an unsplit compound
_SENTENCE_INSIDE = re.compile(r"(?<!\d)[.!?]\s+[A-ZÄÖÜ]")
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:-[A-Za-zÄÖÜäöüß]+)*")


def test_lines_of_a_paragraph_get_hard_breaks_and_blocks_stay_as_they_are() -> None:
    text = ("# Titel\n\nErster Satz.\nZweiter Satz.\n\n- Punkt eins.\n  Mehr dazu.\n"
            "- Punkt zwei.\n\nLetzter Satz.\n")
    assert one_sentence_per_line(text) == (
        "# Titel\n\nErster Satz.  \nZweiter Satz.\n\n- Punkt eins.  \n  Mehr dazu.\n"
        "- Punkt zwei.\n\nLetzter Satz.\n")


def _easy_read_pages() -> list[Path]:
    pages = []
    for md in sorted((REPO / "docs").glob("*/*.md")):
        front = re.match(r"---\n(.*?)\n---\n", md.read_text(encoding="utf-8"), re.DOTALL)
        meta = yaml.safe_load(front.group(1)) if front else {}
        if (meta.get("microsite") or {}).get("one_sentence_per_line"):
            pages.append(md)
    return pages


def _built(site: Path, md: Path) -> BeautifulSoup:
    lang = md.parent.name
    prefix = "" if lang == "de" else f"{lang}/"
    slug = "" if md.stem == "index" else f"{md.stem}/"
    return soup(site / prefix / slug / "index.html")


def _source_lines(md: Path) -> list[str]:
    """The text lines of the page's Markdown, without headings, list marks and markup."""
    body = re.sub(r"^---\n.*?\n---\n", "", md.read_text(encoding="utf-8"), flags=re.DOTALL)
    lines = []
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "{{" in line:
            continue
        line = re.sub(r"^[-*]\s+", "", line)
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line).replace("**", "")
        lines.append(" ".join(line.split()))
    return lines


def _html_lines(content: Tag) -> list[str]:
    """Each line as a reader sees it: the text of a block, cut at every ``<br>``."""
    lines = []
    for block in content.select("p, li, h1, h2, h3"):
        if block.find_parent(class_="ms-source") or "ms-source" in (block.get("class") or []):
            continue
        html = re.split(r"<br\s*/?>", block.decode_contents())
        for part in html:
            text = " ".join(BeautifulSoup(part, "lxml").get_text().split())
            if text:
                lines.append(text)
    return lines


def _content(page: BeautifulSoup) -> Tag:
    content = page.select_one("article.md-content__inner")
    assert content is not None
    return content


def test_every_written_line_is_a_line_on_the_page(site: Path) -> None:
    pages = _easy_read_pages()
    assert pages, "no page declares one_sentence_per_line"
    for md in pages:
        shown = set(_html_lines(_content(_built(site, md))))
        missing = [line for line in _source_lines(md) if line not in shown]
        assert not missing, f"{md.name}: lines merged with others: {missing[:3]}"


def test_every_line_on_the_page_holds_one_sentence(site: Path) -> None:
    for md in _easy_read_pages():
        for line in _html_lines(_content(_built(site, md))):
            assert not _SENTENCE_INSIDE.search(line), f"{md.name}: two sentences: {line!r}"


def _plain_words(content: Tag) -> list[str]:
    """Words of the page's own text: names in „…“, labels in bold and link texts (page names)
    stay as they are shown elsewhere, and the source citation is in standard language."""
    content = BeautifulSoup(str(content), "lxml")  # its own tree: ``soup`` trees are shared
    for node in content.select(".ms-source, strong, code, a"):
        node.decompose()
    text = re.sub(r"„[^“]*“", " ", content.get_text(" "))
    return _WORD.findall(text)


def test_compounds_are_split_by_one_rule(site: Path) -> None:
    for md in _easy_read_pages():
        content = _content(_built(site, md))
        assert "·" not in content.get_text(), f"{md.name}: media point; the rule is a hyphen"
        words = _plain_words(content)
        joined = {w.replace("-", "").casefold() for w in words if "-" in w}
        unsplit = sorted({w for w in words if "-" not in w and w.casefold() in joined})
        assert not unsplit, f"{md.name}: written with and without a hyphen: {unsplit}"
        long = sorted({w for w in words if "-" not in w and len(w) >= LONG_WORD})
        assert not long, f"{md.name}: long compounds without a hyphen: {long}"
