"""The browser editor in real Chromium on a throw-away copy of the project: the admin page
as ``./dev edit`` serves it, from its own server on a free loopback port, saving into the copy
through that server's local backend (same origin). Every request that leaves the page's own
origin is recorded and blocked.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, Route, expect

from browser import shared_browser
from microsite.editing.cms_local import EditorServer, admin_folder, editor_server
from microsite.editing.edit_check import check_on_save
from sitebuild import REPO


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Editor:
    page: Page
    url: str
    project: Path
    server: EditorServer | None = None
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

    def change_summary(self, index: int, record: dict, added: str) -> None:
        """Open the ``index``-th record (``record`` as in the file), add ``added`` to its German
        summary and save."""
        self.open_records()
        item = self.page.get_by_text(f"{record['texts']['de']['title']} ({record['id']})",
                                     exact=True)
        # the record's expand button: the first button of the box around its summary line
        item.locator("xpath=ancestor::*[.//button][1]").locator("button").first.click()
        summary = self.page.locator("[id^='texts-field-']").nth(index) \
            .locator("[id^='de-field-']").first.locator("[id^='summary-field-']")
        summary.fill(record["texts"]["de"]["summary"] + added)
        self.publish()
        expect(self.page.get_by_text("Beitrag gespeichert")).to_be_visible(timeout=20000)


@contextmanager
def editor(project: Path, *, proxy: bool = True, check: bool = False) -> Iterator[Editor]:
    """The editor on ``project``; without ``proxy`` its local backend is unreachable (as on
    the published site, where the page runs on another host); with ``check``, ``check`` runs
    after every save as under ./dev edit."""
    browser = shared_browser()
    with admin_folder(REPO) as site, editor_server(site, project) as server, \
            (check_on_save(project, site / "admin") if check else nullcontext()):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        session = Editor(context.new_page(), server.url, project, server)

        def route(route: Route) -> None:
            request_url = route.request.url
            if request_url.startswith(("data:", "blob:")) or (
                    request_url.startswith(server.url)
                    and (proxy or not request_url.startswith(server.url + "api/"))):
                route.continue_()
            else:
                if not request_url.startswith(server.url):
                    session.foreign.append(request_url)
                route.abort()
        context.route("**/*", route)
        try:
            yield session
        finally:
            context.close()
