"""Permanent ids of the feed, its entries and calendar events: ``tag:`` URIs (RFC 4151).

An Atom id or an iCalendar UID must never change: feed readers would show every entry again as
new and calendars would hold each event twice. Ids built from the site's address change with it
(a custom domain, another path), so they are built from a tagging entity set once in mkdocs.yml
(plugin option ``id_tag``: a domain name or e-mail address the publisher held on a date, then a
name for the site, e.g. ``example.org,2026-11-25:site``) and the record's id. Without
``id_tag``, the ids follow the site's address as before, and change with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

TAG = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+"
                 r"|[^@\s,:]+@[a-z0-9.-]+),\d{4}(?:-\d{2}(?:-\d{2})?)?:[A-Za-z0-9._~/-]+")


def valid_tag(value: str) -> bool:
    """``authority,date:name`` as RFC 4151 defines a tagging entity plus a specific part."""
    return TAG.fullmatch(value) is not None


@dataclass(frozen=True)
class Ids:
    tag: str | None  # "authority,date:name"; None: ids from the site's address

    def feed(self, lang: str, feed_url: str) -> str:
        return f"tag:{self.tag}/feed/{lang}" if self.tag else feed_url

    def entry(self, record_id: str, lang: str, record_url: str) -> str:
        return f"tag:{self.tag}/record/{record_id}/{lang}" if self.tag else record_url

    def event(self, record_id: str, site_url: str) -> str:
        """One UID per event, the same in every language's calendar."""
        if self.tag:
            return f"tag:{self.tag}/event/{record_id}"
        return f"{record_id}@{urlsplit(site_url).hostname or 'localhost'}"


ADDRESS_IDS = Ids(None)
