"""The hash locks in requirements/ agree with the pins, and the Python floor is true.

pyproject.toml pins the direct dependencies, constraints.txt the transitive ones; the locks are
generated from both (`./dev lock`) and are what ./dev, .ci/run and CI install, hash-checked.
"""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import PackageNotFoundError, distribution

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from sitebuild import REPO

LOCKS = REPO / "requirements"
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
FLOOR = Version(re.fullmatch(r">=([\d.]+)", PROJECT["requires-python"])[1])
REGENERATE = "pyproject.toml or constraints.txt changed: run ./dev lock"


def locked(name: str) -> dict[str, tuple[str, list[str]]]:
    """Package → (version, hashes) of one lock file."""
    text = (LOCKS / name).read_text(encoding="utf-8")
    entries = {}
    for block in re.split(r"\n(?=\S)", text):
        match = re.match(r"([A-Za-z0-9._-]+)==([^\s;\\]+)", block)
        if match:
            entries[canonicalize_name(match[1])] = (match[2],
                                                    re.findall(r"--hash=sha256:([0-9a-f]{64})",
                                                               block))
    assert entries, name
    return entries


def pins(requirements: list[str]) -> dict[str, str]:
    result = {}
    for line in requirements:
        req = Requirement(line)
        (spec,) = req.specifier
        assert spec.operator == "==", f"{line}: pin exact versions"
        result[canonicalize_name(req.name)] = spec.version
    return result


def input_pins() -> dict[str, str]:
    lines = [*(REPO / "constraints.txt").read_text(encoding="utf-8").splitlines(),
             *(LOCKS / "install.in").read_text(encoding="utf-8").splitlines()]
    result = pins([line for line in lines if line.strip() and not line.startswith("#")])
    for extra in PROJECT["optional-dependencies"].values():
        result.update(pins(extra))
    result.update(pins(PROJECT["dependencies"]))
    return result


@pytest.mark.parametrize(("lock", "extras"), [("build.txt", ()), ("dev.txt", ("test",)),
                                             ("bench.txt", ("test", "bench"))])
def test_each_lock_holds_exactly_the_pinned_versions_with_hashes(lock: str,
                                                                 extras: tuple[str, ...]) -> None:
    entries = locked(lock)
    wanted = pins(PROJECT["dependencies"])
    for extra in extras:
        wanted.update(pins(PROJECT["optional-dependencies"][extra]))
    wanted.update(pins([line for line in (LOCKS / "install.in").read_text().splitlines()
                        if line.strip() and not line.startswith("#")]))
    missing = {name: version for name, version in wanted.items()
               if entries.get(name, ("",))[0] != version}
    assert missing == {}, REGENERATE
    every_pin = input_pins()
    drifted = {name: (version, every_pin.get(name)) for name, (version, _) in entries.items()
               if every_pin.get(name) != version}
    assert drifted == {}, REGENERATE + " (and pin new transitive versions in constraints.txt)"
    assert all(hashes for _, hashes in entries.values())


def test_the_build_lock_is_part_of_the_dev_lock() -> None:
    build, dev = locked("build.txt"), locked("dev.txt")
    assert {name: entry[0] for name, entry in build.items()} == {
        name: dev[name][0] for name in build}


def test_every_installed_locked_package_supports_the_python_floor() -> None:
    """``requires-python`` is true: no locked package needs a newer Python than the floor."""
    refused_floor, refused_lower = [], []
    below = Version(f"{FLOOR.major}.{FLOOR.minor}.{FLOOR.micro - 1}")
    for name in locked("dev.txt"):
        try:
            requires = distribution(name).metadata.get("Requires-Python")  # absent: any
        except PackageNotFoundError:  # a package only for other Pythons (environment marker)
            continue
        if requires:
            spec = SpecifierSet(requires)
            if not spec.contains(FLOOR):
                refused_floor.append((name, requires))
            if not spec.contains(below):
                refused_lower.append(name)
    assert refused_floor == []
    assert refused_lower, f"nothing needs {FLOOR}: lower the floor to what is needed"


def test_dev_and_ci_install_only_from_the_locks_with_hashes() -> None:
    dev = (REPO / "dev").read_text(encoding="utf-8")
    assert 'pip install --quiet --require-hashes -r "$lock"' in dev
    assert "install_locked requirements/dev.txt" in dev
    assert "--upgrade" not in dev  # pip is pinned in the lock (requirements/install.in)
    assert "--no-deps --no-build-isolation -e ." in dev
    assert "./dev test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip" in locked("build.txt") and "setuptools" in locked("build.txt")
