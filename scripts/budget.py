"""Performance budget of a record page, measured in the released state (not asserted in tests).

    .venv/bin/python scripts/budget.py [--project .] [--page ID] [--lang de] [--no-lighthouse]
                                       [--json report.json] [--keep-site DIR | --site DIR]

Builds the project (the real site unless ``--project`` names another) as it will be released:
a copy whose missing site-wide facts are filled in by placeholders, so that the legal gate lets
it go (no preview banner, no ``noindex``). Serves it on localhost with gzip (as GitHub Pages
does) and measures a record page (``--page``, else the project's first published record):
  * every response of the first visit (Chromium, cold cache): anything but 200 for the page or
    one of its assets is a failure, named, and nothing else is measured;
  * the compressed transfer of the page and everything it loads;
  * Lighthouse 12.2.3 mobile scores (performance, accessibility, best practices, SEO), run with
    Debian's chromium. Lighthouse is installed from npm into scripts/lighthouse/ on first use.
The preview as built today (facts missing) is measured for SEO only and reported apart: its
``noindex`` costs the SEO score on purpose. Exits 1 when anything fails or misses its budget.

``--keep-site DIR`` keeps the released site it built in ``DIR``; ``--site DIR`` measures such a
site instead of building one (a copy of it: the folder itself is left as it is). The tests use
them to build the released site once for every measurement.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import mimetypes
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

SCRIPTS = Path(__file__).resolve().parent
REPO = SCRIPTS.parent
sys.path[:0] = [str(REPO / "tests" / folder) for folder in ("helpers",)]
sys.path.insert(0, str(SCRIPTS))

from released_copy import copy_project, released_copy  # noqa: E402

from browser import CHROMIUM, CHROMIUM_FLAGS, chromium, new_context  # noqa: E402
from microsite.checks.validation import ValidationFailed  # noqa: E402
from microsite.data.urls import record_url  # noqa: E402
from microsite.render.project import read_project_settings  # noqa: E402
from microsite.render.site import load_site  # noqa: E402
from sitebuild import build  # noqa: E402

TRANSFER_BUDGET_KB = 150
SCORE_BUDGET = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
LIGHTHOUSE_DIR = REPO / "scripts" / "lighthouse"
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml",
                "application/xml")


def _handler(root: Path) -> type[http.server.BaseHTTPRequestHandler]:
    class GzipHandler(http.server.BaseHTTPRequestHandler):
        """Static files, gzip-compressed where the browser accepts it, 404.html when missing."""

        def do_GET(self) -> None:
            rel = self.path.split("?", 1)[0].split("#", 1)[0].lstrip("/")
            path = (root / rel).resolve()
            if path.is_dir():
                path = path / "index.html"
            status = 200
            if root.resolve() not in path.parents or not path.is_file():
                path, status = root / "404.html", 404
            body = path.read_bytes()
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            self.send_response(status)
            self.send_header("Content-Type", kind + ("; charset=utf-8"
                                                     if kind.startswith("text/") else ""))
            if kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body, compresslevel=6)
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return GzipHandler


@contextmanager
def serve_gzip(root: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def publish_at(site: Path, published: str, base: str) -> None:
    """Rewrite the built site's absolute addresses (``published``) to ``base``, as if published
    there, so that canonical and hreflang links resolve to the local copy during the measurement."""
    for path in site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".txt") and path.is_file():
            text = path.read_text(encoding="utf-8")
            if published in text:
                path.write_text(text.replace(published, base), encoding="utf-8")


@dataclass
class Visit:
    """A first visit: compressed bytes per resource, and every response that was not a 200."""

    sizes: list[tuple[str, int]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    noindex: bool = False

    @property
    def total(self) -> int:
        return sum(size for _, size in self.sizes)


def first_visit(url: str, base: str) -> Visit:
    """Load ``url`` in Chromium with a cold cache; name every response other than 200, every
    request that failed and every request to another host."""
    visit = Visit()
    with chromium() as (_, browser):
        context, log = new_context(browser, base)
        page = context.new_page()
        responses, failed = [], []
        page.on("response", lambda response: responses.append(response))
        page.on("requestfailed", lambda request: failed.append(request))
        page.goto(url, wait_until="networkidle")
        visit.noindex = page.locator('meta[name="robots"][content*="noindex"]').count() > 0
        for response in responses:
            name = "/" + response.url.removeprefix(base)
            if response.status != 200:
                visit.failures.append(f"HTTP {response.status}: {name}")
            measured = response.request.sizes()
            visit.sizes.append((name, measured["responseBodySize"]
                                + measured["responseHeadersSize"]))
        answered = {response.url for response in responses}
        visit.failures += [f"request failed: /{request.url.removeprefix(base)} "
                           f"({request.failure})" for request in failed
                           if request.url not in answered  # a 404 is named once, above
                           and request.url not in log.foreign]  # and so is another host
        context.close()
    visit.failures += [f"request to another host: {url}" for url in log.foreign]
    visit.failures = list(dict.fromkeys(visit.failures))  # a file asked for twice, named once
    visit.sizes.sort(key=lambda s: -s[1])
    return visit


def lighthouse(url: str, categories: tuple[str, ...] = tuple(SCORE_BUDGET)) -> dict:
    cli = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.is_file():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=LIGHTHOUSE_DIR,
                       check=True)
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            ["node", str(cli), url, "--quiet", "--output=json", f"--output-path={report}",
             f"--only-categories={','.join(categories)}",
             f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}"],
            env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, timeout=300)
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {key: round(cat["score"] * 100) for key, cat in data["categories"].items()}
    failed = {key: [a["id"] for a in (data["audits"][ref["id"]] for ref in cat["auditRefs"])
                    if a.get("score") is not None and a["score"] < 1
                    and a.get("scoreDisplayMode") in ("binary", "numeric")]
              for key, cat in data["categories"].items()}
    # the elements an accessibility audit found, so that a miss names what to mend
    elements = {ref["id"]: [item["node"].get("selector", "?")
                            for item in (data["audits"][ref["id"]].get("details") or {})
                            .get("items", []) if isinstance(item.get("node"), dict)][:5]
                for ref in data["categories"].get("accessibility", {}).get("auditRefs", [])
                if ref["id"] in failed.get("accessibility", [])}
    metrics = {k: data["audits"][k]["displayValue"] for k in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                "cumulative-layout-shift", "total-byte-weight") if k in data["audits"]}
    return {"scores": scores, "failed_audits": failed, "metrics": metrics, "elements": elements}


@dataclass
class Report:
    """What the benchmark reads (``--json``)."""

    page: str
    transfer_budget_kb: int = TRANSFER_BUDGET_KB
    score_budget: dict[str, int] = field(default_factory=lambda: dict(SCORE_BUDGET))
    failures: list[str] = field(default_factory=list)
    transfer_kb: float | None = None
    scores: dict[str, int] | None = None
    preview_seo: int | None = None
    filled_facts: list[str] = field(default_factory=list)
    ok: bool = False


def first_record(project: Path) -> str:
    """The id of the project's first published record."""
    settings, _ = read_project_settings(project / "mkdocs.yml")
    try:
        records = load_site(settings).records
    except ValidationFailed as failed:
        raise SystemExit("the data has errors; run microsite check\n" + "\n".join(
            p.message("en") for p in failed.problems)) from None
    if not records:
        raise SystemExit(f"{project} has no published record: name a page with --page")
    return records[0].id


def build_site(project: Path, site: Path) -> Path:
    result = build(site, project=project)
    if result.returncode != 0:
        raise SystemExit(f"the build failed:\n{result.output}")
    return result.site


def site_url(project: Path) -> str:
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"),
                       Loader=yaml.BaseLoader)
    return config["site_url"]


def measure_released(report: Report, site: Path, published: str, path: str,
                     with_lighthouse: bool) -> None:
    with serve_gzip(site) as base:
        publish_at(site, published, base)
        visit = first_visit(base + path, base)
        report.failures += visit.failures
        if visit.noindex:
            report.failures.append(f"/{path} carries noindex: the copy is not released")
        if report.failures:
            return
        report.transfer_kb = visit.total / 1024
        print(f"first-visit transfer of /{path}: {report.transfer_kb:.1f} KB compressed "
              f"(budget {TRANSFER_BUDGET_KB} KB) "
              f"{'OK' if report.transfer_kb <= TRANSFER_BUDGET_KB else 'OVER'}")
        for name, size in visit.sizes[:6]:
            print(f"  {size / 1024:7.1f} KB  {name}")
        if not with_lighthouse:
            return
        try:
            result = lighthouse(base + path)
        except (subprocess.SubprocessError, OSError, KeyError, ValueError) as exc:
            report.failures.append(f"Lighthouse failed: {exc}")
            return
        report.scores = result["scores"]
        for key, budget in SCORE_BUDGET.items():
            score = result["scores"][key]
            failing = ", ".join(result["failed_audits"][key]) or "-"
            print(f"Lighthouse {key}: {score} (budget {budget}) "
                  f"{'OK' if score >= budget else 'UNDER'}; below 1: {failing}")
        for audit, selectors in result["elements"].items():
            print(f"  {audit}: {', '.join(selectors)}")
        print("  " + ", ".join(f"{k} {v}" for k, v in result["metrics"].items()))


def measure_preview_seo(report: Report, site: Path, published: str, path: str) -> None:
    """The preview's SEO score, for the record: ``noindex`` lowers it on purpose."""
    with serve_gzip(site) as base:
        publish_at(site, published, base)
        try:
            result = lighthouse(base + path, ("seo",))
        except (subprocess.SubprocessError, OSError, KeyError, ValueError) as exc:
            print(f"Lighthouse on the preview failed: {exc}", file=sys.stderr)
            return
    report.preview_seo = result["scores"]["seo"]
    failing = ", ".join(result["failed_audits"]["seo"]) or "-"
    print(f"Lighthouse seo of the preview (facts missing, noindex; not a budget): "
          f"{report.preview_seo}; below 1: {failing}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=REPO,
                        help="the project to build (default: this repository, the real site)")
    parser.add_argument("--page", help="record id (default: the project's first record)")
    parser.add_argument("--lang", help="language (default: the site's default language)")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--json", type=Path, help="write the results as JSON here")
    site_source = parser.add_mutually_exclusive_group()
    site_source.add_argument("--keep-site", type=Path, metavar="DIR",
                             help="keep the released site built in DIR (must not exist)")
    site_source.add_argument("--site", type=Path, metavar="DIR",
                             help="measure this released site of the project (built with "
                                  "--keep-site) instead of building it")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    settings, _ = read_project_settings(project / "mkdocs.yml")
    languages = settings.languages.codes
    lang = args.lang or languages[0]
    if lang not in languages:
        parser.error(f"--lang {lang}: the site's languages are {', '.join(languages)}")
    if args.site is not None and not (args.site / "index.html").is_file():
        parser.error(f"--site {args.site}: no built site there (index.html missing)")
    if args.keep_site is not None and args.keep_site.exists():
        parser.error(f"--keep-site {args.keep_site}: the folder exists already")
    page = args.page or first_record(project)
    path = record_url(page, lang, languages[0])
    report = Report(page=f"/{path}")
    published = site_url(project)
    with tempfile.TemporaryDirectory(prefix="microsite-budget-") as tmp:
        work = Path(tmp)
        if args.site is not None:  # measured in a copy: publish_at rewrites its addresses
            site = shutil.copytree(args.site, work / "released-site")
        else:
            released, report.filled_facts = released_copy(project, work / "released",
                                                          settings.facts_file)
            if report.filled_facts:
                print(f"released state: {len(report.filled_facts)} missing facts filled in by "
                      "placeholders (" + ", ".join(report.filled_facts) + ")")
            site = build_site(released, work / "released-site")
            if args.keep_site is not None:
                shutil.copytree(site, args.keep_site)
        measure_released(report, site, published, path, not args.no_lighthouse)
        if not report.failures and not args.no_lighthouse:
            preview = build_site(copy_project(project, work / "preview"), work / "preview-site")
            measure_preview_seo(report, preview, published, path)
    for failure in report.failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    within = report.transfer_kb is not None and report.transfer_kb <= TRANSFER_BUDGET_KB
    scores_met = report.scores is None or all(
        report.scores[key] >= budget for key, budget in SCORE_BUDGET.items())
    report.ok = not report.failures and within and scores_met
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=2), encoding="utf-8")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
