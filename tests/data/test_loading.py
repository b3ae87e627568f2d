"""Loading records: positions, dates, status and the model built from YAML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from microsite.checks.validation import (
    SiteLanguages,
    ValidationFailed,
    load_records,
    load_records_from_text,
)
from microsite.data.loading import DuplicateKeyError, YamlSyntaxError, parse_yaml
from microsite.data.model import PartialDate, Status
from microsite.render.status import CLOCK, derive_status, resolve_build_date, resolve_build_time

REPO = Path(__file__).resolve().parents[2]
SAMPLE_RECORDS = REPO / "tests" / "fixtures" / "sample" / "data" / "projects.yaml"
LANGS = SiteLanguages(("de", "en", "tr", "ar", "uk"), ("tr", "ar", "uk"))  # as mkdocs.yml


def test_positions_are_kept_for_every_value() -> None:
    doc = parse_yaml("records:\n  - id: a\n    funding:\n      amount: 12\n")
    assert doc.position(("records", 0, "funding", "amount")).line == 4
    assert doc.position(("records", 0, "funding", "amount")).column == 15
    assert doc.key_position(("records", 0, "funding")).line == 3


def test_dates_stay_text_so_impossible_dates_reach_validation() -> None:
    doc = parse_yaml("d: 2025-02-31\nn: 5\nb: true\n")
    assert doc.data == {"d": "2025-02-31", "n": 5, "b": True}


def test_syntax_errors_carry_a_position() -> None:
    with pytest.raises(YamlSyntaxError) as info:
        parse_yaml("records:\n  - id: a\n   kind: x\n")
    assert info.value.position.line == 3


def test_duplicate_keys_are_errors() -> None:
    with pytest.raises(DuplicateKeyError) as info:
        parse_yaml("a: 1\nb: 2\na: 3\n")
    assert info.value.position.line == 3


def test_sample_data_loads_into_records() -> None:
    dataset = load_records(SAMPLE_RECORDS, LANGS)
    by_id = {r.id: r for r in dataset.records}
    assert set(by_id) == {"leitbild-teilhabe", "gruendung-im-quartier", "lotse-beruf",
                          "servicestelle-anerkennung", "fachtag-europa", "jobmesse-2027"}
    project = by_id["gruendung-im-quartier"]
    assert project.funding.amount == 50000
    assert project.funding.currency == "EUR"
    assert project.period.start == PartialDate(2024, 9)
    assert project.period.end.last_day == dt.date(2025, 8, 31)
    lotse = by_id["lotse-beruf"]
    assert [r.count for r in lotse.results] == [12, 3, 1, 1]
    assert lotse.funding.funders[0].names == {None: "Beispielwerke Hannover"}
    assert by_id["fachtag-europa"].languages == ("en",)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2024, 8, 31), Status.PLANNED),
        (dt.date(2024, 9, 1), Status.RUNNING),
        (dt.date(2025, 8, 31), Status.RUNNING),
        (dt.date(2025, 9, 1), Status.COMPLETED),
    ],
)
def test_status_from_month_precise_dates(today: dt.date, expected: Status) -> None:
    dataset = load_records(SAMPLE_RECORDS, LANGS)
    project = next(r for r in dataset.records if r.id == "gruendung-im-quartier")
    assert derive_status(project, today) is expected


def test_build_date_comes_from_configuration_or_source_date_epoch() -> None:
    assert resolve_build_date("2025-01-02", environ={}) == dt.date(2025, 1, 2)
    from_epoch = resolve_build_date(None, environ={"SOURCE_DATE_EPOCH": "1735776000"})
    assert from_epoch == dt.date(2025, 1, 2)
    # issue 18: a copy without git (Download ZIP) builds with today's date, and says so
    moment, basis = resolve_build_time(None, environ={}, repo_dir=None)
    assert basis == CLOCK
    assert moment.date() == dt.datetime.now(dt.UTC).date()
    assert resolve_build_time("2025-01-02", environ={})[1] != CLOCK


def test_source_date_epoch_wins_over_the_configured_build_date() -> None:
    # CI's nightly build sets SOURCE_DATE_EPOCH; a build_date in mkdocs.yml is for local builds
    both = resolve_build_date("2025-01-02", environ={"SOURCE_DATE_EPOCH": "1767268800"})
    assert both == dt.date(2026, 1, 1)
    assert resolve_build_date("2025-01-02", environ={"SOURCE_DATE_EPOCH": ""}) == dt.date(
        2025, 1, 2)


def _event(period: str) -> str:
    return (f"records:\n  - id: treffen\n    kind: event\n    period: {period}\n"
            "    texts:\n      de: {title: Treffen, summary: Ein Treffen.}\n"
            "      en: {title: Meeting, summary: A meeting.}\n")


def _status(text: str, today: dt.date) -> Status | None:
    [record] = load_records_from_text(text, LANGS, "t.yaml").records
    return derive_status(record, today)


@pytest.mark.parametrize(
    ("period", "today", "expected"),
    [
        # a start day and no end: a one-day event, as the iCalendar export has it
        ("{start: 2025-03-12}", dt.date(2025, 3, 11), Status.PLANNED),
        ("{start: 2025-03-12}", dt.date(2025, 3, 12), Status.RUNNING),
        ("{start: 2025-03-12}", dt.date(2025, 3, 13), Status.COMPLETED),
        # a start month and no end: the event runs through that month
        ("{start: 2025-03}", dt.date(2025, 2, 28), Status.PLANNED),
        ("{start: 2025-03}", dt.date(2025, 3, 31), Status.RUNNING),
        ("{start: 2025-03}", dt.date(2025, 4, 1), Status.COMPLETED),
    ],
)
def test_an_event_without_an_end_ends_with_its_start(period: str, today: dt.date,
                                                     expected: Status) -> None:
    assert _status(_event(period), today) is expected


def test_other_kinds_without_an_end_run_on() -> None:
    text = _event("{start: 2025-03-12}").replace("kind: event", "kind: project")
    assert _status(text, dt.date(2030, 1, 1)) is Status.RUNNING


def _problems(text: str) -> list:
    try:
        load_records_from_text(text, LANGS, "t.yaml")
    except ValidationFailed as failed:
        return [p for p in failed.problems if not p.warning]
    return []


def test_a_former_id_may_not_be_the_id_of_a_draft() -> None:
    text = (_event("{start: 2025-03-12}")
            + "  - id: neu\n    kind: event\n    draft: true\n    former_ids: [treffen]\n"
            "    texts:\n      de: {title: N, summary: N.}\n      en: {title: N, summary: N.}\n"
            "  - id: entwurf\n    kind: event\n    draft: true\n    former_ids: [neu]\n"
            "    texts:\n      de: {title: E, summary: E.}\n      en: {title: E, summary: E.}\n")
    problems = _problems(text)
    assert [(p.code, p.record_id, p.line) for p in problems] == [
        ("former_id_taken", "neu", 11), ("former_id_taken", "entwurf", 18)]
    assert problems[0].message("en").endswith(
        "field “former_ids[0]”: the former id “treffen” is the id of a record (line 2); "
        "remove it from “former_ids”")


def test_the_default_language_text_is_always_required() -> None:
    only_english = _event("{start: 2025-03-12}").replace(
        "      de: {title: Treffen, summary: Ein Treffen.}\n", "")
    assert [p.code for p in _problems(only_english)] == ["missing_default_language"]
    pending = only_english.replace("    texts:\n", "    translation: {de: pending}\n    texts:\n")
    assert {p.code for p in _problems(pending)} == {"missing_default_language",
                                                    "pending_default_language"}


def test_numbers_keep_their_source_text() -> None:
    doc = parse_yaml("a: 50.000\nb: 7\nc: x\n")
    assert doc.data == {"a": 50.0, "b": 7, "c": "x"}
    assert doc.number_sources == {("a",): "50.000", ("b",): "7"}


@pytest.mark.parametrize(
    ("url", "code"),
    [("https://www.hannover.de/", None), ("mailto:presse@hannover.de", None),
     ("kontakt.md", "relative_link"), ("/impressum/", "relative_link"),
     ("#kontakt", "relative_link"), ("http://", "url_without_host"),
     ("https:///seite", "url_without_host"), ("https://localhost/", "url_without_host"),
     ("javascript:alert(1)", "bad_url"), ("mailto:presse(at)hannover.de", "bad_email")],
)
def test_links_in_markdown_need_a_complete_address(url: str, code: str | None) -> None:
    text = _event("{start: 2025-03-12}").replace(
        "Ein Treffen.}", f"Ein Treffen., description: '[mehr]({url})'}}").replace(
        "A meeting.}", "A meeting., description: More.}")
    assert [p.code for p in _problems(text)] == ([code] if code else [])


@pytest.mark.parametrize(("field", "line"), [
    ("    providers:\n      - name: {en: City of Hannover}\n", 6),
    ("    results:\n      - count: 3\n        label: {en: people}\n", 7),
    ("    contact:\n      name: {en: Team}\n", 6),
])
def test_per_language_names_and_labels_need_the_default_language(field: str, line: int) -> None:
    text = _event("{start: 2025-03-12}").replace("    texts:\n", field + "    texts:\n")
    [problem] = [p for p in _problems(text) if p.code != "source_required"]
    assert (problem.code, problem.line) == ("missing_default_language", line)
