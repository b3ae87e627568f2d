"""The browser editor in real Chromium on a throw-away copy of the project: the admin page
as ``./dev edit`` serves it, from its own server on a free loopback port, saving into the copy
through that server's local backend (same origin). Every request that leaves the page's own
origin is recorded and blocked.

Starting Decap costs seconds of CPU (6.5 MB of JavaScript parsed afresh in every context), so
most tests share one logged-in page per test process (``shared_editor``): for each test it is
turned to that test's project copy and led within the app to the records file, which makes
Decap read the file again; its local backups of unsaved changes and its messages are
cleared first. ``check`` after saves (``shared_editor(check=True)``) writes its report into the
test's own folder, which the page reads as ``admin/check.json``. A test whose point is a fresh
page (before login, without the local backend) opens its own with ``editor``.
"""

from __future__ import annotations

import atexit
import json
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Dialog, Page, Route, expect

from browser import shared_browser
from microsite.data.loading import read_yaml
from microsite.editing.cms_local import EditorServer, admin_folder, editor_server
from microsite.editing.edit_check import REPORT, check_on_save
from microsite.editing.yaml_layout import format_projects
from projectcopy import copy_project
from sitebuild import REPO

VIEWPORT = {"width": 1400, "height": 1000}
RECORDS = "admin/#/collections/records/entries/projects"
# Decap keeps unsaved changes in IndexedDB (localforage) and offers them on the next visit
_CLEAR_BACKUPS = """() => new Promise((resolve, reject) => {
  const opened = indexedDB.open('localforage');
  opened.onerror = () => reject(opened.error);
  opened.onsuccess = () => {
    const db = opened.result;
    const stores = Array.from(db.objectStoreNames);
    if (!stores.length) { db.close(); return resolve(0); }
    const tx = db.transaction(stores, 'readwrite');
    stores.forEach(name => tx.objectStore(name).clear());
    tx.oncomplete = () => { db.close(); resolve(stores.length); };
    tx.onerror = () => reject(tx.error);
  };
})"""

_QUICK_MESSAGES = """() => {
  if (window.__micrositeQuickMessages) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`.Toastify__toast, .Toastify__toast-container * {
    animation-duration: 1ms !important; animation-delay: 0s !important;
    transition-duration: 1ms !important; transition-delay: 0s !important; }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  window.__micrositeQuickMessages = true;
}"""
"""Decap's messages (react-toastify) appear and leave at once in the shared page: a test waits
for the last test's messages to be gone, and their exit animation took half a second. The
messages' words and when they appear are untouched (a stylesheet built in script: the page's
policy refuses inline style elements)."""

_ASK_INFO = """() => fetch('/api/v1', {method: 'POST', body: JSON.stringify({action: 'info'}),
                                    headers: {'Content-Type': 'application/json'}})
  .then(response => response.status)"""
_TWO_FRAMES = """() => new Promise(done =>
  requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"""


def only_the_first_record(records: list[dict]) -> None:
    """For ``copy_project(edit_records=...)``: a records file of one record, for tests whose
    subject is the form of a new record (Decap draws every record of the file, and each costs
    CPU on every change)."""
    del records[1:]


def formatted_copy(target: Path, edit_records: Callable[[list[dict]], None] | None = None
                   ) -> Path:
    """The sample project (``copy_project``), its records file in the editor's layout."""
    project = copy_project(target, edit_records=edit_records)
    data = project / "data" / "projects.yaml"
    data.write_text(format_projects(read_yaml(data).data), encoding="utf-8")
    return project


@dataclass
class Editor:
    page: Page
    url: str
    project: Path
    server: EditorServer | None = None
    foreign: list[str] = field(default_factory=list)
    listeners: list[tuple[str, Callable[..., Any]]] = field(default_factory=list)
    api_actions: list[str] = field(default_factory=list)
    """The actions the page sent to its local backend (``persistEntry`` saves)."""
    check_report: Path | None = None
    """Where ``check`` writes its report for this page, as under ./dev edit."""
    policy_messages: list[str] = field(default_factory=list)
    """Chromium's console reports of Content-Security-Policy violations, from the page's
    first load on."""

    def __post_init__(self) -> None:
        self.page.on("console", lambda message: self.policy_messages.append(message.text)
                     if "Content Security Policy" in message.text else None)

    def listen(self, event: str, handler: Callable[..., Any]) -> None:
        """``page.on``, undone when the test is over (the page may serve the next test)."""
        self.page.on(event, handler)  # type: ignore[call-overload]
        self.listeners.append((event, handler))

    def nothing_saved(self) -> bool:
        """Whether the page has sent no save to its local backend since the test began. A
        request of the page's own, answered after any it sent before, closes the window."""
        assert self.page.evaluate(_ASK_INFO) == 200
        assert "info" in self.api_actions, self.api_actions  # the route saw the page's requests
        return "persistEntry" not in self.api_actions

    def settle(self) -> None:
        """Wait until the page has drawn two more frames: what a click or a resize set off
        in the same task is on the screen."""
        self.page.evaluate(_TWO_FRAMES)

    def log_in(self) -> None:
        """Load the editor page and log in (the local server needs no password)."""
        self.page.goto(self.url + "admin/")
        self.page.get_by_role("button", name="Anmelden", exact=True).click()
        self.page.get_by_text("Inhaltstypen").wait_for()

    def open_records(self) -> None:
        """Log in and open the records file (the second step a navigation within the app)."""
        self.log_in()
        self.page.goto(self.url + RECORDS)
        self.page.get_by_role("button", name="Eintrag hinzufügen", exact=True).first.wait_for()

    def publish(self) -> None:
        self.page.get_by_role("button", name="Veröffentlichen").click()
        self.page.get_by_text("Jetzt veröffentlichen").click()

    def change_summary(self, index: int, record: dict, added: str) -> None:
        """In the open records file, the ``index``-th record (``record`` as in the file): add
        ``added`` to its German summary and save."""
        item = self.page.get_by_text(f"{record['texts']['de']['title']} ({record['id']})",
                                     exact=True)
        # the record's expand button: the first button of the box around its summary line
        item.locator("xpath=ancestor::*[.//button][1]").locator("button").first.click()
        summary = self.page.locator("[id^='texts-field-']").nth(index) \
            .locator("[id^='de-field-']").first.locator("[id^='summary-field-']")
        summary.fill(record["texts"]["de"]["summary"] + added)
        self.publish()
        expect(self.page.get_by_text("Beitrag gespeichert")).to_be_visible(timeout=20000)

    def reopen_records(self) -> None:
        """Leave the form (answering Decap's "leave the page?" with yes), forget the old
        form's backups and messages, and open the records file again: Decap reads it anew."""
        page = self.page

        def leave(dialog: Dialog) -> None:
            dialog.accept()
        page.on("dialog", leave)
        try:
            page.goto(self.url + "admin/#/")
            page.get_by_text("Inhaltstypen").wait_for()
        finally:
            page.remove_listener("dialog", leave)
        page.evaluate(_CLEAR_BACKUPS)
        # a click closes a message (closeOnClick); one fading out may be gone already. Its
        # slide-out and collapse take a blink (_QUICK_MESSAGES), not half a second
        page.evaluate(_QUICK_MESSAGES)
        page.evaluate("document.querySelectorAll('.Toastify__toast').forEach(t => t.click())")
        expect(page.locator(".Toastify__toast")).to_have_count(0)
        page.goto(self.url + RECORDS)
        page.get_by_role("button", name="Eintrag hinzufügen", exact=True).first.wait_for()


def _route_outside(context: BrowserContext, session: Editor, server: EditorServer,
                   proxy: bool) -> None:
    """Record and block every request that leaves the page's origin; record the actions the
    page sends to its local backend (or, without ``proxy``, block them); answer
    ``admin/check.json`` from ``session.check_report`` while a test sets one. The page's
    other requests go to its server without a round trip through Python."""
    own = server.url

    def route(route: Route) -> None:
        request = route.request
        if request.url.startswith(own + "api/"):
            if not proxy:
                return route.abort()
            if request.method == "POST":
                session.api_actions.append(_action(request.post_data))
            return route.continue_()
        if request.url.startswith(own + "admin/" + REPORT) and session.check_report:
            report = session.check_report / REPORT
            if report.is_file():
                return route.fulfill(path=report, content_type="application/json")
            return route.fulfill(status=404)
        if request.url.startswith((own, "data:", "blob:")):
            return route.continue_()
        session.foreign.append(request.url)
        return route.abort()
    context.route(re.compile(
        "^(?!" + re.escape(own) + "(?!api/|admin/" + re.escape(REPORT) + "))"), route)


def _action(body: str | None) -> str:
    try:
        return str(json.loads(body or "")["action"])
    except (ValueError, KeyError, TypeError):
        return "?"


_ADMIN: Path | None = None


def shared_admin_folder() -> Path:
    """The editor page as ``./dev edit`` serves it, written once per test process for every
    session that writes nothing into it (``check`` writes its report there)."""
    global _ADMIN
    if _ADMIN is None:
        stack = ExitStack()
        _ADMIN = stack.enter_context(admin_folder(REPO))
        atexit.register(stack.close)
    return _ADMIN


@contextmanager
def editor(project: Path, *, proxy: bool = True) -> Iterator[Editor]:
    """A fresh editor page on ``project``; without ``proxy`` its local backend is unreachable
    (as on the published site, where the page runs on another host)."""
    with editor_server(shared_admin_folder(), project) as server:
        context = shared_browser().new_context(viewport=VIEWPORT)
        session = Editor(context.new_page(), server.url, project, server)
        _route_outside(context, session, server, proxy)
        try:
            yield session
        finally:
            context.close()


_SHARED: Editor | None = None


def _shared_session() -> Editor:
    """The process's one logged-in editor page (its server's project is set per test)."""
    global _SHARED
    if _SHARED is None or _SHARED.page.is_closed():
        stack = ExitStack()
        project = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        server = stack.enter_context(editor_server(shared_admin_folder(), project))
        context = shared_browser().new_context(viewport=VIEWPORT)
        stack.callback(context.close)
        _SHARED = Editor(context.new_page(), server.url, project, server)
        _route_outside(context, _SHARED, server, proxy=True)
        _SHARED.log_in()
        atexit.register(stack.close)  # before the browser closes (last in, first out)
    return _SHARED


@contextmanager
def shared_editor(project: Path, *, check: bool = False) -> Iterator[Editor]:
    """The shared logged-in page, saving into ``project``, with its records file open as
    Decap read it from ``project``; with ``check``, ``check`` runs after every save as under
    ./dev edit and the page reads its report. What the test changed of the page is undone
    afterwards."""
    session = _shared_session()
    assert session.server is not None
    session.server.repo = project.resolve()
    session.project = project
    session.foreign.clear()
    session.api_actions.clear()
    with ExitStack() as stack:
        if check:
            report = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            stack.enter_context(check_on_save(project, report))
            session.check_report = report
        session.reopen_records()
        try:
            yield session
        finally:
            session.check_report = None
            for event, handler in session.listeners:
                session.page.remove_listener(event, handler)
            session.listeners.clear()
            session.page.set_viewport_size(VIEWPORT)
            session.page.evaluate("document.getElementById('microsite-check')?.remove()")
