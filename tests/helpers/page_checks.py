"""What the browser tests prove on every built page, split into a cheap part and a costly one.

Chromium costs most for loading a page (axe-core's scan is a fraction of that), and most of the
pages of a site are the same template in another language or with another record. So:

- ``static_problems`` reads every page's HTML (milliseconds): the first Tab stop is the skip
  link and its target exists; nothing is loaded from another host; everything loaded from the
  site exists; every page runs the same scripts and style sheets as the pages checked in
  Chromium; and the page-level rules axe would report first (language, title, alt texts,
  unique ids, references between elements, names of links and form fields).
- ``representatives`` picks the pages that do go through Chromium and axe: one page per
  template and language, rotating through the pages of a template so that every record page
  and every text page is scanned in one language or another. Each is loaded once and scanned
  in every colour scheme (``tests/render/test_every_page.py`` switches the scheme on the loaded
  page, as the site's palette switch does).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from sitebuild import soup as page_soup

TEMPLATES = ("home", "overview", "record", "help", "404", "page")
"""The site's page templates (``overrides/``: home, overview, record, help, 404; ``main.html``
for the hand-written pages)."""
LOADED = {"script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",),
          "embed": ("src",), "object": ("data",), "audio": ("src",), "video": ("src", "poster"),
          "source": ("src", "srcset"), "track": ("src",), "input": ("src",)}
"""Elements whose attributes make the browser fetch something when the page loads."""
LOADED_LINKS = {"stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload",
                "prefetch", "manifest", "mask-icon"}
FOCUSABLE = ("a", "button", "input", "select", "textarea", "iframe", "summary")
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)", re.I)
_IMPORT = re.compile(r"@import\s+['\"]([^'\"]+)", re.I)


@dataclass(frozen=True)
class SitePage:
    path: Path
    rel: str
    """The page's address under the site root: ``""``, ``en/programme/lotse-beruf/``."""
    language: str
    template: str
    variant: str
    """The address within its language (the same page in every language shares it)."""


def classify(site: Path, path: Path, languages: tuple[str, ...]) -> SitePage:
    rel = path.relative_to(site).as_posix()
    rel = rel[: -len("index.html")] if rel.endswith("index.html") else rel
    first, _, rest = rel.partition("/")
    language, variant = (first, rest) if first in languages[1:] else (languages[0], rel)
    parts = [p for p in variant.split("/") if p]
    if not parts:
        template = "home"
    elif parts[0] == "programme":
        template = "overview" if len(parts) == 1 else "record"
    elif parts[0] == "hilfe":
        template = "help"
    elif parts[0] in ("404", "404.html"):
        template = "404"
    else:
        template = "page"
    return SitePage(path, rel, language, template, variant)


def representatives(pages: list[SitePage]) -> list[SitePage]:
    """One page for every template in every language, and then the first page of every record
    or text page not picked yet. Within a template and language, the page whose address was
    picked least often so far is taken, so that the picks rotate through the template's pages
    (every record, every hand-written page) across languages."""
    groups: dict[tuple[str, str], list[SitePage]] = defaultdict(list)
    for page in pages:
        groups[(page.template, page.language)].append(page)
    languages_of = Counter(page.variant for page in pages)
    picked: Counter[tuple[str, str]] = Counter()
    chosen: list[SitePage] = []
    for (template, _), group in sorted(groups.items()):
        # least picked first; of those, the page with the fewest languages (it has the
        # fewest chances), e.g. the German-only page in Leichter Sprache
        page = min(group, key=lambda p: (picked[(template, p.variant)],
                                         languages_of[p.variant], p.rel))
        picked[(template, page.variant)] += 1
        chosen.append(page)
    for page in sorted(pages, key=lambda p: p.rel):  # more records or pages than languages
        if not picked[(page.template, page.variant)]:
            picked[(page.template, page.variant)] += 1
            chosen.append(page)
    return chosen


def _site_path(site: Path, page: Path, site_url: str, url: str) -> Path | None:
    """The file a same-site address points to, or None for another host."""
    page_url = urljoin(site_url, page.relative_to(site).as_posix())
    absolute = urljoin(page_url, url.strip())
    root = urlsplit(site_url)
    parts = urlsplit(absolute)
    if parts.scheme == "data":
        return site  # inline: nothing to fetch
    if (parts.scheme, parts.netloc) != (root.scheme, root.netloc) or not parts.path.startswith(
            root.path):
        return None
    rel = PurePosixPath(parts.path[len(root.path):])
    target = site / rel
    return target / "index.html" if parts.path.endswith("/") else target


def _loaded_urls(soup: BeautifulSoup) -> list[str]:
    urls: list[str] = []
    for name, attributes in LOADED.items():
        for tag in soup.find_all(name):
            if name == "input" and tag.get("type") != "image":
                continue
            for attribute in attributes:
                value = tag.get(attribute)
                if value:
                    urls += [part.split()[0] for part in value.split(",") if part.strip()] \
                        if attribute == "srcset" else [value]
    for tag in soup.find_all("link", href=True):
        if LOADED_LINKS & {rel.lower() for rel in tag.get("rel", [])}:
            urls.append(tag["href"])
    for tag in soup.find_all(style=True):
        urls += _CSS_URL.findall(tag["style"])
    for tag in soup.find_all("style"):
        urls += _CSS_URL.findall(tag.get_text()) + _IMPORT.findall(tag.get_text())
    return urls


def assets(site: Path, path: Path, site_url: str, soup: BeautifulSoup) -> tuple[str, ...]:
    """The scripts and style sheets a page runs, as addresses under the site root."""
    found = []
    for tag in soup.find_all(["script", "link"]):
        url = tag.get("src") if tag.name == "script" else (
            tag.get("href") if "stylesheet" in tag.get("rel", []) else None)
        if url:
            target = _site_path(site, path, site_url, url)
            found.append(target.relative_to(site).as_posix() if target else url)
    return tuple(found)


def _focusable(tag: Tag) -> bool:
    if tag.get("tabindex") is not None:
        return tag["tabindex"].strip() != "-1"
    if tag.name == "a":
        return tag.get("href") is not None
    if tag.name == "input":
        # Material's drawer, search and table-of-contents switches are hidden check boxes
        return tag.get("type") != "hidden" and "md-toggle" not in tag.get("class", [])
    return tag.name in FOCUSABLE and tag.get("disabled") is None


def _name(tag: Tag) -> str:
    """The text a screen reader would announce for a link or a form field, roughly."""
    text = tag.get("aria-label") or tag.get("title") or tag.get_text(" ", strip=True)
    alts = [img.get("alt", "") for img in tag.find_all("img")]
    svg_titles = [t.get_text(strip=True) for t in tag.find_all("title")]
    return " ".join([text or "", *alts, *svg_titles]).strip()


def static_problems(site: Path, path: Path, site_url: str, language: str) -> list[str]:
    """What is wrong with one built page, without a browser (empty when nothing is)."""
    soup = page_soup(path)
    problems: list[str] = []
    html = soup.html
    if html is None or html.get("lang") != language:
        problems.append(f"<html lang> ist nicht {language!r}")
    if not (soup.title and soup.title.get_text(strip=True)):
        problems.append("kein <title>")
    body = soup.body
    first = next((t for t in body.find_all(True) if _focusable(t)), None) if body else None
    if first is None or first.name != "a" or "md-skip" not in first.get("class", []):
        problems.append(f"der erste Tab-Halt ist nicht der Sprunglink: {str(first)[:80]}")
    elif not soup.find(id=first["href"].lstrip("#")):
        problems.append(f"das Ziel des Sprunglinks fehlt: {first['href']}")
    for url in _loaded_urls(soup):
        target = _site_path(site, path, site_url, url)
        if target is None:
            problems.append(f"lädt von einem anderen Host: {url}")
        elif not target.exists():
            problems.append(f"lädt, was es nicht gibt: {url}")
    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    problems += [f"id {name!r} kommt {count}-mal vor" for name, count in ids.items() if count > 1]
    for attribute in ("aria-labelledby", "aria-describedby", "aria-controls"):
        for tag in soup.find_all(attrs={attribute: True}):
            value = tag[attribute]
            refs = value if isinstance(value, list) else value.split()
            problems += [f"{attribute}={ref!r} zeigt ins Leere" for ref in refs if ref not in ids]
    for img in soup.find_all("img"):
        if img.get("alt") is None and img.get("role") not in ("presentation", "none"):
            problems.append(f"Bild ohne alt: {img.get('src')}")
    for link in soup.find_all("a", href=True):
        if not _name(link) and link.get("aria-hidden") != "true":
            problems.append(f"Link ohne Namen: {link['href']}")
    for field in soup.find_all(["input", "select", "textarea"]):
        if field.get("type") in ("hidden", "submit", "reset", "button") or (
                "md-toggle" in field.get("class", [])):
            continue
        labelled = field.get("aria-label") or field.get("aria-labelledby") or field.get(
            "title") or (field.get("id") and soup.find("label", attrs={"for": field["id"]})) \
            or field.find_parent("label")
        if not labelled:
            problems.append(f"Formularfeld ohne Beschriftung: {str(field)[:80]}")
    return problems
