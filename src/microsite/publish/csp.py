"""Content-Security-Policy for every page, as a ``<meta>`` element (GitHub Pages sends no
headers we could set).

No inline script runs except the theme's own: each page's policy lists the SHA-256 hashes of
exactly those inline scripts on that page that match one of the theme's script templates.
Anything else inline (an injected ``<script>``, an event-handler attribute, a
``javascript:`` link) is refused by the browser. Data blocks (``application/ld+json``,
``application/json``) are not executed, so they need no hash.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

# ``<script …>…</script>``; in HTML a script's text ends at the first "</script".
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
# an attribute's name starts after a blank, a quote or "/": "data-type=" is not "type="
_ATTRIBUTE = r"""(?:(?<=[\s"'/])|^)"""
_TYPE = re.compile(_ATTRIBUTE + r"""type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_SRC = re.compile(_ATTRIBUTE + r"src\s*=", re.I)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
# what a template expression inside a theme script may render to: a (relative) URL path
_RENDERED = r"[A-Za-z0-9._~/:%+-]*"
_JS_TYPES = ("", "text/javascript", "application/javascript", "module")

# Why each directive (Material 9.x, system fonts, no third party):
#  default-src 'self'     anything not named below: this site only
#  script-src             our bundle and search worker from assets/; inline only by hash
#  style-src 'self'       Material's and our stylesheets; no inline <style> or style="" in
#                         the HTML (Material's scripts set styles through the CSSOM, which
#                         CSP allows), so no 'unsafe-inline'
#  img-src 'self' data:   Material's icons are data: SVGs in its stylesheet
#  font-src 'self'        no Google Fonts (theme.font: false)
#  connect-src 'self'     the search index and sitemaps Material fetches; the sitemaps by
#                         the published address (site_url), whose origin is named too, so
#                         a copy served elsewhere (a preview, the tests) works the same
#  worker-src 'self'      Material's search runs in a Web Worker from assets/
#  object-src 'none'      no plugins; base-uri 'self' no <base> hijack; form-action 'self'
#                         the search form only
# frame-ancestors, report-uri and sandbox are ignored in a <meta> policy, so not given.
_DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


def site_origin(site_url: str) -> str | None:
    """``https://host[:port]`` of the published address, or None."""
    parts = urlsplit(site_url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def policy(hashes: Iterable[str] = (), origin: str | None = None) -> str:
    """The policy text; ``hashes`` are source expressions such as ``'sha256-…'``, ``origin``
    the published site's (see ``site_origin``)."""
    extra = {"script-src": " ".join(dict.fromkeys(hashes)), "connect-src": origin or ""}
    return "; ".join(f"{name} {value} {extra[name]}" if extra.get(name)
                     else f"{name} {value}" for name, value in _DIRECTIVES)


def meta_element(hashes: Iterable[str] = (), origin: str | None = None) -> str:
    return ('<meta http-equiv="Content-Security-Policy" '
            f'content="{html.escape(policy(hashes, origin), quote=False)}">')


@functools.lru_cache(maxsize=256)  # the theme's few scripts recur on every page
def script_hash(text: str) -> str:
    """The CSP source expression of an inline script's text (hashed as UTF-8, as browsers do)."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _executable(attributes: str) -> bool:
    """An inline classic or module script (not a data block such as JSON-LD)."""
    match = _TYPE.search(attributes)
    kind = next((g for g in match.groups() if g is not None), "") if match else ""
    return kind.strip().lower() in _JS_TYPES


def inline_scripts(page: str) -> list[str]:
    """The text of every inline script of a page that a browser would run."""
    return [body for attributes, body in _SCRIPT.findall(page)
            if not _SRC.search(attributes) and _executable(attributes)]


@dataclass(frozen=True)
class ThemeScripts:
    """The inline scripts a theme's templates write, as patterns over the rendered page.

    Literal template text must match exactly; a ``{{ … }}`` expression may only render to a
    URL path (Material writes the page's base URL there). A script with any other text is not
    the theme's.
    """

    patterns: tuple[re.Pattern, ...]
    _owned: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_templates(cls, sources: Iterable[str]) -> ThemeScripts:
        patterns = []
        for source in sources:
            for attributes, body in _SCRIPT.findall(source):
                if _SRC.search(attributes) or not _executable(attributes) or "{%" in body:
                    continue
                parts = _EXPRESSION.split(body)
                patterns.append(re.compile(_RENDERED.join(re.escape(p) for p in parts)))
        return cls(tuple(patterns))

    def owns(self, script: str) -> bool:
        owned = self._owned.get(script)
        if owned is None:
            owned = self._owned[script] = any(p.fullmatch(script) for p in self.patterns)
        return owned


def add_policy(page: str, theme: ThemeScripts,
               origin: str | None = None) -> tuple[str, list[str]]:
    """``page`` with its policy as the first element of ``<head>``, and the inline scripts
    that are not the theme's (they get no hash, so browsers refuse to run them)."""
    own, foreign = [], []
    for script in inline_scripts(page):
        (own if theme.owns(script) else foreign).append(script)
    head = _HEAD.search(page)
    if head is None:
        raise ValueError("page without <head>")
    meta = meta_element((script_hash(s) for s in own), origin)
    return page[:head.end()] + meta + page[head.end():], foreign
