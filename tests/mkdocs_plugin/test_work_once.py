"""Work that is the same for every language or page is done once per build (issue #22).

One in-process build of the sample project, with counters on what used to be repeated: Jinja
compiled every template once per language, and the plugin walked the theme's folders (thousands
of Material's icons) once per language besides MkDocs' own walk.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import jinja2
import markdown
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from microsite.publish.compiled_templates import CompiledTemplates
from microsite.publish.theme_scripts import script_template_names
from projectcopy import sample_project


@pytest.fixture(scope="module")
def counted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    compiled: Counter[tuple[str, str]] = Counter()  # (environment, template)
    listed: list[int] = []
    converted: list[str] = []
    compile_, list_templates, convert = (jinja2.Environment.compile,
                                         jinja2.Environment.list_templates,
                                         markdown.Markdown.convert)

    def counting_compile(self, source, name=None, filename=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        # the stage step's environment escapes (page_bodies.py), the engine's does not
        compiled["stage" if self.autoescape is True else "engine", name] += 1
        return compile_(self, source, name, filename, *args, **kwargs)

    def counting_list(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        listed.append(1)
        return list_templates(self, *args, **kwargs)

    def recording_convert(self, source):  # type: ignore[no-untyped-def]
        converted.append(source)
        return convert(self, source)

    out = tmp_path_factory.mktemp("once") / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jinja2.Environment, "compile", counting_compile)
        patch.setattr(jinja2.Environment, "list_templates", counting_list)
        patch.setattr(markdown.Markdown, "convert", recording_convert)
        patch.setenv("SOURCE_DATE_EPOCH", "1764072000")
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        project = sample_project()
        patch.chdir(project)
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(out))
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    languages = [lang for lang in config.plugins["i18n"].config.languages if lang.build]
    return {"compiled": compiled, "listed": len(listed), "converted": converted,
            "languages": len(languages), "out": out,
            "theme_dirs": list(config.theme.dirs)}


def test_each_template_is_compiled_once_for_every_language(counted: dict[str, Any]) -> None:
    assert counted["languages"] >= 2
    assert (counted["out"] / "en" / "programme" / "index.html").is_file()
    # Material's search plugin translates its texts in an environment of its own, per call
    twice = {key: n for key, n in counted["compiled"].items()
             if n > 1 and not key[1].startswith(("partials/language.html", "partials/languages/"))}
    assert counted["compiled"]["stage", "partials/microsite/pages/record.html"] == 1
    # at most once: an earlier in-process build in the same test process (test_parse_once.py)
    # leaves MkDocs' theme templates compiled, and this build then compiles main.html 0 times
    assert counted["compiled"]["engine", "main.html"] <= 1
    assert twice == {}, twice


def test_the_theme_folders_are_walked_only_by_mkdocs(counted: dict[str, Any]) -> None:
    """MkDocs lists the theme's files once per language (its own static files); the plugin
    finds the theme's script templates without listing everything again."""
    assert counted["listed"] == counted["languages"]
    page = (counted["out"] / "index.html").read_text(encoding="utf-8")
    assert page.count("'sha256-") >= 2  # and the policy still allows the theme's scripts


def test_script_templates_are_those_a_full_listing_finds(counted: dict[str, Any]) -> None:
    theme_dirs = counted["theme_dirs"]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(theme_dirs))
    full = sorted(name for name in env.list_templates()
                  if name.startswith(("partials/javascripts/", "base.html", "main.html")))
    assert script_template_names(theme_dirs) == full


def test_a_changed_template_is_compiled_again(tmp_path: Path) -> None:
    """The shared compiled templates never serve an old version (``mkdocs serve``)."""
    cache = CompiledTemplates()
    (tmp_path / "page.html").write_text("eins", encoding="utf-8")

    def render() -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)),
                                 bytecode_cache=cache)
        return env.get_template("page.html").render()

    assert render() == "eins" and render() == "eins"
    (tmp_path / "page.html").write_text("zwei", encoding="utf-8")
    assert render() == "zwei"
