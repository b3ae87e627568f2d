"""Site-wide facts (operator, address, contacts, …) from ``data/site.yaml``, in one place.

The press office edits that file; the legal pages read it through placeholders such as
``{{ site.operator.address }}`` in their Markdown. A fact the city has not given yet is left
empty (``~``) and shows on the page as a visible marker; ``microsite check`` lists it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from microsite.checks.collector import refusal_problem
from microsite.checks.problems import Problem
from microsite.checks.text_checks import email_problem
from microsite.checks.validation import (
    ProblemCollector,
    check_text,
    check_url,
    schema_problem,
)
from microsite.data.input_guards import InputRefused, control_characters, read_data_file
from microsite.data.loading import DuplicateKeyError, YamlSyntaxError, parse_yaml
from microsite.data.schema import LANG
from microsite.data.schema_patterns import whole_value_validator
from microsite.render.formatting import format_day

# Every fact a page may name: group → field → its kind (text, e-mail address, web address or a
# day, written YYYY-MM-DD and shown as the page's language writes dates).
FACTS: dict[str, dict[str, str]] = {
    "operator": {"name": "text", "representative": "text", "address": "text", "email": "email",
                 "phone": "text"},
    "responsible": {"name": "text", "address": "text"},
    "privacy": {"officer": "text", "officer_email": "email", "log_retention": "text"},
    "hosting": {"provider": "text", "transfer_safeguard": "text"},
    "accessibility": {"feedback_email": "email", "statement_date": "date",
                      "conciliation_url": "url"},
    "open_data": {"licence": "url", "contact_email": "email"},
}
PLACEHOLDER = re.compile(r"\{\{\s*site\.([a-z_]+)\.([a-z_]+)\s*\}\}")
# anything a page may have meant as a fact, including misspelt ones such as {{ site.adress }}
_ANY_PLACEHOLDER = re.compile(r"\{\{\s*site\.([^{}]*?)\s*\}\}")


DAY = r"^\d{4}-\d{2}-\d{2}$"
def _is_day(text: str) -> bool:
    """``2025-02-01``: a day that exists."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        return False
    try:
        dt.date.fromisoformat(text.strip())
    except ValueError:
        return False
    return True


def facts_schema() -> dict:
    value = {"oneOf": [
        {"type": "string", "minLength": 1},
        {"type": "null"},
        {"type": "object", "propertyNames": {"pattern": LANG}, "minProperties": 1,
         "additionalProperties": {"type": "string", "minLength": 1}},
    ]}
    confirmed = {"type": ["object", "null"], "additionalProperties": False,
                 "properties": {name: {"type": ["string", "null"], "pattern": DAY}
                                for name in {n for fields in FACTS.values() for n in fields}}}
    groups = {
        group: {"type": ["object", "null"], "additionalProperties": False,
                "properties": {**{name: value for name in fields}, "confirmed": confirmed}}
        for group, fields in FACTS.items()
    }
    return {"type": "object", "additionalProperties": False, "required": ["format"],
            "properties": {"format": {"const": 1}, **groups}}


_VALIDATOR = whole_value_validator(Draft202012Validator)(facts_schema())


@dataclass
class SiteFacts:
    """The facts by ``group.field``; a value is text or ``{lang: text}``; None when missing."""

    values: dict[str, Any] = field(default_factory=dict)
    missing: list[Problem] = field(default_factory=list)
    confirmed: dict[str, str] = field(default_factory=dict)
    """``group.field`` → the date (YYYY-MM-DD) the city confirmed that fact."""

    def text(self, key: str, lang: str, default: str) -> str | None:
        value = self.values.get(key)
        if isinstance(value, dict):
            return value.get(lang) or value.get(default)
        return value


def load_facts(path: Path, display_name: str) -> tuple[SiteFacts, list[Problem]]:
    """The facts and every problem in the file (missing facts are warnings)."""
    if not path.exists():
        return SiteFacts(), []
    try:
        doc = parse_yaml(read_data_file(path))
    except InputRefused as exc:
        return SiteFacts(), [refusal_problem(exc, display_name)]
    except DuplicateKeyError as exc:
        return SiteFacts(), [Problem(display_name, exc.position.line, exc.position.column,
                                     "duplicate_key", params={"key": exc.key})]
    except YamlSyntaxError as exc:
        return SiteFacts(), [Problem(display_name, exc.position.line, exc.position.column,
                                     "yaml_syntax", params={"detail": exc.problem})]
    out = ProblemCollector(display_name, doc)
    data = doc.data if isinstance(doc.data, dict) else {}
    if not isinstance(doc.data, dict):
        out.add((), "type_object")
    else:
        for error in _VALIDATOR.iter_errors(doc.data):
            schema_problem(error, out)
    for path, at, char in control_characters(doc):
        out.add(path, "control_character", at=at, char=char)
    facts = SiteFacts()
    for group, fields in FACTS.items():
        section = data.get(group) if isinstance(data.get(group), dict) else {}
        for name, kind in fields.items():
            value = section.get(name)
            key = f"{group}.{name}"
            where = (group, name) if name in section else (group,)
            texts = value.values() if isinstance(value, dict) else [value]
            for text in texts:
                check_text(text, list(where), out, markdown=False)
                code = email_problem(text) if kind == "email" and isinstance(text, str) else None
                if code is not None:
                    out.add(where, code, found=text)
                if kind == "url":
                    check_url(text, list(where), out)
                if kind == "date" and isinstance(text, str) and not _is_day(text):
                    out.add(where, "pattern_date", found=text)
            if value in (None, "", {}):
                pos = doc.key_position(where) if name in section else doc.position(where)
                facts.missing.append(Problem(display_name, pos.line, pos.column, "fact_missing",
                                             field=key, warning=True))
            facts.values[key] = value if isinstance(value, str | dict) else None
        confirmed = section.get("confirmed") if isinstance(section.get("confirmed"), dict) else {}
        for name, day in confirmed.items():
            if name not in fields:
                out.add((group, "confirmed", name), "unknown_key", key_position=True, key=name,
                        suggestion=None)
            elif day:
                facts.confirmed[f"{group}.{name}"] = str(day)
    _check_representative(facts, out)
    return facts, out.problems + facts.missing


OFFICE_TITLES = frozenset(("Der Oberbürgermeister", "Die Oberbürgermeisterin",
                           "the Lord Mayor", "The Lord Mayor"))
"""The representative by office alone (§ 86 NKomVG): true whoever holds it. A name needs the
city's confirmation (``confirmed: {representative: YYYY-MM-DD}``), never an old text."""


def _check_representative(facts: SiteFacts, out: ProblemCollector) -> None:
    value = facts.values.get("operator.representative")
    texts = value.values() if isinstance(value, dict) else [value] if value else []
    named = [t for t in texts if isinstance(t, str) and t.strip() not in OFFICE_TITLES]
    if named and "operator.representative" not in facts.confirmed:
        out.add(("operator", "representative"), "representative_unconfirmed",
                found=named[0].strip())


def page_placeholder_problems(docs_dir: Path, root: Path, facts_file: str) -> list[Problem]:
    """Placeholders in the hand-written pages that name no fact, with file and line.

    Checked with the data, before a build writes anything; filling them in later (during the
    build) would be too late to keep the published site.
    """
    known = [f"{group}.{name}" for group, fields in FACTS.items() for name in fields]
    problems = []
    for page in sorted(docs_dir.rglob("*.md")) if docs_dir.is_dir() else []:
        try:
            text = page.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs reports unreadable pages itself
        for match in _ANY_PLACEHOLDER.finditer(text) if "{{" in text else ():
            line_start = text.rfind("\n", 0, match.start()) + 1
            if match.group(1) in known:
                where = _not_in_text(text, line_start, match.start())
                if where:
                    problems.append(Problem(
                        _display(page, root), text.count("\n", 0, match.start()) + 1,
                        match.start() - line_start + 1, "fact_not_in_text",
                        params={"found": match.group(0), "facts_file": facts_file,
                                "where": where}))
                continue
            close = difflib.get_close_matches(match.group(1), known, n=1, cutoff=0.6)
            problems.append(Problem(
                _display(page, root), text.count("\n", 0, match.start()) + 1,
                match.start() - line_start + 1, "unknown_fact",
                params={"found": match.group(0), "facts_file": facts_file,
                        "suggestion": f"{{{{ site.{close[0]} }}}}" if close else None}))
    return problems


_WHERE = {  # where a placeholder cannot be filled in as text, in the message's words
    "front_matter": {"de": "im Kopf der Seite (Front Matter)", "en": "in the page's front matter"},
    "heading": {"de": "in einer Überschrift", "en": "in a heading"},
    "link": {"de": "in einem Linkziel", "en": "in a link target"},
    "tag": {"de": "in einem HTML-Tag", "en": "inside an HTML tag"},
    "alt": {"de": "im Alternativtext eines Bildes", "en": "in an image's alternative text"},
}


def _not_in_text(text: str, line_start: int, pos: int) -> dict[str, str] | None:
    """Where a placeholder at ``pos`` stands if not in running text (it is filled in after
    rendering, as text: a heading, the front matter, a link target or a tag never see it)."""
    before = text[line_start:pos]
    if text.startswith("---\n") and pos < text.find("\n---", 3):
        return _WHERE["front_matter"]
    if re.match(r" {0,3}#{1,6}(\s|$)", before):
        return _WHERE["heading"]
    if re.search(r"\]\([^)]*$", before):
        return _WHERE["link"]
    if re.search(r"<[A-Za-z][^>]*$", before):
        return _WHERE["tag"]
    if re.search(r"!\[[^\]]*$", before):  # an image's alt text, an attribute once rendered
        return _WHERE["alt"]
    after = text[text.find("}}", pos) + 2:]
    if re.search(r"\{:?[^}\n]*$", before) and re.match(r"[^{}\n]*\}", after):
        return _WHERE["tag"]  # attr_list: {: title="…" }
    return None


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


class UnknownFact(ValueError):
    """A page names a fact that does not exist, e.g. ``{{ site.operator.adress }}``."""


class MisplacedFact(ValueError):
    """A placeholder ended up inside a tag (a link target, an attribute): facts are text."""


# Facts are never Markdown. Before a page is rendered, each placeholder becomes an inert token
# (letters and digits only: no Markdown, attr_list or HTML rule touches it); after rendering,
# each token is replaced by the fact as escaped text. So a fact such as "[x](javascript:…)" or
# "{: onclick=… }" is shown as written, never turned into a link or an attribute.
_KEYS = [f"{group}.{name}" for group, fields in FACTS.items() for name in fields]
_TAG = re.compile(r"(<[^>]*>)")


def _token(nonce: str) -> re.Pattern:
    return re.compile(rf"MicrositeFact{re.escape(nonce)}x(\d+)End")


def mask_facts(markdown: str, nonce: str = "") -> str:
    """Every ``{{ site.group.field }}`` in a page's Markdown as an inert token.

    ``nonce`` (letters and digits) makes the tokens of one build its own: a text that only
    looks like a token is never filled in."""
    def replace(match: re.Match) -> str:
        group, name = match.group(1), match.group(2)
        if name not in FACTS.get(group, {}):
            raise UnknownFact(match.group(0))
        return f"MicrositeFact{nonce}x{_KEYS.index(f'{group}.{name}')}End"

    return PLACEHOLDER.sub(replace, markdown) if "{{" in markdown else markdown


def fill_facts(html_text: str, facts: SiteFacts, lang: str, default: str,
               label: Any, missing_word: str, missing_said: str | None = None,
               nonce: str | None = None) -> str:
    """Replace every token of ``mask_facts`` in rendered HTML with the fact, escaped, or a
    visible marker. Only text between tags is touched; a token inside a tag is an error.

    ``label(key)`` names a fact in the page's language for the marker. ``missing_said``, where
    given, replaces the marker by a plain sentence (pages in Leichte Sprache show no editors'
    markers: "Die Stadt hat das noch nicht gesagt."). With ``nonce`` (the stage step's), only
    that build's tokens are filled, and placeholders in the HTML stay as written: it is a
    finished page, where they can only come from the data, which is text.
    """
    def replace(match: re.Match) -> str:
        key = _KEYS[int(match.group(1))]
        kind = FACTS[key.split(".")[0]][key.split(".")[1]]
        value = facts.text(key, lang, default)
        if not value and missing_said is not None:
            return f'<span class="ms-missing-said">{html.escape(missing_said)}</span>'
        if not value:
            return (f'<mark class="ms-missing">{html.escape(missing_word)}: '
                    f"{html.escape(label(key))}</mark>")
        if kind == "email":
            return f'<a href="mailto:{html.escape(value)}">{html.escape(value)}</a>'
        if kind == "url":
            return f'<a href="{html.escape(value)}">{html.escape(value)}</a>'
        if kind == "date" and _is_day(value):
            return html.escape(format_day(dt.date.fromisoformat(value.strip()), lang))
        return "<br>\n".join(html.escape(line) for line in value.strip().splitlines())

    token = _token(nonce or "")
    parts = _TAG.split(mask_facts(html_text) if nonce is None else html_text)
    for i, part in enumerate(parts):
        if i % 2:  # odd parts are tags
            found = token.search(part)
            if found:
                raise MisplacedFact(f"{{{{ site.{_KEYS[int(found.group(1))]} }}}}")
        else:
            parts[i] = token.sub(replace, part)
    return "".join(parts)


def has_fact_token(text: str, nonce: str = "") -> bool:
    """Whether a token of ``mask_facts`` is in ``text`` (e.g. a heading made from it)."""
    return bool(_token(nonce).search(text or ""))
