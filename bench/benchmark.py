"""Speed and size at scale: the generator against the stack's own floor and against Hugo.

For each N it generates N synthetic records in every configured language into a temporary copy
of the project and measures, in one run: the full build, the marginal cost of a record page,
the same stack building N equivalent hand-written Markdown pages per language (the floor),
``microsite check``, page and site sizes, the search index and the build's peak memory. It
writes Markdown tables with the budgets of issue #6 and whether each is met.

    .venv/bin/python bench/benchmark.py                      # N = 10, 100, 1000; bench/results.md
    .venv/bin/python bench/benchmark.py --sizes 5 --no-hugo --output /tmp/r.md

Times are the best of ``--repeat`` runs. The marginal cost per page uses CPU time (user +
system of the build process), which other load on a shared machine disturbs less than wall time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import hugo_reference  # noqa: E402
import listing_pages  # noqa: E402
import synthetic  # noqa: E402
from measure import Run, best_of, folder_bytes, machine_description, run_child  # noqa: E402

from microsite.project import read_project_settings  # noqa: E402

BUILD_EPOCH = "1764072000"  # 2025-11-25 12:00 UTC: a fixed build date, as in the tests
README_START = "<!-- benchmark:start -->"
README_END = "<!-- benchmark:end -->"

# Budgets of issue #6
RATIO_BUDGET = 1.1
CHECK_BUDGET_S = 1.0
REAL_SITE_BUDGET_S = 3.0
PEAK_BUDGET_MB = 1024.0
NOISE_S = 0.5  # below this much CPU time above the empty build, a per-page ratio is noise
GROWTH_TOLERANCE = 1.05  # page HTML and search bytes per record may vary this much across N



def search_bytes(out: Path) -> int:
    """Every language's search index together (each language has its own, see search_split)."""
    return sum(p.stat().st_size for p in out.rglob("search/search_index.json"))

def child_env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs_build(project: Path, repeat: int) -> tuple[Run, Path]:
    out = project / "out"
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
           "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    runs = [run_child(cmd, project, child_env()) for _ in range(repeat)]
    run = best_of(runs)
    if run.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{run.output}")
    return run, out


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
    per_page_ms: float
    floor_per_page_ms: float
    baseline_cpu: float
    listing: listing_pages.Listing | None = None  # the largest overview/home page (issue 19)

    @property
    def ratio(self) -> float | None:
        """None where the pages cost less than the noise of one build (small N)."""
        if min(self.build.cpu, self.floor.cpu) - self.baseline_cpu < NOISE_S:
            return None
        return self.per_page_ms / self.floor_per_page_ms


def prepare(work: Path, name: str, count: int, languages: tuple[str, ...], data_file: str, *,
            handwritten: bool) -> Path:
    project = synthetic.copy_project(REPO, work / name)
    synthetic.write_records(project, 0 if handwritten else count, languages, data_file)
    if handwritten:
        synthetic.write_handwritten(project, count, languages)
    return project


def measure_size(work: Path, count: int, languages: tuple[str, ...], data_file: str,
                 baseline: Baseline, repeat: int, with_hugo: bool) -> Row:
    records = prepare(work, f"records-{count}", count, languages, data_file, handwritten=False)
    floor = prepare(work, f"floor-{count}", count, languages, data_file, handwritten=True)
    build, out = mkdocs_build(records, repeat)
    floor_build, floor_out = mkdocs_build(floor, repeat)
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
        per_page_ms=(build.cpu - baseline.build.cpu) / pages * 1000,
        floor_per_page_ms=(floor_build.cpu - baseline.build.cpu) / pages * 1000,
        baseline_cpu=baseline.build.cpu,
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
        "| records N | record pages | build | hand-written floor | ms CPU per record page "
        "| ms CPU per hand-written page | ratio record/floor | `microsite check` | Hugo |",
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
        "| records N | KB per record page | KB per hand-written page | KB overview page "
        "| site MB | search index KB | search KB per record | peak MB build | peak MB floor "
        "| peak MB check |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r.count} | {r.record_kb:.1f} | {r.floor_kb:.1f} | {r.overview_kb:.1f} "
            f"| {r.site_mb:.1f} | {r.search_kb:.0f} | {r.search_per_record_kb:.2f} "
            f"| {r.build.peak_mb:.0f} | {r.floor.peak_mb:.0f} | {r.check.peak_mb:.0f} |")
    return lines


def _met(ok: bool) -> str:
    return "met" if ok else "**missed**"


def budget_table(rows: list[Row], real: Run, baseline: Baseline) -> list[str]:
    first, last = rows[0], rows[-1]
    at = f"at N = {last.count}"
    page_growth = max(r.record_kb for r in rows) / min(r.record_kb for r in rows)
    search_growth = (max(r.search_per_record_kb for r in rows)
                     / max(min(r.search_per_record_kb for r in rows), 1e-9))
    # linear: memory above the empty build, per record page, does not rise with N
    mem_per_page = [(r.build.peak_mb - baseline.build.peak_mb) / r.pages for r in rows]
    linear = all(b <= max(a, 0.05) * 1.5 for a, b in itertools.pairwise(mem_per_page))
    overview_per_record = ((last.overview_kb - first.overview_kb) / (last.count - first.count)
                           if last.count > first.count else 0.0)
    ratio_verdict = ("not measurable: N too small" if last.ratio is None
                     else _met(last.ratio <= RATIO_BUDGET))
    check_note = "" if last.count >= 1000 else f" (largest N measured: {last.count})"
    lines = [
        "| budget | measured | |",
        "| --- | --- | --- |",
        f"| record page ≤ {RATIO_BUDGET}× a hand-written page (CPU per page, {at}) "
        f"| {last.per_page_ms:.2f} ms vs {last.floor_per_page_ms:.2f} ms = {_ratio(last.ratio)}× "
        f"| {ratio_verdict} |",
        f"| record page HTML does not grow with N (N = {first.count} … {last.count}) "
        f"| {first.record_kb:.1f} KB … {last.record_kb:.1f} KB (max/min {page_growth:.3f}); "
        f"the one overview page lists every record: {overview_per_record:.2f} KB more per "
        f"record | {_met(page_growth <= GROWTH_TOLERANCE)} |",
        f"| `microsite check` < {CHECK_BUDGET_S:.0f} s at 1,000 records{check_note} "
        f"| {last.check.wall:.2f} s wall ({last.check.cpu:.2f} s CPU) at N = {last.count} "
        f"| {_met(last.check.wall < CHECK_BUDGET_S)} |",
        f"| the real site builds < {REAL_SITE_BUDGET_S:.0f} s | {_s(real)} "
        f"| {_met(real.wall < REAL_SITE_BUDGET_S)} |",
        f"| peak memory linear, < 1 GB at 1,000 records "
        f"| {last.build.peak_mb:.0f} MB at N = {last.count}; above the empty build: "
        + ", ".join(f"{m * 1024:.0f} KB" for m in mem_per_page) + " per record page "
        f"| {_met(linear and last.build.peak_mb < PEAK_BUDGET_MB)} |",
        f"| search index bounded per record "
        f"| {first.search_per_record_kb:.2f} KB … {last.search_per_record_kb:.2f} KB per record "
        f"(max/min {search_growth:.3f}) | {_met(search_growth <= GROWTH_TOLERANCE)} |",
    ]
    return lines


def hugo_gap(rows: list[Row]) -> list[str]:
    last = rows[-1]
    if last.hugo is None:
        return []
    return [f"Hugo builds the same {last.count} records (trivial template, no search index) "
            f"{last.build.wall / last.hugo.wall:.0f}× faster: {last.hugo.wall:.2f} s against "
            f"{last.build.wall:.2f} s.", ""]


def report(rows: list[Row], real: Run, baseline: Baseline, languages: tuple[str, ...],
           machine: str, hugo_note: str) -> str:
    lines = [
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {machine}. "
        f"Languages: {', '.join(languages)}; each record gives one page per language. "
        f"Empty project (no records): {_s(baseline.build)}, {baseline.build.peak_mb:.0f} MB. "
        f"Real site (`mkdocs build` of this repository): {_s(real)}, {real.peak_mb:.0f} MB.",
        "",
        *hugo_gap(rows),
        "**Budgets** (issue #6)",
        "",
        *budget_table(rows, real, baseline),
        "",
        "**Time** (best of the repeats; per-page costs are CPU time above the empty build)",
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
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement (best kept)")
    parser.add_argument("--no-hugo", action="store_true", help="leave out the Hugo reference row")
    parser.add_argument("--output", type=Path, default=BENCH / "results.md")
    parser.add_argument("--update-readme", action="store_true",
                        help="copy the tables into README.md between the benchmark markers")
    args = parser.parse_args(argv)

    settings, _ = read_project_settings(REPO / "mkdocs.yml")
    languages = settings.languages.codes
    machine = machine_description()
    hugo_note = "not run" if args.no_hugo else "`hugo` not installed (`./dev bench` installs it)"
    with tempfile.TemporaryDirectory(prefix="microsite-bench-") as tmp:
        work = Path(tmp)
        real_project = synthetic.copy_project(REPO, work / "real")
        (real_project / settings.data_file).write_bytes(
            (REPO / settings.data_file).read_bytes())
        real, _ = mkdocs_build(real_project, args.repeat)
        empty = prepare(work, "empty", 0, languages, settings.data_file, handwritten=False)
        empty_build, empty_out = mkdocs_build(empty, args.repeat)
        baseline = Baseline(empty_build,
                            search_bytes(empty_out))
        rows = []
        for count in sorted(set(args.sizes)):
            print(f"N = {count} …", file=sys.stderr)
            rows.append(measure_size(work, count, languages, settings.data_file, baseline,
                                     args.repeat, not args.no_hugo))
    table = report(rows, real, baseline, languages, machine, hugo_note)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    command = " ".join(["bench/benchmark.py", *(argv if argv is not None else sys.argv[1:])])
    args.output.write_text(f"# Benchmark results\n\n`{command}`\n\n{table}", encoding="utf-8")
    if args.update_readme:
        update_readme(REPO / "README.md", table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
