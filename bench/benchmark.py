"""Speed and size at scale: the generator against the stack's own floor and against Hugo.

For each N it generates N synthetic records in every configured language into a temporary copy
of the project and measures, in one run: the full build, the marginal cost of a record page,
the same stack building N plain Markdown pages per language that carry each record page's words
(the floor, ``floor.py``), ``microsite check``, page and site sizes, the largest page, the search
index and the build's peak memory; and once, with ``scripts/budget.py``, the released record
page's transfer and Lighthouse scores. It writes Markdown tables with every budget and whether
it is met.

    .venv/bin/python bench/benchmark.py                      # N = 10, 100, 1000; bench/results.md
    .venv/bin/python bench/benchmark.py --sizes 5 --no-hugo --no-lighthouse --output /tmp/r.md

Times are the best of ``--repeat`` runs; record and floor builds take turns, so that a change in
the machine's load hits both. The marginal cost per page uses CPU time (user + system of the
build process), which other load on a shared machine disturbs less than wall time.

``--quick`` (the test suite's run) builds the empty project once and measures every N against
that build, instead of building it again in turn with each N: the same tables and budget rows,
two builds fewer per N, the marginal cost less shielded from changes in the machine's load.
``--fork`` (the test suite's run too) runs each build and check in a fork of the benchmark's
process instead of a new Python: the times leave out Python's start and imports, and the peak
memory counts what the benchmark's process held.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import floor  # noqa: E402
import hugo_reference  # noqa: E402
import listing_pages  # noqa: E402
import synthetic  # noqa: E402
from measure import (  # noqa: E402
    Run,
    best_of,
    folder_bytes,
    fork_python,
    machine_description,
    run_child,
)

from microsite.render.project import read_project_settings  # noqa: E402

BUILD_EPOCH = "1764072000"  # 2025-11-25 12:00 UTC: a fixed build date, as in the tests
README_START = "<!-- benchmark:start -->"
README_END = "<!-- benchmark:end -->"

# Budgets of issues #6 and #22
RATIO_BUDGET = 1.1
CHECK_BUDGET_S = 1.0
REAL_SITE_BUDGET_S = 3.0
PEAK_BUDGET_MB = 1024.0
LARGEST_PAGE_BUDGET_KB = 100.0  # any HTML page at 1,000 records
SEARCH_RATIO_BUDGET = 1.1  # search index per record against the floor's, same words
NOISE_S = 0.5  # below this much CPU time above the empty build, a per-page ratio is noise
GROWTH_TOLERANCE = 1.05  # page HTML and search bytes per record may vary this much across N
BUDGET_SCRIPT = REPO / "scripts" / "budget.py"


def search_bytes(out: Path) -> int:
    """Every language's search index together (each language has its own, see search_split)."""
    return sum(p.stat().st_size for p in out.rglob("search/search_index.json"))


def largest_page(out: Path) -> tuple[str, float]:
    """The largest HTML page of a built site: its address below the site and its KB."""
    path = max(out.rglob("*.html"), key=lambda p: p.stat().st_size)
    name = path.relative_to(out).as_posix().removesuffix("index.html")
    return "/" + name, path.stat().st_size / 1024

def child_env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1"}


def build_once(project: Path) -> Run:
    out = project / "out"
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
           "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    run = run_child(cmd, project, child_env())
    if run.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{run.output}")
    return run


def mkdocs_build(project: Path, repeat: int) -> tuple[Run, Path]:
    return best_of([build_once(project) for _ in range(repeat)]), project / "out"


def microsite_check(project: Path, repeat: int) -> Run:
    cmd = [sys.executable, "-m", "microsite.cli", "check", "-f", str(project / "mkdocs.yml")]
    run = best_of([run_child(cmd, project, child_env()) for _ in range(repeat)])
    if run.returncode != 0:
        raise SystemExit(f"check failed in {project}:\n{run.output}")
    return run


def hugo_build(work: Path, count: int, languages: tuple[str, ...], repeat: int) -> Run | None:
    binary = hugo_reference.hugo_binary()
    if binary is None:
        return None
    site = hugo_reference.write_hugo_site(work / f"hugo-{count}",
                                          synthetic.records_yaml(count, languages), languages)
    cmd = hugo_reference.hugo_command(binary, site, site / "public")
    run = best_of([run_child(cmd, site, child_env()) for _ in range(repeat)])
    if run.returncode != 0:
        raise SystemExit(f"hugo failed:\n{run.output}")
    return run


def record_pages(out: Path, languages: tuple[str, ...]) -> list[Path]:
    pages = []
    for i, lang in enumerate(languages):
        base = out if i == 0 else out / lang
        pages += sorted((base / synthetic.SECTION).glob("synthetic-*/index.html"))
    return pages


def mean_kb(pages: list[Path]) -> float:
    return sum(p.stat().st_size for p in pages) / len(pages) / 1024 if pages else 0.0


@dataclass
class Baseline:
    """The same project with no records and no extra pages: what every build pays anyway."""

    build: Run
    search_bytes: int


@dataclass
class Row:
    count: int
    pages: int  # record pages over all languages
    build: Run
    floor: Run
    check: Run
    hugo: Run | None
    record_kb: float
    floor_kb: float
    overview_kb: float
    site_mb: float
    search_kb: float
    search_per_record_kb: float
    floor_search_per_record_kb: float
    per_page_ms: float
    floor_per_page_ms: float
    baseline_cpu: float
    largest_page: tuple[str, float]  # address, KB
    listing: listing_pages.Listing | None = None  # the largest overview/home page (issue 19)

    @property
    def ratio(self) -> float | None:
        """None where the pages cost less than the noise of one build (small N)."""
        if min(self.build.cpu, self.floor.cpu) - self.baseline_cpu < NOISE_S:
            return None
        return self.per_page_ms / self.floor_per_page_ms


def prepare(work: Path, name: str, count: int, languages: tuple[str, ...],
            data_file: str) -> Path:
    project = synthetic.copy_project(REPO, work / name, languages)
    synthetic.write_records(project, count, languages, data_file)
    return project


def prepare_floor(work: Path, name: str, languages: tuple[str, ...], data_file: str,
                  built: list[Path], out: Path) -> Path:
    """A project without records whose hand-written pages are the built record pages' words,
    at the same addresses (``docs/<lang>/programme/<id>.md``)."""
    project = prepare(work, name, 0, languages, data_file)
    pages = {}
    for page in built:
        rel = page.parent.relative_to(out).as_posix()
        lang = languages[0] if not rel.startswith(tuple(f"{c}/" for c in languages[1:])) \
            else rel.split("/", 1)[0]
        inside = rel if lang == languages[0] else rel.split("/", 1)[1]
        pages[project / "docs" / lang / f"{inside}.md"] = page
    floor.write_floor(pages)
    return project


def measure_size(work: Path, count: int, languages: tuple[str, ...], data_file: str,
                 baseline: Baseline, empty: Path, repeat: int, with_hugo: bool,
                 quick: bool = False) -> Row:
    """One N. The empty project, the records and the floor are built in turns, so that all
    three see the same changes in the machine's load; each keeps its best run. ``quick``: the
    baseline's build of the empty project stands for the empty project's turns."""
    records = prepare(work, f"records-{count}", count, languages, data_file)
    out = records / "out"
    empty_runs = [baseline.build] if quick else [build_once(empty)]
    runs = [build_once(records)]
    floor_project = prepare_floor(work, f"floor-{count}", languages, data_file,
                                  record_pages(out, languages), out)
    floor_runs = [build_once(floor_project)]
    for _ in range(repeat - 1):
        if not quick:
            empty_runs.append(build_once(empty))
        runs.append(build_once(records))
        floor_runs.append(build_once(floor_project))
    build, floor_build = best_of(runs), best_of(floor_runs)
    empty_cpu = best_of(empty_runs).cpu
    floor_out = floor_project / "out"
    check = microsite_check(records, repeat)
    hugo = hugo_build(work, count, languages, repeat) if with_hugo else None
    pages = count * len(languages)
    search = search_bytes(out)
    overview = out / synthetic.SECTION / "index.html"
    row = Row(
        count=count, pages=pages, build=build, floor=floor_build, check=check, hugo=hugo,
        record_kb=mean_kb(record_pages(out, languages)),
        floor_kb=mean_kb(record_pages(floor_out, languages)),
        overview_kb=overview.stat().st_size / 1024,
        site_mb=folder_bytes(out) / 1024 / 1024,
        search_kb=search / 1024,
        search_per_record_kb=(search - baseline.search_bytes) / count / 1024,
        floor_search_per_record_kb=(search_bytes(floor_out) - baseline.search_bytes)
        / count / 1024,
        per_page_ms=(build.cpu - empty_cpu) / pages * 1000,
        floor_per_page_ms=(floor_build.cpu - empty_cpu) / pages * 1000,
        baseline_cpu=empty_cpu,
        largest_page=largest_page(out),
    )
    if len(record_pages(out, languages)) != pages:
        raise SystemExit(f"expected {pages} record pages in {out}")
    row.listing = listing_pages.largest_listing(out, count, languages, synthetic.SECTION)
    return row


def _s(run: Run | None) -> str:
    return "–" if run is None else f"{run.wall:.2f} s ({run.cpu:.2f} s CPU)"


def _ratio(ratio: float | None) -> str:
    return "below noise" if ratio is None else f"{ratio:.2f}"


def time_table(rows: list[Row], hugo_note: str) -> list[str]:
    lines = [
        "| records N | record pages | build | floor: plain pages, same words "
        "| ms CPU per record page | ms CPU per plain page | ratio record/floor "
        "| `microsite check` | Hugo |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r.count} | {r.pages} | {_s(r.build)} | {_s(r.floor)} | {r.per_page_ms:.2f} "
            f"| {r.floor_per_page_ms:.2f} | {_ratio(r.ratio)} | {r.check.wall:.2f} s "
            f"| {_s(r.hugo) if r.hugo else hugo_note} |")
    return lines


def size_table(rows: list[Row]) -> list[str]:
    lines = [
        "| records N | KB per record page | KB per plain page | KB overview page "
        "| KB largest page | site MB | search index KB | search KB per record "
        "| search KB per plain page pair | peak MB build | peak MB floor | peak MB check |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r.count} | {r.record_kb:.1f} | {r.floor_kb:.1f} | {r.overview_kb:.1f} "
            f"| {r.largest_page[1]:.1f} | {r.site_mb:.1f} | {r.search_kb:.0f} "
            f"| {r.search_per_record_kb:.2f} | {r.floor_search_per_record_kb:.2f} "
            f"| {r.build.peak_mb:.0f} | {r.floor.peak_mb:.0f} | {r.check.peak_mb:.0f} |")
    return lines


def _met(ok: bool) -> str:
    return "met" if ok else "**missed**"


@dataclass
class Measured:
    """Everything the budgets read: one row per N, the real site, the empty build and the
    released page's budget report (None when ``--no-lighthouse``)."""

    rows: list[Row]
    real: Run
    baseline: Baseline
    page: dict | None


Budget = tuple[str, str, str]  # what, measured, verdict


def record_page_cost(m: Measured) -> Budget:
    last = m.rows[-1]
    verdict = ("not measurable: N too small" if last.ratio is None
               else _met(last.ratio <= RATIO_BUDGET))
    return (f"record page ≤ {RATIO_BUDGET}× a plain page with the same words (CPU per page, "
            f"at N = {last.count})",
            f"{last.per_page_ms:.2f} ms vs {last.floor_per_page_ms:.2f} ms = "
            f"{_ratio(last.ratio)}×", verdict)


def page_does_not_grow(m: Measured) -> Budget:
    first, last = m.rows[0], m.rows[-1]
    growth = max(r.record_kb for r in m.rows) / min(r.record_kb for r in m.rows)
    return (f"record page HTML does not grow with N (N = {first.count} … {last.count})",
            f"{first.record_kb:.1f} KB … {last.record_kb:.1f} KB (max/min {growth:.3f})",
            _met(growth <= GROWTH_TOLERANCE))


def largest_page_size(m: Measured) -> Budget:
    last = m.rows[-1]
    name, kb = last.largest_page
    note = "" if last.count >= 1000 else f" (largest N measured: {last.count})"
    return (f"largest page ≤ {LARGEST_PAGE_BUDGET_KB:.0f} KB at 1,000 records{note}",
            f"{kb:.1f} KB (`{name}`) at N = {last.count}",
            _met(kb <= LARGEST_PAGE_BUDGET_KB))


def check_speed(m: Measured) -> Budget:
    last = m.rows[-1]
    note = "" if last.count >= 1000 else f" (largest N measured: {last.count})"
    return (f"`microsite check` < {CHECK_BUDGET_S:.0f} s at 1,000 records{note}",
            f"{last.check.wall:.2f} s wall ({last.check.cpu:.2f} s CPU) at N = {last.count}",
            _met(last.check.wall < CHECK_BUDGET_S))


def real_site_speed(m: Measured) -> Budget:
    return (f"the real site builds < {REAL_SITE_BUDGET_S:.0f} s", _s(m.real),
            _met(m.real.wall < REAL_SITE_BUDGET_S))


def peak_memory(m: Measured) -> Budget:
    # linear: memory above the empty build, per record page, does not rise with N
    per_page = [(r.build.peak_mb - m.baseline.build.peak_mb) / r.pages for r in m.rows]
    linear = all(b <= max(a, 0.05) * 1.5 for a, b in itertools.pairwise(per_page))
    last = m.rows[-1]
    return ("peak memory linear, < 1 GB at 1,000 records",
            f"{last.build.peak_mb:.0f} MB at N = {last.count}; above the empty build: "
            + ", ".join(f"{x * 1024:.0f} KB" for x in per_page) + " per record page",
            _met(linear and last.build.peak_mb < PEAK_BUDGET_MB))


def search_per_record(m: Measured) -> Budget:
    """Bounded across N, and at most ``SEARCH_RATIO_BUDGET`` × the same words' entries."""
    first, last = m.rows[0], m.rows[-1]
    values = [r.search_per_record_kb for r in m.rows]
    growth = max(values) / max(min(values), 1e-9)
    ratio = last.search_per_record_kb / max(last.floor_search_per_record_kb, 1e-9)
    return (f"search index per record bounded, ≤ {SEARCH_RATIO_BUDGET}× the same words as "
            "plain pages",
            f"{first.search_per_record_kb:.2f} KB … {last.search_per_record_kb:.2f} KB per "
            f"record (max/min {growth:.3f}); plain pages {last.floor_search_per_record_kb:.2f} "
            f"KB = {ratio:.2f}×",
            _met(growth <= GROWTH_TOLERANCE and ratio <= SEARCH_RATIO_BUDGET))


def released_page(m: Measured) -> list[Budget]:
    """Transfer and Lighthouse scores of a released record page (``scripts/budget.py``)."""
    if m.page is None:
        return [("released record page: transfer and Lighthouse (`scripts/budget.py`)",
                 "not run (`--no-lighthouse`)", "not run")]
    page = m.page
    where = f"`{page['page']}`"
    if page.get("failures"):
        return [(f"released record page {where} loads completely",
                 "; ".join(page["failures"]), _met(False))]
    kb, budget = page["transfer_kb"], page["transfer_budget_kb"]
    lines = [(f"released record page ≤ {budget} KB first-visit transfer, compressed",
              f"{kb:.1f} KB ({where})", _met(kb <= budget))]
    scores = page.get("scores")
    if scores is None:
        return [*lines, ("released record page: Lighthouse", "not run", "not run")]
    wanted = page["score_budget"]
    lines.append((
        "released record page, Lighthouse (mobile) ≥ "
        + " / ".join(f"{wanted[k]}" for k in wanted) + " ("
        + ", ".join(wanted) + ")",
        " / ".join(str(scores[k]) for k in wanted)
        + f"; preview (noindex) SEO {page.get('preview_seo', '–')}",
        _met(all(scores[k] >= wanted[k] for k in wanted))))
    return lines


# One function per budget, in the order of the table; a function may give several lines.
BUDGETS: tuple[Callable[[Measured], Budget | list[Budget]], ...] = (
    record_page_cost, page_does_not_grow, largest_page_size, check_speed, real_site_speed,
    peak_memory, search_per_record, released_page)


def budget_table(measured: Measured) -> list[str]:
    lines = ["| budget | measured | |", "| --- | --- | --- |"]
    for budget in BUDGETS:
        result = budget(measured)
        for what, value, verdict in result if isinstance(result, list) else [result]:
            lines.append(f"| {what} | {value} | {verdict} |")
    return lines


def released_page_report(work: Path) -> dict:
    """Run ``scripts/budget.py`` on the real site (released state) and read its JSON."""
    report = work / "page-budget.json"
    proc = subprocess.run([sys.executable, str(BUDGET_SCRIPT), "--json", str(report)],
                          cwd=REPO, env=child_env(), capture_output=True, text=True,
                          timeout=900)
    if not report.is_file():
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"page": "?", "failures": [f"scripts/budget.py wrote no report: {last}"]}
    return json.loads(report.read_text(encoding="utf-8"))


def hugo_gap(rows: list[Row]) -> list[str]:
    last = rows[-1]
    if last.hugo is None:
        return []
    return [f"Hugo builds the same {last.count} records (trivial template, no search index) "
            f"{last.build.wall / last.hugo.wall:.0f}× faster: {last.hugo.wall:.2f} s against "
            f"{last.build.wall:.2f} s.", ""]


def report(measured: Measured, languages: tuple[str, ...], machine: str,
           hugo_note: str) -> str:
    rows, real, baseline = measured.rows, measured.real, measured.baseline
    lines = [
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {machine}. "
        f"Languages: {', '.join(languages)}; each record gives one page per language. "
        f"Empty project (no records): {_s(baseline.build)}, {baseline.build.peak_mb:.0f} MB. "
        f"Real site (`mkdocs build` of this repository): {_s(real)}, {real.peak_mb:.0f} MB.",
        "",
        *hugo_gap(rows),
        "**Budgets** (issues #6 and #22)",
        "",
        *budget_table(measured),
        "",
        "**Time** (best of the repeats; per-page costs are CPU time above the empty build, "
        "which is built in turns with the records and the floor at each N)",
        "",
        *time_table(rows, hugo_note),
        "",
        "**Size and memory**",
        "",
        *size_table(rows),
        "",
        *listing_pages.listing_lines([r.listing for r in rows if r.listing]),
    ]
    return "\n".join(lines)


def write_results(output: Path, block: str) -> None:
    """The results between the benchmark markers; text around them (the profile in
    bench/results.md) is kept."""
    if output.is_file() and README_START in output.read_text(encoding="utf-8"):
        update_readme(output, block)
    else:
        output.write_text(f"# Benchmark results\n\n{README_START}\n{block}\n{README_END}\n",
                          encoding="utf-8")


def update_readme(readme: Path, table: str) -> None:
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise SystemExit(f"{readme} has no {README_START} … {README_END} block")
    text = text[:start + len(README_START)] + "\n" + table + "\n" + text[end:]
    readme.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best kept)")
    parser.add_argument("--no-hugo", action="store_true", help="leave out the Hugo reference row")
    parser.add_argument("--no-lighthouse", action="store_true",
                        help="leave out the released page's transfer and Lighthouse scores")
    parser.add_argument("--quick", action="store_true",
                        help="build the empty project once, not again with each N")
    parser.add_argument("--fork", action="store_true",
                        help="run each build and check in a fork of this process, not a new "
                             "Python: times leave out Python's start and imports, peak memory "
                             "counts the benchmark's own")
    parser.add_argument("--output", type=Path, default=BENCH / "results.md")
    parser.add_argument("--update-readme", action="store_true",
                        help="copy the tables into README.md between the benchmark markers")
    parser.add_argument("--languages", nargs="+", metavar="CODE",
                        help="build only these of the site's languages (the default language "
                             "among them; default: every language)")
    args = parser.parse_args(argv)

    settings, _ = read_project_settings(REPO / "mkdocs.yml")
    languages = settings.languages.codes
    if args.languages:
        unknown = sorted(set(args.languages) - set(languages))
        if unknown or languages[0] not in args.languages:
            parser.error(f"--languages: choose among {', '.join(languages)}, "
                         f"{languages[0]} included")
        languages = tuple(code for code in languages if code in args.languages)
    if args.fork:
        fork_python()
    machine = machine_description()
    hugo_note = "not run" if args.no_hugo else "`hugo` not installed (`./dev bench` installs it)"
    # a folder removed here, not a TemporaryDirectory: its clean-up at exit would also run in
    # each --fork child, removing the folder under the benchmark
    work = Path(tempfile.mkdtemp(prefix="microsite-bench-"))
    try:
        real_project = synthetic.copy_project(REPO, work / "real")
        (real_project / settings.data_file).write_bytes(
            (REPO / settings.data_file).read_bytes())
        synthetic.keep_languages(real_project, languages, settings.data_file)
        real, _ = mkdocs_build(real_project, args.repeat)
        empty = prepare(work, "empty", 0, languages, settings.data_file)
        empty_build, empty_out = mkdocs_build(empty, args.repeat)
        baseline = Baseline(empty_build,
                            search_bytes(empty_out))
        rows = []
        for count in sorted(set(args.sizes)):
            print(f"N = {count} …", file=sys.stderr)
            rows.append(measure_size(work, count, languages, settings.data_file, baseline,
                                     empty, args.repeat, not args.no_hugo, args.quick))
        page = None if args.no_lighthouse else released_page_report(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    table = report(Measured(rows, real, baseline, page), languages, machine, hugo_note)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    command = " ".join(["bench/benchmark.py", *(argv if argv is not None else sys.argv[1:])])
    write_results(args.output, f"`{command}`\n\n{table}")
    if args.update_readme:
        update_readme(REPO / "README.md", table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
