"""The finish step: everything the site needs after an engine has written its pages.

Over the built site folder, for whichever engine wrote it:
- the facts of ``data/site.yaml`` in place of the tokens the stage step left (as text);
- the writing direction of right-to-left pages and of the other-direction parts of every page;
- a Content-Security-Policy on every page, allowing only the theme's own inline scripts;
- one root ``404.html`` (the default language's);
- open data, redirects from former ids and ``CNAME``;
- sitemaps, ``robots.txt`` and one search index per language.

Writing the folder into place (``site_swap``) is the caller's last step.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from microsite.publish.csp import ThemeScripts, add_policy, site_origin
from microsite.publish.exports.files import Publishing
from microsite.publish.findability import sitemap_entry, write_findability_files
from microsite.publish.publication import publication_files, write_publication
from microsite.publish.stage import Staged
from microsite.render.bidi import mark_directions
from microsite.render.facts import MisplacedFact, fill_facts, has_fact_token
from microsite.render.site import SiteData

_TAGS = re.compile(r"<[^>]*>")


class FinishFailed(ValueError):
    """The built site cannot be finished (a page, and why); nothing is put in place."""


@dataclass(frozen=True)
class Finishing:
    """How to finish one build."""

    site_url: str
    publishing: Publishing
    theme: ThemeScripts
    cname: str | None = None
    policy: bool = True  # not while serving: live reload injects an inline script


def finish(site: SiteData, staged: Staged, site_dir: Path, how: Finishing,
           warn: Callable[[str], None] = print) -> None:
    """Finish the site in ``site_dir``; ``warn`` hears of inline scripts the policy blocks."""
    by_file = {_html_file(page.url): page for page in staged.pages}
    _write_not_found(staged, site_dir)
    origin = site_origin(how.site_url)
    for path in sorted(site_dir.rglob("*.html")):
        name = path.relative_to(site_dir).as_posix()
        page = by_file.get(name)
        text = path.read_text(encoding="utf-8")
        out = text
        if page is not None:
            try:
                out = _fill(out, site, page.lang, page.easy_read, staged.nonce)
            except MisplacedFact as exc:
                raise FinishFailed(f"microsite: {page.src_uri}: {exc} stands in a link or an "
                                   "attribute; facts are text, write them in the running "
                                   "text") from None
            out = mark_directions(out, page.lang)
        if how.policy:
            out, foreign = add_policy(out, how.theme, origin)
            for script in foreign:
                warn(f"microsite: {name}: an inline script that is not the theme's own; "
                     f"the Content-Security-Policy blocks it: {script[:80]!r}")
        if out != text:
            path.write_text(out, encoding="utf-8")
    _fill_search_index(site_dir, site, staged)
    for lang in site.languages:
        files, redirects = publication_files(site, lang, how.site_url or "/", how.publishing,
                                             how.cname)
        write_publication(site_dir, files, redirects)
    entries = [entry for entry in map(sitemap_entry, staged.pages) if entry is not None]
    write_findability_files(site_dir, how.site_url or "/", site.languages, entries)


def _write_not_found(staged: Staged, site_dir: Path) -> None:
    """One root 404.html, ours (each language's build wrote the engine's over the last)."""
    stylesheets = [path.relative_to(site_dir).as_posix() for path in
                   sorted((site_dir / "assets" / "stylesheets").glob("*.min.css"))]
    stylesheets += [name for name in ("assets/microsite.css",) if (site_dir / name).is_file()]
    page = staged.bodies.render("not-found", stylesheets=stylesheets, **staged.not_found)
    (site_dir / "404.html").write_text(f"{page}\n", encoding="utf-8")


def _html_file(url: str) -> str:
    return f"{url}index.html"


def _fill(html: str, site: SiteData, lang: str, easy_read: bool, nonce: str) -> str:
    """The facts in place of the stage step's tokens, as escaped text (``facts.fill_facts``);
    only this build's tokens: anything else that looks like a fact is the data's text."""
    if not has_fact_token(html, nonce):
        return html
    phrases = site.phrases[lang]
    return fill_facts(html, site.facts, lang, site.default_language,
                      lambda key: phrases[f"fact.{key}"], phrases["fact.missing"],
                      phrases["fact.missing.easy_read"] if easy_read else None, nonce=nonce)


def _fill_search_index(site_dir: Path, site: SiteData, staged: Staged) -> None:
    """The same facts in the search index, as its text (no tags)."""
    index_file = site_dir / "search" / "search_index.json"
    if not index_file.is_file():
        return
    raw = index_file.read_text(encoding="utf-8")
    if not has_fact_token(raw, staged.nonce):
        return
    by_url = {page.url: page for page in staged.pages}
    index = json.loads(raw)
    for doc in index.get("docs", []):
        page = by_url.get(doc.get("location", "").partition("#")[0])
        if page is not None and has_fact_token(doc.get("text", ""), staged.nonce):
            filled = _fill(doc["text"], site, page.lang, page.easy_read, staged.nonce)
            doc["text"] = _TAGS.sub("", filled.replace("<br>\n", " "))
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
