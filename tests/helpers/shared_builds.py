"""Sites built once per test session and shared: by every test module, and by every pytest-xdist
worker, that builds the same project with the same options.

A site is keyed by what the build reads (``projectcopy.PARTS`` of the project and its
``.github/workflows``, whose publishing workflow the build's warnings read, byte for byte) and
its options, so two copies of the sample project share one build wherever they lie; the
build does not depend on the project's folder (``tests/publish/test_publishing.py`` proves it).
The first worker to need a site builds it under a file lock; the others wait and share it.
Shared sites are read-only: a test that changes files in a site copies it first
(``copy_site``).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import pickle
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from projectcopy import PARTS
from sitebuild import BuildResult, build

T = TypeVar("T")


@contextmanager
def _locked(cache: Path, key: str) -> Iterator[Path]:
    """The folder for ``key``, held by this process alone until the block ends."""
    cache.mkdir(parents=True, exist_ok=True)
    with (cache / f"{key}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield cache / key


def inputs_key(project: Path, **options: object) -> str:
    """A digest of every file a build of ``project`` reads, and of the build's options."""
    digest = hashlib.sha256(json.dumps(options, sort_keys=True, default=str).encode())
    for part in (*PARTS, ".github/workflows"):
        source = project / part
        files = sorted(p for p in source.rglob("*") if p.is_file()) if source.is_dir() else (
            [source] if source.is_file() else [])
        for path in files:
            digest.update(path.relative_to(project).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:24]


def shared_build(cache: Path, project: Path, *, build_date: dt.date = dt.date(2026, 11, 25),
                 strict: bool = True) -> BuildResult:
    """The site of ``project``, built once for every test that asks for the same one in this
    session; a failed build is not kept (each caller sees it fail)."""
    key = inputs_key(project, build_date=build_date, strict=strict)
    with _locked(cache, key) as folder:
        done = folder / "log.txt"
        if done.is_file():
            return BuildResult(0, done.read_text(encoding="utf-8"), folder / "site")
        shutil.rmtree(folder, ignore_errors=True)
        result = build(folder / "site", project=project, build_date=build_date, strict=strict)
        if result.returncode == 0:
            done.write_text(result.output, encoding="utf-8")
        return result


def made_once(cache: Path, name: str, make: Callable[[Path], T]) -> T:
    """``make(folder)``, run once per test run whichever worker asks first; the others get its
    result (kept as a pickle next to the folder). Read-only, like a shared site."""
    with _locked(cache, name) as folder:
        kept = cache / f"{name}.pickle"
        if kept.is_file():
            return pickle.loads(kept.read_bytes())
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        result = make(folder)
        kept.write_bytes(pickle.dumps(result))
        return result


def copy_site(site: Path, target: Path) -> Path:
    """A copy of a shared site that a test may change (a published folder to protect, …)."""
    shutil.copytree(site, target)
    return target
