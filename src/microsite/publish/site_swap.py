"""Replacing the published site folder so that no build, failed, killed or doubled, leaves half
a site.

A build writes into a fresh sibling folder (``.site.new-…``). Only when it has succeeded is the
old folder renamed aside, the new one renamed in and the old one deleted; renames within one
folder are instant, so the site is the old one or the new one, never a mixture. A lock file
next to the site folder (``.site.lock``) makes a second build wait for the first. SIGTERM,
SIGINT and SIGHUP become exceptions while a build runs, so its temporary folder is removed on
the way out; leftovers of a build killed with SIGKILL are removed by the next one.
No MkDocs here: the plugin uses it for ``mkdocs build`` (and so ``./dev build``).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

LOCK_WAIT_SECONDS = 15 * 60
_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
MESSAGES = {
    "waiting": {
        "de": "Ein anderer Build läuft gerade in {site}; dieser wartet, bis er fertig ist …",
        "en": "Another build is running in {site}; this one waits until it has finished …",
    },
    "gave_up": {
        "de": "Ein anderer Build läuft gerade in {site}, seit über {minutes} Minuten. Es wurde "
        "nichts geschrieben; warten Sie, bis er fertig ist, oder beenden Sie ihn",
        "en": "Another build has been running in {site} for over {minutes} minutes. Nothing "
        "was written; wait until it has finished, or stop it",
    },
}


class BuildRunning(RuntimeError):
    """Another build holds the site folder's lock for longer than we wait."""


class BuildInterrupted(SystemExit):
    """A signal ended the build; raised from the handler so that cleanup runs."""


def lock_path(site_dir: Path) -> Path:
    return site_dir.parent / f".{site_dir.name}.lock"


def _interrupted(signum: int, frame: Any) -> None:
    raise BuildInterrupted(128 + signum)


class SiteSwap:
    """One build's claim on ``site_dir``: a staging folder to write into, then commit or abort."""

    def __init__(self, site_dir: Path, say: Callable[[str], None] = print, lang: str = "de",
                 wait_seconds: float = LOCK_WAIT_SECONDS) -> None:
        self.site_dir = Path(os.path.abspath(site_dir))
        parent = self.site_dir.parent
        parent.mkdir(parents=True, exist_ok=True)
        self._lock = _acquire(lock_path(self.site_dir), self.site_dir, say, lang, wait_seconds)
        self._handlers: dict[int, Any] = {}
        try:
            self._catch_signals()
            self._remove_leftovers()
            self.staging = Path(tempfile.mkdtemp(prefix=f".{self.site_dir.name}.new-",
                                                 dir=parent))
            umask = os.umask(0)
            os.umask(umask)
            self.staging.chmod(0o777 & ~umask)  # as a folder made by mkdir, not mkdtemp's 0700
        except BaseException:
            self._release()
            raise

    def commit(self) -> None:
        """Put the staging folder in place of the site folder, then delete the old site."""
        old = None
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
        try:
            if self.site_dir.exists() or self.site_dir.is_symlink():
                old = self.site_dir.with_name(
                    f".{self.site_dir.name}.old-{self.staging.name.rsplit('-', 1)[-1]}")
                try:
                    self.site_dir.rename(old)
                except OSError as exc:
                    if exc.errno not in (errno.EBUSY, errno.EXDEV):
                        raise
                    self._fill_in_place()  # a mount point (a container's volume) stays put
                    return
            try:
                self.staging.rename(self.site_dir)
            except BaseException:
                if old is not None:
                    old.rename(self.site_dir)
                raise
            if old is not None:
                _remove(old)
        finally:
            _remove(self.staging)
            self._release()
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    def _fill_in_place(self) -> None:
        """Replace the site folder's content where the folder itself cannot be renamed."""
        for entry in list(self.site_dir.iterdir()):
            _remove(entry)
        for entry in list(self.staging.iterdir()):
            shutil.move(entry, self.site_dir / entry.name)

    def abort(self) -> None:
        """Forget what was built; the site folder stays as it was."""
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
        try:
            _remove(self.staging)
        finally:
            self._release()
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    def _catch_signals(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for signum in _SIGNALS:
            previous = signal.getsignal(signum)
            if previous in (signal.SIG_IGN, None):
                continue  # e.g. SIGHUP under nohup: keep ignoring it
            self._handlers[signum] = previous
            signal.signal(signum, _interrupted)

    def _release(self) -> None:
        for signum, previous in self._handlers.items():
            signal.signal(signum, previous)
        self._handlers = {}
        if self._lock is not None:
            os.close(self._lock)  # closing the file releases the lock
            self._lock = None

    def _remove_leftovers(self) -> None:
        """Staging and old folders of builds that were killed outright (we hold the lock)."""
        name = self.site_dir.name
        for pattern in (f".{name}.new-*", f".{name}.old-*"):
            for path in self.site_dir.parent.glob(pattern):
                _remove(path)


def _acquire(path: Path, site_dir: Path, say: Callable[[str], None], lang: str,
             wait_seconds: float) -> int:
    """The lock file's descriptor, locked; says so once when it has to wait."""
    texts = {key: value.get(lang, value["en"]) for key, value in MESSAGES.items()}
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            say(texts["waiting"].format(site=site_dir))
        deadline = time.monotonic() + wait_seconds
        while True:
            time.sleep(0.2)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise BuildRunning(texts["gave_up"].format(
                        site=site_dir, minutes=max(1, round(wait_seconds / 60)))) from None
    except BaseException:
        os.close(fd)
        raise


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
