"""The rules a records file must follow: the schema first, then what a schema cannot say
(dates that exist, unique ids, configured languages, numbers, translations)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft7Validator

try:
    import jsonschema_rs
except ImportError:  # pragma: no cover - the pinned install has it; correct without, slower
    jsonschema_rs = None
from jsonschema.exceptions import ValidationError

from microsite.checks.collector import ProblemCollector, found
from microsite.checks.deceptive_text import link_text_problem, mixed_script_word
from microsite.checks.editorial_checks import check_editorial
from microsite.checks.problems import Problem
from microsite.checks.source_rules import check_sources, check_tense
from microsite.checks.text_checks import (
    check_home_page,
    check_text,
    check_url,
    email_problem,
    url_host,
)
from microsite.data.input_guards import control_characters
from microsite.data.loading import LoadedDocument, value_at
from microsite.data.model import PartialDate
from microsite.data.schema import DATE, DATE_OR_MONTH, LANG, SLUG, projects_schema
from microsite.data.schema_patterns import whole_value, whole_value_validator
from microsite.data.translations import FINGERPRINT, StaleField, review_findings

_VALIDATOR = whole_value_validator(Draft7Validator)(projects_schema())
# The compiled validator answers "valid?" ~40x faster; only invalid data goes through the
# pure-Python one, whose errors carry what the messages need. Same schema dict for both.
# Formats (email, uri) are checked by validation with our own messages, not by the schema.
_FAST_VALIDATOR = (jsonschema_rs.validator_for(projects_schema(), validate_formats=False)
                   if jsonschema_rs else None)
# ``programme/index`` is the overview page; a record must not take its address
_RESERVED_IDS = ("index",)
_LANG = whole_value(LANG)
_PLAIN_TEXT_FIELDS = ("title", "summary", "target_group")
_MARKDOWN_FIELDS = ("description",)
# "50.000" (YAML: 50.0) or "50.000,00" (YAML: text), German thousands grouping
_GERMAN_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,(\d+))?$")
PATTERN_CODES = {
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
    optional: tuple[str, ...] = ()
    """Languages a record may leave out: its page then shows the default language's text under
    a notice (as with ``pending``) and ``check`` names each missing text as a warning."""

    @property
    def default(self) -> str:
        return self.codes[0]


def schema_problem(error: ValidationError, out: ProblemCollector) -> None:
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
        _type_problem(path, wanted, instance, out)
    elif validator == "minLength" or (validator in ("minItems", "minProperties") and not instance):
        out.add(path, "empty")
    elif validator == "maxLength":
        out.add(path, "too_long", found=found(instance), limit=schema["maxLength"])
    elif validator == "enum":
        allowed = [str(v) for v in schema["enum"]]
        close = difflib.get_close_matches(str(instance), allowed, n=1, cutoff=0.6)
        out.add(path, "enum", found=found(instance), allowed=", ".join(allowed),
                suggestion=close[0] if close else None)
    elif validator == "const":
        out.add(path, "format_version", found=found(instance), expected=schema["const"])
    elif validator == "pattern":
        out.add(path, PATTERN_CODES.get(schema["pattern"], "invalid"), found=found(instance))
    elif validator == "propertyNames":
        out.add([*path, instance] if isinstance(instance, str) else path, "pattern_lang",
                key_position=True, found=found(instance))
    elif validator == "minimum":
        out.add(path, "minimum")
    elif validator == "uniqueItems" and isinstance(instance, list):
        twice = next((v for i, v in enumerate(instance) if v in instance[:i]), instance[0])
        out.add(path, "duplicate_item", found=found(twice))
    elif validator == "oneOf":
        # e.g. an organisation name is text or a per-language map: report the likelier intent,
        # the alternative whose shape (type) matched but whose content did not
        shape_only = ("type", "enum") if isinstance(instance, dict) else (
            "type", "required", "additionalProperties")
        for sub in sorted(error.context, key=lambda e: len(e.absolute_path)):
            if sub.validator not in shape_only:
                schema_problem(sub, out)
                return
        _type_problem(path, "string", instance, out)
    else:
        out.add(path, "invalid", found=found(instance))


def _type_problem(path: list, wanted: str, instance: Any, out: ProblemCollector) -> None:
    """A value of the wrong type; ``yes``/``no``/``on``/``off`` quoted as the editor typed it."""
    source = out.doc.bool_sources.get(tuple(path))
    if wanted == "string" and isinstance(instance, bool) and source is not None:
        out.add(path, "boolean_as_text", found=source)
    elif wanted == "string" and isinstance(instance, int | float) \
            and tuple(path) in out.doc.number_sources:
        # "phone: 05111234567" is read as the octal number 690305399
        out.add(path, "number_as_text", found=out.doc.number_sources[tuple(path)],
                read=found(instance))
    elif wanted == "integer" and path[-1:] in (["amount"], ["count"]) \
            and any(char.isdigit() for char in str(instance)):
        # "50.000 €", "50 000", "50000.50": a number written the way people write it
        typed = out.doc.number_sources.get(tuple(path)) or found(instance)
        out.add(path, "amount_whole_euros" if path[-1] == "amount" else "whole_number",
                found=typed)
    elif wanted == "integer" and path[-1:] == ["amount"]:
        out.add(path, "type_number", found=found(source or instance))
    else:
        out.add(path, f"type_{wanted}", found=found(source or instance))


def _leaf_errors(errors: Iterable[ValidationError]) -> Iterable[ValidationError]:
    for error in errors:
        if error.validator == "propertyNames" and error.context:
            # report the bad name itself, not each failed sub-check
            yield error
        else:
            yield error


def _check_date(value: Any, path: list, out: ProblemCollector) -> PartialDate | None:
    if not isinstance(value, str) or not whole_value(DATE_OR_MONTH).search(value):
        return None  # shape problems come from the schema
    try:
        return PartialDate.parse(value)
    except ValueError:
        out.add(path, "impossible_date", found=value)
        return None


def _check_source(source: Any, path: list, out: ProblemCollector) -> None:
    """A source's date exists in the calendar and its web address is one."""
    if isinstance(source, dict):
        _check_date(source.get("date"), [*path, "date"], out)
        check_url(source.get("url"), [*path, "url"], out)


def _check_record(index: int, item: dict, langs: SiteLanguages, out: ProblemCollector,
                  seen: dict[str, int], file_source: Any = None,
                  today: dt.date | None = None) -> None:
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
    sources = item.get("sources")
    for i, entry in enumerate(sources if isinstance(sources, list) else ()):
        _check_source(entry, [*base, "sources", i], out)
    check_sources(item, base, file_source, out)
    check_tense(item, base, file_source, today or dt.date.today(), out)
    period = item.get("period")
    if isinstance(period, dict):
        start = _check_date(period.get("start"), [*base, "period", "start"], out)
        end = _check_date(period.get("end"), [*base, "period", "end"], out)
        if start and end and end.last_day < start.first_day:
            out.add([*base, "period", "end"], "end_before_start",
                    start=start.isoformat(), end=end.isoformat())
        if item.get("status") is not None and (period.get("start") or period.get("end")):
            out.add([*base, "status"], "status_with_dates")
    for group in ("providers", "partners"):
        for i, org in enumerate(item.get(group) or []):
            if isinstance(org, dict):
                check_home_page(org.get("url"), [*base, group, i, "url"], out)
    funding = item.get("funding")
    if isinstance(funding, dict):
        for i, org in enumerate(funding.get("funders") or []):
            if isinstance(org, dict):
                check_home_page(org.get("url"), [*base, "funding", "funders", i, "url"], out)
    for i, link in enumerate(item.get("links") or []):
        if isinstance(link, dict):
            check_url(link.get("url"), [*base, "links", i, "url"], out)
    _check_shown_addresses(item, base, out)
    contact = item.get("contact")
    if isinstance(contact, dict):
        email = contact.get("email")
        code = email_problem(email) if isinstance(email, str) else None
        if code is not None:
            out.add([*base, "contact", "email"], code, found=found(email))
    for path, value, markdown in _text_fields(item):
        check_text(value, [*base, *path], out, markdown=markdown)
        word = mixed_script_word(value) if isinstance(value, str) and (
            "title" in path or "name" in path) else None
        if word:
            out.add([*base, *path], "mixed_script", found=found(word))
    _check_texts(item, base, langs, out)


def _check_shown_addresses(item: dict, base: list, out: ProblemCollector) -> None:
    """A link's label, or an organisation's name, that is a web address of another host than
    the link's own (``label: www.hannover.de`` with ``url: https://evil.example/``)."""
    funding = item.get("funding")
    groups = [("links", "label", item.get("links")), ("providers", "name", item.get("providers")),
              ("partners", "name", item.get("partners"))]
    if isinstance(funding, dict):
        groups.append(("funding.funders", "name", funding.get("funders")))
    for group, key, entries in groups:
        for i, entry in enumerate(entries if isinstance(entries, list) else ()):
            url = entry.get("url") if isinstance(entry, dict) else None
            if not isinstance(url, str):
                continue
            shown = entry.get(key)
            for path, text, _ in _per_language_texts((*group.split("."), i, key), shown):
                if isinstance(text, str) and link_text_problem(text, url):
                    out.add([*base, *path], "link_text_other_host", found=found(text.strip()),
                            host=found(url_host(url)))


def _text_fields(item: dict) -> Iterable[tuple[tuple, Any, bool]]:
    """Every text an editor writes in a record: its path, its value, whether it is Markdown."""
    texts = item.get("texts")
    for lang, block in (texts.items() if isinstance(texts, dict) else ()):
        if not isinstance(block, dict):
            continue
        for key in _PLAIN_TEXT_FIELDS:
            yield ("texts", lang, key), block.get(key), False
        for key in _MARKDOWN_FIELDS:
            yield ("texts", lang, key), block.get(key), True
        steps = block.get("how_to_take_part")
        for i, step in enumerate(steps if isinstance(steps, list) else ()):
            yield ("texts", lang, "how_to_take_part", i), step, True
    funding = item.get("funding")
    groups = [((g,), item.get(g)) for g in ("providers", "partners")]
    if isinstance(funding, dict):
        groups.append((("funding", "funders"), funding.get("funders")))
    for group_path, group in groups:
        for i, org in enumerate(group if isinstance(group, list) else ()):
            if isinstance(org, dict):
                yield from _per_language_texts((*group_path, i, "name"), org.get("name"))
    for group in ("results", "links"):
        entries = item.get(group)
        for i, entry in enumerate(entries if isinstance(entries, list) else ()):
            if isinstance(entry, dict):
                yield from _per_language_texts((group, i, "label"), entry.get("label"))
    location = item.get("location")
    if isinstance(location, dict):
        for key in ("name", "address"):
            yield from _per_language_texts(("location", key), location.get(key))
    contact = item.get("contact")
    if isinstance(contact, dict):
        yield from _per_language_texts(("contact", "name"), contact.get("name"))
        yield ("contact", "phone"), contact.get("phone"), False


def _per_language_texts(path: tuple, value: Any) -> Iterable[tuple[tuple, Any, bool]]:
    """A plain text that is the same in every language, or one per language."""
    if isinstance(value, dict):
        for lang, text in value.items():
            yield (*path, lang), text, False
    else:
        yield path, value, False


def _number_paths(records: list[dict]) -> Iterable[tuple]:
    for i, item in enumerate(records):
        if isinstance(item.get("funding"), dict) and "amount" in item["funding"]:
            yield ("records", i, "funding", "amount")
        results = item.get("results")
        for j, result in enumerate(results if isinstance(results, list) else ()):
            if isinstance(result, dict) and "count" in result:
                yield ("records", i, "results", j, "count")


def _check_whole_numbers(records: list[dict], out: ProblemCollector,
                         explained: set[tuple]) -> set[tuple]:
    """``50000.0`` or ``50000.5``: a schema's "integer" accepts the first; amounts and counts
    are whole numbers as typed, so both are refused in the editor's own digits."""
    found_paths = set()
    for path in _number_paths(records):
        value = value_at(out.doc.data, path)
        if path not in explained and isinstance(value, float):
            code = "amount_whole_euros" if path[-1] == "amount" else "whole_number"
            out.add(path, code, found=out.doc.number_sources.get(path, str(value)))
            found_paths.add(path)
    return found_paths


def _check_german_numbers(records: list[dict], out: ProblemCollector) -> set[tuple]:
    """Numbers written as "50.000" (which YAML reads as 50.0) or "50.000,00"; their paths."""
    found = set()
    for path in _number_paths(records):
        value = value_at(out.doc.data, path)
        source = out.doc.number_sources.get(path, value if isinstance(value, str) else "")
        match = _GERMAN_THOUSANDS.match(source.strip())
        if match:
            whole = source.strip().split(",")[0].replace(".", "")
            decimals = (match.group(1) or "").rstrip("0")
            out.add(path, "german_number", found=source.strip(),
                    suggestion=f"{whole}.{decimals}" if decimals else whole)
            found.add(path)
    return found


def _check_former_ids(records: list[dict], out: ProblemCollector) -> None:
    """An old address may redirect to one record only, and never hide a record's own page.

    Drafts count too: publishing one later must not collide with a redirect.
    """
    ids: dict[str, int] = {}
    for i, item in enumerate(records):
        if isinstance(item.get("id"), str):
            ids.setdefault(item["id"], i)
    claimed: dict[str, int] = {}
    for i, item in enumerate(records):
        former = item.get("former_ids")
        for j, old in enumerate(former if isinstance(former, list) else ()):
            if not isinstance(old, str):
                continue
            path = ["records", i, "former_ids", j]
            if old == item.get("id"):
                out.add(path, "former_id_own", found=old)
            elif old in ids:
                out.add(path, "former_id_taken", found=old,
                        other_line=out.doc.position(("records", ids[old], "id")).line)
            elif old in _RESERVED_IDS:
                out.add(path, "id_reserved", found=old)
            elif claimed.get(old, i) != i:
                other = claimed[old]
                out.add(path, "former_id_twice", found=old, other=records[other].get("id"),
                        other_line=out.doc.position(("records", other, "id")).line)
            claimed.setdefault(old, i)


def _check_texts(item: dict, base: list, langs: SiteLanguages, out: ProblemCollector) -> None:
    texts = item.get("texts")
    if not isinstance(texts, dict):
        return
    pending = item.get("translation") if isinstance(item.get("translation"), dict) else {}
    allowed = ", ".join(langs.codes)
    for lang in texts:
        if lang not in langs.codes and isinstance(lang, str) and _LANG.search(lang):
            out.add([*base, "texts", lang], "unknown_language", key_position=True,
                    found=lang, allowed=allowed)
    for lang in pending:
        if lang not in langs.codes and isinstance(lang, str) and _LANG.search(lang):
            out.add([*base, "translation", lang], "unknown_language", key_position=True,
                    found=lang, allowed=allowed)
    for lang in langs.codes:
        if lang == langs.default:
            # every other language falls back to this text: it can never be pending
            if pending.get(lang) == "pending":
                out.add([*base, "translation", lang], "pending_default_language", lang=lang)
            if lang not in texts:
                out.add([*base, "texts"], "missing_default_language", lang=lang)
        elif lang not in texts and pending.get(lang) != "pending":
            if lang in langs.optional:
                out.add([*base, "texts"], "missing_optional_language", warning=True,
                        lang=lang, default_lang=langs.default)
            else:
                out.add([*base, "texts"], "missing_language", lang=lang)
        elif lang not in texts:
            out.add([*base, "translation", lang], "pending_translation", warning=True,
                    lang=lang, default_lang=langs.default)
    _check_reviews(item, base, langs, out)
    for group_path in _per_language_paths(item):
        mapping = value_at(item, group_path)
        if isinstance(mapping, dict):
            for lang in mapping:
                if lang not in langs.codes and isinstance(lang, str) and _LANG.search(lang):
                    out.add([*base, *group_path, lang], "unknown_language", key_position=True,
                            found=lang, allowed=allowed)
            if mapping and langs.default not in mapping:  # the fallback of every language
                out.add([*base, *group_path], "missing_default_language", lang=langs.default)


def _check_reviews(item: dict, base: list, langs: SiteLanguages, out: ProblemCollector) -> None:
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
    """Where a text may be given per language outside ``texts``: labels, translated names."""
    for group, key in (("results", "label"), ("links", "label"), ("providers", "name"),
                       ("partners", "name")):
        entries = item.get(group)
        for i, _ in enumerate(entries if isinstance(entries, list) else ()):
            yield (group, i, key)
    funding = item.get("funding")
    funders = funding.get("funders") if isinstance(funding, dict) else None
    for i, _ in enumerate(funders if isinstance(funders, list) else ()):
        yield ("funding", "funders", i, "name")
    yield ("contact", "name")
    yield ("location", "name")
    yield ("location", "address")


def schema_errors(data: Any) -> list[ValidationError]:
    """Every schema error in ``data``; fast when there is none."""
    if _FAST_VALIDATOR is not None and _FAST_VALIDATOR.is_valid(data):
        return []
    return list(_VALIDATOR.iter_errors(data))


def validate_document(doc: LoadedDocument, file: str, langs: SiteLanguages) -> list[Problem]:
    """All problems of a parsed document: schema first, then what a schema cannot say."""
    out = ProblemCollector(file, doc)
    if doc.data is None:
        out.add([], "missing", key="records")
        return out.problems
    records = doc.data.get("records") if isinstance(doc.data, dict) else None
    records = [item if isinstance(item, dict) else {}
               for item in (records if isinstance(records, list) else [])]
    german = _check_german_numbers(records, out)
    german |= _check_whole_numbers(records, out, german)
    for error in _leaf_errors(schema_errors(doc.data)):
        if tuple(error.absolute_path) not in german:  # already explained, better
            schema_problem(error, out)
    if isinstance(doc.data, dict):
        _check_source(doc.data.get("source"), ["source"], out)
    seen: dict[str, int] = {}
    file_source = doc.data.get("source") if isinstance(doc.data, dict) else None
    for index, item in enumerate(records):
        if item:
            _check_record(index, item, langs, out, seen, file_source)
    _check_former_ids(records, out)
    for path, at, char in control_characters(doc):
        out.add(path, "control_character", at=at, char=char)
    check_editorial(records, out, langs.codes)
    unique = {(p.line, p.column, p.code, p.field): p for p in out.problems}
    return sorted(unique.values(), key=lambda p: (p.line, p.column))


