"""``microsite review RECORD --lang en``: record that a translation was checked.

Writes the fingerprints of the default language's texts into ``translation.<lang>.reviewed``
of one record by a precise text edit at the lines the YAML parser names. A file in the one
canonical layout (``yaml_layout.format_projects``: the browser editor's and ``./dev format``'s)
stays in it, so a review changes only the reviewed record's lines and ``./dev format --check``
stays clean; a file laid out by hand keeps its comments and layout (``check`` says to run
``./dev format``).
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from microsite.data.loading import YamlSyntaxError, parse_yaml
from microsite.data.translations import fingerprints, fingerprints_yaml
from microsite.editing.yaml_layout import format_projects


class ReviewError(Exception):
    """The review cannot be written; the message is for the editor (German)."""


@dataclass(frozen=True)
class Edit:
    start: int  # character offsets in the file's text
    end: int
    text: str


def _offset(lines: list[str], mark: yaml.Mark) -> int:
    return sum(len(line) for line in lines[:mark.line]) + mark.column


def _get(node: yaml.Node, key: str) -> tuple[yaml.Node | None, yaml.Node | None]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return key_node, value
    return None, None


def _last_line(node: yaml.Node) -> int:
    """The 0-based line of a block node's last character (a block's own end mark lies at the
    next token, which may be on a later line)."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value \
            and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    end = node.end_mark
    return end.line - 1 if end.column == 0 else end.line


def _record_node(root: yaml.Node, record_id: str) -> yaml.MappingNode:
    _, records = _get(root, "records")
    for item in records.value if isinstance(records, yaml.SequenceNode) else ():
        _, rid = _get(item, "id")
        if isinstance(rid, yaml.ScalarNode) and rid.value == record_id:
            return item
    raise ReviewError(f"einen Eintrag „{record_id}“ gibt es nicht")


def _edit(lines: list[str], record: yaml.MappingNode, lang: str, flow: str) -> Edit:
    """The one change that records ``flow`` as the reviewed fingerprints of ``lang``."""
    reviewed = f"{{reviewed: {flow}}}"
    translation_key, translation = _get(record, "translation")
    if translation is None:  # a new block before "texts:", in the file's usual form
        texts_key, _ = _get(record, "texts")
        anchor = texts_key or record.value[-1][0]
        indent = " " * anchor.start_mark.column
        at = _offset(lines, anchor.start_mark) - anchor.start_mark.column
        return Edit(at, at, f"{indent}translation:\n{indent}  {lang}: {reviewed}\n")
    if not isinstance(translation, yaml.MappingNode) or not translation.value:
        # "translation:" left empty, "~" or "{}": the whole value becomes the new mapping
        assert translation_key is not None
        if isinstance(translation, yaml.ScalarNode) and translation.value == "":
            at = _offset(lines, translation_key.end_mark) + 1  # after "translation:"
            return Edit(at, at, f" {{{lang}: {reviewed}}}")
        return Edit(_offset(lines, translation.start_mark), _offset(lines, translation.end_mark),
                    f"{{{lang}: {reviewed}}}")
    _, state = _get(translation, lang)
    if state is None:
        if translation.flow_style:
            end = _offset(lines, translation.end_mark) - 1  # before the closing brace
            return Edit(end, end, f", {lang}: {reviewed}")
        indent = " " * translation.value[0][0].start_mark.column
        at = sum(len(line) for line in lines[:_last_line(translation) + 1])
        return Edit(at, at, f"{indent}{lang}: {reviewed}\n")
    if not isinstance(state, yaml.MappingNode) or state.flow_style:
        return Edit(_offset(lines, state.start_mark), _offset(lines, state.end_mark), reviewed)
    _, marks = _get(state, "reviewed")
    if marks is None:
        indent = " " * state.value[0][0].start_mark.column
        at = sum(len(line) for line in lines[:_last_line(state) + 1])
        return Edit(at, at, f"{indent}reviewed: {flow}\n")
    if marks.flow_style or not isinstance(marks, yaml.MappingNode):
        return Edit(_offset(lines, marks.start_mark), _offset(lines, marks.end_mark), flow)
    # a block of "field: fingerprint" lines: rewrite exactly that block
    indent = " " * marks.value[0][0].start_mark.column
    start = _offset(lines, marks.start_mark) - marks.start_mark.column
    end = sum(len(line) for line in lines[:_last_line(marks) + 1])
    block = "".join(f"{indent}{key}: {value}\n"
                    for key, value in yaml.safe_load(flow).items())
    return Edit(start, end, block)


def review(text: str, record_id: str, lang: str, default: str) -> tuple[str, dict[str, str]]:
    """The file's text with the review of ``lang`` recorded, and the fingerprints written."""
    if lang == default:
        raise ReviewError(f"„{lang}“ ist die Hauptsprache; geprüft werden Übersetzungen")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ReviewError("die Datei ist kein gültiges YAML; erst „microsite check“ "
                          "ausführen und die Fehler beheben") from exc
    record = _record_node(root, record_id)
    item = next(r for r in data["records"]
                if isinstance(r, dict) and str(r.get("id")) == record_id)
    texts = item.get("texts") if isinstance(item.get("texts"), dict) else {}
    if not isinstance(texts.get(default), dict) or not isinstance(texts.get(lang), dict):
        raise ReviewError(f"der Eintrag „{record_id}“ hat keine Texte unter „texts.{lang}“ "
                          f"und „texts.{default}“")
    current = fingerprints(texts[default])
    lines = text.splitlines(keepends=True)
    edit = _edit(lines, record, lang, fingerprints_yaml(texts[default]))
    result = text[:edit.start] + edit.text + text[edit.end:]
    try:  # never save a file the edit would have broken
        yaml.safe_load(result)
    except yaml.YAMLError as exc:
        raise ReviewError("die Prüfwerte ließen sich nicht sicher eintragen; bitte von Hand "
                          "eintragen (siehe Leitfaden, „Übersetzungen“)") from exc
    if _is_canonical(text):
        return format_projects(parse_yaml(result).data), current
    return result, current


def _is_canonical(text: str) -> bool:
    try:
        return text == format_projects(parse_yaml(text).data)
    except YamlSyntaxError:  # what PyYAML reads but our stricter reader refuses
        return False
