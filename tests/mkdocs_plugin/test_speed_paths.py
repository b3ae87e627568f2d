"""The fast paths found with the benchmark keep their behaviour (issue #6).

- each record's view is built once per language and build (page source, page, overview share it);
- YAML loading keeps exact types and positions while it skips the constructor for plain text,
  keeps marks until a position is asked for, and pauses the garbage collector;
- front matter comes from libyaml's emitter and reads back to the same values.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from pathlib import Path

import pytest
import yaml

from microsite.checks.validation import SiteLanguages
from microsite.data.loading import YamlSyntaxError, parse_yaml
from microsite.render.pages import generate_pages
from microsite.render.site import SiteSettings, load_site
from sitebuild import REPO


@pytest.fixture(scope="module")
def site():  # type: ignore[no-untyped-def]
    settings = SiteSettings(root=REPO, data_file="data/projects.yaml", ui_dir="data/ui",
                            languages=SiteLanguages(("de", "en", "tr", "ar", "uk"),
                                                    ("tr", "ar", "uk")),
                            build_date=dt.date(2026, 11, 25), locales={"en": "en_GB"})
    return load_site(settings)


def test_record_view_is_built_once_per_language(site, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import microsite.render.site as site_module

    calls: list[tuple[str, str]] = []
    real = site_module.build_record_view

    def counting(record, lang, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append((record.id, lang))
        return real(record, lang, *args, **kwargs)

    monkeypatch.setattr(site_module, "build_record_view", counting)
    site.__dict__.pop("_views", None)
    generate_pages(site)
    for lang in site.languages:
        site.overview(lang)
        for record in site.records:
            site.record_view(record, lang)
    assert sorted(calls) == sorted({(r.id, lang) for r in site.records for lang in site.languages})
    first = site.records[0]
    assert site.record_view(first, "en") is site.record_view(first, "en")
    assert site.record_view(first, "en") is not site.record_view(first, "de")


def test_scalars_keep_their_yaml_types() -> None:
    doc = parse_yaml("s: text\nq: 'yes'\ni: 0x1F\nf: 1.5\nb: no\nn: ~\nd: 2024-09-20\nl: [1, a]\n")
    assert doc.data == {"s": "text", "q": "yes", "i": 31, "f": 1.5, "b": False, "n": None,
                        "d": "2024-09-20", "l": [1, "a"]}
    assert type(doc.data["b"]) is bool


def test_positions_of_values_and_keys_are_one_based() -> None:
    doc = parse_yaml("a:\n  b:\n    - x\n    - y: 2\n")
    value = doc.position(("a", "b", 1, "y"))
    key = doc.key_position(("a", "b"))
    assert (value.line, value.column) == (4, 10)
    assert (key.line, key.column) == (2, 3)
    assert doc.position(("a", "missing", 3)) == doc.position(("a",))  # nearest existing parent
    assert doc.position(("a",)).line == 2  # where the value of "a" begins


def test_unknown_tags_still_fail_with_a_position() -> None:
    with pytest.raises(YamlSyntaxError) as info:
        parse_yaml("a: 1\nb: !unknown x\n")
    assert info.value.position.line == 2


@pytest.mark.parametrize("text", ["a: 1\n", "a: [\n"])
def test_garbage_collector_state_is_restored(text: str) -> None:
    assert gc.isenabled()
    with contextlib.suppress(YamlSyntaxError):
        parse_yaml(text)
    assert gc.isenabled()
    gc.disable()
    try:
        parse_yaml("a: 1\n")
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()


def test_generated_pages_carry_their_record_title_and_summary(site) -> None:  # type: ignore[no-untyped-def]
    for page in generate_pages(site):
        if page.kind == "overview":
            assert page.meta["microsite"]["overview"] is True
            continue
        if page.kind == "help":  # "Hilfe und Kontakt" (issue 19)
            assert page.meta["microsite"] == {"help": True} and page.meta["search"]["boost"] > 1
            continue
        record_id = Path(page.src_uri).stem
        lang = page.src_uri.split("/")[0]
        view = site.record_view(site.record(record_id), lang)
        assert page.meta == {"title": view.title, "description": view.summary,
                             "microsite": {"record": record_id}}


def test_pure_python_loader_fallback_gives_the_same_data_and_positions(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Where PyYAML is built without libyaml, loading still works and keeps positions."""
    import microsite.data.loading as loading

    text = (REPO / "tests" / "fixtures" / "sample" / "data" / "projects.yaml").read_text(
        encoding="utf-8")
    fast = parse_yaml(text)
    monkeypatch.setattr(loading, "_Loader", yaml.SafeLoader)
    slow = parse_yaml(text)
    assert slow.data == fast.data
    path = ("records", 2, "texts", "en", "summary")
    assert slow.position(path) == fast.position(path)
    assert slow.key_position(path) == fast.key_position(path)
