"""Reading YAML while keeping the line and column of every value, for error messages."""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from microsite.yaml_mistakes import locate

try:  # libyaml is much faster and keeps node marks too
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


class YamlSyntaxError(Exception):
    """The file is not valid YAML; carries the position the parser stopped at."""

    def __init__(self, problem: str, position: Position) -> None:
        super().__init__(problem)
        self.problem = problem
        self.position = position


class DuplicateKeyError(YamlSyntaxError):
    """A mapping repeats a key; YAML loaders usually keep the last one silently."""

    def __init__(self, key: str, position: Position) -> None:
        super().__init__(f"duplicate key {key!r}", position)
        self.key = key


@dataclass
class LoadedDocument:
    """Plain Python data plus where each value (by path) stands in the file.

    The maps hold the parser's marks (0-based) as they come; they become ``Position``s only
    when asked for, i.e. for the few values that have a problem, which keeps loading fast.
    """

    data: Any
    positions: dict[Path_, Position | yaml.Mark]
    key_positions: dict[Path_, Position | yaml.Mark]
    literal_blocks: set[Path_] = field(default_factory=set)
    """Paths of ``|`` block texts, whose lines map one to one onto the file's lines."""
    lines: list[str] = field(default_factory=list)
    number_sources: dict[Path_, str] = field(default_factory=dict)
    """The source text of each number, e.g. ``50.000`` that YAML reads as 50.0."""
    bool_sources: dict[Path_, str] = field(default_factory=dict)
    """The source text of each true/false value, e.g. ``yes`` or ``off`` as the editor typed it."""
    plain_spans: dict[Path_, tuple[Any, Any]] = field(default_factory=dict)
    """Start and end marks of unquoted texts (plain or ``>``), where a ``#`` or a line break
    can change the text silently."""

    def position_in_text(self, path: Path_, offset: int, needle: str) -> Position:
        """Where character ``offset`` of the text at ``path`` stands in the file.

        Exact for ``|`` blocks (the usual form of long texts); otherwise the text's start.
        """
        start = self.position(path)
        value = value_at(self.data, path)
        if tuple(path) not in self.literal_blocks or not isinstance(value, str):
            return start
        line = start.line + 1 + value.count("\n", 0, offset)
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        column = source.find(needle)
        return Position(line, column + 1) if column >= 0 else start

    def position(self, path: Path_) -> Position:
        """The position of the value at ``path``, or of its nearest existing parent."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return _position(self.positions[path])
            path = path[:-1]
        return _position(self.positions.get((), Position(1, 1)))

    def key_position(self, path: Path_) -> Position:
        """Where the key of ``path`` is written (for unknown keys)."""
        mark = self.key_positions.get(tuple(path))
        return _position(mark) if mark is not None else self.position(path)


def value_at(data: Any, path: Path_) -> Any:
    """The value at ``path`` inside nested dicts and lists, or None where there is none."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _position(mark: Position | yaml.Mark) -> Position:
    if isinstance(mark, Position):
        return mark
    return Position(mark.line + 1, mark.column + 1)


def _mark(node: yaml.Node) -> Position:
    return _position(node.start_mark)


def _to_python(node: yaml.Node, path: Path_, doc: LoadedDocument) -> Any:
    """Turn a node into plain data: scalars keep YAML's types but dates stay text.

    Dates stay strings so that an impossible date such as 2025-02-31 reaches validation with
    its position, rather than failing inside the YAML constructor.
    """
    doc.positions[path] = node.start_mark
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            child = (*path, key)
            if key in result:
                raise DuplicateKeyError(key, _mark(key_node))
            doc.key_positions[child] = key_node.start_mark
            result[key] = _to_python(value_node, child, doc)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, (*path, i), doc) for i, item in enumerate(node.value)]
    if node.style == "|":
        doc.literal_blocks.add(path)
    mark = node.start_mark
    first = doc.lines[mark.line][mark.column:mark.column + 1] if mark.line < len(doc.lines) else ""
    if first in _NODE_PROPERTIES:
        # "&Co und mehr" silently loses "&Co" (an anchor), "! Neu" its "!" (a tag)
        raise YamlSyntaxError(_NODE_PROPERTIES[first], _position(mark))
    if node.tag in _AS_TEXT:  # plain text (most values) needs no constructor
        if not node.style or node.style == ">":
            doc.plain_spans[path] = (mark, node.end_mark)
        return node.value
    simple = _SIMPLE_SCALARS.get(node.tag)
    if node.tag in _NUMBERS:
        doc.number_sources[path] = node.value
    elif node.tag == _BOOL:
        doc.bool_sources[path] = node.value
    if simple is not None:  # not construct_object: it would keep every node in its cache
        return simple(_SCALARS, node)
    return _SCALARS.construct_object(node, deep=True)


_SCALARS = yaml.SafeLoader("")
_AS_TEXT = frozenset(("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"))
_NUMBERS = frozenset(("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"))
_BOOL = "tag:yaml.org,2002:bool"
_SIMPLE_SCALARS = {f"tag:yaml.org,2002:{name}": yaml.SafeLoader.yaml_constructors[
    f"tag:yaml.org,2002:{name}"] for name in ("int", "float", "bool", "null")}


# where libyaml notices these only on a later line, the line it started from is the mistake:
# "kind:programme" (no space after the colon), an unclosed "{" or "["
_CONTEXT_IS_THE_MISTAKE = (
    "while scanning a simple key",
    "while parsing a flow mapping",
    "while parsing a flow sequence",
)


# Problems of our own (English, as libyaml's are; problems.py says them plainly): a value that
# starts with a character YAML reserves, found on the line libyaml stopped at
VALUE_STARTS_WITH = "a value starts with"
_NODE_PROPERTIES = {"&": f"{VALUE_STARTS_WITH} '&'", "!": f"{VALUE_STARTS_WITH} '!'"}
QUOTE_THEN_TEXT = "a quoted value is followed by more text"
_VALUE = re.compile(r"^\s*(?:-\s+)*(?:[^\s:#\"'{}\[\],][^:#]*:\s+|-\s+)(?P<value>\S.*)$")
_QUOTED_THEN_TEXT = re.compile(r"""^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*[^\s#]""")


def _editor_mistake(line: str) -> str | None:
    """What an editor likely did on ``line`` when YAML cannot read it, or None."""
    match = _VALUE.match(line)
    if match is None:
        return None
    value = match.group("value")
    if value.startswith("- "):
        return f"{VALUE_STARTS_WITH} '- '"
    if value[0] in "*@`%!&":
        return f"{VALUE_STARTS_WITH} '{value[0]}'"
    if _QUOTED_THEN_TEXT.match(value):
        return QUOTE_THEN_TEXT
    return None


def parse_yaml(text: str) -> LoadedDocument:
    """Parse YAML text; raise YamlSyntaxError with a position when it is not valid YAML."""
    from microsite.input_guards import InputRefused, check_aliases, check_before_parsing

    check_before_parsing(text)  # characters and nesting depth, before libyaml sees the text
    check_aliases(text, _Loader)
    # Parsing allocates many small objects that all stay alive until the end; the cyclic
    # garbage collector would scan them again and again (a third of the time at 1,000 records).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse(text)
    except (RecursionError, MemoryError):
        raise InputRefused("too_complex", Position(1, 1)) from None
    finally:
        if collecting:
            gc.enable()


def _parse(text: str) -> LoadedDocument:
    doc = LoadedDocument(data=None, positions={}, key_positions={}, lines=text.splitlines())
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and (exc.context or "").startswith(_CONTEXT_IS_THE_MISTAKE):
            mark = exc.context_mark
        position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        line = doc.lines[position.line - 1] if 0 < position.line <= len(doc.lines) else ""
        mistake = _editor_mistake(line)
        if mistake is not None:
            position = Position(position.line, line.index(_VALUE.match(line)["value"]) + 1)
        elif (earlier := locate(doc.lines, position.line, position.column)) is not None:
            mistake, position = earlier[0], Position(earlier[1], earlier[2])
        raise YamlSyntaxError(mistake or exc.problem or str(exc), position) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(str(exc), Position(1, 1)) from None
    if root is None:
        doc.positions[()] = Position(1, 1)
        return doc
    try:
        doc.data = _to_python(root, (), doc)
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        line = doc.lines[position.line - 1] if 0 < position.line <= len(doc.lines) else ""
        raise YamlSyntaxError(_editor_mistake(line) or exc.problem or str(exc), position) from None
    return doc


def read_yaml(path: Path) -> LoadedDocument:
    return parse_yaml(Path(path).read_text(encoding="utf-8"))
