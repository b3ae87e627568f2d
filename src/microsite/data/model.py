"""The data model: what a record is, independent of files, languages on screen and MkDocs."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """What a record describes. The kind picks labels and structured data, not the layout."""

    PROJECT = "project"
    PROGRAMME = "programme"
    SERVICE = "service"
    STRATEGY = "strategy"
    EVENT = "event"


class Audience(StrEnum):
    """Whom a record is for: the controlled vocabulary of the home page's entry by audience
    and the overview's filter. Set only where the source says so."""

    JOBSEEKERS = "jobseekers"
    SELF_EMPLOYED = "self-employed"
    SKILLED_WORKERS_ABROAD = "skilled-workers-abroad"
    EMPLOYERS = "employers"
    INSTITUTIONS = "institutions"


class Status(StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    COMPLETED = "completed"


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day or only to the month ("2024-09")."""

    year: int
    month: int
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError for impossible dates."""
        parts = text.split("-")
        if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
            raise ValueError(text)
        year, month = int(parts[0]), int(parts[1])
        day = int(parts[2]) if len(parts) == 3 else None
        dt.date(year, month, day or 1)  # raises for month 13 or 31 February
        return cls(year, month, day)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.day is not None:
            return dt.date(self.year, self.month, self.day)
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def isoformat(self) -> str:
        base = f"{self.year:04d}-{self.month:02d}"
        return base if self.day is None else f"{base}-{self.day:02d}"


@dataclass(frozen=True)
class Period:
    start: PartialDate | None = None
    end: PartialDate | None = None


@dataclass(frozen=True)
class Organisation:
    """An organisation's name per language; ``names[None]`` holds a name used in every language."""

    names: dict[str | None, str]
    url: str | None = None

    def name_in(self, lang: str, default_lang: str) -> tuple[str, str]:
        """The name shown on a page in ``lang`` and the language that name is written in."""
        if lang in self.names:
            return self.names[lang], lang
        if None in self.names:
            return self.names[None], default_lang
        return self.names[default_lang], default_lang


@dataclass(frozen=True)
class Funding:
    amount: int | None = None
    currency: str = "EUR"
    funders: tuple[Organisation, ...] = ()


@dataclass(frozen=True)
class Result:
    count: int
    label: dict[str, str]


@dataclass(frozen=True)
class Link:
    url: str
    label: dict[str, str]


@dataclass(frozen=True)
class Contact:
    name: dict[str, str] = field(default_factory=dict)
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Source:
    """Where a record's facts come from, e.g. a press release: its date and what names it.

    Each text maps a language to its wording; ``None`` holds a wording used in every language
    (a title is quoted as published, in the default language).
    """

    date: dt.date
    type: dict[str | None, str] = field(default_factory=dict)
    publisher: dict[str | None, str] = field(default_factory=dict)
    title: dict[str | None, str] = field(default_factory=dict)
    url: str | None = None


@dataclass(frozen=True)
class Location:
    """Where an event takes place: a name and an address, each the same in every language
    (``None``) or per language."""

    name: dict[str | None, str] = field(default_factory=dict)
    address: dict[str | None, str] = field(default_factory=dict)

    def in_lang(self, lang: str, default: str) -> tuple[str | None, str | None]:
        def pick(texts: dict[str | None, str]) -> str | None:
            return texts.get(lang) or texts.get(None) or texts.get(default)

        return pick(self.name), pick(self.address)


@dataclass(frozen=True)
class Texts:
    """The texts of one record in one language."""

    title: str
    summary: str
    description: str = ""
    title_lang: str | None = None  # a name kept in another language, e.g. "de"
    target_group: str = ""
    how_to_take_part: tuple[str, ...] = ()


@dataclass(frozen=True)
class Record:
    id: str
    kind: Kind
    texts: dict[str, Texts]
    line: int = 0
    status: Status | None = None
    period: Period = Period()
    funding: Funding | None = None
    providers: tuple[Organisation, ...] = ()
    partners: tuple[Organisation, ...] = ()
    languages: tuple[str, ...] = ()
    audiences: tuple[Audience, ...] = ()
    multilingual: bool = False
    results: tuple[Result, ...] = ()
    links: tuple[Link, ...] = ()
    contact: Contact | None = None
    sources: tuple[Source, ...] = ()
    """Where the record's facts come from, as the record names them (none: no attribution)."""
    location: Location | None = None
    draft: bool = False
    publish_from: dt.date | None = None
    translation_pending: tuple[str, ...] = ()
    translation_reviewed: tuple[str, ...] = ()
    """Languages whose translation the city has checked (``translation: {<lang>: {reviewed:
    …}}``, written by ``microsite review``); the others' pages say it has not been checked."""
    former_ids: tuple[str, ...] = ()

    @property
    def source(self) -> Source | None:
        """The newest of the record's sources: the one its status, results and figures are
        as of."""
        return max(self.sources, key=lambda s: s.date) if self.sources else None

    @property
    def source_date(self) -> dt.date | None:
        source = self.source
        return source.date if source else None

    def texts_for(self, lang: str, default_lang: str) -> tuple[Texts, str]:
        """The texts shown on the page in ``lang`` and the language they are written in."""
        if lang in self.texts:
            return self.texts[lang], lang
        return self.texts[default_lang], default_lang

    def is_published(self, today: dt.date) -> bool:
        if self.draft:
            return False
        return self.publish_from is None or self.publish_from <= today
