"""The benchmark (bench/benchmark.py) runs at a small N, in its quick mode (the empty project
built once for every N), with its builds forked from its own process (``--fork``) and in two of
the site's languages, so that it cannot rot. A build as a process of its own (``run_child``'s
other way) is measured here too, on its own.

No timing is asserted here: speed budgets are the benchmark's business. What is asserted is that
it builds the synthetic sites, writes every table with every row and column, that the sizes it
reports do not grow with N.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from microsite.render.project import read_project_settings
from projectcopy import bench_module
from sitebuild import REPO, run_by_server

SIZES = (2, 4)
# two of the site's languages (--languages): one record page per record and language
LANGUAGES = read_project_settings(REPO / "mkdocs.yml")[0].languages.codes[:2]


def _table(text: str, heading: str) -> list[list[str]]:
    """The rows (cells stripped) of the Markdown table after ``heading``, without its header."""
    after = text.split(heading, 1)[1]
    lines = [line for line in after.strip().splitlines()]
    rows = []
    for line in lines[lines.index(next(x for x in lines if x.startswith("|"))):]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    header, separator, *body = rows
    assert all(set(cell) <= set("-: ") for cell in separator)
    return [header, *body]


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("bench") / "results.md"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = run_by_server(
        str(REPO / "bench" / "benchmark.py"), ["--sizes", *map(str, SIZES), "--repeat", "1",
                                               "--quick", "--fork", "--no-hugo",
                                               "--no-lighthouse", "--languages", *LANGUAGES,
                                               "--output", str(out)],
        cwd=REPO, env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out.read_text(encoding="utf-8")


def test_a_child_process_is_measured_on_its_own(tmp_path: Path) -> None:
    """Without ``--fork``, each build is a process of its own: its exit code, its output (both
    streams), and its own CPU time and peak memory, read when it ends."""
    measure = bench_module("measure")
    script = "import sys; print('aus', flush=True); print('fehler', file=sys.stderr); sys.exit(3)"
    run = measure.run_child([sys.executable, "-c", script], tmp_path, dict(os.environ))
    assert run.returncode == 3 and run.output.split() == ["aus", "fehler"]
    assert run.cpu > 0 and run.peak_mb > 1 and run.wall >= run.cpu / 2
    assert list(tmp_path.iterdir()) == []  # its log is gone


def test_names_the_machine(results: str) -> None:
    assert re.search(r"on \d+ cores \(nproc\), CPU \S", results)


def test_time_table_has_a_row_per_size_and_every_column(results: str) -> None:
    header, *rows = _table(results, "**Time**")
    assert len(header) == 9
    assert [row[0] for row in rows] == [str(n) for n in SIZES]
    for n, row in zip(SIZES, rows, strict=True):
        assert len(row) == len(header)
        assert row[1] == str(n * len(LANGUAGES))  # one record page per language
        assert re.fullmatch(r"[\d.]+ s \([\d.]+ s CPU\)", row[2]), row  # build
        assert re.fullmatch(r"[\d.]+ s \([\d.]+ s CPU\)", row[3]), row  # floor
        assert re.fullmatch(r"[\d.]+ s", row[7]), row  # microsite check
        assert row[8] == "not run"  # Hugo left out on purpose


def test_size_table_and_sizes_do_not_grow_with_n(results: str) -> None:
    header, *rows = _table(results, "**Size and memory**")
    assert len(header) == 12
    assert [row[0] for row in rows] == [str(n) for n in SIZES]
    for row in rows:
        assert len(row) == len(header) and all(re.fullmatch(r"[\d.]+", c) for c in row), row
    page_kb = {float(row[1]) for row in rows}
    # the same KB per record page at every N (a source's number "Mitteilung {i % 13}" has one
    # digit or two, so the mean may move by a rounding step)
    assert max(page_kb) - min(page_kb) <= 0.2 and min(page_kb) > 1, page_kb
    overview_kb = [float(row[3]) for row in rows]
    assert overview_kb[0] < overview_kb[1]  # the overview lists every record: it does grow
    assert float(rows[-1][6]) > float(rows[0][6])  # search index grows with the records
    assert all(float(row[4]) >= float(row[3]) for row in rows)  # largest page ≥ overview


def test_budget_table_lists_every_budget_with_a_verdict(results: str) -> None:
    _, *rows = _table(results, "**Budgets**")
    assert len(rows) == 8
    for row in rows:
        assert row[2] in ("met", "**missed**", "not measurable: N too small", "not run"), row
    by_name = {row[0]: row[2] for row in rows}
    # the deterministic budgets (sizes, not times) must hold even at a small N
    assert by_name[next(k for k in by_name if k.startswith("record page HTML"))] == "met"
    assert by_name[next(k for k in by_name if k.startswith("search index"))] == "met"
    assert by_name[next(k for k in by_name if k.startswith("largest page"))] == "met"
    # Lighthouse left out on purpose: said so, not passed
    assert by_name[next(k for k in by_name if k.startswith("released record page"))] == "not run"


def test_floor_pages_carry_the_record_pages_words(site: Path) -> None:
    """The floor is each record page's words as plain Markdown: every word of the record page's
    content, and no other (issue #22: the two measures must agree)."""
    floor = bench_module("floor")
    built = sorted((site / "programme").glob("*/index.html"))
    assert len(built) >= 3
    for page in built:
        html = page.read_text(encoding="utf-8")
        article = BeautifulSoup(html, "lxml").select_one("article").get_text(" ")
        markdown = floor.record_page_markdown(html).split("---\n", 2)[2]
        words = re.compile(r"\w+")
        assert Counter(words.findall(article)) == Counter(
            w for w in words.findall(_without_link_targets(markdown))), page


def _without_link_targets(markdown: str) -> str:
    return re.sub(r"\]\([^)]*\)", "]", markdown)


def test_a_released_page_that_failed_to_load_misses_its_budget() -> None:
    benchmark = bench_module("benchmark")
    report = {"page": "/programme/x/", "failures": ["HTTP 404: /programme/x/"]}
    lines = benchmark.released_page(benchmark.Measured([], None, None, report))
    assert lines == [("released record page `/programme/x/` loads completely",
                      "HTTP 404: /programme/x/", "**missed**")]


def test_synthetic_records_are_valid_in_every_language(tmp_path: Path) -> None:
    """The synthetic data passes `microsite check` like real data (and fails if it were bad)."""
    synthetic = bench_module("synthetic")
    project = synthetic.copy_project(REPO, tmp_path / "p")
    synthetic.write_records(project, 3, ("de", "en"))
    check = ["check", "-f", str(project / "mkdocs.yml")]
    ok = run_by_server("microsite.cli", check, cwd=project, env=dict(os.environ), timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert "3 Einträge" in ok.stdout
    synthetic.write_records(project, 3, ("de", "en", "xx"))  # a language the site lacks
    bad = run_by_server("microsite.cli", check, cwd=project, env=dict(os.environ), timeout=60)
    assert bad.returncode == 1


def test_reports_the_largest_listing_page_against_its_budget(results: str) -> None:
    """Issue 19: the largest overview or home page, ≤ 100 KB at 1,000 records."""
    line = next(x for x in results.splitlines() if x.startswith("**Listing pages**"))
    assert "≤ 100 KB" in line and line.endswith(": met")
    header, *rows = _table(results, "**Listing pages**")
    assert header == ["records N", "listing pages", "largest", "KB"]
    assert [row[0] for row in rows] == [str(n) for n in SIZES]
    for row in rows:
        # home and overview page in each language, one page each
        assert int(row[1]) == 2 * len(LANGUAGES)
        assert re.fullmatch(r"`([a-z]{2}/)?(programme/)?index\.html`", row[2]), row
        assert 0 < float(row[3]) <= 100


def test_languages_must_be_the_sites_and_include_the_default(tmp_path: Path) -> None:
    proc = run_by_server(str(REPO / "bench" / "benchmark.py"),
                         ["--languages", "en", "xx", "--output", str(tmp_path / "r.md")],
                         cwd=REPO, env=dict(os.environ), timeout=60)
    assert proc.returncode == 2 and "--languages: choose among de, en" in proc.stderr
    assert not (tmp_path / "r.md").exists()
