"""The Atom feed (RFC 4287) of new and changed records.

"New or changed" is known from the data, never the clock: an entry's ``updated`` is the record's
``updated`` date (the later of its source date and ``publish_from``). Records without either date
are not in the feed. The feed's own ``updated`` is its newest entry's, so a nightly rebuild with
unchanged data gives the same feed. Ids are ``tag:`` URIs that do not change with the site's
address (``ids.py``).
"""

from __future__ import annotations

import datetime as dt
import io
from xml.etree import ElementTree as ET

from microsite.data.urls import absolute, record_url
from microsite.publish.exports.ids import ADDRESS_IDS, Ids
from microsite.publish.exports.records import record_updated, sorted_records
from microsite.render.site import SiteData

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def records_atom(site: SiteData, lang: str, site_url: str, *, feed_url: str, overview_url: str,
                 title: str, subtitle: str, publisher: str, ids: Ids = ADDRESS_IDS) -> bytes:
    default = site.default_language
    dated = [(record_updated(r), r) for r in sorted_records(site)]
    entries = sorted(((day, r) for day, r in dated if day is not None),
                     key=lambda pair: (pair[0], pair[1].id), reverse=True)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: lang})
    _sub(feed, "id", ids.feed(lang, feed_url))
    _sub(feed, "title", title)
    _sub(feed, "subtitle", subtitle)
    newest = entries[0][0] if entries else site.settings.build_date
    _sub(feed, "updated", _timestamp(newest))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=overview_url)
    author = _sub(feed, "author")
    _sub(author, "name", publisher)
    for day, record in entries:
        texts, text_lang = record.texts_for(lang, default)
        url = absolute(site_url, record_url(record.id, lang, default))
        entry = _sub(feed, "entry")
        if text_lang != lang:
            entry.set(XML_LANG, text_lang)
        _sub(entry, "id", ids.entry(record.id, lang, url))
        _sub(entry, "title", texts.title)
        _sub(entry, "link", rel="alternate", type="text/html", href=url)
        _sub(entry, "updated", _timestamp(day))
        _sub(entry, "summary", texts.summary)
        _sub(entry, "category", term=record.kind.value)
    ET.indent(feed)
    out = io.BytesIO()
    ET.ElementTree(feed).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue() + b"\n"
