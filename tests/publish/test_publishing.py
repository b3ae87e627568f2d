"""Publishing: byte-identical rebuilds, any base path, custom domain, redirects from former ids."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from linkcheck import broken_links
from projectcopy import copy_project, sample_project
from shared_builds import shared_build
from sitebuild import build, soup

BUILD_DATE = dt.date(2026, 11, 25)
LATER = dt.date(2027, 6, 1)  # as tests/render/test_dated_statuses.py
SUBPATH = "https://example.org/deep/sub/path/"


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_build_elsewhere_of_one_commit_and_date_is_byte_identical(tmp_path: Path,
                                                                    site: Path) -> None:
    """A checkout in another folder, another output folder, hash seed and time zone must not
    change a single byte: no absolute path of the checkout or the output folder leaks into the
    site, and nothing depends on the order of a set or the local clock."""
    project = copy_project(tmp_path / "another" / "checkout")
    again = build(tmp_path / "elsewhere" / "out", project=project, build_date=BUILD_DATE,
                  extra_env={"PYTHONHASHSEED": "4711", "TZ": "Pacific/Chatham"})
    assert again.returncode == 0, again.output
    first, second = _files(site), _files(again.site)
    assert sorted(first) == sorted(second)
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json",
            "opendata/records.json", "en/opendata/feed.atom", "opendata/dcat.jsonld"} <= set(first)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []


def test_only_the_build_date_changes_the_output(shared_sites: Path, site: Path) -> None:
    """A later build date changes date-derived output, but never to a clock time. The later
    build is test_dated_statuses' 2027 site (a shared build)."""
    later = shared_build(shared_sites, sample_project(), build_date=LATER)
    assert later.returncode == 0, later.output
    first, second = _files(site), _files(later.site)
    assert sorted(first) == sorted(second)
    assert any(first[name] != second[name] for name in first)  # the date did change pages
    # the feed and catalogue depend on the data only, not on the build date
    for name in ("opendata/feed.atom", "en/opendata/feed.atom", "opendata/dcat.jsonld",
                 "programme/lotse-beruf/index.html"):
        assert first[name] == second[name], name


def test_every_internal_link_resolves_under_a_subpath(renamed: Path) -> None:
    """Three folders deep (mkdocs.yml's own address is one folder deep; a custom domain's root:
    tests/publish/test_shared_origin.py; the real data at mkdocs.yml's address:
    tests/project/test_real_data.py), the renamed sample's redirect pages included."""
    _all_links_resolve(renamed, SUBPATH)


def _all_links_resolve(site: Path, site_url: str) -> None:
    assert (site / "en" / "programme" / "lotse-beruf" / "index.html").is_file()
    broken, checked = broken_links(site, site_url)
    assert broken == []
    assert checked > 500
    overview = soup(site / "en" / "programme" / "index.html")
    links = [a["href"] for a in overview.select(".ms-open-data a")]
    assert links and all(link.startswith(site_url + "en/opendata/") or
                         link == site_url + "opendata/dcat.jsonld" for link in links)


def test_no_cname_without_a_custom_domain(site: Path) -> None:
    assert not (site / "CNAME").exists()


def _rename_lotse(records: list[dict]) -> None:
    record = next(r for r in records if r["id"] == "lotse-beruf")
    record["id"] = "lotse-beruf-neu"
    record["former_ids"] = ["lotse-beruf", "lotse"]


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with a renamed record, published under a deep subpath."""
    root = tmp_path_factory.mktemp("renamed")
    project = copy_project(root / "project", site_url=SUBPATH, edit_records=_rename_lotse)
    result = build(root / "out", project=project)
    assert result.returncode == 0, result.output
    return result.site


@pytest.mark.parametrize("lang_prefix", ["", "en/"])
def test_a_renamed_record_redirects_from_its_former_urls(renamed: Path,
                                                         lang_prefix: str) -> None:
    new_url = f"{SUBPATH}{lang_prefix}programme/lotse-beruf-neu/"
    new_page = soup(renamed / lang_prefix / "programme" / "lotse-beruf-neu" / "index.html")
    assert new_page.select_one("h1.ms-record__title").get_text(strip=True) == "Lotse Beruf"
    for old in ("lotse-beruf", "lotse"):
        page = soup(renamed / lang_prefix / "programme" / old / "index.html")
        assert page.html["lang"] == (lang_prefix.rstrip("/") or "de")
        refresh = page.select_one('meta[http-equiv="refresh"]')["content"]
        assert refresh == f"0; url={new_url}"
        assert page.select_one('link[rel="canonical"]')["href"] == new_url
        assert page.select_one('meta[name="robots"]')["content"] == "noindex"
        assert page.select_one("body a")["href"] == new_url


def test_redirects_are_in_no_nav_sitemap_or_search(renamed: Path) -> None:
    sitemap = (renamed / "sitemap.xml").read_text(encoding="utf-8")
    search = (renamed / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "programme/lotse-beruf-neu/" in sitemap
    assert "programme/lotse-beruf/" not in sitemap and "programme/lotse/" not in sitemap
    assert "programme/lotse-beruf/" not in search and "programme/lotse/" not in search
    for page in renamed.rglob("*.html"):
        if "http-equiv" in page.read_text(encoding="utf-8"):
            continue
        hrefs = [a.get("href", "") for a in soup(page).select("nav a")]
        assert not any(h.rstrip("/").endswith(("/lotse-beruf", "/lotse")) for h in hrefs), page


def _clash_with_a_live_id(records: list[dict]) -> None:
    records[0]["former_ids"] = ["lotse-beruf"]


def _claimed_twice(records: list[dict]) -> None:
    records[0]["former_ids"] = ["altes-projekt"]
    records[1]["former_ids"] = ["altes-projekt"]


@pytest.mark.parametrize("edit", [_clash_with_a_live_id, _claimed_twice])
def test_conflicting_former_ids_stop_the_build_before_any_output(tmp_path: Path, edit) -> None:
    project = copy_project(tmp_path / "project", edit_records=edit)
    result = build(tmp_path / "out", project=project)
    assert result.returncode != 0
    assert "die frühere Kennung" in result.output and "Traceback" not in result.output
    assert "data/projects.yaml, Zeile " in result.output
    assert not (tmp_path / "out").exists()
