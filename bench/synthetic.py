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


def copy_project(source: Path, target: Path, languages: tuple[str, ...] | None = None) -> Path:
    """Copy what a build reads (config, pages, templates, interface texts) to ``target``;
    with ``languages``, only these of the site's languages (``keep_languages``)."""
    for part in PROJECT_PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, target / part)
        else:
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / part)
    _unlink_records(target / "docs")
    if languages is not None:
        keep_languages(target, languages)
    return target


def keep_languages(project: Path, keep: tuple[str, ...],
                   data_file: str = "data/projects.yaml") -> None:
    """Remove every language but ``keep`` from ``project``: from the i18n plugin's list and
    the optional languages, its pages, its interface texts and (where the records file is
    there already) the records' texts."""
    config_file = project / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    dropped: set[str] = set()
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = plugin["i18n"]["languages"]
            dropped = {entry["locale"] for entry in entries} - set(keep)
            plugin["i18n"]["languages"] = [e for e in entries if e["locale"] in keep]
        if isinstance(plugin, dict) and "microsite" in plugin:
            options = plugin["microsite"]
            options["optional_languages"] = [
                lang for lang in options.get("optional_languages", []) if lang in keep]
    if not dropped:  # every language kept: the files stay as they are
        return
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                           encoding="utf-8")
    for lang in sorted(dropped):
        shutil.rmtree(project / "docs" / lang, ignore_errors=True)
        (project / "data" / "ui" / f"{lang}.yaml").unlink(missing_ok=True)
    records_file = project / data_file
    if not records_file.is_file():
        return
    every = set(keep) | dropped

    def drop(value: object) -> None:
        """Each text by language (a mapping whose keys are languages) loses the dropped ones."""
        if isinstance(value, dict):
            if value and set(value) <= every:
                for lang in dropped:
                    value.pop(lang, None)
            if isinstance(value.get("languages"), list):
                value["languages"] = [lang for lang in value["languages"] if lang in keep]
            for item in value.values():
                drop(item)
        elif isinstance(value, list):
            for item in value:
                drop(item)

    data = yaml.safe_load(records_file.read_text(encoding="utf-8"))
    drop(data)
    records_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")


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
