"""The largest page that lists records – an overview page or a home page – and its budget.

Issue 19: the overview and the home page stay small as records grow, at most ``BUDGET_KB`` of
HTML at 1,000 records (the overview is cut into pages of 50, the home page names a few
records per audience). Kept apart from the other budgets so that it stays a small addition.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

BUDGET_KB = 100.0


@dataclass(frozen=True)
class Listing:
    count: int  # records of the build
    page: str  # site-relative path of the largest page
    kb: float
    pages: int  # how many listing pages the build has


def listing_pages(out: Path, languages: tuple[str, ...], section: str) -> list[Path]:
    """Every home and overview page of the build in ``out``, every language."""
    found = []
    for i, lang in enumerate(languages):
        root = out if i == 0 else out / lang  # the default language lives at the root
        found.append(root / "index.html")
        overview = root / section
        found.append(overview / "index.html")
        found.extend(sorted(overview.glob("seite/*/index.html")))
    return [page for page in found if page.is_file()]


def largest_listing(out: Path, count: int, languages: tuple[str, ...], section: str) -> Listing:
    pages = listing_pages(out, languages, section)
    largest = max(pages, key=lambda page: page.stat().st_size)
    return Listing(count, largest.relative_to(out).as_posix(), largest.stat().st_size / 1024,
                   len(pages))


def listing_lines(listings: list[Listing]) -> list[str]:
    """The section of the report: one row per N, with the verdict at the largest N."""
    if not listings:
        return []
    last = listings[-1]
    verdict = "met" if last.kb <= BUDGET_KB else "**missed**"
    lines = [
        f"**Listing pages** (issue 19): the largest overview or home page ≤ {BUDGET_KB:.0f} KB "
        f"of HTML at 1,000 records – {last.kb:.1f} KB at N = {last.count}: {verdict}",
        "",
        "| records N | listing pages | largest | KB |",
        "| ---: | ---: | --- | ---: |",
    ]
    lines += [f"| {x.count} | {x.pages} | `{x.page}` | {x.kb:.1f} |" for x in listings]
    return [*lines, ""]
