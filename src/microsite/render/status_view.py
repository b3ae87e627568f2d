"""What a record's status is on the day a page is built, and how it is worded (issue 18).

- A status derived from the dates is today's: "läuft", "geplant", "abgeschlossen"; an event
  speaks in its tense: "findet am 18. März 2027 statt", "fand im September 2024 statt".
- A stated status (no dates) is only known as of its source: "Stand 20.09.2024: läuft". Once
  the source is older than the configured age, it is shown in a neutral style, never as a
  green "läuft".
- An event that was running or held on its source's date has taken place by any later day:
  "fand im September 2024 statt".
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date

from microsite.data.model import Kind, PartialDate, Record, Status
from microsite.render.formatting import format_partial_date
from microsite.render.status import derive_status, effective_end
from microsite.render.ui import Phrases

DEFAULT_MAX_AGE_MONTHS = 6


@dataclass(frozen=True)
class StatusToday:
    """What is known about a record's state on ``today``."""

    value: Status | None
    basis: str | None
    """``dates`` (from the period), ``source`` (an event past by its source date), ``stated``
    (as of the source's date), or None without a status."""
    as_of: dt.date | None = None
    stale: bool = False


def months_later(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def status_today(record: Record, today: dt.date,
                 max_age_months: int = DEFAULT_MAX_AGE_MONTHS) -> StatusToday:
    if record.status is None:
        derived = derive_status(record, today)
        return StatusToday(derived, "dates" if derived else None)
    as_of = record.source_date
    if (record.kind is Kind.EVENT and as_of is not None and as_of < today
            and record.status in (Status.RUNNING, Status.COMPLETED)):
        return StatusToday(Status.COMPLETED, "source", as_of)
    stale = as_of is None or months_later(as_of, max_age_months) < today
    return StatusToday(record.status, "stated", as_of, stale)


def _when(day: PartialDate, locale: str, phrases: Phrases) -> str:
    key = "when.day" if day.day is not None else "when.month"
    return phrases.fill(key, date=format_partial_date(day, locale))


def status_label(record: Record, state: StatusToday, locale: str, phrases: Phrases) -> str | None:
    """The status in words, in the tense of the day: an event took place or takes place."""
    if state.value is None:
        return None
    plain = phrases[f"status.{state.value.value}"]
    if record.kind is Kind.EVENT and state.basis in ("dates", "source"):
        if state.basis == "source":
            assert state.as_of is not None
            if record.status is not Status.RUNNING:  # held on or before the source's date
                return phrases["event.past.undated"]
            day = PartialDate(state.as_of.year, state.as_of.month)
        else:
            day = (effective_end(record) if state.value is Status.COMPLETED
                   else record.period.start)
        if state.value is Status.COMPLETED and day is not None:
            return phrases.fill("event.past", when=_when(day, locale, phrases))
        if state.value is Status.PLANNED and day is not None:
            return phrases.fill("event.future", when=_when(day, locale, phrases))
    if state.basis == "stated":
        if state.as_of is None:
            return plain
        return phrases.fill("status.as_of", date=as_of_date(state.as_of, locale),
                                              status=plain)
    return plain


def as_of_date(day: dt.date, locale: str) -> str:
    """"20.09.2024" in German, "20 Sept 2024" in British English."""
    return format_date(day, "medium", locale=locale)


def status_style(state: StatusToday) -> str | None:
    """The tag's colour: the status, or ``dated`` (neutral) for an old stated one."""
    if state.value is None:
        return None
    if state.basis == "stated" and state.stale:
        return "dated"
    return state.value.value


def overview_group_key(state: StatusToday) -> str:
    """Group by what is known today: a status from the dates, or "Stand <date>"."""
    if state.value is None:
        return "none"
    if state.basis == "stated":
        return f"as-of-{state.as_of.isoformat()}" if state.as_of else state.value.value
    return state.value.value
