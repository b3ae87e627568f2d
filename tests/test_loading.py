"""Loading records: positions, dates, status and the model built from YAML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from microsite.loading import DuplicateKeyError, YamlSyntaxError, parse_yaml
from microsite.model import PartialDate, Status
from microsite.status import derive_status, resolve_build_date
from microsite.validation import SiteLanguages, load_records

REPO = Path(__file__).resolve().parent.parent
LANGS = SiteLanguages(("de", "en"))


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


def test_real_data_loads_into_records() -> None:
    dataset = load_records(REPO / "data" / "projects.yaml", LANGS)
    by_id = {r.id: r for r in dataset.records}
    assert set(by_id) == {"wir-2-0", "selbststaendige-ankunftsquartiere", "jobpilot-360",
                          "willkommensservice-fachkraefteeinwanderung",
                          "eurocities-netzwerktreffen"}
    project = by_id["selbststaendige-ankunftsquartiere"]
    assert project.funding.amount == 50000
    assert project.funding.currency == "EUR"
    assert project.period.start == PartialDate(2024, 9)
    assert project.period.end.last_day == dt.date(2025, 8, 31)
    jobpilot = by_id["jobpilot-360"]
    assert [r.count for r in jobpilot.results] == [10, 4, 1, 1]
    assert jobpilot.funding.funders[0].names == {None: "Volkswagen Nutzfahrzeuge"}
    assert by_id["eurocities-netzwerktreffen"].languages == ("en",)


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
    dataset = load_records(REPO / "data" / "projects.yaml", LANGS)
    project = next(r for r in dataset.records if r.id == "selbststaendige-ankunftsquartiere")
    assert derive_status(project, today) is expected


def test_build_date_comes_from_configuration_or_source_date_epoch() -> None:
    assert resolve_build_date("2025-01-02", environ={}) == dt.date(2025, 1, 2)
    from_epoch = resolve_build_date(None, environ={"SOURCE_DATE_EPOCH": "1735776000"})
    assert from_epoch == dt.date(2025, 1, 2)
    with pytest.raises(LookupError):
        resolve_build_date(None, environ={}, repo_dir=None)
