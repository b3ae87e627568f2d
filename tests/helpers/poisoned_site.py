"""A copy of the project poisoned with the XSS corpus (tests/helpers/xss_vectors.py), and what
``check`` says about each vector in each field.

Every vector is first tried in every text field of a record and in every fact of
``data/site.yaml`` at the ``check`` level (fast, in process). What ``check`` accepts is then
built in one build: record k carries vector k in every field that accepted it (a harmless text
in the others); each fact carries every vector it accepted, one per line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from microsite.checks.validation import SiteLanguages, ValidationFailed, load_records_from_text
from microsite.render.facts import FACTS, load_facts
from projectcopy import copy_project
from sitebuild import BuildResult, build
from xss_vectors import all_vectors

LANGS = ("de", "en")
SITE_LANGUAGES = ("de", "en", "ar")
"""The poisoned site's languages: the two its records are written in, and one that shows them
in German with the missing-translation notice, right to left. Turkish and Ukrainian pages come
from the same templates as Arabic; building them too cost a third of the build."""
KINDS = ("programme", "service", "project", "strategy", "event")
RECORD_FIELDS = ("title", "summary", "target_group", "description", "how_to_take_part",
                 "funder_name", "provider_name", "partner_name", "contact_name",
                 "contact_phone", "result_label", "link_label", "location_name",
                 "location_address")
MARKDOWN_FIELDS = ("description", "how_to_take_part")
FACT_FIELDS = tuple(f"{group}.{name}" for group, names in FACTS.items() for name in names)
# check's problem field (e.g. "funding.funders[0].name.de") → the corpus field
_FIELD_OF = [
    (re.compile(r"^texts\.\w+\.(title|summary|target_group|description)$"), None),
    (re.compile(r"^texts\.\w+\.how_to_take_part\[0\]$"), "how_to_take_part"),
    (re.compile(r"^funding\.funders\[0\]\.name(\.\w+)?$"), "funder_name"),
    (re.compile(r"^providers\[0\]\.name(\.\w+)?$"), "provider_name"),
    (re.compile(r"^partners\[0\]\.name(\.\w+)?$"), "partner_name"),
    (re.compile(r"^contact\.name(\.\w+)?$"), "contact_name"),
    (re.compile(r"^contact\.phone$"), "contact_phone"),
    (re.compile(r"^results\[0\]\.label(\.\w+)?$"), "result_label"),
    (re.compile(r"^links\[0\]\.label(\.\w+)?$"), "link_label"),
    (re.compile(r"^location\.name(\.\w+)?$"), "location_name"),
    (re.compile(r"^location\.address(\.\w+)?$"), "location_address"),
]
# a representative's name is a fact the city confirmed (issue 18): so the corpus reaches it
CONFIRMED = {"representative": "2026-12-01"}


def record_id(k: int) -> str:
    return f"xss-{k:03d}"


def make_record(k: int, value: dict[str, str]) -> dict:
    """Record k with ``value[field]`` in each text field."""
    def both(name: str) -> dict:
        return {lang: value[name] for lang in LANGS}

    kind = KINDS[k % len(KINDS)]
    return {
        "id": record_id(k),
        "kind": kind,
        "period": {"start": "2025-03-01", "end": "2025-03-02"},
        "sources": [{"date": "2025-01-15"}],  # dated: in the Atom feed
        "location": {"name": both("location_name"), "address": value["location_address"]},
        "funding": {"amount": 1000, "funders": [{"name": both("funder_name")}]},
        "providers": [{"name": value["provider_name"], "url": "https://www.example.org/"}],
        "partners": [{"name": value["partner_name"]}],
        "results": [{"count": 3, "label": both("result_label")}],
        "links": [{"url": "https://www.example.org/", "label": both("link_label")}],
        "contact": {"name": both("contact_name"), "email": "kontakt@example.org",
                    "phone": value["contact_phone"]},
        "texts": {lang: {"title": value["title"], "summary": value["summary"],
                         "target_group": value["target_group"],
                         "description": value["description"],
                         "how_to_take_part": [value["how_to_take_part"]]} for lang in LANGS},
    }


def harmless(field_name: str, k: int) -> str:
    return f"Ersatztext {field_name} {k}"


def corpus_field(problem_field: str) -> str:
    for pattern, name in _FIELD_OF:
        match = pattern.match(problem_field)
        if match:
            return name or match.group(1)
    raise AssertionError(f"a problem outside the corpus fields: {problem_field}")


def rejected_record_fields(k: int, vector: str) -> dict[str, set[str]]:
    """``{field: codes}`` of the record fields whose check rejects ``vector``."""
    record = make_record(k, dict.fromkeys(RECORD_FIELDS, vector))
    text = yaml.safe_dump({"format": 1, "records": [record]}, allow_unicode=True)
    out: dict[str, set[str]] = {}
    try:
        load_records_from_text(text, SiteLanguages(LANGS), "data/projects.yaml")
    except ValidationFailed as failed:
        for problem in failed.problems:
            if not problem.warning:
                out.setdefault(corpus_field(problem.field), set()).add(problem.code)
    return out


def rejected_facts(folder: Path, k: int, vector: str) -> dict[str, set[str]]:
    """``{fact: codes}`` of the facts whose check rejects ``vector``."""
    doc: dict = {"format": 1}
    for key in FACT_FIELDS:
        group, name = key.split(".")
        doc.setdefault(group, {})[name] = vector
    doc["operator"]["confirmed"] = dict(CONFIRMED)
    path = folder / f"site-{k:03d}.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    _, problems = load_facts(path, "data/site.yaml")
    out: dict[str, set[str]] = {}
    for problem in problems:
        if not problem.warning:
            assert problem.field in FACT_FIELDS, problem.field
            out.setdefault(problem.field, set()).add(problem.code)
    return out


@dataclass
class Corpus:
    vectors: list[tuple[str, str]]
    # (vector index, field) → the codes check rejected it with; absent where accepted
    rejected: dict[tuple[int, str], set[str]] = field(default_factory=dict)

    @property
    def fields(self) -> tuple[str, ...]:
        return RECORD_FIELDS + FACT_FIELDS

    def accepted(self, k: int, name: str) -> bool:
        return (k, name) not in self.rejected


def check_corpus(folder: Path) -> Corpus:
    corpus = Corpus(all_vectors())
    for k, (_, vector) in enumerate(corpus.vectors):
        for name, codes in rejected_record_fields(k, vector).items():
            corpus.rejected[(k, name)] = codes
        for name, codes in rejected_facts(folder, k, vector).items():
            corpus.rejected[(k, name)] = codes
    return corpus


def fact_values(corpus: Corpus) -> dict[str, dict[str, str]]:
    """Each fact: every vector it accepted, one per line (a text fact), or one per language
    (an e-mail or web address, which has one line)."""
    doc: dict = {"format": 1}
    for key in FACT_FIELDS:
        group, name = key.split(".")
        accepted = [v for k, (_, v) in enumerate(corpus.vectors) if corpus.accepted(k, key)]
        if not accepted:
            continue
        if FACTS[group][name] == "text":
            value: str | dict = "\n".join(accepted)
        else:
            value = dict(zip(LANGS, accepted, strict=False))
        doc.setdefault(group, {})[name] = value
    doc.setdefault("operator", {})["confirmed"] = dict(CONFIRMED)
    return doc


@dataclass
class PoisonedSite:
    corpus: Corpus
    result: BuildResult
    project: Path
    # (vector index, field) pairs that went into the build
    built: set[tuple[int, str]]


def build_poisoned(folder: Path, corpus: Corpus) -> PoisonedSite:
    built: set[tuple[int, str]] = set()

    def records(items: list[dict]) -> None:
        # the real records stay: the hand-written pages link to them
        for k, (_, vector) in enumerate(corpus.vectors):
            value = {}
            for name in RECORD_FIELDS:
                if corpus.accepted(k, name):
                    value[name] = vector
                    built.add((k, name))
                else:
                    value[name] = harmless(name, k)
            items.append(make_record(k, value))
        items[-1]["former_ids"] = ["xss-frueher"]  # a redirect page, under the policy too

    project = copy_project(folder / "project", edit_records=records, languages=SITE_LANGUAGES)
    facts = fact_values(corpus)
    for key in FACT_FIELDS:
        group, name = key.split(".")
        value = facts.get(group, {}).get(name)
        values = value.values() if isinstance(value, dict) else [value] if value else []
        built.update((k, key) for k, (_, v) in enumerate(corpus.vectors) if v in values
                     or (isinstance(value, str) and corpus.accepted(k, key)))
    (project / "data" / "site.yaml").write_text(
        yaml.safe_dump(facts, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(folder / "site", project=project, build_date=dt.date(2026, 11, 25))
    return PoisonedSite(corpus, result, project, built)
