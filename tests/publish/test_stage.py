"""The stage step in-process on a copy of the sample project: what it writes for the engine."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from microsite.publish.build import load_checked, project_of
from microsite.publish.stage import Staged, split_front_matter, stage
from projectcopy import copy_project


@pytest.fixture(scope="module")
def staged(tmp_path_factory: pytest.TempPathFactory) -> Staged:
    project = copy_project(tmp_path_factory.mktemp("stage") / "project")
    page = project / "docs" / "de" / "einwanderungsstadt.md"
    meta, body = split_front_matter(page.read_text(encoding="utf-8"))
    meta["title"] = ["</title><script>alert(1)</script>"]  # not a string: escaped all the same
    meta["microsite"] = {**meta.get("microsite", {}), "json_ld": "</script><script>x()"}
    page.write_text(f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n{body}",
                    encoding="utf-8")
    built = project_of(project / "mkdocs.yml")
    return stage(built, load_checked(built, say=lambda line: None), project.parent / "staged")


def _meta(staged: Staged, src_uri: str) -> dict:
    return split_front_matter((staged.docs_dir / src_uri).read_text(encoding="utf-8"))[0]


def test_every_title_is_escaped_once_whatever_its_type(staged: Staged) -> None:
    title = _meta(staged, "de/einwanderungsstadt.md")["title"]
    assert "<" not in title and "&lt;/title&gt;&lt;script&gt;" in title


def test_what_the_theme_reads_of_a_page_is_made_by_the_stage_step(staged: Staged) -> None:
    own = _meta(staged, "de/einwanderungsstadt.md")["microsite"]
    assert "json_ld" not in own  # a hand-written page cannot put a script into the head
    assert {link["code"] for link in own["languages"]} == {"de", "en", "tr", "ar", "uk"}


def test_every_page_of_docs_and_every_generated_page_is_staged(staged: Staged) -> None:
    staged_pages = {p.relative_to(staged.docs_dir).as_posix()
                    for p in staged.docs_dir.rglob("*.md")}
    assert staged_pages == {page.src_uri for page in staged.pages}
    assert any(uri.startswith("en/programme/") for uri in staged_pages)
    assert (staged.docs_dir / "assets" / "microsite.css").is_file()  # other files as they are
    config = yaml.safe_load(staged.config_file.read_text(encoding="utf-8"))
    assert Path(config["docs_dir"]) == staged.docs_dir
