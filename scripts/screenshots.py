"""Screenshots for reviewers: home, overview, a programme page, help and (German) Leichte
Sprache, German and English (or the languages given with --langs), 1280, 375 and 320 px wide,
in the light and the dark colour scheme (``-dark`` in the name), in the same Debian Chromium the
tests use.

    .venv/bin/python scripts/screenshots.py [--out reports/screenshots] [--page jobpilot-360]
        [--date 2026-12-03]

Builds the site into a temporary folder as of ``--date`` (default: today; statuses and tenses
follow it), serves it on localhost and writes one full-page PNG per view.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "tests" / folder) for folder in ("helpers",)]

from browser import chromium, new_context, serve  # noqa: E402
from sitebuild import build  # noqa: E402

WIDTHS = {"1280px": (1280, 900), "375px": (375, 700), "320px": (320, 640)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "reports" / "screenshots")
    parser.add_argument("--page", default="jobpilot-360", help="record id of the programme page")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="build date the pages are read on (YYYY-MM-DD)")
    parser.add_argument("--site", type=Path, help="an already built site (e.g. site/) instead "
                        "of building the real one")
    parser.add_argument("--langs", nargs="+", default=["de", "en"],
                        help="languages to picture, e.g. --langs ar (the default one at the root)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        if args.site:
            site = args.site
        else:
            # the real site, not the sample, as read on --date
            result = build(Path(tmp) / "site", project=REPO, build_date=args.date)
            if result.returncode != 0:
                print(result.output, file=sys.stderr)
                return 1
            site = result.site
        views = {f"{lang}-{name}": f"{prefix}{path}"
                 for lang, prefix in ((code, "" if code == "de" else f"{code}/")
                                      for code in args.langs)
                 for name, path in (("home", ""), ("overview", "programme/"),
                                    ("programme", f"programme/{args.page}/"),
                                    ("help", "hilfe/"))}
        views["de-leichte-sprache"] = "leichte-sprache/"
        with serve(site) as base, chromium() as (_, browser):
            for (width_name, (width, height)), scheme in (
                    (size, scheme) for size in WIDTHS.items() for scheme in ("light", "dark")):
                context, log = new_context(browser, base, color_scheme=scheme,
                                           viewport={"width": width, "height": height})
                page = context.new_page()
                suffix = "-dark" if scheme == "dark" else ""
                for name, path in views.items():
                    page.goto(base + path, wait_until="networkidle")
                    target = args.out / f"{name}-{width_name}{suffix}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target.relative_to(REPO) if target.is_relative_to(REPO) else target)
                context.close()
                if log.foreign:
                    print(f"requests to other hosts: {log.foreign}", file=sys.stderr)
                    return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
