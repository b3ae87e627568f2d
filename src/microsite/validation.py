"""Validation of ``projects.yaml``: every problem at once, each with file, line and field.

Nothing here writes anything; callers decide what a failed validation means for a build.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator

try:
    import jsonschema_rs
except ImportError:  # pragma: no cover - the pinned install has it; correct without, slower
    jsonschema_rs = None
from jsonschema.exceptions import ValidationError

from microsite.loading import (
    DuplicateKeyError,
    LoadedDocument,
    Position,
    YamlSyntaxError,
    parse_yaml,
    value_at,
)
from microsite.model import (
    Contact,
    Funding,
    Kind,
    Link,
    Organisation,
    PartialDate,
    Period,
    Record,
    Result,
    Status,
    Texts,
)
from microsite.problems import Problem
from microsite.schema import DATE, DATE_OR_MONTH, LANG, SLUG, projects_schema
from microsite.translations import FINGERPRINT, StaleField, review_findings

_VALIDATOR = Draft7Validator(projects_schema())
# The compiled validator answers "valid?" ~40x faster; only invalid data goes through the
# pure-Python one, whose errors carry what the messages need. Same schema dict for both.
# Formats (email, uri) are checked by validation with our own messages, not by the schema.
_FAST_VALIDATOR = (jsonschema_rs.validator_for(projects_schema(), validate_formats=False)
                   if jsonschema_rs else None)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>|<!--")
_EMAIL = re.compile(
    r"^[^@\s<>\"',;]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$")
_MD_LINK = re.compile(r"\]\(\s*<?([^\s>]+)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>")
# ``programme/index`` is the overview page; a record must not take its address
_RESERVED_IDS = ("index",)
_PLAIN_TEXT_FIELDS = ("title", "summary", "target_group")
_MARKDOWN_FIELDS = ("description",)
_PATTERN_CODES = {
    SLUG: "pattern_id",
    DATE: "pattern_date",
    DATE_OR_MONTH: "pattern_month",
    LANG: "pattern_lang",
    r"^[A-Z]{3}$": "pattern_currency",
    FINGERPRINT: "pattern_fingerprint",
}


@dataclass(frozen=True)
class SiteLanguages:
    """The languages a site is built in; the first is the default."""

    codes: tuple[str, ...]

    @property
    def default(self) -> str:
        return self.codes[0]


@dataclass
class Dataset:
    """Validated records plus the warnings found on the way."""

    records: list[Record]
    warnings: list[Problem]


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


class _Collector:
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
                rid = item.get("id") if isinstance(item.get("id"), str) else f"#{path[1] + 1}"
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


def _found(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _schema_problem(error: ValidationError, out: _Collector) -> None:
    path = list(error.absolute_path)
    validator, instance, schema = error.validator, error.instance, error.schema
    if validator == "additionalProperties" and isinstance(instance, dict):
        known = list(schema.get("properties", {}))
        for key in instance:
            if key not in known:
                close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
                out.add([*path, key], "unknown_key", key_position=True, key=key,
                        suggestion=close[0] if close else None)
    elif validator == "required" and isinstance(instance, dict):
        for key in schema["required"]:
            if key not in instance:
                out.add(path, "missing", key=key)
    elif validator == "type":
        wanted = schema["type"] if isinstance(schema["type"], str) else schema["type"][0]
        out.add(path, f"type_{wanted}", found=_found(instance))
    elif validator == "minLength" or (validator in ("minItems", "minProperties") and not instance):
        out.add(path, "empty")
    elif validator == "enum":
        allowed = [str(v) for v in schema["enum"]]
        close = difflib.get_close_matches(str(instance), allowed, n=1, cutoff=0.6)
        out.add(path, "enum", found=_found(instance), allowed=", ".join(allowed),
                suggestion=close[0] if close else None)
    elif validator == "const":
        out.add(path, "format_version", found=_found(instance), expected=schema["const"])
    elif validator == "pattern":
        out.add(path, _PATTERN_CODES.get(schema["pattern"], "invalid"), found=_found(instance))
    elif validator == "propertyNames":
        out.add([*path, instance] if isinstance(instance, str) else path, "pattern_lang",
                key_position=True, found=_found(instance))
    elif validator == "minimum":
        out.add(path, "minimum")
    elif validator == "oneOf":
        # e.g. an organisation name is text or a per-language map: report the likelier intent,
        # the alternative whose shape (type) matched but whose content did not
        shape_only = ("type", "enum") if isinstance(instance, dict) else (
            "type", "required", "additionalProperties")
        for sub in sorted(error.context, key=lambda e: len(e.absolute_path)):
            if sub.validator not in shape_only:
                _schema_problem(sub, out)
                return
        out.add(path, "type_string", found=_found(instance))
    else:
        out.add(path, "invalid", found=_found(instance))


def _leaf_errors(errors: Iterable[ValidationError]) -> Iterable[ValidationError]:
    for error in errors:
        if error.validator == "propertyNames" and error.context:
            # report the bad name itself, not each failed sub-check
            yield error
        else:
            yield error


def _check_text(value: Any, path: list, out: _Collector, *, markdown: bool) -> None:
    if not isinstance(value, str):
        return
    tag = _HTML_TAG.search(value)
    if tag:
        at = out.doc.position_in_text(tuple(path), tag.start(), tag.group(0))
        out.add(path, "raw_html" if markdown else "markup_in_plain", at=at,
                found=_found(tag.group(0)))
    if markdown:
        for match in [*_MD_LINK.finditer(value), *_AUTOLINK.finditer(value)]:
            url = _link_target(match.group(1))
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme and scheme not in ("http", "https", "mailto"):
                at = out.doc.position_in_text(tuple(path), match.start(1), url)
                out.add(path, "bad_url", at=at, found=_found(url))


def _link_target(text: str) -> str:
    """The target of ``[text](target)``: up to the parenthesis that closes the link."""
    depth = 0
    for i, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return text[:i]
    return text


def _check_url(value: Any, path: list, out: _Collector) -> None:
    if isinstance(value, str) and not re.match(r"^https?://[^\s/]+\.[^\s]*$", value, re.I):
        out.add(path, "bad_url", found=_found(value))


def _check_date(value: Any, path: list, out: _Collector) -> PartialDate | None:
    if not isinstance(value, str) or not re.match(DATE_OR_MONTH, value):
        return None  # shape problems come from the schema
    try:
        return PartialDate.parse(value)
    except ValueError:
        out.add(path, "impossible_date", found=value)
        return None


def _check_record(index: int, item: dict, langs: SiteLanguages, out: _Collector,
                  seen: dict[str, int]) -> None:
    base: list[str | int] = ["records", index]
    rid = item.get("id")
    if rid in _RESERVED_IDS:
        out.add([*base, "id"], "id_reserved", found=rid)
    if isinstance(rid, str):
        if rid in seen:
            out.add([*base, "id"], "duplicate_id", found=rid, other_line=seen[rid])
        else:
            seen[rid] = out.doc.position([*base, "id"]).line
    for key in ("publish_from",):
        _check_date(item.get(key), [*base, key], out)
    source = item.get("source")
    if isinstance(source, dict):
        _check_date(source.get("date"), [*base, "source", "date"], out)
    period = item.get("period")
    if isinstance(period, dict):
        start = _check_date(period.get("start"), [*base, "period", "start"], out)
        end = _check_date(period.get("end"), [*base, "period", "end"], out)
        if start and end and end.last_day < start.first_day:
            out.add([*base, "period", "end"], "end_before_start",
                    start=start.isoformat(), end=end.isoformat())
    for group in ("providers", "partners"):
        for i, org in enumerate(item.get(group) or []):
            if isinstance(org, dict):
                _check_url(org.get("url"), [*base, group, i, "url"], out)
    funding = item.get("funding")
    if isinstance(funding, dict):
        for i, org in enumerate(funding.get("funders") or []):
            if isinstance(org, dict):
                _check_url(org.get("url"), [*base, "funding", "funders", i, "url"], out)
    for i, link in enumerate(item.get("links") or []):
        if isinstance(link, dict):
            _check_url(link.get("url"), [*base, "links", i, "url"], out)
    contact = item.get("contact")
    if isinstance(contact, dict):
        email = contact.get("email")
        if isinstance(email, str) and not _EMAIL.match(email):
            out.add([*base, "contact", "email"], "bad_email", found=_found(email))
    _check_texts(item, base, langs, out)


def _check_texts(item: dict, base: list, langs: SiteLanguages, out: _Collector) -> None:
    texts = item.get("texts")
    if not isinstance(texts, dict):
        return
    pending = item.get("translation") if isinstance(item.get("translation"), dict) else {}
    allowed = ", ".join(langs.codes)
    for lang in texts:
        if lang not in langs.codes and isinstance(lang, str) and re.match(LANG, lang):
            out.add([*base, "texts", lang], "unknown_language", key_position=True,
                    found=lang, allowed=allowed)
    for lang in pending:
        if lang not in langs.codes and isinstance(lang, str) and re.match(LANG, lang):
            out.add([*base, "translation", lang], "unknown_language", key_position=True,
                    found=lang, allowed=allowed)
    for lang in langs.codes:
        if lang not in texts and pending.get(lang) != "pending":
            out.add([*base, "texts"], "missing_language", lang=lang)
        if lang not in texts and pending.get(lang) == "pending" and lang != langs.default:
            out.add([*base, "translation", lang], "pending_translation", warning=True,
                    lang=lang, default_lang=langs.default)
    for lang, block in texts.items():
        if not isinstance(block, dict):
            continue
        for key in _PLAIN_TEXT_FIELDS:
            _check_text(block.get(key), [*base, "texts", lang, key], out, markdown=False)
        for key in _MARKDOWN_FIELDS:
            _check_text(block.get(key), [*base, "texts", lang, key], out, markdown=True)
        for i, step in enumerate(block.get("how_to_take_part") or []):
            _check_text(step, [*base, "texts", lang, "how_to_take_part", i], out, markdown=True)
    _check_reviews(item, base, langs, out)
    for group_path in _per_language_paths(item):
        mapping = value_at(item, group_path)
        if isinstance(mapping, dict):
            for lang in mapping:
                if lang not in langs.codes and isinstance(lang, str) and re.match(LANG, lang):
                    out.add([*base, *group_path, lang], "unknown_language", key_position=True,
                            found=lang, allowed=allowed)


def _check_reviews(item: dict, base: list, langs: SiteLanguages, out: _Collector) -> None:
    """Warn about translations whose default-language text changed since their last review."""
    default = langs.default
    for finding in review_findings(item, default, langs.codes):
        if isinstance(finding, StaleField):
            out.add([*base, "texts", default, finding.field], "stale_translation", warning=True,
                    lang=finding.lang, key=finding.field, current=finding.current)
        else:
            out.add([*base, "texts", finding.lang], "unreviewed_translation", key_position=True,
                    warning=True, lang=finding.lang, reviewed=finding.reviewed)


def _per_language_paths(item: dict) -> Iterable[tuple]:
    for i, _ in enumerate(item.get("results") or []):
        yield ("results", i, "label")
    for i, _ in enumerate(item.get("links") or []):
        yield ("links", i, "label")


def schema_errors(data: Any) -> list[ValidationError]:
    """Every schema error in ``data``; fast when there is none."""
    if _FAST_VALIDATOR is not None and _FAST_VALIDATOR.is_valid(data):
        return []
    return list(_VALIDATOR.iter_errors(data))


def validate_document(doc: LoadedDocument, file: str, langs: SiteLanguages) -> list[Problem]:
    """All problems of a parsed document: schema first, then what a schema cannot say."""
    out = _Collector(file, doc)
    if doc.data is None:
        out.add([], "missing", key="records")
        return out.problems
    for error in _leaf_errors(schema_errors(doc.data)):
        _schema_problem(error, out)
    records = doc.data.get("records") if isinstance(doc.data, dict) else None
    seen: dict[str, int] = {}
    for index, item in enumerate(records if isinstance(records, list) else []):
        if isinstance(item, dict):
            _check_record(index, item, langs, out, seen)
    unique = {(p.line, p.column, p.code, p.field): p for p in out.problems}
    return sorted(unique.values(), key=lambda p: (p.line, p.column))


def _org(data: dict) -> Organisation:
    name = data["name"]
    names: dict[str | None, str] = {None: name} if isinstance(name, str) else dict(name)
    return Organisation(names=names, url=data.get("url"))


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _record(data: dict, line: int) -> Record:
    period = data.get("period") or {}
    funding = data.get("funding")
    contact = data.get("contact")
    return Record(
        id=data["id"],
        kind=Kind(data["kind"]),
        line=line,
        texts={
            lang: Texts(
                title=block["title"].strip(),
                summary=block["summary"].strip(),
                description=block.get("description", "").strip(),
                target_group=block.get("target_group", "").strip(),
                how_to_take_part=tuple(block.get("how_to_take_part") or ()),
                title_lang=block.get("title_lang"),
            )
            for lang, block in data["texts"].items()
        },
        status=Status(data["status"]) if data.get("status") else None,
        period=Period(
            start=PartialDate.parse(period["start"]) if period.get("start") else None,
            end=PartialDate.parse(period["end"]) if period.get("end") else None,
        ),
        funding=Funding(
            amount=funding.get("amount"),
            currency=funding.get("currency", "EUR"),
            funders=tuple(_org(o) for o in funding.get("funders") or ()),
        ) if funding else None,
        providers=tuple(_org(o) for o in data.get("providers") or ()),
        partners=tuple(_org(o) for o in data.get("partners") or ()),
        languages=tuple(data.get("languages") or ()),
        multilingual=bool(data.get("multilingual")),
        results=tuple(Result(count=r["count"], label=dict(r["label"]))
                      for r in data.get("results") or ()),
        links=tuple(Link(url=lk["url"], label=dict(lk["label"])) for lk in data.get("links") or ()),
        contact=Contact(name=dict(contact.get("name") or {}), email=contact.get("email"),
                        phone=contact.get("phone")) if contact else None,
        source_date=_date((data.get("source") or {}).get("date")),
        draft=bool(data.get("draft")),
        publish_from=_date(data.get("publish_from")),
        translation_pending=tuple(
            lang for lang, state in (data.get("translation") or {}).items() if state == "pending"
        ),
        former_ids=tuple(data.get("former_ids") or ()),
    )


def load_records(path: Path, langs: SiteLanguages, display_name: str | None = None) -> Dataset:
    """Read, validate and build one file's records; raise ValidationFailed with all problems."""
    file = display_name or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationFailed([Problem(file, 1, 1, "yaml_syntax",
                                        params={"detail": type(exc).__name__})]) from None
    return load_records_from_text(text, langs, file)


def load_records_from_text(text: str, langs: SiteLanguages, file: str) -> Dataset:
    try:
        doc = parse_yaml(text)
    except DuplicateKeyError as exc:
        raise ValidationFailed([Problem(file, exc.position.line, exc.position.column,
                                        "duplicate_key", params={"key": exc.key})]) from None
    except YamlSyntaxError as exc:
        raise ValidationFailed([Problem(file, exc.position.line, exc.position.column,
                                        "yaml_syntax", params={"detail": exc.problem})]) from None
    problems = validate_document(doc, file, langs)
    errors = [p for p in problems if not p.warning]
    if errors:
        raise ValidationFailed(problems)
    records = [
        _record(item, doc.position(("records", i)).line)
        for i, item in enumerate(doc.data["records"])
    ]
    return Dataset(records=records, warnings=[p for p in problems if p.warning])
