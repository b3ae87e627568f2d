"""Reading YAML while keeping the line and column of every value, for error messages."""

from __future__ import annotations

import gc
import re
from pathlib import Path
from typing import Any

import yaml

from microsite.data.document import (
    DuplicateKeyError,
    LoadedDocument,
    Path_,
    Position,
    YamlSyntaxError,
    position_of,
    value_at,
)
from microsite.data.input_guards import (
    InputRefused,
    blank_refused_characters,
    check_aliases,
    check_before_parsing,
)
from microsite.data.yaml_mistakes import locate

# what callers have always taken from here: the document and its errors
__all__ = [
    "DuplicateKeyError", "InputRefused", "LoadedDocument", "Path_", "Position", "YamlSyntaxError",
    "parse_yaml", "read_yaml", "value_at",
]

try:  # libyaml is much faster and keeps node marks too
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def _mark(node: yaml.Node) -> Position:
    return position_of(node.start_mark)


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
        raise YamlSyntaxError(_NODE_PROPERTIES[first], position_of(mark))
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
    try:  # characters and nesting depth, before libyaml sees the text
        check_before_parsing(text)
    except InputRefused as refused:
        if refused.code == "control_character":
            refused.where = _value_holding(text, refused.position)
        raise
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


def _value_holding(text: str, position: Position) -> tuple[LoadedDocument, Path_] | None:
    """The value holding a refused character at ``position``: found in the text read with every
    refused character as a space (one character for one, so positions stay); None where it is
    no value's text."""
    try:
        doc = parse_yaml(blank_refused_characters(text))
    except YamlSyntaxError:
        return None
    best: tuple[int, int] | None = None
    found = None
    line = doc.lines[position.line - 1] if position.line <= len(doc.lines) else ""
    for path in doc.positions:
        at = doc.position(path)
        if isinstance(value_at(doc.data, path), dict | list):
            continue
        # on the value's line, within it or in the blanks just before it (a refused first
        # character, now a space, is not part of the value YAML reads)
        same_line = at.line == position.line and (
            at.column <= position.column or not line[position.column - 1:at.column - 1].strip())
        in_block = path in doc.literal_blocks and at.line < position.line
        if (same_line or in_block) and (best is None or (at.line, at.column) > best):
            best, found = (at.line, at.column), path
    return (doc, found) if found is not None else None


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
