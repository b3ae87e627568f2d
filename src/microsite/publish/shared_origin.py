"""A warning when the browser editor would run on a shared ``*.github.io`` origin.

Every GitHub Pages site of an organisation lives on ``<org>.github.io``: one origin. A page of
any of them can read what the editor page ``/admin/`` keeps in the browser (the editor's GitHub
token in ``localStorage``), and counts as ``'self'`` in our Content-Security-Policy. A custom
domain (the ``cname`` option) gives the site an origin of its own. ``check`` and the build say
so while the publishing workflow puts the editor page on the site.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

WORKFLOW = Path(".github/workflows/publish.yml")
PUBLISHES_EDITOR = "microsite admin"
MESSAGES = {
    "de": "die Website liegt auf {host}, einer Adresse, die sich alle GitHub-Pages-Seiten von "
    "„{org}“ teilen, und der Browser-Editor (/admin/) wird mit veröffentlicht. Jede dieser "
    "Seiten kann den GitHub-Schlüssel lesen, den der Editor im Browser speichert. Abhilfe: eine "
    "eigene Adresse – Option „cname“ des microsite-Plugins in mkdocs.yml und site_url dazu "
    "(guide/publishing.md)",
    "en": "the site is on {host}, an address shared by every GitHub Pages site of “{org}”, and "
    "the browser editor (/admin/) is published with it. Any of those sites can read the GitHub "
    "token the editor keeps in the browser. Fix: a domain of its own – the microsite plugin's "
    "“cname” option in mkdocs.yml, and site_url with it (guide/publishing.md)",
}


def config_warning(config_file: Path, lang: str) -> str | None:
    """The warning for the site that ``mkdocs.yml`` describes (as ``check`` reads it)."""
    from microsite.render.project import read_project

    project = read_project(config_file)
    return shared_origin_warning(project.root, project.site_url, project.options.cname, lang)


def shared_origin_warning(root: Path, site_url: str | None, cname: str | None,
                          lang: str) -> str | None:
    """The warning's text, or None when the site has an origin of its own or no editor."""
    host = (urlsplit(site_url or "").hostname or "").lower()
    if cname or not host.endswith(".github.io"):
        return None
    workflow = root / WORKFLOW
    if not workflow.is_file() or PUBLISHES_EDITOR not in workflow.read_text(encoding="utf-8"):
        return None
    return MESSAGES.get(lang, MESSAGES["en"]).format(host=host, org=host.split(".", 1)[0])
