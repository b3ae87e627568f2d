"""What a broken or hostile data file meets before and after YAML parsing.

libyaml composes nested collections recursively in C, so 100,000 levels overflow the C stack
(a segfault, no exception); an alias may repeat a collection that itself repeats others
("billion laughs"), which expands exponentially when the document becomes Python data. Both are
refused here with a position, before the parser or the conversion sees them. Control characters
and Unicode noncharacters are refused in the raw text (with line and column) and, where a
double-quoted escape such as ``"\\x07"`` produced one, in the values (with the field).
Each refusal carries a message code of ``problems.py`` (``collector.refusal_problem`` turns it
into a problem); nothing here reads or reports, so loading can run these before it parses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from microsite.data.document import LoadedDocument, Path_, Position, YamlSyntaxError
from microsite.data.yaml_mistakes import first_bad_byte, guess_encoding

MAX_DEPTH = 50
"""Nesting levels a file may have; the records need about ten."""
MAX_ALIAS_NODES = 100_000
"""Values that aliases (``*name``) may add to a file in total: generated files share blocks
this way (1,000 records add about 30,000), a billion laughs would add 10⁹."""

# C0 except tab, line feed and carriage return (line breaks in the file), DEL, C1 (with NEL,
# which YAML would silently read as a line break), lone surrogates, noncharacters of the BMP;
# those of the other planes (U+1FFFE, U+1FFFF, …) are found among the astral characters, as a
# class listing all 34 would make the search ten times slower
# The bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) too: they make
# text display in another order than it is read and dialled ("Trojan Source"); right-to-left
# text needs none of them (the marks U+200E, U+200F and U+061C stay allowed).
_BIDI = "\u202a-\u202e\u2066-\u2069"
_FORBIDDEN_IN_FILE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + _BIDI + "]")
# in a value only tab and line feed are text; a carriage return can only come from an escape
_FORBIDDEN_IN_VALUE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff" + _BIDI + "]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_BRACKET = re.compile(r"[\[\]{}]")
# a line whose content starts MAX_DEPTH columns in (indentation, "- ", "? ", ": ")
_FAR_IN = re.compile(rf"^[ \t?:-]{{{MAX_DEPTH}}}", re.M)
_INDICATORS = re.compile(r"(?:[-?:](?:[ \t]+|$))*")
_ANCHOR = re.compile(r"&[^\s\[\]{},]")


class InputRefused(YamlSyntaxError):
    """The file cannot be read safely; ``code`` and ``params`` form the message."""

    def __init__(self, code: str, position: Position, **params: Any) -> None:
        super().__init__(code, position)
        self.code = code
        self.params = params
        self.where: tuple[LoadedDocument, Path_] | None = None
        """The document read without the refused character, and the value that holds it."""


def character_name(char: str) -> str:
    return f"U+{ord(char):04X}"


def first_forbidden(text: str, forbidden: re.Pattern[str] = _FORBIDDEN_IN_FILE) -> int | None:
    """The offset of the first character no text may hold, or None."""
    bad = forbidden.search(text)
    end = bad.start() if bad else len(text)
    for astral in _ASTRAL.finditer(text, 0, end):
        if ord(astral.group()) & 0xFFFE == 0xFFFE:  # U+1FFFE, U+1FFFF, … U+10FFFF
            return astral.start()
    return bad.start() if bad else None


def _position(text: str, offset: int) -> Position:
    start = text.rfind("\n", 0, offset) + 1
    return Position(text.count("\n", 0, offset) + 1, offset - start + 1)


def check_before_parsing(text: str) -> None:
    """Refuse characters no text may hold and nesting too deep to parse safely."""
    bad = first_forbidden(text)
    if bad is not None:
        raise InputRefused("control_character", _position(text, bad),
                           char=character_name(text[bad]))
    deep = _too_deep(text)
    if deep is not None:
        raise InputRefused("too_deep", _position(text, deep), limit=MAX_DEPTH)


def blank_refused_characters(text: str) -> str:
    """``text`` with every character refused in a file as a space (one for one: positions stay)."""
    return _ASTRAL.sub(lambda m: " " if ord(m.group()) & 0xFFFE == 0xFFFE else m.group(),
                       _FORBIDDEN_IN_FILE.sub(" ", text))


def _too_deep(text: str) -> int | None:
    """The offset where nesting passes MAX_DEPTH, estimated from the raw text, or None.

    Brackets are counted wherever they stand (also inside texts: an overestimate, harmless at
    this limit); block nesting by the indentation levels open on a line plus the ``- `` and
    ``? `` indicators in front of its content.
    """
    depth = 0
    for match in _BRACKET.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif depth:
            depth -= 1
    if _FAR_IN.search(text) is None:  # no line starts that far in: nothing deeper
        return None
    open_levels: list[int] = []
    offset = 0
    for line in text.split("\n"):
        content = line.lstrip(" ")
        if content and not content.startswith("#"):
            indent = len(line) - len(content)
            while open_levels and open_levels[-1] >= indent:
                open_levels.pop()
            open_levels.append(indent)
            indicators = _INDICATORS.match(content).group()  # type: ignore[union-attr]
            depth = len(open_levels)
            if depth > MAX_DEPTH:
                return offset + indent
            for column, char in enumerate(indicators):
                depth += char in "-?"
                if depth > MAX_DEPTH:
                    return offset + indent + column
        offset += len(line) + 1
    return None


def check_aliases(text: str, loader: type) -> None:
    """Refuse aliases that would add more than MAX_ALIAS_NODES values, or contain themselves.

    Walks libyaml's events (no recursion, no data built): each alias adds the size its anchor
    had when it closed, aliases inside included.
    """
    if _ANCHOR.search(text) is None:
        return
    sizes: dict[str, int] = {}
    open_nodes: list[list[Any]] = []  # [anchor, size so far]
    added = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.CollectionStartEvent):
                open_nodes.append([event.anchor, 1])
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                anchor, size = open_nodes.pop()
            elif isinstance(event, yaml.ScalarEvent):
                anchor, size = event.anchor, 1
            elif isinstance(event, yaml.AliasEvent):
                anchor = None
                if event.anchor in sizes:
                    size = sizes[event.anchor]
                elif any(node[0] == event.anchor for node in open_nodes):
                    raise InputRefused("alias_loop", _mark(event), name=event.anchor)
                else:
                    return  # an unknown alias: the parser reports it
                added += size
                if added > MAX_ALIAS_NODES:
                    raise InputRefused("alias_limit", _mark(event), limit=MAX_ALIAS_NODES)
            else:
                continue
            if anchor is not None:
                sizes[anchor] = size
            if open_nodes:
                open_nodes[-1][1] += size
    except yaml.YAMLError:
        return  # a syntax error: parsing reports it with its position


def _mark(event: yaml.Event) -> Position:
    return Position(event.start_mark.line + 1, event.start_mark.column + 1)


def control_characters(doc: LoadedDocument) -> Iterator[tuple[Path_, Position, str]]:
    """Control characters that escapes in double quotes (``"\\x07"``) put into keys or values.

    The raw text was checked before parsing, so only an escape can have put one there.
    """
    if not any("\\" in line and _forbidden_escape(line) for line in doc.lines):
        return
    stack: list[tuple[Path_, Any]] = [((), doc.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                stack.append(((*path, key), item))
                bad = first_forbidden(key, _FORBIDDEN_IN_VALUE) if isinstance(key, str) else None
                if bad is not None:
                    yield (*path, key), doc.key_position((*path, key)), character_name(key[bad])
        elif isinstance(value, list):
            stack.extend(((*path, i), item) for i, item in enumerate(value))
        elif isinstance(value, str):
            bad = first_forbidden(value, _FORBIDDEN_IN_VALUE)
            if bad is not None:
                at = doc.position_in_text(path, bad, value[bad])
                yield path, at, character_name(value[bad])


# YAML's escapes in double quotes that produce a control character (tab and line feed are
# text), or a character by its code
_ESCAPE = re.compile(r"\\(?:[0abvfreN]|x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))")


def _forbidden_escape(line: str) -> bool:
    """Whether ``line`` holds an escape that may produce a forbidden character."""
    for match in _ESCAPE.finditer(line):
        code = match.group(1) or match.group(2) or match.group(3)
        if code is None or int(code, 16) > 0x10FFFF:
            return True
        if first_forbidden(chr(int(code, 16)), _FORBIDDEN_IN_VALUE) is not None:
            return True
    return False


def read_data_file(path: Path) -> str:
    """A data file's text; an unreadable file, or one not in UTF-8, is refused with a plain
    reason (for another encoding: the likely one, at the first byte that is not UTF-8)."""
    try:
        raw = Path(path).read_bytes()
    except IsADirectoryError:
        raise InputRefused("not_a_file", Position(1, 1)) from None
    except PermissionError:
        raise InputRefused("file_not_readable", Position(1, 1)) from None
    except MemoryError:
        raise InputRefused("too_complex", Position(1, 1)) from None
    except OSError as exc:
        raise InputRefused("file_error", Position(1, 1),
                           detail=exc.strerror or type(exc).__name__) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        line, column = first_bad_byte(raw)
        raise InputRefused("wrong_encoding", Position(line, column),
                           encoding=guess_encoding(raw)) from None
