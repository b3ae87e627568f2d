"""The problem toolkit: where a problem lies in an editor's file, collected for one file.

Every rule (schema, texts, records, site facts) reports through a ``ProblemCollector``, which
attaches the file, line, column, record id and field; nothing here knows any rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from microsite.checks.problems import Problem
from microsite.data.document import LoadedDocument, Position
from microsite.data.input_guards import InputRefused


class ValidationFailed(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def field_path(path: Sequence[str | int]) -> str:
    """``("funding", "funders", 0, "name")`` as ``funding.funders[0].name``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class ProblemCollector:
    """Collects problems for one file, attaching record ids, kinds and positions."""

    def __init__(self, file: str, doc: LoadedDocument) -> None:
        self.file = file
        self.doc = doc
        self.problems: list[Problem] = []

    def record_of(self, path: Sequence[str | int]) -> tuple[str | None, str | None, tuple]:
        """The record a path lies in, and the path inside that record."""
        if len(path) >= 2 and path[0] == "records" and isinstance(path[1], int):
            records = self.doc.data.get("records") if isinstance(self.doc.data, dict) else None
            item = records[path[1]] if isinstance(records, list) else None
            if isinstance(item, dict):
                rid = found(item["id"]) if isinstance(item.get("id"), str) else f"#{path[1] + 1}"
                kind = item.get("kind") if isinstance(item.get("kind"), str) else None
                return rid, kind, tuple(path[2:])
            return f"#{path[1] + 1}", None, tuple(path[2:])
        return None, None, tuple(path)

    def add(self, path: Sequence[str | int], code: str, *, key_position: bool = False,
            warning: bool = False, at: Position | None = None, **params: Any) -> None:
        pos = at or (self.doc.key_position(path) if key_position else self.doc.position(path))
        rid, kind, inner = self.record_of(path)
        self.problems.append(Problem(
            file=self.file, line=pos.line, column=pos.column, code=code,
            field=field_path(inner), record_id=rid, record_kind=kind, params=params,
            warning=warning,
        ))

def refusal_problem(refused: InputRefused, file: str) -> Problem:
    """A refused file as a problem; where the refused character lies in a value, the problem
    names its record and field, as every other message does."""
    if refused.where is not None:
        out = ProblemCollector(file, refused.where[0])
        out.add(refused.where[1], refused.code, at=refused.position, **refused.params)
        return out.problems[0]
    return Problem(file, refused.position.line, refused.position.column, refused.code,
                   params=refused.params)


def found(value: Any) -> str:
    """A value as quoted in a message, shortened to 60 characters; invisible characters (a line
    feed, a control character) written as escapes, so the message stays one readable line."""
    text = str(value)
    if not text.isprintable():
        text = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)
    return text if len(text) <= 60 else text[:57] + "…"
