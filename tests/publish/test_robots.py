"""robots.txt exists only where crawlers read it: at the root of a host (RFC 9309)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from microsite.publish.sitemap import robots_txt_is_read
from projectcopy import copy_project
from sitebuild import build


@pytest.mark.parametrize(("site_url", "read"), [
    ("https://arbeitsmarkt.example.de/", True),
    ("https://arbeitsmarkt.example.de", True),
    ("https://lhh-microsite.github.io/arbeitsmarktintegration/", False),
    ("https://example.org/a/b/", False),
])
def test_robots_txt_only_at_the_root_of_a_host(site_url: str, read: bool) -> None:
    assert robots_txt_is_read(site_url) is read


def test_a_site_on_its_own_domain_gets_robots_txt_naming_the_sitemap(tmp_path: Path) -> None:
    site_url = "https://arbeitsmarkt.example.de/"
    project = copy_project(tmp_path / "project", site_url=site_url,
                           languages=("de", "en"))
    result = build(tmp_path / "out", project=project, build_date=dt.date(2026, 11, 25))
    assert result.returncode == 0, result.output
    robots = (result.site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {site_url}sitemap.xml" in robots.splitlines()
    assert "Disallow: /" not in robots.splitlines()
    assert (result.site / "sitemap.xml").is_file()
