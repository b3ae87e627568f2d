"""Every internal href and src of a built site, resolved against the site's address."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from sitebuild import soup

SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")
ATTRIBUTES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
              ("source", "src"), ("iframe", "src"), ("form", "action"))


def page_url(site: Path, site_url: str, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    if rel == "index.html":
        rel = ""
    elif rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return site_url + rel


def target_file(site: Path, site_url: str, url: str) -> Path | None:
    """The file an absolute URL of this site points to, or None for another site."""
    parts, base = urlsplit(url), urlsplit(site_url)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        return None
    assert parts.path.startswith(base.path), f"{url} is outside {site_url}"
    rel = parts.path[len(base.path):]
    path = site / rel
    return path / "index.html" if rel == "" or rel.endswith("/") or path.is_dir() else path


def broken_links(site: Path, site_url: str) -> tuple[list[str], int]:
    """(links to missing files, number of internal links checked) over every HTML page."""
    broken, checked = [], 0
    for page in sorted(site.rglob("*.html")):
        base, parsed = page_url(site, site_url, page), soup(page)  # each page parsed once
        for tag, attribute in ATTRIBUTES:
            for element in parsed.find_all(tag):
                value = element.get(attribute)
                if not value or value.startswith("#") or value.startswith(SKIPPED_SCHEMES):
                    continue
                target = target_file(site, site_url, urljoin(base, value).split("#")[0])
                if target is None:
                    continue
                checked += 1
                if not target.is_file():
                    broken.append(f"{page.relative_to(site)}: {tag} {attribute}={value}")
    return broken, checked
