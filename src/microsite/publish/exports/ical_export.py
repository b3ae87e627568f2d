"""The iCalendar export (RFC 5545) of the events, via the ``icalendar`` library.

Only records of kind ``event`` whose start is known to the day become a VEVENT: a calendar
entry needs a day, and none is invented. All-day entries (``VALUE=DATE``); ``DTEND`` is the day
after the last day, as RFC 5545 counts it; an event given only its start day is that one day.
``DTSTAMP`` is the time of the build (SOURCE_DATE_EPOCH or the commit's time: reproducible),
``LOCATION`` the event's place (name and address). The UID is a ``tag:`` URI that does not
change with the site's address (``ids.py``). RFC 5545 requires at least one component
in a calendar: without dated events there is no calendar file (``events_ics`` returns None).
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from microsite.data.model import Kind, Record
from microsite.data.urls import absolute, record_url
from microsite.publish.exports.ids import ADDRESS_IDS, Ids
from microsite.publish.exports.records import sorted_records
from microsite.render.site import SiteData
from microsite.render.status import effective_end

PRODID = "-//lhh-microsite//open data//EN"


def dated_events(site: SiteData) -> list[Record]:
    """Published events with a start day, by start day and id."""
    events = [r for r in sorted_records(site) if r.kind is Kind.EVENT
              and r.period.start is not None and r.period.start.day is not None]
    return sorted(events, key=lambda r: (r.period.start.first_day, r.id))


def _midnight_utc(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _event(site: SiteData, record: Record, lang: str, site_url: str, ids: Ids) -> Event:
    default = site.default_language
    texts, text_lang = record.texts_for(lang, default)
    start, end = record.period.start, effective_end(record)
    assert start is not None and end is not None  # dated events have a start day
    last = end.last_day
    event = Event()
    event.add("uid", ids.event(record.id, site_url))
    event.add("dtstamp", site.settings.build_time or _midnight_utc(site.settings.build_date))
    event.add("dtstart", start.first_day)
    event.add("dtend", max(last, start.first_day) + dt.timedelta(days=1))
    event.add("summary", texts.title, parameters={"LANGUAGE": text_lang})
    event.add("description", texts.summary, parameters={"LANGUAGE": text_lang})
    event.add("url", absolute(site_url, record_url(record.id, lang, default)))
    if record.location is not None:
        name, address = record.location.in_lang(lang, default)
        place = ", ".join(part for part in (name, address) if part)
        if place:
            event.add("location", place)
    return event


def events_ics(site: SiteData, lang: str, site_url: str, calendar_name: str,
               ids: Ids = ADDRESS_IDS) -> bytes | None:
    events = dated_events(site)
    if not events:
        return None
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", calendar_name)
    calendar.add("x-wr-calname", calendar_name)
    for record in events:
        calendar.add_component(_event(site, record, lang, site_url, ids))
    return calendar.to_ical()
