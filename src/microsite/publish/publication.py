"""Files written next to the built pages: open data exports, redirects and CNAME.

Computed per language from the loaded data; the MkDocs plugin writes them after each language's
build. Nothing here reads the clock, so two builds of one commit and build date are identical.
"""

from __future__ import annotations

from pathlib import Path

from microsite.publish.exports.files import Publishing, catalogue, language_exports
from microsite.publish.redirects import redirects
from microsite.render.site import SiteData


class OutputConflict(Exception):
    """A redirect would overwrite a page that the build wrote."""


def publication_files(site: SiteData, lang: str, site_url: str, publishing: Publishing,
                      cname: str | None = None) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """(exports and site files, redirect pages) of one language, path → content.

    The catalogue and ``CNAME`` belong to the site, not a language: they come with the default
    language.
    """
    files = language_exports(site, lang, site_url, publishing)
    if lang == site.default_language:
        files.update(catalogue(site, site_url, publishing))
        if cname:
            files["CNAME"] = (cname.strip() + "\n").encode("ascii")
    pages = {r.path: r.html.encode("utf-8") for r in redirects(site, lang, site_url)}
    return files, pages


def write_publication(site_dir: Path, files: dict[str, bytes],
                      redirect_pages: dict[str, bytes]) -> None:
    """Write the files; refuse to let a redirect replace a real page."""
    for path, content in redirect_pages.items():
        target = site_dir / path
        if target.exists() and target.read_bytes() != content:
            raise OutputConflict(
                f"a former id would replace the page {path}: remove it from former_ids")
    for path, content in {**files, **redirect_pages}.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
