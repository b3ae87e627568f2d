"""``scripts/restructure.py``, the one-off move into stage folders, can be run again on a merged
tree: it moves and rewrites a flat tree, stops on a module it has no place for, and changes
nothing where everything is in place already."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sitebuild import REPO

SCRIPT = REPO / "scripts" / "restructure.py"


def _run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(repo / "scripts" / "restructure.py"), *args],
                          cwd=repo, capture_output=True, text=True, timeout=120)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _flat_repo(root: Path, extra_module: str | None = None) -> Path:
    """A small tree in the old flat layout, with the references the script rewrites."""
    files = {
        "scripts/restructure.py": SCRIPT.read_text(encoding="utf-8"),
        "pyproject.toml": '[project.scripts]\nmicrosite = "microsite.cli:main"\n'
                          '[tool.pytest.ini_options]\npythonpath = ["tests"]\n',
        "mkdocs.yml": "markdown_extensions:\n  - microsite.gender_forms\n",
        "README.md": "Guards: `src/microsite/input_guards.py`; open data in "
                     "`src/microsite/exports/`; tests: `tests/test_loading.py`.\n",
        "src/microsite/__init__.py": "",
        "src/microsite/cli.py": "from microsite import loading, views as v\n"
                                "from microsite.publish import write_publication\n",
        "src/microsite/loading.py": "from microsite.input_guards import check\n",
        "src/microsite/input_guards.py": "def check() -> None: ...\n",
        "src/microsite/views.py": "",
        "src/microsite/gender_forms.py": "",
        "src/microsite/publish.py": "from microsite.exports.files import x\n"
                                    "def write_publication() -> None: ...\n",
        "src/microsite/exports/__init__.py": "",
        "src/microsite/exports/files.py": "x = 1\n",
        "tests/sitebuild.py": "from pathlib import Path\n\n"
                              "REPO = Path(__file__).resolve().parent.parent\n",
        "tests/test_loading.py": 'TARGET = "microsite.loading.check"\n'
                                 'FIXTURES = Path(__file__).parent / "fixtures"\n',
    }
    if extra_module:
        files[f"src/microsite/{extra_module}.py"] = ""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    return root


def test_a_flat_tree_is_moved_and_every_reference_rewritten(tmp_path: Path) -> None:
    repo = _flat_repo(tmp_path / "repo")
    result = _run(repo)
    assert result.returncode == 0, result.stdout + result.stderr
    package = repo / "src" / "microsite"
    assert sorted(p.name for p in package.iterdir() if p.name != "__pycache__") == [
        "__init__.py", "checks", "cli.py", "data", "editing", "publish", "render"]
    assert (package / "data" / "input_guards.py").is_file()
    assert (package / "publish" / "publication.py").is_file()
    assert (package / "publish" / "exports" / "files.py").is_file()
    for stage in ("data", "checks", "render", "publish", "editing"):
        job = (package / stage / "__init__.py").read_text(encoding="utf-8")
        assert job.startswith('"""') and job.count("\n") == 1, stage
    cli = (package / "cli.py").read_text(encoding="utf-8")
    assert "from microsite.data import loading" in cli
    assert "from microsite.render import views as v" in cli
    assert "from microsite.publish.publication import write_publication" in cli
    assert "from microsite.data.input_guards import check" in (
        package / "data" / "loading.py").read_text(encoding="utf-8")
    assert "from microsite.publish.exports.files import x" in (
        package / "publish" / "publication.py").read_text(encoding="utf-8")
    assert "microsite.render.gender_forms" in (repo / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'pythonpath = ["tests/helpers"]' in (repo / "pyproject.toml").read_text(
        encoding="utf-8")
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert "`src/microsite/data/input_guards.py`" in readme
    assert "`src/microsite/publish/exports/`" in readme
    assert "`tests/data/test_loading.py`" in readme
    moved_test = (repo / "tests" / "data" / "test_loading.py").read_text(encoding="utf-8")
    assert '"microsite.data.loading.check"' in moved_test
    assert 'Path(__file__).parents[1] / "fixtures"' in moved_test
    assert "resolve().parents[2]" in (repo / "tests" / "helpers" / "sitebuild.py").read_text(
        encoding="utf-8")

    tree = {p: p.read_bytes() for p in repo.rglob("*")
            if p.is_file() and not {".git", ".ruff_cache"} & set(p.parts)}
    again = _run(repo)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "rewrote 0 files" in again.stdout
    assert {p: p.read_bytes() for p in tree} == tree  # a second run changes nothing


def test_a_module_without_a_place_stops_it_before_any_change(tmp_path: Path) -> None:
    repo = _flat_repo(tmp_path / "repo", extra_module="brand_new")
    result = _run(repo)
    assert result.returncode == 2
    assert "src/microsite/brand_new.py (add it to MODULES)" in result.stderr
    assert (repo / "src" / "microsite" / "loading.py").is_file()  # nothing moved
    assert not (repo / "src" / "microsite" / "data").exists()


def test_this_tree_is_in_place_already() -> None:
    result = _run(REPO, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["restructure: would rewrite 0 files"]

