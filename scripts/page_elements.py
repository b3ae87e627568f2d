"""The elements of a built page that a reader, a search engine or a screen reader depends on,
read from its HTML into comparable values, and the comparison of two builds of one site
page by page (``scripts/zensical_compare.py``: MkDocs against Zensical).

A value is plain data (text, lists of texts) with addresses made absolute within the site and
whitespace collapsed, so that two engines writing the same thing differently still agree. An
element a page does not have is ``None``; a page where both builds lack it does not count.
"""

from __future__ import annotations

import base64
import hashlib
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag

_SPACE = re.compile(r"\s+")
_HASH = re.compile(r"'sha256-[A-Za-z0-9+/=]+'")


def text(node: Tag | None) -> str | None:
    return None if node is None else _SPACE.sub(" ", node.get_text(" ")).strip()


def site_path(page_url: str, href: str | None) -> str | None:
    """``href`` as seen from the page at ``page_url`` ("programme/x/"), as an address within
    the site ("/programme/y/"); other sites' addresses and fragments stay as they are."""
    if href is None:
        return None
    if href.startswith(("#", "mailto:", "tel:", "http://", "https://", "data:")):
        return href
    path, _, fragment = href.partition("#")
    joined = posixpath.normpath(posixpath.join("/" + page_url, path)) if path else "/" + page_url
    joined = joined.removesuffix("index.html")
    if "." not in joined.rsplit("/", 1)[-1]:  # a folder: "/ar" and "/ar/" are one page
        joined = joined.rstrip("/") + "/"
    return joined + ("#" + fragment if fragment else "")


def _inline_scripts_covered(soup: BeautifulSoup, policy: str) -> bool:
    """Whether every inline script of the page has its hash in the policy."""
    hashes = set(re.findall(r"'sha256-([A-Za-z0-9+/=]+)'", policy))
    for script in soup.find_all("script", src=False):
        if script.get("type") in ("application/ld+json", "application/json"):
            continue
        digest = hashlib.sha256((script.string or "").encode("utf-8")).digest()
        if base64.b64encode(digest).decode() not in hashes:
            return False
    return True


def _csp(soup: BeautifulSoup, _url: str) -> str | None:
    meta = soup.find("meta", attrs={"http-equiv": re.compile("content-security-policy", re.I)})
    if meta is None:
        return None
    policy = meta.get("content", "")
    covered = "covers" if _inline_scripts_covered(soup, policy) else "MISSES"
    return f"{_HASH.sub('<hash>', policy)} [{covered} the page's inline scripts]"


def _meta(name: str) -> Callable[[BeautifulSoup, str], str | None]:
    def read(soup: BeautifulSoup, _url: str) -> str | None:
        tag = soup.find("meta", attrs={"name": name})
        return None if tag is None else tag.get("content")
    return read


def _html_lang_dir(soup: BeautifulSoup, _url: str) -> str:
    return f"lang={soup.html.get('lang')} dir={soup.html.get('dir')}"


def _title(soup: BeautifulSoup, _url: str) -> str | None:
    return text(soup.title)


def _h1(soup: BeautifulSoup, _url: str) -> list[str] | None:
    return [text(h1) for h1 in soup.find_all("h1")] or None


def _canonical(soup: BeautifulSoup, _url: str) -> str | None:
    link = soup.find("link", rel="canonical")
    return None if link is None else link.get("href")


def _hreflang(soup: BeautifulSoup, _url: str) -> list[str] | None:
    links = soup.head.find_all("link", rel="alternate", hreflang=True) if soup.head else []
    return sorted(f"{link['hreflang']} {link.get('href')}" for link in links) or None


def _open_graph(soup: BeautifulSoup, _url: str) -> list[str] | None:
    tags = soup.find_all("meta", property=re.compile("^og:"))
    return sorted(f"{tag['property']}={tag.get('content')}" for tag in tags) or None


def _json_ld(soup: BeautifulSoup, _url: str) -> str | None:
    blocks = soup.find_all("script", type="application/ld+json")
    if not blocks:
        return None
    parsed = []
    for block in blocks:
        try:
            parsed.append(json.loads(block.string or ""))
        except ValueError:
            parsed.append(f"not JSON: {block.string!r:.80}")
    return json.dumps(parsed, sort_keys=True, ensure_ascii=False)


def _skip_links(soup: BeautifulSoup, _url: str) -> list[str] | None:
    links = []
    for link in soup.find_all("a", class_="md-skip"):
        target = (link.get("href") or "").removeprefix("#")
        found = "target found" if soup.find(id=target) is not None else "TARGET MISSING"
        links.append(f"{text(link)} → #{target} ({found})")
    return links or None


def _switcher(soup: BeautifulSoup, url: str) -> list[str] | None:
    nav = soup.find("nav", class_="ms-languages")
    if nav is None:
        return None
    return [f"{link.get('hreflang')} {site_path(url, link.get('href'))} {text(link)}"
            f"{' (current)' if link.get('aria-current') else ''}" for link in nav.find_all("a")]


def _texts(selector: str) -> Callable[[BeautifulSoup, str], list[str] | None]:
    def read(soup: BeautifulSoup, _url: str) -> list[str] | None:
        return [text(node) for node in soup.select(selector)] or None
    return read


def _facts(soup: BeautifulSoup, _url: str) -> list[str] | None:
    rows = []
    for fact_list in soup.select("dl.ms-facts"):
        for key in fact_list.find_all("dt"):
            value = key.find_next_sibling("dd")
            rows.append(f"{text(key)}: {text(value)}")
    return rows or None


def _links_in(selector: str) -> Callable[[BeautifulSoup, str], list[str] | None]:
    def read(soup: BeautifulSoup, url: str) -> list[str] | None:
        anchors = [a for node in soup.select(selector)
                   for a in ([node] if node.name == "a" else node.find_all("a"))]
        return [f"{text(a)} → {site_path(url, a.get('href'))}" for a in anchors] or None
    return read


def _content(soup: BeautifulSoup, _url: str) -> str | None:
    return text(soup.select_one("article.md-content__inner"))


def _navigation(soup: BeautifulSoup, url: str) -> list[str] | None:
    nav = soup.select_one("nav.md-nav--primary")
    if nav is None:
        return None
    return [f"{text(a)} → {site_path(url, a.get('href'))}"
            for a in nav.select("a.md-nav__link")] or None


def _stylesheet(soup: BeautifulSoup, url: str) -> str | None:
    for link in soup.find_all("link", rel="stylesheet"):
        if (link.get("href") or "").endswith("microsite.css"):
            return site_path(url, link["href"])
    return None


def _search_base(soup: BeautifulSoup, url: str) -> str | None:
    config = soup.find("script", id="__config")
    if config is None:
        return None
    try:
        base = json.loads(config.string or "").get("base")
    except ValueError:
        return None
    return None if base is None else site_path(url, base.rstrip("/") + "/")


def _palette(soup: BeautifulSoup, _url: str) -> list[str] | None:
    return [label.get("title") for label in soup.find_all("label", attrs={
        "for": re.compile("^__palette")})] or None


_LOADED = {"script": "src", "img": "src", "iframe": "src", "source": "src", "link": "href"}
_LOADED_LINKS = {"stylesheet", "icon", "preload", "preconnect", "modulepreload", "manifest",
                 "dns-prefetch"}


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.partition('/')[0]}"


def _third_party(soup: BeautifulSoup, _url: str) -> list[str] | None:
    """Origins other than the site's that the page loads from (the project allows none)."""
    canonical = soup.find("link", rel="canonical")
    own = _origin(canonical["href"]) if canonical and "://" in canonical.get("href", "") else ""
    found = set()
    for name, attribute in _LOADED.items():
        for tag in soup.find_all(name, attrs={attribute: True}):
            if name == "link" and not _LOADED_LINKS & set(tag.get("rel") or []):
                continue
            address = tag[attribute]
            if address.startswith("//"):
                address = "https:" + address
            if "://" in address and _origin(address) != own:
                found.add(_origin(address))
    return sorted(found) or None


ELEMENTS: dict[str, Callable[[BeautifulSoup, str], Any]] = {
    "html lang/dir": _html_lang_dir,
    "title": _title,
    "h1": _h1,
    "meta description": _meta("description"),
    "meta robots": _meta("robots"),
    "canonical": _canonical,
    "hreflang alternates (head)": _hreflang,
    "Open Graph": _open_graph,
    "JSON-LD": _json_ld,
    "CSP meta": _csp,
    "skip links": _skip_links,
    "language switcher": _switcher,
    "Leichte Sprache link": _links_in("a.ms-easy-read--header"),
    "preview banner": _texts(".ms-preview-banner"),
    "notices": _texts(".ms-notice"),
    "status": _texts(".ms-record__kind"),
    "facts (dt/dd)": _facts,
    "results": _texts(".ms-results"),
    "steps": _texts(".ms-steps"),
    "contact": _texts(".ms-contact"),
    "links": _links_in(".ms-links"),
    "help and contact": _texts(".ms-help"),
    "sources": _texts(".ms-source"),
    "back to overview": _links_in(".ms-record__back"),
    "overview entries": _links_in(".ms-cards"),
    "content text": _content,
    "navigation (menu)": _navigation,
    "footer": _links_in(".ms-footer"),
    "print sender": _texts(".ms-print-sender"),
    "microsite.css linked": _stylesheet,
    "search scope (base)": _search_base,
    "search labels (accessible names)": _texts('label[for="__search"]'),
    "colour scheme switch": _palette,
    "third-party resources": _third_party,
}
"""Element name → how to read it from a page (its soup and its site-relative URL)."""


PAGE_KINDS = (("record page", ".ms-record"), ("overview", ".ms-overview"),
              ("help page", ".ms-help-page"), ("start page", ".ms-home"))
"""What a page is, by the block of ours it holds; the rest are hand-written or error pages."""


def page_kind(soup: BeautifulSoup, url: str) -> str:
    if "404" in url:
        return "error page"
    return next((kind for kind, selector in PAGE_KINDS if soup.select_one(selector)),
                "hand-written page")


def page_elements(html: str, url: str) -> dict[str, Any]:
    """Every element of ``ELEMENTS`` read from one page's HTML; ``url`` is the page's address
    within the site ("en/programme/x/"), against which relative links are resolved."""
    soup = BeautifulSoup(html, "lxml")
    return {"kind": page_kind(soup, url), **{name: read(soup, url)
                                             for name, read in ELEMENTS.items()}}


def is_redirect(html: str) -> bool:
    return re.search(r"<meta[^>]+http-equiv=[\"']?refresh", html, re.I) is not None


def content_pages(site: Path) -> dict[str, Path]:
    """The site's pages by address ("en/programme/x/"), without theme files, open data and
    redirect stubs (former ids)."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("assets/", "opendata/")) or "/assets/" in rel:
            continue
        if is_redirect(path.read_text(encoding="utf-8", errors="replace")):
            continue
        pages[rel.removesuffix("index.html")] = path
    return pages


@dataclass
class Difference:
    page: str
    left: Any
    right: Any


@dataclass
class ElementResult:
    name: str
    agree: int = 0
    pages: int = 0
    differences: list[Difference] = field(default_factory=list)
    counted: list[str] = field(default_factory=list)  # the pages that have it


@dataclass
class Comparison:
    left_name: str
    right_name: str
    pages: list[str]
    only_left: list[str]
    only_right: list[str]
    elements: list[ElementResult]
    kinds: dict[str, str] = field(default_factory=dict)  # page → what it is

    def by_kind(self) -> dict[str, tuple[int, int, int]]:
        """Page kind → (pages, elements that agree, elements counted) on those pages."""
        table: dict[str, list[int]] = {}
        for page in self.pages:
            table.setdefault(self.kinds.get(page, "?"), [0, 0, 0])[0] += 1
        for element in self.elements:
            differing = {difference.page for difference in element.differences}
            for page in element.counted:
                row = table[self.kinds.get(page, "?")]
                row[2] += 1
                row[1] += page not in differing
        order = [kind for kind, _ in PAGE_KINDS] + ["hand-written page", "error page"]
        return {kind: (row[0], row[1], row[2]) for kind, row in
                sorted(table.items(), key=lambda item: order.index(item[0])
                       if item[0] in order else len(order))}

    @property
    def agree(self) -> int:
        return sum(element.agree for element in self.elements)

    @property
    def total(self) -> int:
        return sum(element.pages for element in self.elements)

    def as_dict(self) -> dict[str, Any]:
        return {
            "left": self.left_name, "right": self.right_name, "pages": self.pages,
            "only_left": self.only_left, "only_right": self.only_right,
            "agree": self.agree, "total": self.total, "by_kind": self.by_kind(),
            "elements": [{"name": e.name, "agree": e.agree, "pages": e.pages,
                          "differences": [vars(d) for d in e.differences]}
                         for e in self.elements],
        }


def compare_pages(left: dict[str, dict[str, Any]], right: dict[str, dict[str, Any]],
                  names: tuple[str, str] = ("MkDocs", "Zensical")) -> Comparison:
    """Element by element over the pages both builds wrote; a page counts for an element
    where either build has it."""
    shared = sorted(set(left) & set(right))
    names = [*ELEMENTS, *(name for name in (left[shared[0]] if shared else {})
                          if name not in ELEMENTS and name != "kind")]  # e.g. a browser's
    results = []
    for name in names:
        result = ElementResult(name)
        for page in shared:
            a, b = left[page][name], right[page][name]
            if a is None and b is None:
                continue
            result.pages += 1
            result.counted.append(page)
            if a == b:
                result.agree += 1
            else:
                result.differences.append(Difference(page, a, b))
        results.append(result)
    return Comparison(names[0], names[1], shared, sorted(set(left) - set(right)),
                      sorted(set(right) - set(left)), results,
                      {page: left[page].get("kind", "?") for page in shared})


def read_site(site: Path) -> dict[str, dict[str, Any]]:
    return {url: page_elements(path.read_text(encoding="utf-8"), url)
            for url, path in content_pages(site).items()}


_STAGE_TOKEN = re.compile(rb"MicrositeFact\d+End")
_SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
               "x": "http://www.w3.org/1999/xhtml"}


def _sitemap(site: Path) -> list[str] | None:
    from xml.etree import ElementTree

    path = site / "sitemap.xml"
    if not path.is_file():
        return None
    entries = []
    for url in ElementTree.parse(path).getroot().findall("s:url", _SITEMAP_NS):
        links = sorted(f"{link.get('hreflang')}={link.get('href')}"
                       for link in url.findall("x:link", _SITEMAP_NS))
        entries.append(" ".join([url.findtext("s:loc", "", _SITEMAP_NS), *links]))
    return entries


def _redirects(site: Path) -> list[str]:
    found = []
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8", errors="replace")
        if is_redirect(html):
            target = re.search(r"url=([^\"'>\s]+)", html, re.I)
            found.append(f"{path.relative_to(site).as_posix()} → "
                         f"{target.group(1) if target else '?'}")
    return found


def _not_found_styles(site: Path) -> list[str] | None:
    page = site / "404.html"
    if not page.is_file():
        return None
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    styles = []
    for link in soup.find_all("link", rel="stylesheet"):
        href = link.get("href", "")
        parts = href.lstrip("/").split("/")  # an absolute path may start with the site's
        found = any((site / "/".join(parts[i:])).is_file() for i in range(len(parts)))
        styles.append(f"{href} ({'exists' if found else 'MISSING'})")
    return styles


def _target_exists(site: Path, rel: str) -> bool:
    rel = rel.partition("#")[0].partition("?")[0].lstrip("/")
    target = site / rel
    return (target / "index.html").is_file() if rel == "" or rel.endswith("/") \
        else target.is_file() or (target / "index.html").is_file()


def _links_leading_nowhere(site: Path) -> list[str]:
    """Links and stylesheets of every page that point into the site at a file it lacks."""
    home = site / "index.html"
    canonical = BeautifulSoup(home.read_text(encoding="utf-8"), "lxml").find(
        "link", rel="canonical") if home.is_file() else None
    prefix = canonical.get("href", "") if canonical else ""
    base_path = "/" + prefix.split("://", 1)[-1].partition("/")[2] if prefix else "/"
    broken = []
    for url, path in content_pages(site).items():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for tag in soup.find_all(["a", "link"], href=True):
            href = tag["href"]
            if prefix and href.startswith(prefix):
                rel = href[len(prefix):]
            elif href.startswith(base_path):  # an absolute path (the 404 pages)
                rel = href[len(base_path):]
            elif href.startswith(("#", "mailto:", "tel:", "data:", "http:", "https:")):
                continue
            else:
                rel = site_path(url, href) or ""
            if not _target_exists(site, rel):
                broken.append(f"/{url} → {href}")
    return broken


SITE_CHECKS: dict[str, Callable[[Path], Any]] = {
    "links into the site leading nowhere": _links_leading_nowhere,
    "sitemap.xml (addresses, hreflang)": _sitemap,
    "robots.txt": lambda site: (site / "robots.txt").read_text(encoding="utf-8")
    if (site / "robots.txt").is_file() else None,
    "open data files": lambda site: sorted(p.relative_to(site).as_posix()
                                           for p in site.rglob("opendata/*") if p.is_file()),
    "redirects (former ids)": _redirects,
    "search indexes": lambda site: sorted(
        p.relative_to(site).as_posix() for pattern in ("**/search_index.json", "**/search.json")
        for p in site.glob(pattern)),
    "root 404.html stylesheets": _not_found_styles,
    "asset folders": lambda site: sorted(p.relative_to(site).as_posix()
                                         for p in site.rglob("assets") if p.is_dir()),
    "stage tokens left in files": lambda site: sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*")
        if p.is_file() and _STAGE_TOKEN.search(p.read_bytes())),
}
"""Site-wide results: check name → how to read it from a built site folder."""


def site_results(site: Path) -> dict[str, Any]:
    return {name: read(site) for name, read in SITE_CHECKS.items()}
