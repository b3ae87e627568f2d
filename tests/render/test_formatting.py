"""Babel formatting of amounts, dates and periods."""

from __future__ import annotations

import pytest

from microsite.data.model import PartialDate, Period
from microsite.render.formatting import autonym, format_amount, format_partial_date, format_period
from microsite.render.ui import Phrases

PHRASES = {
    "de": {"period.range": "{start} – {end}", "period.from": "ab {start}",
           "period.until": "bis {end}"},
    "en_GB": {"period.range": "{start} – {end}", "period.from": "from {start}",
              "period.until": "until {end}"},
}


@pytest.mark.parametrize(
    ("amount", "locale", "expected"),
    [
        (50000, "de", "50.000\u00a0€"),
        (50000, "en_GB", "€50,000"),
        (50000, "en", "€50,000"),
        (1234.5, "de", "1.234,50\u00a0€"),
        (1234.5, "en_GB", "€1,234.50"),
        (0, "de", "0\u00a0€"),
    ],
)
def test_amounts(amount: float, locale: str, expected: str) -> None:
    assert format_amount(amount, "EUR", locale) == expected


def test_month_and_day_precision() -> None:
    assert format_partial_date(PartialDate(2024, 11), "de") == "November 2024"
    assert format_partial_date(PartialDate(2024, 11, 3), "de") == "3. November 2024"
    assert format_partial_date(PartialDate(2024, 11, 3), "en_GB") == "3 November 2024"


@pytest.mark.parametrize(
    ("period", "locale", "expected"),
    [
        (Period(PartialDate(2024, 9), PartialDate(2025, 8)), "de", "September 2024 – August 2025"),
        (Period(PartialDate(2024, 9), PartialDate(2025, 8)), "en_GB",
         "September 2024 – August 2025"),
        (Period(PartialDate(2024, 11), None), "de", "ab November 2024"),
        (Period(PartialDate(2024, 11), None), "en_GB", "from November 2024"),
        (Period(None, PartialDate(2025, 3, 1)), "de", "bis 1. März 2025"),
        (Period(None, None), "de", None),
    ],
)
def test_periods(period: Period, locale: str, expected: str | None) -> None:
    assert format_period(period, locale, Phrases(PHRASES[locale])) == expected


def test_language_names_in_themselves() -> None:
    names = [autonym(c) for c in ("de", "en", "tr", "ar")]
    assert names == ["Deutsch", "English", "Türkçe", "العربية"]
