"""Where the editor's mistake is when YAML stops later than it: a missing space after a colon is
noticed on the next line, an unclosed quote many lines further down, a tab as "a character that
cannot start any token". Also the file's encoding when it is not UTF-8.

The problems are English keys (``problems.YAML_DETAILS`` says them in German); lines and
columns are 1-based.
"""

from __future__ import annotations

import re

NO_SPACE_AFTER_COLON = "no space after the colon"
NBSP_AFTER_COLON = "a no-break space after the colon"
QUOTE_NOT_CLOSED = "a quote opened here is not closed"
TAB = "found a tab character"
TYPED = "\x00"  # separates a problem from the line as typed, which the message quotes
NBSP_INDENT = "a no-break space in the indentation"
MISSING_COLON = "the colon after the field name is missing"
ODD_INDENT = "the indentation is one space off"

_KEY_THEN = re.compile(r"^(?P<lead>\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_-]*:)(?P<after>\S|\u00a0)")
_NBSP_LEAD = re.compile(r"^[ \u00a0]*\u00a0")
_KEY_WITHOUT_COLON = re.compile(r"^(?P<indent> *)(?:- +)?(?P<key>[a-z][a-z_]*) +[^\s:#]")
_QUOTED_START = re.compile(r"""^\s*(?:-\s+)?(?:[A-Za-z_][A-Za-z0-9_-]*:\s+)?(?P<q>["'])""")


def _closes(rest: str, quote: str) -> bool:
    """Whether a quoted text starting just after ``quote`` is closed within ``rest``."""
    if quote == '"':
        return re.match(r'^(?:[^"\\]|\\.)*"', rest) is not None
    return re.match(r"^(?:[^']|'')*'", rest) is not None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous_content_line(lines: list[str], index: int) -> int | None:
    for i in range(index - 1, -1, -1):
        if lines[i].strip() and not lines[i].lstrip().startswith("#"):
            return i
    return None


def locate(lines: list[str], line: int, column: int) -> tuple[str, int, int] | None:
    """(problem, line, column) of the likely mistake behind a YAML error at line/column."""
    index = line - 1
    text = lines[index] if 0 <= index < len(lines) else ""
    if "\t" in text[max(column - 2, 0):column]:
        return TAB, line, text.index("\t", max(column - 2, 0)) + 1
    candidates = [index] + [i for i in [_previous_content_line(lines, index)] if i is not None]
    for i in candidates:  # indentation copied from Word: a no-break space
        source = lines[i] if 0 <= i < len(lines) else ""
        nbsp = _NBSP_LEAD.match(source)
        if nbsp:
            return NBSP_INDENT + TYPED + source.strip(), i + 1, nbsp.end()
    for i in candidates:  # "title Lotse Beruf": a field name, text, no colon
        source = lines[i] if 0 <= i < len(lines) else ""
        key = _KEY_WITHOUT_COLON.match(source)
        neighbour = lines[i + 1] if i + 1 < len(lines) else ""
        if key and ": " not in source and _indent(neighbour) == _indent(source):
            return MISSING_COLON + TYPED + source.strip(), i + 1, key.end("key") + 1
    for i in candidates:  # one space short or too deep, in a file indented by twos
        source = lines[i] if 0 <= i < len(lines) else ""
        if source.strip() and _indent(source) % 2 == 1:
            return ODD_INDENT + TYPED + source.strip(), i + 1, 1
    for i in candidates:
        source = lines[i] if 0 <= i < len(lines) else ""
        match = _KEY_THEN.match(source)
        if match and not source[match.end("lead"):].startswith("//"):
            problem = NBSP_AFTER_COLON if match["after"] == "\u00a0" else NO_SPACE_AFTER_COLON
            return problem, i + 1, match.end("lead") + 1
    for i in range(min(index, len(lines)) - 1, -1, -1):
        start = _QUOTED_START.match(lines[i])
        if start and not _closes(lines[i][start.end():], start["q"]):
            return QUOTE_NOT_CLOSED, i + 1, start.start("q") + 1
    return None


def guess_encoding(raw: bytes) -> str:
    """The likely encoding of bytes that are not UTF-8, as editors know it."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw[:200].count(b"\x00") > 10:
        return "UTF-16"
    if re.search(rb"[\x80-\x9f]", raw):  # „ “ – € are here in Windows-1252, unused in Latin-1
        return "Windows-1252"
    return "Latin-1 (ISO 8859-1)"


def first_bad_byte(raw: bytes) -> tuple[int, int]:
    """Line and column of the first byte that is not UTF-8."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start]
        line_start = before.rfind(b"\n") + 1
        return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1
    return 1, 1
