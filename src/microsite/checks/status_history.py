"""A status or a result changed without a newer source: the page would date the new state
with the old source ("Stand 20.09.2024") and attribute it falsely.

Compared with the data file of the last commit, as ``id_history`` does for ids: for each
record in both, a changed ``status`` or ``results`` needs a source dated after the newest
source the record had before. Without git there is nothing to compare with.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from microsite.checks.id_history import committed_version
from microsite.checks.problems import Problem
from microsite.data.model import Record

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _day(raw: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(raw)) if raw else None
    except ValueError:
        return None


def _newest_source(item: dict, file_source: Any) -> dt.date | None:
    file_source = file_source if isinstance(file_source, dict) else {}
    raws = [file_source.get("date") if entry.get("default") else entry.get("date")
            for entry in item.get("sources") or () if isinstance(entry, dict)]
    old_single = item.get("source")  # the format before sources: one source per record
    if isinstance(old_single, dict):
        raws.append(old_single.get("date"))
    if "sources" not in item and "source" not in item:
        raws.append(file_source.get("date"))  # before sources: the file's was every record's
    dates = [d for d in map(_day, raws) if d is not None]
    return max(dates) if dates else None


def _results(value: Any) -> list[tuple]:
    return [(r.get("count"), tuple(sorted((r.get("label") or {}).items())))
            for r in (value or ()) if isinstance(r, dict)]


def _earlier_records(text: str) -> tuple[dict[str, dict], Any]:
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError:
        return {}, None
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        return {}, None
    items = {i.get("id"): i for i in data["records"] if isinstance(i, dict)}
    return items, data.get("source")


def changed_without_source(root: Path, data_file: str,
                           records: list[Record]) -> list[Problem]:
    """An error for each record whose status or results changed while no source got newer."""
    revision, text = committed_version(root, data_file)
    if not text:
        return []
    earlier, earlier_file_source = _earlier_records(text)
    problems = []
    for record in records:
        before = earlier.get(record.id)
        if before is None:
            continue
        old_date = _newest_source(before, earlier_file_source)
        new_date = record.source_date
        if new_date is not None and (old_date is None or new_date > old_date):
            continue
        status = record.status.value if record.status else None
        results = [(r.count, tuple(sorted(r.label.items()))) for r in record.results]
        for key, old, new in (("status", before.get("status"), status),
                              ("results", _results(before.get("results")), results)):
            if old != new and new:  # removing what no source states needs no new source
                shown = old if key == "status" else {"de": f"{len(old)} Ergebnisse",
                                                     "en": f"{len(old)} results"}
                problems.append(Problem(
                    data_file, record.line, 1, "status_changed_without_source",
                    record_id=record.id, record_kind=record.kind.value, field=key,
                    params={"key": key, "before": shown or "–",
                            "date": old_date.isoformat() if old_date else "–",
                            "compared_with": f"git {revision}:{data_file}"}))
    return problems
