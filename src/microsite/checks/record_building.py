"""Building model records from a validated document, and the entry point that reads a file,
validates it and builds its records in one go."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from microsite.checks.collector import ValidationFailed, refusal_problem
from microsite.checks.problems import Problem
from microsite.checks.record_rules import SiteLanguages, validate_document
from microsite.data.input_guards import InputRefused, read_data_file
from microsite.data.loading import DuplicateKeyError, YamlSyntaxError, parse_yaml
from microsite.data.model import (
    Audience,
    Contact,
    Funding,
    Kind,
    Link,
    Location,
    Organisation,
    PartialDate,
    Period,
    Record,
    Result,
    Source,
    Status,
    Texts,
)
from microsite.data.source_data import build_source


@dataclass
class Dataset:
    """Validated records plus the warnings found on the way."""

    records: list[Record]
    warnings: list[Problem]
    source: Source | None = None
    """The file's own source (top-level ``source:``), which hand-written pages may name."""
    data: Any = None
    """The file as read, which ``check`` holds to the canonical layout (not read twice)."""


def _org(data: dict) -> Organisation:
    name = data["name"]
    names: dict[str | None, str] = {None: name} if isinstance(name, str) else dict(name)
    return Organisation(names=names, url=data.get("url"))


def _sources(items: list | None, default_source: Source | None) -> list[Source]:
    """A record's sources; ``default: true`` names the file's own source (``source:``)."""
    out = []
    for item in items or ():
        if item.get("default"):
            if default_source is not None:
                out.append(default_source)
        else:
            source = build_source(item)
            if source is not None:
                out.append(source)
    return out


def _texts(value: str | dict | None) -> dict[str | None, str]:
    if value is None:
        return {}
    return {None: value} if isinstance(value, str) else dict(value)


def _location(data: dict | None) -> Location | None:
    if not data:
        return None
    return Location(name=_texts(data.get("name")), address=_texts(data.get("address")))


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _record(data: dict, line: int, default_source: Source | None = None) -> Record:
    period = data.get("period") or {}
    sources = tuple(_sources(data.get("sources"), default_source))
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
        audiences=tuple(Audience(a) for a in data.get("audiences") or ()),
        multilingual=bool(data.get("multilingual")),
        results=tuple(Result(count=r["count"], label=dict(r["label"]))
                      for r in data.get("results") or ()),
        links=tuple(Link(url=lk["url"], label=dict(lk["label"])) for lk in data.get("links") or ()),
        contact=Contact(name=dict(contact.get("name") or {}), email=contact.get("email"),
                        phone=contact.get("phone")) if contact else None,
        sources=sources,
        location=_location(data.get("location")),
        draft=bool(data.get("draft")),
        publish_from=_date(data.get("publish_from")),
        translation_pending=tuple(
            lang for lang, state in (data.get("translation") or {}).items() if state == "pending"
        ),
        translation_reviewed=tuple(
            lang for lang, state in (data.get("translation") or {}).items()
            if isinstance(state, dict) and isinstance(state.get("reviewed"), dict)
        ),
        former_ids=tuple(data.get("former_ids") or ()),
    )


def load_records(path: Path, langs: SiteLanguages, display_name: str | None = None) -> Dataset:
    """Read, validate and build one file's records; raise ValidationFailed with all problems."""
    file = display_name or str(path)
    try:
        text = read_data_file(Path(path))
    except InputRefused as exc:
        raise ValidationFailed([refusal_problem(exc, file)]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationFailed([Problem(file, 1, 1, "yaml_syntax",
                                        params={"detail": type(exc).__name__})]) from None
    return load_records_from_text(text, langs, file)


def load_records_from_text(text: str, langs: SiteLanguages, file: str) -> Dataset:
    try:
        doc = parse_yaml(text)
    except InputRefused as exc:
        raise ValidationFailed([refusal_problem(exc, file)]) from None
    except DuplicateKeyError as exc:
        raise ValidationFailed([Problem(file, exc.position.line, exc.position.column,
                                        "duplicate_key", params={"key": exc.key})]) from None
    except YamlSyntaxError as exc:
        raise ValidationFailed([Problem(file, exc.position.line, exc.position.column,
                                        "yaml_syntax", params={"detail": exc.problem})]) from None
    try:
        problems = validate_document(doc, file, langs)
        errors = [p for p in problems if not p.warning]
        if errors:
            raise ValidationFailed(problems)
        default_source = build_source(doc.data.get("source"))
        records = [
            _record(item, doc.position(("records", i)).line, default_source)
            for i, item in enumerate(doc.data["records"])
        ]
    except (RecursionError, MemoryError):
        raise ValidationFailed([Problem(file, 1, 1, "too_complex")]) from None
    return Dataset(records=records, warnings=[p for p in problems if p.warning],
                   source=default_source, data=doc.data)
