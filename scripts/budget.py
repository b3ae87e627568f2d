"""Performance budget of a programme page, measured (not asserted in tests).

    .venv/bin/python scripts/budget.py [--page jobpilot-360] [--lang de] [--no-lighthouse]

Builds the site, serves it on localhost with gzip (as GitHub Pages does) and measures:
  * first-visit transfer of the page and everything it loads, compressed (Chromium, cold cache);
  * Lighthouse 12.2.3 mobile scores (performance, accessibility, best practices, SEO), run with
    Debian's chromium. Lighthouse is installed from npm into scripts/lighthouse/ on first use.
Exits 1 when a number misses its budget.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import mimetypes
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser import CHROMIUM, CHROMIUM_FLAGS, chromium, new_context, published_url  # noqa: E402
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


def publish_at(site: Path, base: str) -> None:
    """Rewrite the built site's absolute addresses to ``base``, as if published there, so that
    canonical and hreflang links resolve to the local copy during the measurement."""
    published = published_url()
    for path in site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".txt") and path.is_file():
            text = path.read_text(encoding="utf-8")
            if published in text:
                path.write_text(text.replace(published, base), encoding="utf-8")


def transfer(url: str, base: str) -> tuple[int, list[tuple[str, int]]]:
    """Compressed bytes (bodies + headers) of a first visit, and the largest resources."""
    sizes: list[tuple[str, int]] = []
    with chromium() as (_, browser):
        context, log = new_context(browser, base)
        page = context.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(url, wait_until="networkidle")
        for response in responses:
            measured = response.request.sizes()
            sizes.append((response.url[len(base):],
                          measured["responseBodySize"] + measured["responseHeadersSize"]))
        context.close()
        if log.foreign:
            raise SystemExit(f"requests to other hosts: {log.foreign}")
    return sum(size for _, size in sizes), sorted(sizes, key=lambda s: -s[1])


def lighthouse(url: str) -> dict:
    cli = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.is_file():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=LIGHTHOUSE_DIR,
                       check=True)
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            ["node", str(cli), url, "--quiet", "--output=json", f"--output-path={report}",
             "--only-categories=performance,accessibility,best-practices,seo",
             f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}"],
            env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, timeout=300)
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {key: round(cat["score"] * 100) for key, cat in data["categories"].items()}
    failed = {key: [a["id"] for a in (data["audits"][ref["id"]] for ref in cat["auditRefs"])
                    if a.get("score") is not None and a["score"] < 1
                    and a.get("scoreDisplayMode") in ("binary", "numeric")]
              for key, cat in data["categories"].items()}
    metrics = {k: data["audits"][k]["displayValue"] for k in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                "cumulative-layout-shift", "total-byte-weight")}
    return {"scores": scores, "failed_audits": failed, "metrics": metrics}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="jobpilot-360")
    parser.add_argument("--lang", default="de", choices=("de", "en"))
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args(argv)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        result = build(Path(tmp) / "site")
        if result.returncode != 0:
            print(result.output, file=sys.stderr)
            return 1
        with serve_gzip(result.site) as base:
            publish_at(result.site, base)
            path = ("" if args.lang == "de" else "en/") + f"programme/{args.page}/"
            total, largest = transfer(base + path, base)
            kb = total / 1024
            within = kb <= TRANSFER_BUDGET_KB
            ok &= within
            print(f"first-visit transfer of /{path}: {kb:.1f} KB compressed "
                  f"(budget {TRANSFER_BUDGET_KB} KB) {'OK' if within else 'OVER'}")
            for name, size in largest[:6]:
                print(f"  {size / 1024:7.1f} KB  {name or '/'}")
            if not args.no_lighthouse:
                report = lighthouse(base + path)
                for key, budget in SCORE_BUDGET.items():
                    score = report["scores"][key]
                    ok &= score >= budget
                    failing = ", ".join(report["failed_audits"][key]) or "-"
                    print(f"Lighthouse {key}: {score} (budget {budget}) "
                          f"{'OK' if score >= budget else 'UNDER'}; below 1: {failing}")
                print("  " + ", ".join(f"{k} {v}" for k, v in report["metrics"].items()))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
