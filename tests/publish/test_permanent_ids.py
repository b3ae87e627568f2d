"""Feed and calendar ids do not depend on the host: moving the site keeps every id.

A custom domain (guide/publishing.md) changes ``site_url``; Atom ids and iCalendar UIDs are
``tag:`` URIs from ``id_tag`` in mkdocs.yml and the record ids, so readers and calendars do not
see every entry again as new. Both sites are shared builds: the sample as published today (the
``site`` fixture) and on a custom domain (``custom_domain``, also test_shared_origin's); the
sample's dated event is the one in the calendar.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.etree import ElementTree as ET

import icalendar
import pytest
import yaml

from custom_domain import CUSTOM, custom_domain_project
from microsite.publish.exports.ids import Ids, valid_tag
from shared_builds import shared_build
from sitebuild import REPO

ATOM = "{http://www.w3.org/2005/Atom}"
LANGS = {"de": "", "en": "en/"}
NEW_HOME = f"https://{CUSTOM}/"
EVENT = "jobmesse-2027"  # the sample's dated event


def _ids(site: Path) -> dict[str, list[str]]:
    """Every Atom id (feed and entries) and every UID, per language."""
    found = {}
    for lang, prefix in LANGS.items():
        feed = ET.parse(site / prefix / "opendata" / "feed.atom").getroot()
        calendar = icalendar.Calendar.from_ical(
            (site / prefix / "opendata" / "events.ics").read_bytes())
        found[lang] = ([feed.findtext(f"{ATOM}id")]
                       + [e.findtext(f"{ATOM}id") for e in feed.iter(f"{ATOM}entry")]
                       + [str(event["UID"]) for event in calendar.walk("VEVENT")])
    return found


@pytest.fixture(scope="module")
def two_homes(tmp_path_factory: pytest.TempPathFactory, site: Path,
              shared_sites: Path) -> tuple[Path, Path]:
    project = custom_domain_project(tmp_path_factory.mktemp("custom-domain") / "project")
    moved = shared_build(shared_sites, project, build_date=dt.date(2026, 11, 25))
    assert moved.returncode == 0, moved.output
    return site, moved.site


def test_changing_site_url_leaves_every_feed_and_calendar_id_unchanged(
        two_homes: tuple[Path, Path]) -> None:
    before, after = two_homes
    ids = _ids(before)
    assert ids == _ids(after)
    # the move did change the addresses: the ids are not addresses
    assert NEW_HOME in (after / "opendata" / "feed.atom").read_text(encoding="utf-8")
    id_tag = _id_tag()
    for lang, values in ids.items():
        assert len(values) == len(set(values)) >= 3  # feed, entries, the event
        assert all(value.startswith(f"tag:{id_tag}/") for value in values), values
        assert f"tag:{id_tag}/record/{EVENT}/{lang}" in values
        assert f"tag:{id_tag}/event/{EVENT}" in values  # one UID in every language


def _id_tag() -> str:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"),
                       Loader=yaml.BaseLoader)
    (options,) = [p["microsite"] for p in config["plugins"]
                  if isinstance(p, dict) and "microsite" in p]
    return options["id_tag"]


def test_the_real_site_sets_a_valid_id_tag() -> None:
    assert valid_tag(_id_tag())


@pytest.mark.parametrize(("value", "valid"), [
    ("example.org,2026-11-25:site", True),
    ("press@example.org,2026:site/sub", True),
    ("example.org,2026-11:a.b_c~d", True),
    ("https://example.org/", False),          # an address is exactly what must not be used
    ("example.org:site", False),              # no date
    ("example.org,26-11-25:site", False),
    ("example.org,2026-11-25:", False),       # no name
    ("localhost,2026:site", False),           # not a domain name
])
def test_id_tag_follows_rfc_4151(value: str, valid: bool) -> None:
    assert valid_tag(value) is valid


def test_without_id_tag_ids_follow_the_address() -> None:
    ids = Ids(None)
    assert ids.feed("en", "https://a.example/en/feed.atom") == "https://a.example/en/feed.atom"
    assert ids.event("x", "https://a.example/sub/") == "x@a.example"
    tagged = Ids("a.example,2026:s")
    assert tagged.event("x", "https://b.example/") == "tag:a.example,2026:s/event/x"
