"""Where the facts come from: the source of the records and of the pages that draw on it.

A record names its sources (``sources:``); ``- default: true`` names the file's own source
(``source:`` at the top of ``projects.yaml``), which hand-written pages may name too. A record
without a source shows no attribution. A stated status is shown as of its source's date –
"Stand 20.09.2024: läuft (laut Pressemitteilung vom 20. September 2024)" – because a site built
years later must not present it as today's; a status derived from dates says so ("nach dem
Zeitraum laut …").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from microsite.data.model import Source
from microsite.render.formatting import format_day
from microsite.render.ui import Phrases


@dataclass(frozen=True)
class SourceView:
    """A source as a page in one language prints it; ``title_lang`` where it differs."""

    label: str
    publisher: str | None
    type: str
    title: str | None
    title_lang: str | None
    quote_open: str
    quote_close: str
    date: str
    url: str | None
    stated: str
    """The status note of a status the source states: "laut Pressemitteilung vom …"."""
    derived: str
    """The status note of a status derived from the source's dates."""
    day: dt.date | None = None
    long_date: str = ""
    """The date in words, e.g. "20. September 2024"."""


def _pick(texts: dict[str | None, str], lang: str, default: str) -> tuple[str | None, str]:
    """The wording for ``lang`` and the language it is written in."""
    if lang in texts:
        return texts[lang], lang
    if None in texts:
        return texts[None], default
    if default in texts:
        return texts[default], default
    return None, lang


def build_source_view(source: Source, lang: str, default: str, phrases: Phrases,
                      locale: str | None = None) -> SourceView:
    """The source formatted for a page in ``lang`` (``locale``: Babel's, e.g. ``en_GB``)."""
    date = format_day(source.date, locale or lang)
    kind = _pick(source.type, lang, default)[0] or phrases["source.type.default"]
    title, title_lang = _pick(source.title, lang, default)
    quote_open, _, quote_close = phrases["source.quoted"].partition("{title}")
    return SourceView(
        label=phrases["label.source"],
        publisher=_pick(source.publisher, lang, default)[0],
        type=kind,
        title=title,
        title_lang=title_lang if title and title_lang != lang else None,
        quote_open=quote_open,
        quote_close=quote_close,
        date=phrases.fill("source.date", date=date),
        url=source.url,
        stated=phrases.fill("status.source.stated", type=kind, date=date),
        derived=phrases.fill("status.source.derived", type=kind, date=date),
        day=source.date,
        long_date=date,
    )
