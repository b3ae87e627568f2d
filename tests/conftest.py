from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page

from browser import AXE, RequestLog, new_context, serve, shared_browser
from build_server import GC_THRESHOLDS, TEMPLATE_CODE
from file_order import GroupedFiles, costly_files, rank, sort_key
from poisoned_site import PoisonedSite, build_poisoned, check_corpus
from projectcopy import sample_project, sample_records
from shared_builds import made_once, shared_build
from sitebuild import REPO

# The tests run `microsite check` on broken data on purpose: under GitHub Actions its
# annotations and job summary would land on the real pull request. Tests that want them set
# these variables themselves (tests/checks/test_annotations.py).
for _name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
    os.environ.pop(_name, None)

# The suite starts some hundred Python processes on the same code (workers, the build
# server, `mkdocs build` and `microsite` commands): each compiles src/ and the tests again
# where the environment forbids bytecode caches (some containers set PYTHONDONTWRITEBYTECODE).
# Python's default keeps them, in __pycache__ folders git ignores; so do the tests.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

# the tests make and drop some thousand parsed pages, trees of cycles, and keep the shared ones
gc.set_threshold(*GC_THRESHOLDS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The costliest files first (tests/helpers/file_order.py), so that no worker starts a long
    file when the others are nearly done; within a file, tests keep their order."""
    ranks = rank(costly_files())
    items.sort(key=lambda item: sort_key(item.nodeid.split("::", 1)[0], ranks))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """The run is over: what the process still holds (thousands of parsed pages, trees of
    cycles) is left to the end of the process instead of being collected on the way out. A
    worker's exit took 2 to 4 seconds of collection, and the run waits for its last worker
    to exit (the atexit handlers, which close Chromium and the build server, still run)."""
    gc.freeze()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """``--dist loadfile``, except that the files of a group in ``file_order.ONE_WORKER`` go to
    one worker together."""
    return GroupedFiles(config, log) if config.getvalue("dist") == "loadfile" else None


@pytest.fixture(scope="session")
def shared_sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where sites built once are kept: one folder for all pytest-xdist workers of a run."""
    base = tmp_path_factory.getbasetemp()
    return (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared-sites"


@pytest.fixture(scope="session", autouse=True)
def shared_template_code(shared_sites: Path) -> None:
    """Where the build server's builds keep Jinja's compiled templates for each other: one
    folder for every worker of the run (``build_server.TEMPLATE_CODE``; the builds' environment
    comes from this process's)."""
    folder = shared_sites.parent / "template-code"
    folder.mkdir(parents=True, exist_ok=True)
    os.environ[TEMPLATE_CODE] = str(folder)


@pytest.fixture(scope="session")
def site(shared_sites: Path) -> Path:
    """The sample project's site with build date 2026-11-25, built once per test run and shared
    by every worker (read-only: ``shared_builds.copy_site`` gives a copy to change)."""
    result = shared_build(shared_sites, sample_project(), build_date=dt.date(2026, 11, 25))
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture(scope="session")
def site_url() -> str:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return config["site_url"]


@pytest.fixture(scope="session")
def records() -> list[dict]:
    """The sample project's records (the site fixture's data)."""
    return sample_records()


@pytest.fixture(autouse=True)
def no_csp_violation() -> Iterator[None]:
    """Every test that drives Chromium (tests/helpers/browser.py) fails on a Content-Security-Policy
    violation: the site's policy must allow everything the site itself does."""
    browser = sys.modules.get("browser")
    seen = len(browser.CSP_VIOLATIONS) if browser else 0
    yield
    browser = sys.modules.get("browser")
    if browser is not None:
        new = browser.CSP_VIOLATIONS[seen:]
        del browser.CSP_VIOLATIONS[seen:]
        assert new == [], "Content-Security-Policy violations:\n" + "\n".join(new)


@pytest.fixture(scope="session")
def poisoned(shared_sites: Path) -> PoisonedSite:
    """The project poisoned with the XSS corpus, checked and built once per test run."""
    return made_once(shared_sites, "poisoned",
                     lambda folder: build_poisoned(folder, check_corpus(folder)))


# --- in Chromium: one browser per test process, one local server per test module ----------

@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """The sample site served on localhost (a module may serve another site instead)."""
    with serve(site) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser() -> Browser:
    """One Chromium per test process (each test opens its own context: no cookies or storage
    carry over)."""
    assert AXE.is_file(), "axe-core is missing: run `npm ci` in tests/browser (./dev test does)"
    return shared_browser()


@pytest.fixture(scope="module")
def shared_context(served: str, browser: Browser) -> Iterator[tuple[BrowserContext, RequestLog]]:
    """One browser context for a module's tests on ``served`` (a page's first load in a new
    context costs about as much again as the load: a new renderer, cold caches). For tests
    that do not depend on what a context keeps between pages (cookies, storage)."""
    context, log = new_context(browser, served)
    yield context, log
    context.close()


@pytest.fixture
def page(shared_context: tuple[BrowserContext, RequestLog]) -> Iterator[Page]:
    """A fresh page of the module's shared context (its own window size, media and focus);
    the test fails if a request left localhost while it ran."""
    context, log = shared_context
    page = context.new_page()
    before = len(log.foreign)
    yield page
    page.close()
    assert log.foreign[before:] == [], "Anfragen an andere Hosts"
