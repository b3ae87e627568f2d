"""A YAML document as read: plain Python data, and where each value stands in the file.

Loading (``loading``), the input guards (``input_guards``) and every rule (``collector``) share
these types; they import nothing of the project, so none of those depends on another for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

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
                return position_of(self.positions[path])
            path = path[:-1]
        return position_of(self.positions.get((), Position(1, 1)))

    def key_position(self, path: Path_) -> Position:
        """Where the key of ``path`` is written (for unknown keys)."""
        mark = self.key_positions.get(tuple(path))
        return position_of(mark) if mark is not None else self.position(path)


def value_at(data: Any, path: Path_) -> Any:
    """The value at ``path`` inside nested dicts and lists, or None where there is none."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def position_of(mark: Position | yaml.Mark) -> Position:
    """A parser mark (0-based) as a ``Position`` (1-based); a ``Position`` stays as it is."""
    if isinstance(mark, Position):
        return mark
    return Position(mark.line + 1, mark.column + 1)
