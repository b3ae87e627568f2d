"""What ``check`` asks of sources and tense (issue 18).

- A record that states a status, a result or an amount names a source (``sources:``).
- ``sources: - default: true`` needs the file's own ``source:``; any other source its date.
- A record whose period has ended, or an event whose date or source date has passed, still
  written in the future ("will", "soll", …): a hint, since only the editor can rewrite it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from microsite.checks.collector import ProblemCollector, found
from microsite.data.model import PartialDate

# future or intention words, per language: a text about what has ended should not use them
FUTURE_WORDS = {
    "de": re.compile(r"\b(will|soll|sollen)\b"),
    "en": re.compile(r"\b(will|aims to|wants to)\b"),
}
_TENSE_FIELDS = ("summary", "description")


def _stated_facts(item: dict) -> list[list]:
    """The paths of what a source must back: a status, results, an amount."""
    paths: list[list] = []
    if item.get("status") is not None:
        paths.append(["status"])
    if item.get("results"):
        paths.append(["results"])
    funding = item.get("funding")
    if isinstance(funding, dict) and funding.get("amount") is not None:
        paths.append(["funding", "amount"])
    return paths


def check_sources(item: dict, base: list, file_source: Any, out: ProblemCollector) -> None:
    """Every source item names the file's source or has a date; stated facts have a source."""
    items = item.get("sources")
    usable = 0
    for i, entry in enumerate(items if isinstance(items, list) else ()):
        if not isinstance(entry, dict):
            continue
        path = [*base, "sources", i]
        if entry.get("default") is True:
            if not isinstance(file_source, dict):
                out.add([*path, "default"], "source_default_missing")
                continue
            others = sorted(k for k in entry if k != "default")
            if others:
                out.add([*path, others[0]], "source_default_and_own", key=others[0])
            usable += 1
        elif not entry.get("date"):
            out.add(path, "source_without_date")
        else:
            usable += 1
    if usable:
        return
    for path in _stated_facts(item):
        what = path[0]
        out.add([*base, *path], "source_required", key=".".join(str(p) for p in path),
                what=what)


def _ended(item: dict, file_source: Any, today: dt.date) -> str | None:
    """The end date (ISO) of a record that is over on ``today``, else None."""
    period = item.get("period") if isinstance(item.get("period"), dict) else {}
    end = period.get("end") or (period.get("start") if item.get("kind") == "event" else None)
    try:
        last = PartialDate.parse(end).last_day if isinstance(end, str) else None
    except ValueError:
        return None
    if last is not None:
        return last.isoformat() if last < today else None
    if item.get("kind") == "event" and item.get("status") in ("running", "completed"):
        dates = [_source_date(e, file_source) for e in item.get("sources") or ()]
        dates = [d for d in dates if d]
        if dates and max(dates) < today:
            return max(dates).isoformat()
    return None


def _source_date(entry: Any, file_source: Any) -> dt.date | None:
    if not isinstance(entry, dict):
        return None
    raw = file_source.get("date") if entry.get("default") and isinstance(file_source, dict) \
        else entry.get("date")
    try:
        return dt.date.fromisoformat(str(raw)) if raw else None
    except ValueError:
        return None


def check_tense(item: dict, base: list, file_source: Any, today: dt.date,
                out: ProblemCollector) -> None:
    """A hint where a record that is over still speaks of the future."""
    ended = _ended(item, file_source, today)
    texts = item.get("texts")
    if ended is None or not isinstance(texts, dict):
        return
    for lang, block in texts.items():
        pattern = FUTURE_WORDS.get(str(lang))
        if pattern is None or not isinstance(block, dict):
            continue
        for key in _TENSE_FIELDS:
            value = block.get(key)
            match = pattern.search(value) if isinstance(value, str) else None
            if match:
                out.add([*base, "texts", lang, key], "tense_after_end", warning=True,
                        found=found(match.group(0)), end=ended)
