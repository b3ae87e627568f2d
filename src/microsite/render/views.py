"""What templates print: records turned into ready-formatted text for one language.

Templates stay free of logic: every label, date, amount and ``lang`` attribute is decided here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from microsite.data.model import Audience, Kind, Organisation, Record, Texts
from microsite.data.urls import record_url
from microsite.render.formatting import (
    format_amount,
    format_count,
    format_day,
    format_period,
    language_name,
)
from microsite.render.markup import mark_languages, render_inline, render_markdown
from microsite.render.sources import SourceView, build_source_view
from microsite.render.status_view import (
    DEFAULT_MAX_AGE_MONTHS,
    as_of_date,
    overview_group_key,
    status_style,
    status_today,
)
from microsite.render.status_view import status_label as status_label_of
from microsite.render.ui import Phrases

GROUP_ORDER = ("running", "planned", "as-of", "completed", "none")


@dataclass(frozen=True)
class Text:
    """A piece of text and, where it differs from the page's language, its own ``lang``."""

    text: str
    lang: str | None = None


@dataclass(frozen=True)
class Fact:
    """One row of the facts list: a label and one or more values."""

    key: str
    label: str
    values: tuple[Text, ...]


@dataclass(frozen=True)
class ResultView:
    count: str
    label: Text


@dataclass(frozen=True)
class LinkView:
    url: str
    label: Text


@dataclass(frozen=True)
class ContactView:
    name: Text | None
    email: str | None
    phone: str | None


@dataclass(frozen=True)
class NextSteps:
    """What a reader can do, first in "Auf einen Blick": take part (the steps further down),
    whom to contact, where to read on. ``published`` is False where the data has none of it:
    the page then says what the source does not give (``missing``), not what the city has
    not published."""

    steps: int
    contact: ContactView | None
    link: LinkView | None
    missing: str = ""

    @property
    def published(self) -> bool:
        return bool(self.steps or self.contact or self.link)


@dataclass(frozen=True)
class RecordView:
    id: str
    kind: str
    kind_label: str
    url: str
    lang: str
    text_lang: str | None  # set where the texts are in another language than the page
    pending_translation: bool
    unchecked_translation: bool  # a translation the city has not checked yet
    preview_notice: str | None  # why an unpublished record shows (preview builds only)
    title: str
    title_lang: str | None  # set where the title is a name in another language than its texts
    summary: str
    title_marked: Markup  # the title with names in another language marked (lang)
    summary_marked: Markup
    description: Markup
    status: str | None
    """What is known today (planned, running, completed), or None."""
    status_label: str | None
    """In words and tense of the day: "läuft", "Stand 20.09.2024: läuft", "fand im September
    2024 statt"."""
    status_note: str | None
    """Whose status it is: "laut Pressemitteilung vom …" (stated) or "nach dem Zeitraum laut …"
    (derived from the dates); None where the record names no source."""
    period: str | None
    at_a_glance: tuple[Fact, ...]
    results: tuple[ResultView, ...]
    how_to_take_part: tuple[Markup, ...]
    links: tuple[LinkView, ...]
    contact: ContactView | None
    source: SourceView | None
    labels: Phrases = field(repr=False)
    audiences: tuple[str, ...] = ()
    next_steps: NextSteps = NextSteps(0, None, None)
    status_style: str | None = None
    """The tag's colour: planned, running, completed, or dated (neutral: an old stated one)."""
    group: str = "none"
    """The overview group: a status from the dates, or ``as-of-<date>`` for a stated one."""
    group_heading: str = ""
    sources: tuple[SourceView, ...] = ()
    """Every source the record names, each with title and date (a link where it has one)."""
    results_note: str | None = None
    """Of when and whose the results are: "laut Pressemitteilung vom 20. September 2024"."""
    location: tuple[Text, ...] = ()


@dataclass(frozen=True)
class OverviewGroup:
    key: str
    heading: str
    records: tuple[RecordView, ...]


def _other(lang_of_text: str, page_lang: str) -> str | None:
    return None if lang_of_text == page_lang else lang_of_text


def _names(orgs: tuple[Organisation, ...], lang: str, default: str) -> tuple[Text, ...]:
    out = []
    for org in orgs:
        name, name_lang = org.name_in(lang, default)
        out.append(Text(name, _other(name_lang, lang)))
    return tuple(out)


def _foreign_names(record: Record, texts: Texts, lang: str, default: str,
                   kept: dict[str, str]) -> dict[str, str]:
    """Names in the record that stay in another language on a page in ``lang``: untranslated
    organisation names, the title where it is such a name (``title_lang``), and the names the
    site keeps in their language (``kept``, e.g. "WIR 2.0")."""
    names = {name: name_lang for name, name_lang in kept.items() if name_lang != lang}
    orgs = (*record.providers, *record.partners,
            *(record.funding.funders if record.funding else ()))
    for org in orgs:
        name, name_lang = org.name_in(lang, default)
        if name_lang != lang:
            names[name] = name_lang
    if texts.title_lang and texts.title_lang != lang:
        names[texts.title] = texts.title_lang
    return names


def _fact(key: str, label: str, *values: Text) -> Fact | None:
    kept = tuple(v for v in values if v.text)
    return Fact(key, label, kept) if kept else None


def _preview_notice(record: Record, today: dt.date, phrases: Phrases, locale: str) -> str | None:
    """The banner of a draft or scheduled record; None for a published one."""
    if record.draft:
        return phrases["preview.draft"]
    if record.publish_from and record.publish_from > today:
        return phrases.fill("preview.scheduled", date=format_day(record.publish_from, locale))
    return None


def build_record_view(record: Record, lang: str, default: str, today: dt.date,
                      phrases: Phrases, locale: str | None = None,
                      max_age_months: int = DEFAULT_MAX_AGE_MONTHS,
                      kept_names: dict[str, str] | None = None) -> RecordView:
    """Everything a record page in ``lang`` shows, formatted and labelled.

    ``locale`` is the Babel locale for numbers and dates (e.g. ``en_GB`` for ``en``).
    """
    locale = locale or lang
    texts, text_lang = record.texts_for(lang, default)
    names = (_foreign_names(record, texts, lang, default, kept_names or {})
             if text_lang == lang else {})
    kind = record.kind.value
    state = status_today(record, today, max_age_months)
    status = state.value
    status_label = status_label_of(record, state, locale, phrases)
    source = (build_source_view(record.source, lang, default, phrases, locale)
              if record.source else None)
    status_note = None
    if status and source:
        status_note = source.derived if state.basis == "dates" else source.stated
    group = overview_group_key(state)
    group_heading = (phrases.fill("overview.group.as_of", date=as_of_date(state.as_of, locale))
                     if group.startswith("as-of-") and state.as_of else
                     phrases[f"overview.group.{group}"])
    results_note = source.stated if source is not None else None
    period = format_period(record.period, locale, phrases,
                           single_day=record.kind is Kind.EVENT)
    funding = record.funding
    amount = (format_amount(funding.amount, funding.currency, locale)
              if funding and funding.amount is not None else "")
    funders = _names(funding.funders, lang, default) if funding else ()
    providers = _names(record.providers, lang, default)
    partners = _names(record.partners, lang, default)
    languages = [language_name(code, locale) for code in record.languages]
    if record.multilingual:
        languages.append(phrases["value.multilingual"])
    language_text = Text(", ".join(languages))
    target = Text(texts.target_group, _other(text_lang, lang))
    glance = [
        _fact("period", phrases.pick("label.period", kind), Text(period or "")),
        _fact("location", phrases["label.location"], *_location(record, lang, default)),
        _fact("funding", phrases["label.funding"], Text(amount)),
        _fact("providers", phrases.pick("label.providers", kind), *providers),
        _fact("funders", phrases["label.funders"], *funders),
        _fact("target_group", phrases["label.target_group"], target),
        _fact("languages", phrases.pick("label.languages", kind), language_text),
        _fact("partners", phrases.pick("label.partners", kind), *partners),
    ]
    contact = None
    if record.contact:
        name = record.contact.name.get(lang) or record.contact.name.get(default)
        contact = ContactView(
            name=Text(name, None if record.contact.name.get(lang) else _other(default, lang))
            if name else None,
            email=record.contact.email,
            phone=record.contact.phone,
        )
    links = tuple(
        LinkView(link.url, Text(link.label.get(lang) or link.label.get(default, ""),
                                None if lang in link.label else _other(default, lang)))
        for link in record.links
    )
    return RecordView(
        id=record.id,
        kind=kind,
        kind_label=phrases[f"kind.{kind}"],
        url=record_url(record.id, lang, default),
        lang=lang,
        text_lang=_other(text_lang, lang),
        pending_translation=text_lang != lang,
        unchecked_translation=(lang != default and text_lang == lang
                               and lang not in record.translation_reviewed),
        preview_notice=_preview_notice(record, today, phrases, locale),
        title=texts.title,
        title_lang=_other(texts.title_lang, text_lang) if texts.title_lang else None,
        summary=texts.summary,
        title_marked=mark_languages(escape(texts.title), {} if texts.title_lang else names),
        summary_marked=mark_languages(escape(texts.summary), names),
        description=mark_languages(render_markdown(texts.description), names),
        status=status.value if status else None,
        status_label=status_label,
        status_note=status_note,
        period=period,
        at_a_glance=tuple(f for f in glance if f),
        results=tuple(
            ResultView(format_count(r.count, locale),
                       Text(r.label.get(lang) or r.label.get(default, ""),
                            None if lang in r.label else _other(default, lang)))
            for r in record.results
        ),
        how_to_take_part=tuple(render_inline(step) for step in texts.how_to_take_part),
        links=links,
        contact=contact,
        source=source,
        labels=phrases,
        audiences=tuple(a.value for a in record.audiences),
        next_steps=NextSteps(len(texts.how_to_take_part), contact, links[0] if links else None,
                             _missing_next_steps(source, phrases)),
        status_style=status_style(state),
        group=group,
        group_heading=group_heading,
        sources=tuple(build_source_view(s, lang, default, phrases, locale)
                      for s in sorted(record.sources, key=lambda s: s.date, reverse=True)),
        results_note=results_note,
        location=_location(record, lang, default),
    )


def _missing_next_steps(source: SourceView | None, phrases: Phrases) -> str:
    """What the source does not give, said of the source: "Die Pressemitteilung vom
    20. September 2024 nennt keine Kontaktstelle." Without a source, of the entry."""
    if source is None:
        return phrases["glance.none"]
    return phrases.fill("glance.none.source", type=source.type, date=source.long_date)


def _location(record: Record, lang: str, default: str) -> tuple[Text, ...]:
    if record.location is None:
        return ()
    name, address = record.location.in_lang(lang, default)
    return tuple(Text(v) for v in (name, address) if v)


@dataclass(frozen=True)
class FilterOption:
    """One choice of the overview's filter by audience: ``all`` or an audience, with its
    count."""

    key: str
    label: str
    count: int


def build_overview_filter(views: list[RecordView], phrases: Phrases) -> tuple[FilterOption, ...]:
    """"All" plus every audience that has records, in the vocabulary's order; none where it
    would narrow nothing down: unless some audience has at least two records and fewer than
    all, each choice would show one card or every card, and the filter only adds noise."""
    present = [FilterOption(e.key, e.label, len(e.records))
               for e in build_audience_entries(views, phrases)]
    if not any(2 <= option.count < len(views) for option in present):
        return ()
    return (FilterOption("all", phrases["overview.filter.all"], len(views)), *present)


@dataclass(frozen=True)
class AudienceEntry:
    """One audience on the home page, with the records for it (sorted by title)."""

    key: str
    label: str
    records: tuple[RecordView, ...]


def build_audience_entries(views: list[RecordView],
                           phrases: Phrases) -> tuple[AudienceEntry, ...]:
    """Every audience that has records, in the vocabulary's order."""
    entries = []
    for audience in Audience:
        members = sorted((v for v in views if audience.value in v.audiences),
                         key=lambda v: v.title.casefold())
        if members:
            entries.append(AudienceEntry(audience.value, phrases[f"audience.{audience.value}"],
                                         tuple(members)))
    return tuple(entries)


def build_overview(views: list[RecordView], phrases: Phrases) -> tuple[OverviewGroup, ...]:
    """Record views grouped by what is known today: running, planned (from the dates), then
    "Stand <date>" per source date (newest first), completed, none; by title in a group."""
    def order(key: str) -> tuple:
        kind = "as-of" if key.startswith("as-of-") else key
        return (GROUP_ORDER.index(kind), "".join(chr(0x10FFFF - ord(c)) for c in key))

    groups = []
    for key in sorted({v.group for v in views}, key=order):
        members = sorted((v for v in views if v.group == key), key=lambda v: v.title.casefold())
        groups.append(OverviewGroup(key, members[0].group_heading, tuple(members)))
    return tuple(groups)
