"""The canonical layout of ``data/projects.yaml``: the one way the browser editor writes it.

``microsite format`` writes it, and the editor's save function (``admin/microsite-format.js``)
follows the same rules, so the file looks the same whoever saved it last and a change to one
record changes only that record's lines. The rules, kept deliberately small:

- a fixed header comment, then ``format`` and ``records``; one blank line between records;
- block style throughout, two spaces a level, list items indented under their key;
- keys in the order the schema lists them (``schema.py``); keys the schema does not order
  (languages, fingerprints) in the schema's ``propertyNames`` order, else alphabetically;
- text plain where YAML reads it back as the same text, a text with line breaks as a literal
  block (``|`` / ``|-``), anything else in double quotes with JSON-like escapes;
- numbers as digits (a whole float as an integer), ``true``/``false``, ``null``.

Nothing is added or dropped: the formatter only lays the data out again.
"""

from __future__ import annotations

import re
from typing import Any

from microsite.data.schema import projects_schema

HEADER = (
    "# yaml-language-server: $schema=../schema/projects.schema.json\n"
    "#\n"
    "# Programmes, projects and events of the Landeshauptstadt Hannover on labour-market"
    " integration.\n"
    "# Written in one fixed layout by the browser editor (/admin/) and by `microsite format`;"
    " what\n"
    "# each field means: guide/redaktion.md. Comments here are not kept: put notes into the"
    " guide.\n"
)

# Text YAML 1.1 (PyYAML) or 1.2 (the editor's parser) would read as something else
_SPECIAL = re.compile(
    r"^(?:[-+]?[0-9._:]+(?:[eE][-+]?[0-9]+)?|0[xXoObB][0-9a-fA-F_]+|[-+]?\.(?:inf|Inf|INF)"
    r"|\.(?:nan|NaN|NAN)|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No"
    r"|NO|on|On|ON|off|Off|OFF|y|Y|n|N|<<|=)$")
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
_ESCAPE = re.compile(r"[\"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _plain_ok(text: str) -> bool:
    return bool(
        text
        and text[0] not in _INDICATORS
        and text == text.strip()
        and ": " not in text and " #" not in text and not text.endswith(":")
        and "\t" not in text
        and not _ESCAPE.search(text.replace('"', "").replace("\\", ""))
        and not _SPECIAL.match(text)
    )


def _literal_ok(text: str) -> bool:
    """A literal block keeps ``text`` exactly: one or no final line break, no leading space,
    no line of only spaces (YAML would drop them), nothing that needs an escape."""
    if "\n" not in text or text.endswith("\n\n") or text[0] in " \n":
        return False
    if _ESCAPE.search(text.replace('"', "").replace("\\", "").replace("\n", "").replace("\t", "")):
        return False
    if "\t" in text:
        return False
    lines = text[:-1].split("\n") if text.endswith("\n") else text.split("\n")
    return all(line.strip(" ") or not line for line in lines)


def _quoted(text: str) -> str:
    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return _SHORT_ESCAPES.get(char) or f"\\u{ord(char):04X}"
    return '"' + _ESCAPE.sub(escape, text) + '"'


def scalar(value: Any) -> str:
    """One value on the line of its key: plain, quoted or the start of a literal block."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    text = str(value)
    if _plain_ok(text):
        return text
    return _quoted(text)


def _branch(schema: dict[str, Any] | None, value: Any) -> dict[str, Any] | None:
    """The part of the schema that describes ``value`` (the object branch of a ``oneOf``)."""
    if not schema:
        return None
    for option in schema.get("oneOf", ()):
        if isinstance(value, dict) and option.get("type") == "object":
            return option
        if isinstance(value, str) and option.get("type") == "string":
            return option
    return schema


def _ordered_keys(schema: dict[str, Any] | None, mapping: dict[str, Any]) -> list[str]:
    known: list[str] = []
    if schema:
        known = list(schema.get("properties", {})) or list(
            schema.get("propertyNames", {}).get("enum", []))
    first = [key for key in known if key in mapping]
    rest = sorted(key for key in mapping if key not in known)
    return first + rest


def _child(schema: dict[str, Any] | None, key: str) -> dict[str, Any] | None:
    if not schema:
        return None
    props = schema.get("properties", {})
    if key in props:
        return props[key]
    extra = schema.get("additionalProperties")
    return extra if isinstance(extra, dict) else None


def _items(schema: dict[str, Any] | None) -> dict[str, Any] | None:
    return schema.get("items") if schema else None


def _emit_value(out: list[str], prefix: str, value: Any, schema: dict[str, Any] | None,
                indent: int) -> None:
    """``prefix`` is ``key:`` or ``-``; the value follows on its line or below it."""
    schema = _branch(schema, value)
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            out.append(f"{pad}{prefix} {{}}")
            return
        out.append(f"{pad}{prefix}")
        _emit_mapping(out, value, schema, indent + 2)
    elif isinstance(value, list):
        if not value:
            out.append(f"{pad}{prefix} []")
            return
        out.append(f"{pad}{prefix}")
        _emit_sequence(out, value, _items(schema), indent + 2)
    elif isinstance(value, str) and _literal_ok(value):
        chomp = "" if value.endswith("\n") else "-"
        out.append(f"{pad}{prefix} |{chomp}")
        body = value[:-1] if value.endswith("\n") else value
        inner = " " * (indent + 2)
        out.extend(f"{inner}{line}" if line else "" for line in body.split("\n"))
    else:
        out.append(f"{pad}{prefix} {scalar(value)}")


def _emit_mapping(out: list[str], mapping: dict[str, Any], schema: dict[str, Any] | None,
                  indent: int, *, first_prefix: str | None = None) -> None:
    for n, key in enumerate(_ordered_keys(schema, mapping)):
        if n == 0 and first_prefix is not None:
            # the first key of a list item shares the line with "- "
            start = len(out)
            _emit_value(out, f"{scalar(key)}:", mapping[key], _child(schema, key), indent)
            out[start] = " " * (indent - 2) + first_prefix + out[start][indent:]
        else:
            _emit_value(out, f"{scalar(key)}:", mapping[key], _child(schema, key), indent)


def _emit_sequence(out: list[str], items: list[Any], schema: dict[str, Any] | None,
                   indent: int, *, blank_between: bool = False) -> None:
    for n, item in enumerate(items):
        if blank_between and n:
            out.append("")
        branch = _branch(schema, item)
        if isinstance(item, dict) and item:
            _emit_mapping(out, item, branch, indent + 2, first_prefix="- ")
        else:
            _emit_value(out, "-", item, branch, indent)


def format_projects(data: Any) -> str:
    """The canonical text of a parsed ``projects.yaml``."""
    schema = projects_schema()
    out: list[str] = []
    if not isinstance(data, dict):
        raise TypeError("projects.yaml must be a mapping")
    for key in _ordered_keys(schema, data):
        value = data[key]
        child = _child(schema, key)
        if key == "records" and isinstance(value, list) and value:
            out.append("records:")
            _emit_sequence(out, value, _items(child), 2, blank_between=True)
        else:
            _emit_value(out, f"{scalar(key)}:", value, child, 0)
    return HEADER + "\n".join(out) + "\n"
