"""The overview in pages of at most ``PAGE_SIZE`` records, and the home page's offers.

At 1,000 records one overview page listing them all weighed 560 KB; in pages of 50 every page
stays near 45 KB. The groups by status run on across pages (a group continues on the next page
under its heading). The home page names, per audience, a few records and how many more there
are; the overview has them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from microsite.render.ui import Phrases
from microsite.render.views import (
    AudienceEntry,
    FilterOption,
    OverviewGroup,
    RecordView,
    build_audience_entries,
    build_overview_filter,
)

PAGE_SIZE = 50
"""Records per overview page: about 0.55 KB of HTML each, so a page stays under 100 KB."""
HOME_PER_AUDIENCE = 3
"""Records named per audience on the home page; the rest are counted and on the overview."""


@dataclass(frozen=True)
class OverviewPage:
    number: int  # from 1
    groups: tuple[OverviewGroup, ...]
    filters: tuple[FilterOption, ...]


def paginate(groups: tuple[OverviewGroup, ...], phrases: Phrases,
             size: int = PAGE_SIZE) -> tuple[OverviewPage, ...]:
    """``groups`` cut into pages of at most ``size`` records, in order; one empty page
    where there are no records (the overview says so)."""
    pages: list[OverviewPage] = []
    current: list[OverviewGroup] = []
    room = size

    def close() -> None:
        nonlocal current, room
        views = [view for group in current for view in group.records]
        pages.append(OverviewPage(len(pages) + 1, tuple(current),
                                  build_overview_filter(views, phrases)))
        current, room = [], size

    for group in groups:
        records = group.records
        while records:
            if room == 0:
                close()
            part, records = records[:room], records[room:]
            current.append(OverviewGroup(group.key, group.heading, part))
            room -= len(part)
    close()
    return tuple(pages)


@dataclass(frozen=True)
class HomeOffer:
    """One line of the home page's first screen: an audience, a few records for it, and how
    many more the overview lists."""

    key: str
    label: str
    records: tuple[RecordView, ...]
    more: int


def home_offers(views: list[RecordView], phrases: Phrases,
                per_audience: int = HOME_PER_AUDIENCE) -> tuple[HomeOffer, ...]:
    entries: tuple[AudienceEntry, ...] = build_audience_entries(views, phrases)
    return tuple(HomeOffer(e.key, e.label, e.records[:per_audience],
                           max(0, len(e.records) - per_audience)) for e in entries)
