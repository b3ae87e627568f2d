"""What a reader's browser finds on every page of a built site, as comparable values: axe-core's
WCAG 2.1 AA violations, requests to other hosts, failed loads and console errors, policy
violations, whether the header's links are shown, and the first Tab stop.

Real headless Chromium over the site served from localhost (``tests/helpers/browser.py``, as
the browser tests use it; axe-core from ``tests/browser/``, installed by ``./dev test``).
Used by ``scripts/zensical_compare.py --browser``. "none" is a value: a page where nothing
was found counts, so that a site clean on both sides agrees.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from browser import (
    AXE,
    CSP_VIOLATIONS,
    WCAG_AA_TAGS,
    add_axe,
    chromium,
    new_context,
    published_url,
    serve,
)

_FOCUSED = """() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  return `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim()}" `
    + `${el.getAttribute('href') || ''} `
    + (box.width > 0 && box.height > 0 && box.top >= 0 && box.top < window.innerHeight
       ? 'shown' : 'NOT SHOWN');
}"""
_SHOWN = """selector => {
  const el = document.querySelector(selector);
  if (!el) return 'absent';
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return box.width > 0 && box.height > 0 && style.visibility !== 'hidden'
    && box.bottom > 0 && box.top < window.innerHeight ? 'shown' : 'NOT SHOWN';
}"""
HEADER_LINKS = {"languages": ".ms-languages", "Leichte Sprache": "a.ms-easy-read--header"}


def _none_or(items: list[str]) -> list[str] | str:
    return sorted(set(items)) or "none"


def browser_elements(site: Path, urls: list[str]) -> dict[str, dict[str, Any]]:
    """The browser's findings for each page address of ``urls`` ("en/programme/x/")."""
    if not AXE.is_file():
        raise FileNotFoundError(f"{AXE} is missing: run ./dev test once, or npm ci --prefix "
                                "tests/browser --ignore-scripts")
    found: dict[str, dict[str, Any]] = {}
    # served under the published address's path, as the absolute links of the 404 pages expect
    prefix = urlsplit(published_url()).path.strip("/")
    with tempfile.TemporaryDirectory(prefix="zensical-compare-serve-") as root:
        served = Path(root) / prefix if prefix else Path(root) / "site"
        served.parent.mkdir(parents=True, exist_ok=True)
        served.symlink_to(site.resolve(), target_is_directory=True)
        with serve(Path(root)) as origin:
            found = _visit(origin + (f"{prefix}/" if prefix else "site/"), urls)
    return found


def _visit(base: str, urls: list[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    with chromium() as (_, browser):
        context, log = new_context(browser, base, color_scheme="light",
                                   viewport={"width": 1280, "height": 800})
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda message: errors.append(f"console: {message.text}")
                if message.type == "error" and "Content Security Policy" not in message.text
                else None)  # the policy's own element counts those
        page.on("response", lambda response: errors.append(
            f"{response.status} {response.url.removeprefix(base)}")
            if response.status >= 400 else None)
        for url in urls:
            errors.clear()
            foreign_before, csp_before = len(log.foreign), len(CSP_VIOLATIONS)
            page.goto(base + url, wait_until="networkidle")
            add_axe(page, base)
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                WCAG_AA_TAGS)
            shown = {name: page.evaluate(_SHOWN, selector)
                     for name, selector in HEADER_LINKS.items()}
            page.keyboard.press("Tab")
            found[url] = {
                "axe WCAG 2.1 AA violations": _none_or([v["id"] for v in result["violations"]]),
                "requests to other hosts": _none_or(log.foreign[foreign_before:]),
                "failed loads and console errors": _none_or(
                    [error.replace(base, "/") for error in errors]),
                "CSP violations": _none_or([v.replace(base, "/")
                                            for v in CSP_VIOLATIONS[csp_before:]]),
                "header links shown": ", ".join(f"{name}: {state}"
                                                for name, state in shown.items()),
                "first Tab stop": page.evaluate(_FOCUSED).replace(base, "/"),
            }
        context.close()
    return found
