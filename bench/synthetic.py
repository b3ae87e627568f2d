"""Synthetic benchmark content: N records in every language (their floor pages: ``floor.py``).

Every record has the same shape and ids of equal length, so that page sizes can be compared
across N. The texts say plainly that they are synthetic; they are never published.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

KINDS = ("project", "programme", "service", "strategy", "event")
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "data/ui")
SECTION = "programme"


def record_id(i: int) -> str:
    return f"synthetic-{i:05d}"


def _texts(i: int, lang: str) -> dict:
    return {
        "title": f"Synthetic record {i:05d} ({lang})",
        "summary": f"Benchmark record {i:05d} in {lang}: one sentence of summary text, "
                   "about as long as the real summaries on the site.",
        "target_group": f"Readers of benchmark record {i:05d}",
        "description": (
            f"Paragraph one of synthetic record **{i:05d}**. It has about the length of a real "
            "description, with *emphasis* and a [link](https://example.org/).\n\n"
            "- first point of a short list\n"
            "- second point of a short list\n\n"
            "A closing paragraph of two sentences. Nothing here is a fact about Hannover."
        ),
    }


def synthetic_record(i: int, languages: tuple[str, ...]) -> dict:
    return {
        "id": record_id(i),
        "kind": KINDS[i % len(KINDS)],
        "period": {"start": "2024-01", "end": "2030-12-31"},
        "funding": {"amount": 10000 + i, "currency": "EUR", "funders": [
            {"name": {lang: f"Funder {i % 7} ({lang})" for lang in languages}}]},
        "providers": [{"name": f"Provider {i % 11}"}],
        "results": [{"count": 10 + i % 90,
                     "label": {lang: f"people counselled ({lang})" for lang in languages}}],
        # results and an amount need a source (issue 18)
        "sources": [{"type": "Pressemitteilung", "title": f"Mitteilung {i % 13}",
                     "date": "2024-09-20"}],
        "texts": {lang: _texts(i, lang) for lang in languages},
    }


def records_yaml(count: int, languages: tuple[str, ...]) -> str:
    data = {"format": 1, "records": [synthetic_record(i, languages) for i in range(count)]}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def copy_project(source: Path, target: Path) -> Path:
    """Copy what a build reads (config, pages, templates, interface texts) to ``target``."""
    for part in PROJECT_PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, target / part)
        else:
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / part)
    _unlink_records(target / "docs")
    return target


def _unlink_records(docs: Path) -> None:
    """Hand-written pages link real records, which synthetic data lacks: point such links at
    the overview instead, so check and the strict build pass."""
    from microsite.checks.doc_links import record_links

    for page in sorted(docs.rglob("*.md")):
        inside = page.relative_to(docs).as_posix().partition("/")[2]
        text = page.read_text(encoding="utf-8")
        for link in reversed(record_links(text, inside, "")):
            base = link.target.split("#", 1)[0].rsplit(f"{SECTION}/", 1)[0]
            text = text[:link.start] + f"{base}{SECTION}/index.md" + text[link.end:]
        page.write_text(text, encoding="utf-8")


def write_records(project: Path, count: int, languages: tuple[str, ...],
                  data_file: str = "data/projects.yaml") -> None:
    path = project / data_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(records_yaml(count, languages), encoding="utf-8")
