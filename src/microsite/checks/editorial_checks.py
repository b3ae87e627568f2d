"""Silent damage: data that is valid YAML and passes the schema, but is not what the editor
meant – a text cut at ``#``, a list folded into one line, invisible characters from Word, a
half-translated page, the guide's example published, implausible values.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from microsite.checks.collector import ProblemCollector, found
from microsite.data.loading import Position

# the guide's example record (guide/redaktion.md); tests/checks/test_editorial_checks.py keeps these
# in step with the guide
EXAMPLE_ID = "beispiel-mentoring"
EXAMPLE_TITLE = "Mentoring für Neuzugewanderte"
TITLE_LIMIT = 120
TITLE_HARD_LIMIT = 300
"""Above this a title is an error, not a hint: no page, feed or search result can show it."""
EARLIEST_YEAR = 2000
YEARS_AHEAD = 10
# texts the reader sees; a comment after one of them is likely a cut text
_TEXT_KEYS = frozenset(("title", "summary", "target_group", "description", "label", "name"))
_BULLET = re.compile(r"(?:^|\n)[ \t]*(?P<bullet>[•◦▪‣●])[ \t\u00a0]")
_LIST_LINE = re.compile(r"^(?P<marker>[-*+]|\d{1,2}[.)])\s")
_COMMENT = re.compile(r"^(?P<space>[ \t]+)#(?P<rest>.*)$")
INVISIBLE = {
    "\u00ad": "weiches Trennzeichen",
    "\u200b": "Leerzeichen ohne Breite",
    "\u200c": "Bindungsverhinderer ohne Breite",
    "\u200d": "Verbinder ohne Breite",
    "\u2060": "Wortverbinder",
    "\ufeff": "Byte-Order-Mark",
}
NBSP = "\u00a0"
_SUSPECT = re.compile("[" + "".join(INVISIBLE) + NBSP + "]")
TRANSLATED_FIELDS = ("target_group", "description", "how_to_take_part")
_DATE_PATHS = (("period", "start"), ("period", "end"), ("publish_from",))


def nbsp_is_typographic(text: str, index: int) -> bool:
    """A no-break space is kept after a number ("50 €", "10 %"), before a number ("Nr. 5") or
    after an abbreviation's full stop ("z. B."); anywhere else it was pasted by accident."""
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return before.isdigit() or after.isdigit() or before == "." or after in "€%§"


def check_editorial(records: list[dict], out: ProblemCollector, languages: tuple[str, ...],
                    today: dt.date | None = None) -> None:
    """Every rule of this module on the records of one file."""
    today = today or dt.date.today()
    lines = out.doc.lines
    with_hash = {number for number, line in enumerate(lines) if "#" in line}
    for path, (start, end) in out.doc.plain_spans.items():
        # only where the text is followed by "#" or spans lines (rare): checks stay fast
        if path[:1] == ("records",) and (end.line in with_hash or end.line > start.line):
            _check_cut_and_lists(path, out)
    text = "\n".join(lines)  # one search over the file, not one per line
    suspect = _SUSPECT.search(text) is not None
    bullets = _BULLET.search(text) is not None
    titles: dict[tuple[str, str], tuple[str, tuple]] = {}
    for index, item in enumerate(records):
        base: list[str | int] = ["records", index]
        for path, value in _strings(item, (*base,)) if suspect else ():
            _check_invisible(path, value, out)
        for path, value in _strings(item, (*base,)) if bullets else ():
            _check_bullets(path, value, out)
        _check_translation(item, base, languages, out)
        _check_example(item, base, out)
        _check_years(item, base, today, out)
        _check_titles(item, base, out, titles)


def _strings(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _strings(child, (*path, i))


def _field_key(path: tuple) -> str:
    """The field a text belongs to: ``label`` for ``(…, "label", "de")``."""
    keys = [p for p in path if isinstance(p, str)]
    if len(keys) >= 2 and re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z]+)?", keys[-1]) \
            and keys[-2] in _TEXT_KEYS:
        return keys[-2]
    return keys[-1] if keys else ""


def _check_cut_and_lists(path: tuple, out: ProblemCollector) -> None:
    start, end = out.doc.plain_spans[path]
    lines = out.doc.lines
    rest = lines[end.line][end.column:] if end.line < len(lines) and end.column > 0 else ""
    comment = _COMMENT.match(rest) if "#" in rest else None
    # a deliberate comment has two spaces before "#" and one after; "Nr. #1" or
    # "Wir sind #eins" lost its end
    if comment and (len(comment["space"]) == 1 or not comment["rest"].startswith(" ")) \
            and _field_key(path) in _TEXT_KEYS:
        out.add(list(path), "comment_cut", warning=True,
                at=Position(end.line + 1, end.column + len(comment["space"]) + 1),
                rest=found(comment["rest"].rstrip()))
    if end.line <= start.line:
        return  # one line: no list to lose
    key = _field_key(path)
    last = end.line if end.column > 0 else end.line - 1
    items = [(number, marker["marker"]) for number in range(start.line + 1,
                                                             min(last, len(lines) - 1) + 1)
             if (marker := _LIST_LINE.match(lines[number].lstrip()))]
    # "- …" or "* …" starts a list; a number only when two lines have one ("am\n1. Mai" is
    # a date wrapped at the line end)
    bullets = [item for item in items if not item[1][0].isdigit()]
    first = bullets[0] if bullets else (items[0] if len(items) >= 2 else None)
    if first is not None:
        line = lines[first[0]]
        out.add(list(path), "list_without_block", warning=True,
                at=Position(first[0] + 1, len(line) - len(line.lstrip()) + 1),
                found=first[1], key=key)


def _check_bullets(path: tuple, value: str, out: ProblemCollector) -> None:
    """"• Beratung" pasted from Word: Markdown makes no list of it; named where it starts."""
    match = _BULLET.search(value)
    if match:
        offset = match.start("bullet")
        out.add(list(path), "pasted_bullets", warning=True,
                at=_offset_position(path, value, offset, out), found=match["bullet"],
                key=_field_key(path))


def _offset_position(path: tuple, value: str, offset: int, out: ProblemCollector) -> Position:
    """Where character ``offset`` of a text stands: exact for ``|`` blocks and one-line texts."""
    span = out.doc.plain_spans.get(path)
    if span is not None and span[0].line == span[1].line:
        return Position(span[0].line + 1, span[0].column + offset + 1)
    return out.doc.position_in_text(path, offset, value[offset])


def _check_invisible(path: tuple, value: str, out: ProblemCollector) -> None:
    if not _SUSPECT.search(value):
        return
    for offset, char in enumerate(value):
        at = None
        if char in INVISIBLE:
            at = _offset_position(path, value, offset, out)
            out.add(list(path), "invisible_character", warning=True, at=at,
                    name_de=INVISIBLE[char], char=f"U+{ord(char):04X}")
        elif char == NBSP and not nbsp_is_typographic(value, offset):
            at = _offset_position(path, value, offset, out)
            out.add(list(path), "stray_nbsp", warning=True, at=at)
        if at is not None:
            return  # one per text: after deleting it, check shows the next


def _check_translation(item: dict, base: list, languages: tuple[str, ...],
                       out: ProblemCollector) -> None:
    texts = item.get("texts") if isinstance(item.get("texts"), dict) else {}
    states = item.get("translation") if isinstance(item.get("translation"), dict) else {}
    default = languages[0] if languages else None
    source = texts.get(default) if isinstance(texts.get(default), dict) else {}
    for lang in languages[1:]:
        block = texts.get(lang)
        if not isinstance(block, dict):
            continue
        if states.get(lang) == "pending":
            out.add([*base, "translation", lang], "pending_ignored", warning=True, lang=lang)
            continue
        for key in TRANSLATED_FIELDS:
            if source.get(key) not in (None, "", []) and block.get(key) in (None, "", []):
                out.add([*base, "texts", lang], "translation_incomplete", key_position=True,
                        lang=lang, default_lang=default, key=key)


def _check_example(item: dict, base: list, out: ProblemCollector) -> None:
    texts = item.get("texts") if isinstance(item.get("texts"), dict) else {}
    titles = [b.get("title") for b in texts.values() if isinstance(b, dict)]
    if item.get("id") == EXAMPLE_ID or EXAMPLE_TITLE in [str(t).strip() for t in titles]:
        out.add([*base, "id"], "example_record", found=EXAMPLE_ID)


def _check_years(item: dict, base: list, today: dt.date, out: ProblemCollector) -> None:
    high = today.year + YEARS_AHEAD
    sources = item.get("sources") if isinstance(item.get("sources"), list) else []
    for path in (*_DATE_PATHS, *(("sources", i, "date") for i in range(len(sources)))):
        value: Any = item
        for part in path:
            if isinstance(part, int):
                value = value[part] if isinstance(value, list) else None
            else:
                value = value.get(part) if isinstance(value, dict) else None
        year = re.match(r"^(\d{4})-", value) if isinstance(value, str) else None
        if year and not EARLIEST_YEAR <= int(year.group(1)) <= high:
            out.add([*base, *path], "implausible_year", year=year.group(1), low=EARLIEST_YEAR,
                    high=high)


def _check_titles(item: dict, base: list, out: ProblemCollector,
                  seen: dict[tuple[str, str], tuple[str, tuple]]) -> None:
    texts = item.get("texts") if isinstance(item.get("texts"), dict) else {}
    for lang, block in texts.items():
        title = block.get("title") if isinstance(block, dict) else None
        if not isinstance(title, str) or not title.strip():
            continue
        path = [*base, "texts", lang, "title"]
        if len(title.strip()) > TITLE_HARD_LIMIT:  # an error: such a title is not built
            out.add(path, "title_far_too_long", length=len(title.strip()),
                    limit=TITLE_HARD_LIMIT)
        elif len(title.strip()) > TITLE_LIMIT:
            out.add(path, "title_too_long", warning=True, length=len(title.strip()),
                    limit=TITLE_LIMIT)
        key = (str(lang), " ".join(title.split()).casefold())
        if key in seen:
            other, other_path = seen[key]
            out.add(path, "duplicate_title", warning=True, found=found(title.strip()),
                    other=other, other_line=out.doc.position(other_path).line)
        else:
            seen[key] = (str(item.get("id")), tuple(path))
