"""Links from hand-written pages (``docs/<lang>/*.md``) to record pages.

A page may link a record as ``programme/<id>.md`` (MkDocs' own form), ``programme/<id>/`` or
``programme/<id>/index.md``, relative to the page. ``check`` and the build report every such link
to a record that does not exist or is not published, in German, with page and line, before
MkDocs would stop with an English warning about a file the editors never see. A link to a
former id (``former_ids``) keeps working: the build rewrites it to the record's current page.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from microsite.checks.collector import refusal_problem
from microsite.checks.problems import Problem
from microsite.checks.text_checks import link_problem
from microsite.data.input_guards import InputRefused, read_data_file
from microsite.data.model import Record
from microsite.data.urls import HELP, SECTION

# [text](target "title") and reference definitions "[name]: target"
_INLINE = re.compile(r"\]\(\s*<?(?P<target>[^)\s>]+)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(?P<target>[^\s>]+)", re.M)
_RECORD_PATH = re.compile(rf"^{SECTION}/(?P<id>[^/#?]+?)(?P<form>\.md|/index\.md|/)?$")


@dataclass(frozen=True)
class RecordLink:
    """A link in a hand-written page whose target is a record page."""

    page: str  # the page as the editor knows it, e.g. "docs/de/einwanderungsstadt.md"
    line: int
    column: int
    target: str  # as written
    record_id: str
    start: int  # offsets of the target in the page's text
    end: int


def _links(text: str) -> Iterator[re.Match[str]]:
    yield from _INLINE.finditer(text)
    yield from _REFERENCE.finditer(text)


def record_links(text: str, page_in_lang: str, page: str) -> list[RecordLink]:
    """The record links of one page; ``page_in_lang`` is its path inside ``docs/<lang>/``."""
    found = []
    for match in _links(text):
        target = match.group("target")
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:|^/|^#", target):
            continue  # another site, an absolute path or an anchor on the page
        path = target.split("#", 1)[0].split("?", 1)[0]
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_in_lang), path))
        record = _RECORD_PATH.match(resolved + ("/" if path.endswith("/") else ""))
        if record is None or record.group("id") == "index":
            continue
        start = match.start("target")
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        found.append(RecordLink(page, line, column, target, record.group("id"), start,
                                match.end("target")))
    return sorted(found, key=lambda link: link.start)


def hand_written_pages(docs: Path, languages: Iterable[str]) -> Iterator[tuple[str, Path, str]]:
    """(language, file, path inside the language folder) of every hand-written page."""
    for lang in languages:
        folder = docs / lang
        for path in sorted(folder.rglob("*.md")) if folder.is_dir() else ():
            yield lang, path, path.relative_to(folder).as_posix()


def doc_link_problems(docs: Path, root: Path, languages: Iterable[str], records: list[Record],
                      published: set[str], data_file: str) -> list[Problem]:
    """Every link from a hand-written page to a missing, unpublished or renamed record."""
    ids = {r.id for r in records}
    renamed = {old: r.id for r in records for old in r.former_ids}
    problems = []
    for lang, path, inside in hand_written_pages(docs, languages):
        page = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        try:  # a page saved in another encoding, or unreadable: say so, at its line
            text = read_data_file(path)
        except InputRefused as refused:
            problems.append(refusal_problem(refused, page))
            continue
        problems.extend(_missing_pages(text, inside, page, docs / lang))
        problems.extend(_bad_web_addresses(text, page))
        for link in record_links(text, inside, page):
            rid = link.record_id
            params: dict = {"target": link.target, "found": rid, "data_file": data_file}
            if rid in renamed:
                new = renamed[rid]
                code, warning = "doc_link_renamed", True
                params["new"] = new
                if new not in published:
                    code, warning, params["found"] = "doc_link_unpublished", False, new
            elif rid in ids:
                if rid in published:
                    continue
                code, warning = "doc_link_unpublished", False
            else:
                close = difflib.get_close_matches(rid, sorted(ids), n=1, cutoff=0.6)
                code, warning = "doc_link_missing", False
                params["suggestion"] = close[0] if close else None
            problems.append(Problem(page, link.line, link.column, code, params=params,
                                    warning=warning))
    return problems


def _bad_web_addresses(text: str, page: str) -> Iterator[Problem]:
    """Links to other sites (``http…:``) that are no complete web address, e.g. a missing
    domain: ``check`` verifies the form of every link that leaves the site; the build never
    fetches one."""
    for match in _links(text):
        target = match.group("target")
        if not re.match(r"^https?:", target, re.IGNORECASE):
            continue
        code = link_problem(target)
        if code is not None:
            start = match.start("target")
            yield Problem(page, text.count("\n", 0, start) + 1,
                          start - (text.rfind("\n", 0, start) + 1) + 1, code,
                          params={"found": target})


def _missing_pages(text: str, inside: str, page: str, folder: Path) -> Iterator[Problem]:
    """Links to hand-written pages (``*.md`` outside ``programme/``) that do not exist in the
    page's language: MkDocs stops the build on them too."""
    for match in _links(text):
        target = match.group("target")
        path = target.split("#", 1)[0].split("?", 1)[0]
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:|^/", target) or not path.endswith(".md"):
            continue
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(inside), path))
        generated = resolved.startswith(f"{SECTION}/") or resolved == f"{HELP}.md"
        if generated or (folder / resolved).is_file():
            continue
        start = match.start("target")
        yield Problem(page, text.count("\n", 0, start) + 1,
                      start - (text.rfind("\n", 0, start) + 1) + 1, "doc_link_page_missing",
                      params={"target": target, "folder": folder.name})


def rewrite_record_links(text: str, page_in_lang: str, current: dict[str, str]) -> str:
    """Links to records in MkDocs' form: ``programme/<id>/`` becomes ``programme/<id>.md`` and
    a former id the record's current id, so MkDocs finds the page (``current``: id → id)."""
    out, last = [], 0
    for link in record_links(text, page_in_lang, ""):
        new_id = current.get(link.record_id)
        if new_id is None:
            continue  # reported by check; MkDocs reports it too
        path, sep, rest = link.target.partition("#")
        base = path.rsplit(SECTION + "/", 1)[0]
        target = f"{base}{SECTION}/{new_id}.md" + (sep + rest if sep else "")
        out.append(text[last:link.start])
        out.append(target)
        last = link.end
    return "".join(out) + text[last:] if out else text
