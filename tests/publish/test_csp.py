"""Every page carries a Content-Security-Policy ``<meta>``: first in ``<head>``, allowing no
inline script but the theme's own, each by its hash. (That browsers see no violation under it
is checked by every browser test: tests/helpers/browser.py, tests/conftest.py.)"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from bs4 import BeautifulSoup

from microsite.publish.csp import ThemeScripts, add_policy, policy
from poisoned_site import PoisonedSite
from sitebuild import html_pages, parsed_html

_HEAD = re.compile(r"<head[^>]*>\s*", re.I)


def _directives(content: str) -> dict[str, list[str]]:
    out = {}
    for part in content.split(";"):
        name, *values = part.split()
        out[name] = values
    return out


def _inline_script_hashes(soup: BeautifulSoup) -> set[str]:
    return {"'sha256-" + base64.b64encode(hashlib.sha256(
        (s.string or "").encode("utf-8")).digest()).decode() + "'"
            for s in soup.find_all("script")
            if not s.get("src") and (s.get("type") or "text/javascript") == "text/javascript"}


def _check_page(path: Path) -> dict[str, list[str]]:
    text = path.read_text(encoding="utf-8")
    head = _HEAD.search(text)
    assert head, path
    first = text[head.end():]
    assert first.startswith('<meta http-equiv="Content-Security-Policy" content="'), path
    assert "<script" not in text[:head.end()].lower()
    assert text.index('<meta charset="utf-8">') < 1024, path  # still within the first 1024 bytes
    soup = parsed_html(text)
    metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert len(metas) == 1, path
    directives = _directives(metas[0]["content"])
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    script = directives["script-src"]
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script, path
    # exactly the hashes of the page's inline scripts: no more, no fewer
    assert {s for s in script if s.startswith("'sha256-")} == _inline_script_hashes(soup), path
    return directives


def test_every_page_has_the_policy_first_in_head(site: Path) -> None:
    pages = [*html_pages(site), site / "404.html"]
    scripts = 0
    for path in pages:
        directives = _check_page(path)
        scripts += sum(1 for s in directives["script-src"] if s.startswith("'sha256-"))
    assert len(pages) >= 20 and scripts >= 2 * len(pages)  # Material's scripts are allowed


def test_redirect_and_poisoned_pages_have_the_policy(poisoned: PoisonedSite) -> None:
    site = poisoned.result.site
    assert poisoned.result.returncode == 0, poisoned.result.output
    redirect = site / "programme" / "xss-frueher" / "index.html"
    directives = _check_page(redirect)
    assert directives["script-src"] == ["'self'"]  # a redirect page runs no script
    for path in html_pages(site):
        _check_page(path)
    assert "inline script that is not the theme's own" not in poisoned.result.output


def test_only_the_themes_own_inline_scripts_get_a_hash() -> None:
    theme = ThemeScripts.from_templates([
        '<script>__md_scope=new URL("{{ base_url }}",location)</script>'
        '<script id="__config" type="application/json">{{ config | tojson }}</script>'])
    page = ('<html><head><title>t</title></head><body>'
            '<script>__md_scope=new URL("../..",location)</script>'
            '<script>__md_scope=new URL("x",location);alert(1)</script>'
            '<script>alert(1)</script>'
            '<script type="application/ld+json">{"name": "x"}</script>'
            '<script data-type="application/json">alert(2)</script>'
            '<script data-src="x.js">alert(3)</script></body></html>')
    out, foreign = add_policy(page, theme, "https://example.org")
    # data-type= and data-src= are other attributes: those scripts run, and are named
    assert foreign == ['__md_scope=new URL("x",location);alert(1)', "alert(1)", "alert(2)",
                       "alert(3)"]
    soup = BeautifulSoup(out, "lxml")
    content = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    own = '__md_scope=new URL("../..",location)'
    digest = base64.b64encode(hashlib.sha256(own.encode()).digest()).decode()
    assert _directives(content)["script-src"] == ["'self'", f"'sha256-{digest}'"]
    assert _directives(content)["connect-src"] == ["'self'", "https://example.org"]
    assert out.startswith("<html><head><meta http-equiv")


def test_policy_needs_no_unsafe_inline() -> None:
    text = policy(["'sha256-x'"])
    assert "unsafe" not in text and "frame-ancestors" not in text  # ignored in <meta>
