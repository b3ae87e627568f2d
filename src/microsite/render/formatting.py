"""Locale-aware formatting of amounts, dates and periods with Babel."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from microsite.data.model import PartialDate, Period
from microsite.render.ui import Phrases


def format_amount(amount: float | int, currency: str, lang: str) -> str:
    """``50000`` as "50.000 €" (de) or "€50,000" (en): no cents on whole amounts."""
    value = Decimal(str(amount))
    whole = value == value.to_integral_value()
    pattern = Locale.parse(lang).currency_formats["standard"].pattern
    if whole:
        pattern = pattern.replace(".00", "")
    return format_currency(value, currency, format=pattern, locale=lang, currency_digits=not whole)


def format_partial_date(value: PartialDate, lang: str) -> str:
    """A day as "1. November 2024" / "1 November 2024", a month as "November 2024"."""
    if value.day is None:
        return format_date(value.first_day, "LLLL y", locale=lang)
    return format_date(value.first_day, "long", locale=lang)


def format_day(value: dt.date, lang: str) -> str:
    return format_date(value, "long", locale=lang)


def format_period(period: Period, lang: str, phrases: Phrases,
                  single_day: bool = False) -> str | None:
    """"September 2024 – August 2025", or "ab …" / "bis …" from the language's phrases.

    With ``single_day`` (events) a start without an end is the one day or month it names.
    """
    start = format_partial_date(period.start, lang) if period.start else None
    end = format_partial_date(period.end, lang) if period.end else None
    if start and not end and single_day:
        return start
    if start and end:
        return phrases.fill("period.range", start=start, end=end)
    if start:
        return phrases.fill("period.from", start=start)
    if end:
        return phrases.fill("period.until", end=end)
    return None


def format_count(count: int, lang: str) -> str:
    return format_decimal(count, locale=lang)


def language_name(code: str, lang: str) -> str:
    """A language named in ``lang``, e.g. ``en`` in German is "Englisch"."""
    return Locale.parse(lang).languages.get(code, code)


@functools.cache  # asked for every language on every page
def autonym(code: str) -> str:
    """A language named in itself: "Deutsch", "English", "Türkçe"."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]
