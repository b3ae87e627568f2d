"""Issue 18 at the level of ``microsite check`` (cheap: no build): a source wherever a status,
a result or an amount is stated; a changed status or result needs a newer source (compared with
the last commit); a tense hint for texts about what has ended; the representative is named by
office alone until the city confirms a name. Plus the real data's invariants."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from projectcopy import check_in_process, copy_project, rewrite_records
from sitebuild import REPO

LEGAL_OFFICES = {"Der Oberbürgermeister", "Die Oberbürgermeisterin", "the Lord Mayor"}


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                        "PATH": "/usr/bin:/bin"})


def _by_id(records: list[dict], rid: str) -> dict:
    return next(r for r in records if r["id"] == rid)


@pytest.mark.parametrize(("rid", "field"), [
    ("leitbild-teilhabe", "status"),             # a stated status
    ("lotse-beruf", "results"),                  # results (and a status)
    ("gruendung-im-quartier", "funding.amount"),  # a figure
])
def test_a_stated_status_result_or_figure_needs_a_source(tmp_path: Path, rid: str,
                                                          field: str) -> None:
    project = copy_project(tmp_path / "p",
                           edit_records=lambda rs: _by_id(rs, rid).pop("sources"))
    result = check_in_process(project)
    assert result.returncode == 1, result.stderr
    assert f"Feld „{field}“: „{field}“ braucht eine Quelle" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_record_without_status_result_or_figure_needs_no_source(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p",
                           edit_records=lambda rs: _by_id(rs, "jobmesse-2027").pop("sources"))
    result = check_in_process(project)
    assert result.returncode == 0, result.stderr


def test_the_file_source_is_only_a_default_that_a_record_names(tmp_path: Path) -> None:
    def drop_file_source(project: Path) -> None:
        data_file = project / "data" / "projects.yaml"
        data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
        del data["source"]
        data_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                             encoding="utf-8")

    project = copy_project(tmp_path / "p")
    drop_file_source(project)
    result = check_in_process(project)
    assert result.returncode == 1
    assert "„default: true“ nennt die Quelle oben in der Datei, aber die Datei hat keine" \
        in result.stderr, result.stderr


def test_a_status_changed_without_a_newer_source_is_an_error(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "start")

    def retire(records: list[dict]) -> None:  # the press officer retires a programme
        _by_id(records, "servicestelle-anerkennung")["status"] = "completed"

    rewrite_records(project, retire)
    result = check_in_process(project)
    assert result.returncode == 1
    assert ("Feld „status“: „status“ wurde geändert (vorher „running“, verglichen mit git "
            "HEAD:data/projects.yaml), aber keine Quelle ist neuer als vorher (2024-09-20)"
            ) in result.stderr, result.stderr

    def with_new_source(records: list[dict]) -> None:
        _by_id(records, "servicestelle-anerkennung")["sources"] = [
            {"type": "Mitteilung", "title": "Servicestelle geschlossen", "date": "2026-11-30"}]

    rewrite_records(project, with_new_source)
    assert check_in_process(project).returncode == 0

    def changed_results(records: list[dict]) -> None:
        _by_id(records, "lotse-beruf")["results"][0]["count"] = 13

    rewrite_records(project, changed_results)
    result = check_in_process(project)
    assert result.returncode == 1 and "„results“ wurde geändert" in result.stderr


def test_an_ended_record_still_in_the_future_tense_gets_a_hint(tmp_path: Path) -> None:
    def future(records: list[dict]) -> None:
        record = _by_id(records, "gruendung-im-quartier")
        record["texts"]["de"]["summary"] = "Ein Projekt, das Menschen beraten will."
        record["texts"]["en"]["summary"] = "A project that aims to advise people."
        meeting = _by_id(records, "fachtag-europa")  # under way on its source's date
        meeting["texts"]["de"]["summary"] = "Die Tagung soll Städte zusammenbringen."

    result = check_in_process(copy_project(tmp_path / "p", edit_records=future))
    assert result.returncode == 0  # a hint, not an error: only the editor can rewrite it
    assert ("Feld „texts.de.summary“: Hinweis: der Eintrag ist seit 2025-08-31 vorbei, der "
            "Text sagt aber noch „will“") in result.stderr, result.stderr
    assert "Feld „texts.en.summary“: Hinweis: der Eintrag ist seit 2025-08-31 vorbei" \
        in result.stderr
    # a past event (under way on its source's date) counts as ended since that date
    assert ("„fachtag-europa“, Feld „texts.de.summary“: Hinweis: der Eintrag ist seit "
            "2024-09-20 vorbei, der Text sagt aber noch „soll“") in result.stderr, result.stderr


def _site_yaml(project: Path, representative: str, confirmed: str | None) -> None:
    path = project / "data" / "site.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  representative:")
    end = text.index("\n", start)
    line = f"  representative: {{de: \"{representative}\", en: the Lord Mayor}}"
    if confirmed:
        line += f"\n  confirmed:\n    representative: {confirmed}"
    path.write_text(text[:start] + line + text[end:], encoding="utf-8")


def test_a_representative_named_without_confirmation_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    _site_yaml(project, "Der Oberbürgermeister, Max Muster", None)
    result = check_in_process(project)
    assert result.returncode == 1
    assert ("data/site.yaml, Zeile" in result.stderr
            and "„Der Oberbürgermeister, Max Muster“ nennt mehr als das Amt" in result.stderr
            ), result.stderr
    _site_yaml(project, "Der Oberbürgermeister, Max Muster", "2026-12-01")
    assert check_in_process(project).returncode == 0


def test_the_real_legal_facts_name_the_office_only_unless_confirmed() -> None:
    facts = yaml.safe_load((REPO / "data" / "site.yaml").read_text(encoding="utf-8"))
    operator = facts["operator"]
    names = operator["representative"]
    names = names.values() if isinstance(names, dict) else [names]
    if not (operator.get("confirmed") or {}).get("representative"):
        assert set(names) <= LEGAL_OFFICES, names
    values = yaml.safe_dump(facts, allow_unicode=True).casefold()
    assert "pressemitteilung" not in values and "press release" not in values


def test_the_real_data_states_no_status_without_a_source() -> None:
    data = yaml.safe_load((REPO / "data" / "projects.yaml").read_text(encoding="utf-8"))
    for record in data["records"]:
        if record.get("status") or record.get("results"):
            assert record.get("sources"), record["id"]
