"""The Zensical comparison (issue 21) reads page elements right and counts agreement per page.

The script itself builds two sites and installs Zensical, so the suite does not run it; these
tests feed its element reader small pages and check its own lock, offline, in milliseconds.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys

from sitebuild import REPO

sys.path.insert(0, str(REPO / "scripts"))

from page_elements import compare_pages, page_elements, site_path

INLINE = "var x = 1;"
INLINE_HASH = base64.b64encode(hashlib.sha256(INLINE.encode()).digest()).decode()


def page(
    *,
    csp_hash: str = INLINE_HASH,
    skip_target: str = "ms-content",
    facts: str = "<dt>Träger</dt><dd>Beispiel e. V.</dd>",
) -> str:
    return f"""<!doctype html><html lang="ar" dir="rtl"><head>
<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'sha256-{csp_hash}'">
<title>Eins - Site</title>
<link rel="alternate" hreflang="x-default" href="https://example.org/s/programme/eins/">
<link rel="alternate" hreflang="de" href="https://example.org/s/programme/eins/">
<link rel="stylesheet" href="../../../assets/microsite.css">
<script>{INLINE}</script>
<script type="application/ld+json">{{"@type": "Project", "name": "Eins"}}</script>
</head><body>
<a class="md-skip" href="#ms-content">Zum   Inhalt</a>
<article class="md-content__inner"><div id="{skip_target}"><h1>Eins</h1>
<dl class="ms-facts"><div>{facts}</div><div><dt>Zeitraum</dt><dd>2024</dd></div></dl>
</div></article></body></html>"""


def test_elements_are_read_as_a_reader_meets_them() -> None:
    elements = page_elements(page(), "ar/programme/eins/")
    assert elements["html lang/dir"] == "lang=ar dir=rtl"
    assert elements["title"] == "Eins - Site"
    assert elements["h1"] == ["Eins"]
    assert elements["facts (dt/dd)"] == ["Träger: Beispiel e. V.", "Zeitraum: 2024"]
    assert elements["hreflang alternates (head)"] == [
        "de https://example.org/s/programme/eins/",
        "x-default https://example.org/s/programme/eins/",
    ]
    assert elements["skip links"] == ["Zum Inhalt → #ms-content (target found)"]
    assert elements["microsite.css linked"] == "/assets/microsite.css"
    assert elements["JSON-LD"] == '[{"@type": "Project", "name": "Eins"}]'
    assert elements["CSP meta"] == "script-src 'self' <hash> [covers the page's inline scripts]"
    assert elements["contact"] is None  # not on this page


def test_a_broken_skip_link_and_a_policy_missing_a_script_are_told_apart() -> None:
    elements = page_elements(page(csp_hash="A" * 43 + "=", skip_target="elsewhere"), "x/")
    assert elements["skip links"] == ["Zum Inhalt → #ms-content (TARGET MISSING)"]
    assert "MISSES the page's inline scripts" in elements["CSP meta"]


def test_addresses_are_compared_within_the_site() -> None:
    assert site_path("en/programme/eins/", "../zwei/") == "/en/programme/zwei/"
    assert site_path("en/programme/eins/", "../../index.html") == "/en/"
    assert site_path("programme/", "eins/#kontakt") == "/programme/eins/#kontakt"
    assert site_path("ar/404/", "..") == site_path("ar/404/", "../") == "/ar/"
    assert site_path("x/", "https://example.org/") == "https://example.org/"


def test_agreement_is_counted_per_element_over_the_pages_that_have_it() -> None:
    one, other = page(), page(facts="<dt>Träger</dt><dd>Anderer e. V.</dd>")
    left = {
        "a/": page_elements(one, "a/"),
        "b/": page_elements(one, "b/"),
        "only-left/": page_elements(one, "only-left/"),
    }
    right = {"a/": page_elements(one, "a/"), "b/": page_elements(other, "b/")}
    result = compare_pages(left, right)
    by_name = {element.name: element for element in result.elements}
    assert (by_name["facts (dt/dd)"].agree, by_name["facts (dt/dd)"].pages) == (1, 2)
    assert [d.page for d in by_name["facts (dt/dd)"].differences] == ["b/"]
    assert (by_name["title"].agree, by_name["title"].pages) == (2, 2)
    assert by_name["contact"].pages == 0  # on neither build's pages: not counted
    assert result.only_left == ["only-left/"] and result.pages == ["a/", "b/"]
    counted = sum(element.pages for element in result.elements) // 2  # per page
    assert result.by_kind() == {"hand-written page": (2, 2 * counted - 2, 2 * counted)}


def test_the_zensical_lock_pins_what_requirements_in_names_with_hashes() -> None:
    folder = REPO / "tools" / "zensical"
    wanted = dict(re.findall(r"^([\w.-]+)==(\S+)$", (folder / "requirements.in").read_text(), re.M))
    lock = (folder / "requirements.txt").read_text(encoding="utf-8")
    blocks = {
        m[1].lower(): m[0]
        for m in re.finditer(r"^([\w.-]+)==(\S+).*?(?=^\S|\Z)", lock, re.M | re.S)
    }
    assert wanted == {"zensical": "0.0.73", "zensical-i18n": "0.3.0"}
    for name, version in wanted.items():
        assert f"{name}=={version}" in blocks[name]
    assert all("--hash=sha256:" in block for block in blocks.values()), "every package hashed"


def test_links_into_the_site_that_lead_nowhere_are_listed(tmp_path) -> None:
    from page_elements import site_results

    canonical = '<link rel="canonical" href="https://example.org/s/">'
    (tmp_path / "index.html").write_text(
        f'<html><head>{canonical}<link rel="stylesheet" href="/s/assets/x.css"></head>'
        '<body><a href="programme/eins/">Eins</a><a href="https://example.org/s/fehlt/">'
        'x</a><a href="https://other.example/">y</a></body></html>'
    )
    (tmp_path / "programme" / "eins").mkdir(parents=True)
    (tmp_path / "programme" / "eins" / "index.html").write_text('<a href="../../">Start</a>')
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "x.css").write_text("")
    results = site_results(tmp_path)
    assert results["links into the site leading nowhere"] == ["/ → https://example.org/s/fehlt/"]
    assert results["asset folders"] == ["assets"]


def test_a_failed_zensical_build_is_told_by_its_reason() -> None:
    from zensical_compare import _last_error

    strict = (
        "Build started\n\x1b[33mWarning:\x1b[0m page does not exist\n   ╭─[ de/index.md:3:5 ]\n"
        "1 issue found\nTraceback (most recent call last):\n"
        "RuntimeError: Aborted because --strict flag is set\n"
    )
    assert _last_error(strict) == "--strict stopped on: page does not exist (de/index.md:3:5)"
    template = (
        "Traceback …\nRuntimeError: too many arguments (in main.html:70)\nError: Build failed."
    )
    assert _last_error(template) == "RuntimeError: too many arguments (in main.html:70)"
    both = strict.replace(
        "RuntimeError: Aborted because --strict flag is set",
        "RuntimeError: unknown method: string has no method named split (in home.html:9)",
    )
    assert _last_error(both) == (
        "RuntimeError: unknown method: string has no method named split (in home.html:9) "
        "(warnings before it: page does not exist (de/index.md:3:5))"
    )


def test_plain_zensical_gets_one_project_per_language_from_the_staged_folder(tmp_path) -> None:
    import yaml
    from zensical_compare import language_projects

    docs = tmp_path / "docs"
    for lang in ("de", "en"):
        (docs / lang).mkdir(parents=True)
        (docs / lang / "index.md").write_text(f"# {lang}\n")
    (docs / "assets").mkdir()
    (docs / "assets" / "site.css").write_text("")
    config = {
        "site_name": "Seite",
        "site_url": "https://example.org/s/",
        "docs_dir": str(docs),
        "theme": {"name": "material", "language": "de"},
        "nav": [{"Startseite": "index.md"}],
        "plugins": [
            "search",
            {
                "i18n": {
                    "docs_structure": "folder",
                    "languages": [
                        {"locale": "de", "name": "Deutsch", "default": True},
                        {
                            "locale": "en",
                            "name": "English",
                            "site_name": "Site",
                            "nav_translations": {"Startseite": "Home"},
                        },
                    ],
                }
            },
        ],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config))
    projects = language_projects(tmp_path)
    assert [(lang, default) for lang, _, default in projects] == [("de", True), ("en", False)]
    english = yaml.safe_load((projects[1][1] / "mkdocs.yml").read_text())
    assert english["site_name"] == "Site" and english["theme"]["language"] == "en"
    assert english["site_url"] == "https://example.org/s/en/"
    assert english["nav"] == [{"Home": "index.md"}] and english["plugins"] == ["search"]
    assert [a["lang"] for a in english["extra"]["alternate"]] == ["de", "en"]
    assert (projects[1][1] / "docs" / "index.md").read_text() == "# en\n"
    assert (projects[1][1] / "docs" / "assets" / "site.css").is_file()


def test_resources_from_other_origins_are_named() -> None:
    html = (
        '<html><head><link rel="canonical" href="https://example.org/s/x/">'
        '<link rel="stylesheet" href="https://fonts.example/css">'
        '<link rel="alternate" hreflang="en" href="https://elsewhere.example/en/">'
        '<script src="//cdn.example/lib.js"></script><script src="../a.js"></script>'
        '</head><body><img src="https://example.org/s/logo.png"></body></html>'
    )
    found = page_elements(html, "x/")["third-party resources"]
    assert found == ["https://cdn.example", "https://fonts.example"]
    assert page_elements(page(), "x/")["third-party resources"] is None


def test_the_readme_summary_names_what_agrees_and_why_a_build_stopped() -> None:
    import datetime as dt

    from zensical_compare import EngineRun, summary

    one = page()
    left = {"a/": page_elements(one, "a/")}
    right = {"a/": page_elements(page(facts="<dt>Träger</dt><dd>Anderer</dd>"), "a/")}
    built = EngineRun("zensical", "stage, zensical build, finish", [], [], "")
    built.comparison = compare_pages(left, right)
    built.site_wide = {"robots.txt": {"agree": False, "mkdocs": "A", "zensical": None}}
    failed = EngineRun("zensical-i18n", "stage, build failed", [], [], "", error="Boom: x")
    text = summary([failed, built], dt.datetime(2026, 12, 4, 8, 0, tzinfo=dt.UTC))
    flat = " ".join(text.split())
    assert flat.startswith("Measured 2026-12-04 08:00 UTC by `scripts/zensical_compare.py`")
    assert "with zensical-i18n the build stops: `Boom: x`" in flat
    agree, total = built.comparison.agree, built.comparison.total
    assert total - agree == 2
    assert f"per language **{agree} of {total}** page elements agree" in flat
    assert "Differing (plain): facts (dt/dd) (0/1), content text (0/1)." in flat
    assert "robots.txt differ" in flat
    assert all(line.startswith("  ") and len(line) <= 98 for line in text.splitlines())


def test_replace_counts_are_dropped_for_minijinja_and_nothing_else() -> None:
    from zensical_compare import drop_replace_counts

    template = (
        "{{ super() | replace('<ul a=\"b, c\">', '<ul>' ~ f(x, y), 1) }}\n"
        "{{ super() | replace('x', 'y') | replace(\"),\", 'z', 2) }}"
    )
    changed, count = drop_replace_counts(template)
    assert count == 2
    assert changed == (
        "{{ super() | replace('<ul a=\"b, c\">', '<ul>' ~ f(x, y)) }}\n"
        "{{ super() | replace('x', 'y') | replace(\"),\", 'z') }}"
    )
    assert drop_replace_counts(changed) == (changed, 0)
