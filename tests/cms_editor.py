"""The browser editor in real Chromium on a throw-away copy of the project: the admin page
as the build writes it, served from localhost, and decap-server saving into the copy.

Decap CMS looks for its local server at localhost:8081; the route below answers those
requests from the server this test started on a free port, so tests can run side by side.
Every other request that leaves the page's own origin is recorded and blocked.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, Route

from browser import chromium
from microsite.cms_local import PROXY_PORT, admin_folder, decap_server, serve_folder
from microsite.edit_check import check_on_save
from sitebuild import REPO

PROXY = f"http://localhost:{PROXY_PORT}/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Editor:
    page: Page
    url: str
    project: Path
    foreign: list[str] = field(default_factory=list)

    def open_records(self) -> None:
        """Log in (the local server needs no password) and open the records file."""
        self.page.goto(self.url + "admin/")
        self.page.get_by_role("button", name="Anmelden", exact=True).click()
        self.page.get_by_text("Inhaltstypen").wait_for()
        self.page.goto(self.url + "admin/#/collections/records/entries/projects")
        self.page.get_by_role("button", name="Eintrag hinzufügen", exact=True).first.wait_for()

    def publish(self) -> None:
        self.page.get_by_role("button", name="Veröffentlichen").click()
        self.page.get_by_text("Jetzt veröffentlichen").click()


@contextmanager
def editor(project: Path, *, proxy: bool = True, check: bool = False) -> Iterator[Editor]:
    """The editor on ``project``; without ``proxy`` no local server answers (as published);
    with ``check``, ``check`` runs after every save as under ./dev edit."""
    with admin_folder(REPO) as site, serve_folder(site, 0) as url, chromium() as (_, browser), \
            (check_on_save(project, site / "admin") if check else nullcontext()):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        session = Editor(context.new_page(), url, project)

        def with_proxy(port: int | None) -> None:
            def route(route: Route) -> None:
                request_url = route.request.url
                if request_url.startswith(("data:", "blob:", url)):
                    route.continue_()
                elif port is not None and request_url.startswith(PROXY):
                    local = request_url.replace(PROXY, f"http://127.0.0.1:{port}/", 1)
                    route.fulfill(response=route.fetch(url=local))
                else:
                    if not request_url.startswith(PROXY):
                        session.foreign.append(request_url)
                    route.abort()
            context.route("**/*", route)

        try:
            if proxy:
                with decap_server(project, REPO, free_port()) as port:
                    with_proxy(port)
                    yield session
            else:
                with_proxy(None)
                yield session
        finally:
            context.close()
