"""What counts as script that got onto a page: the detector the XSS corpus test applies to
every built page, search index, JSON-LD block and feed."""

from __future__ import annotations

import json
import re
from typing import Any

import lxml.html
from bs4 import BeautifulSoup

# attributes a browser follows or loads as a URL
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster",
                  "background", "ping", "cite", "codebase", "dynsrc", "lowsrc", "manifest")
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
# elements that run, embed or redirect; never written by the site itself
EXECUTABLE = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal",
              "foreignobject", "animate", "set", "handler", "listener", "import"}
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
# what Material's search index keeps of a page's markup (its search plugin's parser)
SEARCH_TAGS = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}
_BASE_PATH = re.compile(r'URL\("[^"]*"')
# Material's bundle, by a relative or site-absolute path
_OWN_SCRIPT_FILE = re.compile(r"(?:(?:\.\./)*\.?/?|/[\w/-]*/)assets/javascripts/[\w.]+\.js")
_CONTROL = re.compile(r"[\x00-\x20]+")
_MULTI_VALUED = {"class", "rel", "rev", "accept-charset", "headers", "accesskey", "dropzone"}
"""Attributes BeautifulSoup splits into words (joined by one space, as it gives them back)."""


def normalised_script(text: str) -> str:
    """An inline script with the page's relative base path left out (it varies by depth)."""
    return _BASE_PATH.sub('URL(""', text)


def _script_url(value: str) -> bool:
    return _CONTROL.sub("", value).lower().startswith(SCRIPT_SCHEMES)


def html_leaks(page: str, own_scripts: set[str], *, redirect_page: bool = False) -> list[str]:
    """Every event handler, script URL and executable element in ``page``.

    ``own_scripts`` are the site's own inline scripts (``normalised_script``), taken from a
    page that holds no data; any other inline script is a leak. The page is parsed by lxml
    directly (the parser BeautifulSoup's "lxml" uses, without its slower tree): the corpus
    test reads some 600 pages.
    """
    found = []
    root = lxml.html.document_fromstring(page)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue  # comments and processing instructions
        name = el.tag.lower()
        for attr, value in el.attrib.items():
            value = " ".join(value.split()) if attr.lower() in _MULTI_VALUED else str(value)
            if attr.lower().startswith("on"):
                found.append(f"<{name} {attr}=…>")
            if attr.lower() in URL_ATTRIBUTES and _script_url(value):
                found.append(f"<{name} {attr}={value[:40]!r}>")
            if attr.lower() == "srcdoc":
                found.append(f"<{name} srcdoc>")
        if name in EXECUTABLE:
            found.append(f"<{name}>")
        elif name == "script":
            kind = (el.get("type") or "").lower()
            src = el.get("src")
            if kind in DATA_SCRIPT_TYPES:
                continue
            if src is not None:
                if not _OWN_SCRIPT_FILE.fullmatch(src):
                    found.append(f"<script src={src[:40]!r}>")
            elif normalised_script(el.text or "") not in own_scripts:
                found.append(f"<script>{(el.text or '')[:40]!r}")
        elif name == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
            target = (el.get("content") or "").split("url=", 1)[-1]
            if not redirect_page or _script_url(target):
                found.append(f"<meta refresh {target[:40]!r}>")
        elif name == "form" and el.get("name") != "search" and not _theme_palette(el):
            found.append("<form>")
        elif name == "link" and "import" in (el.get("rel") or "").split():
            found.append("<link rel=import>")
    return found


def _theme_palette(el: Any) -> bool:
    """Material's light/dark switch: a form of radio buttons that submits nowhere."""
    return (el.get("data-md-component") == "palette" and el.get("action") is None
            and all(i.get("type") == "radio" for i in el.iter("input"))
            and next(el.iter("button", "select", "textarea"), None) is None)


def json_ld_leaks(page: str) -> list[str]:
    """JSON-LD must not end its ``<script>`` early or open a comment inside it, and parse."""
    found = []
    blocks = re.findall(r"""<script[^>]*type=["']?application/ld\+json["']?[^>]*>(.*?)</script""",
                        page, re.S | re.I)
    for block in blocks:
        if re.search(r"</|<!--", block, re.I):
            found.append(f"JSON-LD with '</' or '<!--': {block[:60]!r}")
        json.loads(block)
    return found


def search_leaks(index: dict) -> list[str]:
    """Material renders titles and texts of the search index as HTML: only its own few tags,
    without attributes, may appear there."""
    found = []
    for doc in index.get("docs", []):
        if _script_url(doc.get("location", "")):
            found.append(f"search location {doc['location'][:40]!r}")
        for key in ("title", "text"):
            soup = BeautifulSoup(doc.get(key, ""), "html.parser")
            for el in soup.find_all(True):
                if key == "title" or el.name not in SEARCH_TAGS or el.attrs:
                    found.append(f"search {key} of {doc.get('location')!r}: <{el.name}>")
    return found
