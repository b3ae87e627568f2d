"""Hostile or broken input (issue 9, input hygiene): each gets a German message with file, line
(and field where there is one), never a traceback, and ``microsite check`` and ``mkdocs build``
agree; the published site stays as it was.

The edits are structural (the first record's summary, the first id, …), so the cases hold for
any correct content of the data files.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from bad_inputs import reported_line
from projectcopy import check_in_process, copy_project, run_check, snapshot
from shared_builds import copy_site
from sitebuild import build, build_stops

RECORDS = "data/projects.yaml"
FACTS = "data/site.yaml"
UI_DE = "data/ui/de.yaml"
DAY = dt.date(2026, 11, 25)


def _on_line(pattern: str, replace: Callable[[re.Match], str]) -> Callable[[str], tuple[str, int]]:
    """An edit of the first line matching ``pattern``; returns the text and that line."""
    def edit(text: str) -> tuple[str, int]:
        match = re.search(pattern, text, re.M)
        assert match, f"no line matches {pattern!r}"
        line = text.count("\n", 0, match.start()) + 1
        return text[:match.start()] + replace(match) + text[match.end():], line
    return edit


def _next_line(edit: Callable[[str], tuple[str, int]]) -> Callable[[str], tuple[str, int]]:
    def shifted(text: str) -> tuple[str, int]:
        edited, line = edit(text)
        return edited, line + 1
    return shifted


def _after_first_kind(lines: str) -> Callable[[str], tuple[str, int]]:
    """Insert ``lines`` after the first record's ``kind:``; the line is the first inserted."""
    return _next_line(_on_line(r"^    kind: \w+\n", lambda m: m.group() + lines))


def _appended(block: str) -> Callable[[str], tuple[str, int]]:
    """Append ``block`` at the end; the line is the one holding ``<<here``."""
    def edit(text: str) -> tuple[str, int]:
        edited = text.rstrip("\n") + "\n" + block
        index = edited.index("<<here")
        return edited.replace("<<here", ""), edited.count("\n", 0, index) + 1
    return edit


def _lol(level: int) -> str:
    """Level ``level`` of a billion-laughs file: ten aliases of the level below each."""
    aliases = [f"*lol{level - 1}"] * 10
    if level == 4:  # its 8th alias passes 100,000 added values (12,330 + 8 × 11,111)
        aliases[7] = "<<here" + aliases[7]
    return f"lol{level}: &lol{level} [{', '.join(aliases)}]\n"


BILLION_LAUGHS = "lol0: &lol0 [" + ", ".join(["lol"] * 10) + "]\n" + "".join(
    _lol(level) for level in range(1, 10))


@dataclass(frozen=True)
class Hostile:
    name: str
    file: str
    edit: Callable[[str], tuple[str, int]]
    message: str
    field: str | None = None  # the field the message names
    column: int | None = None  # the exact column, where the file has one


CASES = [
    Hostile("c0-in-summary", RECORDS,
            _on_line(r"^        summary: ", lambda m: m.group() + "Bera\x07"),
            "hier steht ein unsichtbares Steuerzeichen (U+0007)", column=22,
            field="texts.de.summary"),
    Hostile("escape-in-summary", RECORDS,
            _on_line(r"^        summary: (.*)$", lambda m: '        summary: "\\e[31m ' +
                     m.group(1).replace('"', "'") + '"'),
            "hier steht ein unsichtbares Steuerzeichen (U+001B)", field="texts.de.summary"),
    Hostile("nel-in-title", RECORDS,
            _on_line(r"^        title: ", lambda m: m.group() + "Neu\x85 "),
            "hier steht ein unsichtbares Steuerzeichen (U+0085)", column=19,
            field="texts.de.title"),
    Hostile("noncharacter-in-summary", RECORDS,
            _on_line(r"^        summary: ", lambda m: m.group() + "\ufdd0"),
            "hier steht ein unsichtbares Steuerzeichen (U+FDD0)", column=18,
            field="texts.de.summary"),
    Hostile("escaped-c1-in-target-group", RECORDS,
            _on_line(r"^        target_group: (.*)$", lambda m: '        target_group: "\\x9b ' +
                     m.group(1).replace('"', "'") + '"'),
            "hier steht ein unsichtbares Steuerzeichen (U+009B)", field="texts.de.target_group"),
    Hostile("control-in-fact", FACTS,
            _on_line(r"^  provider: .*$", lambda m: '  provider: "GitHub,\\x07 Inc."'),
            "hier steht ein unsichtbares Steuerzeichen (U+0007)", field="hosting.provider"),
    Hostile("control-in-interface-text", UI_DE,
            _on_line(r"^overview\.title: ", lambda m: m.group() + "\x1b"),
            "hier steht ein unsichtbares Steuerzeichen (U+001B)", column=17,
            field="overview.title"),
    Hostile("id-with-line-feed", RECORDS,
            _on_line(r"^  - id: (\S+)$", lambda m: f'  - id: "{m.group(1)}\\n"'),
            "ist keine gültige Kennung", field="id"),
    Hostile("id-of-300-characters", RECORDS,
            _on_line(r"^  - id: (\S+)$", lambda m: "  - id: " + "-".join(["abcdefghi"] * 30)),
            "ist zu lang: höchstens 80 Zeichen", field="id"),
    Hostile("former-id-with-line-feed", RECORDS, _after_first_kind('    former_ids: ["alt\\n"]\n'),
            "„alt\\n“ ist keine gültige Kennung", field="former_ids[0]"),
    Hostile("language-code-with-line-feed", RECORDS,
            _after_first_kind('    languages: ["de\\n"]\n'),
            "„de\\n“ ist kein Sprachcode", field="languages[0]"),
    Hostile("email-with-hidden-copy", RECORDS,
            _next_line(_after_first_kind(
                "    contact:\n      email: info@hannover.de?bcc=copy@example.org\n")),
            "enthält nach der Adresse Zusätze mit „?“ oder „&“", field="contact.email"),
    Hostile("mailto-with-hidden-copy", RECORDS,
            _next_line(_on_line(r"^        description: \|\n(.*)$", lambda m: m.group() +
                                " [Mail](mailto:info@hannover.de?cc=copy@example.org)")),
            "enthält nach der Adresse Zusätze mit „?“ oder „&“", field="texts.de.description"),
    Hostile("fact-email-with-parameters", FACTS,
            _on_line(r"^  feedback_email: ~", lambda m: "  feedback_email: a@hannover.de&x=1"),
            "enthält nach der Adresse Zusätze mit „?“ oder „&“",
            field="accessibility.feedback_email"),
    Hostile("billion-laughs", RECORDS, _appended(BILLION_LAUGHS),
            "die Verweise mit „*“ erzeugen hier mehr als 100000 Werte"),
    Hostile("alias-inside-itself", RECORDS, _appended("loop: &loop [<<here*loop]\n"),
            "der Verweis „*loop“ steht in dem Teil, auf den er verweist"),
    Hostile("nesting-too-deep", RECORDS, _appended("deep: " + "[" * 50 + "<<here[]" + "]" * 50),
            "die Datei ist hier zu tief verschachtelt (mehr als 50 Ebenen"),
]

@dataclass
class Project:
    root: Path
    good: dict[str, str]
    published: Path
    published_files: dict[str, str]

    def restore(self) -> None:
        for name, text in self.good.items():
            (self.root / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, site: Path) -> Iterator[Project]:
    root = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    published = copy_site(site, root / "site")  # the same project's build (DAY), made once
    good = {name: (root / name).read_text(encoding="utf-8") for name in (RECORDS, FACTS, UI_DE)}
    yield Project(root, good, published, snapshot(published))


@pytest.fixture
def hostile(project: Project, request: pytest.FixtureRequest) -> Iterator[tuple[Project, Hostile,
                                                                                int]]:
    case: Hostile = request.param
    text, line = case.edit(project.good[case.file])
    (project.root / case.file).write_bytes(text.encode("utf-8", "surrogatepass"))
    yield project, case, line
    project.restore()


def _reported(output: str, case: Hostile, line: int) -> str:
    return reported_line(output, case.name, case.message, case.file, line, column=case.column,
                         field=case.field)


def _check_refuses(result: subprocess.CompletedProcess[str], case: Hostile, line: int) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    _reported(output, case, line)


# Every case runs through check's own ``main`` and the build's configuration step (where the
# data is validated, before anything is written) in this process; the commands themselves run
# for each file and for what could crash a process (nesting, aliases): what a process adds, the
# exit code and no traceback, is the same for the rest.
BY_THE_COMMANDS = ("c0-in-summary", "control-in-fact", "control-in-interface-text",
                   "billion-laughs", "alias-inside-itself", "nesting-too-deep")
COMMAND_CASES = [case for case in CASES if case.name in BY_THE_COMMANDS]
IN_PROCESS = [case for case in CASES if case.name not in BY_THE_COMMANDS]


def test_the_commands_run_each_file_and_what_could_crash() -> None:
    assert [case.name for case in COMMAND_CASES] == list(BY_THE_COMMANDS)


@pytest.mark.parametrize("hostile", IN_PROCESS, ids=[c.name for c in IN_PROCESS], indirect=True)
def test_check_refuses_with_a_german_message(hostile: tuple[Project, Hostile, int]) -> None:
    project, case, line = hostile
    _check_refuses(check_in_process(project.root), case, line)


@pytest.mark.parametrize("hostile", IN_PROCESS, ids=[c.name for c in IN_PROCESS], indirect=True)
def test_the_build_stops_before_writing_with_the_same_message(
        hostile: tuple[Project, Hostile, int]) -> None:
    project, case, line = hostile
    stopped, output = build_stops(project.root, project.published, build_date=DAY)
    assert stopped, output
    assert _reported(output, case, line).startswith("ERROR")
    assert snapshot(project.published) == project.published_files


@pytest.mark.parametrize("hostile", COMMAND_CASES, ids=[c.name for c in COMMAND_CASES],
                         indirect=True)
def test_the_check_command_refuses_with_a_german_message(
        hostile: tuple[Project, Hostile, int]) -> None:
    project, case, line = hostile
    _check_refuses(run_check(project.root), case, line)


@pytest.mark.parametrize("hostile", COMMAND_CASES, ids=[c.name for c in COMMAND_CASES],
                         indirect=True)
def test_build_agrees_and_keeps_the_published_site(hostile: tuple[Project, Hostile, int]) -> None:
    project, case, line = hostile
    result = build(project.published, project=project.root, build_date=DAY)
    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output and "OSError" not in result.output
    assert _reported(result.output, case, line).startswith("ERROR")
    assert snapshot(project.published) == project.published_files
    assert [p.name for p in project.root.iterdir()  # no staging folder left behind
            if p.name.startswith(".site") and p.name != ".site.lock"] == []


def test_a_control_character_never_reaches_the_atom_feed(project: Project) -> None:
    """The feed of the published site stays valid XML: the build stops before writing."""
    case = CASES[0]
    text, _ = case.edit(project.good[case.file])
    (project.root / case.file).write_text(text, encoding="utf-8")
    try:
        result = build(project.published, project=project.root, build_date=DAY)
    finally:
        project.restore()
    assert result.returncode == 1
    for feed in project.published.rglob("feed.atom"):
        assert b"\x07" not in feed.read_bytes()
        etree.parse(str(feed))  # raises on invalid XML


@pytest.mark.parametrize("shape", ["flow", "block"])
def test_100000_levels_are_refused_before_parsing(project: Project, shape: str) -> None:
    """libyaml would overflow the C stack (a segfault); the check refuses first."""
    deep = ("deep: " + "[" * 100_000 + "]" * 100_000 if shape == "flow"
            else "deep:\n" + "- " * 100_000 + "x")
    (project.root / RECORDS).write_text(project.good[RECORDS] + deep + "\n", encoding="utf-8")
    try:
        result = run_check(project.root)
    finally:
        project.restore()
    assert result.returncode == 1, result.stderr  # not -11 (SIGSEGV)
    assert "Traceback" not in result.stderr
    assert "die Datei ist hier zu tief verschachtelt (mehr als 50 Ebenen" in result.stderr


@pytest.mark.parametrize("name", [RECORDS, FACTS, UI_DE])
def test_a_folder_instead_of_a_file(project: Project, name: str) -> None:
    path = project.root / name
    path.unlink()
    path.mkdir()
    try:
        result = run_check(project.root)
    finally:
        path.rmdir()
        project.restore()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{name}, Zeile 1, Spalte 1: hier steht ein Ordner, wo eine Datei erwartet wird" in (
        result.stderr)


def test_a_file_the_system_cannot_read(project: Project) -> None:
    """A link to /proc/self/mem (reading it fails with an input/output error) is refused
    unread, as every link out of the project is (issue 16)."""
    path = project.root / FACTS
    path.unlink()
    path.symlink_to("/proc/self/mem")
    try:
        result = run_check(project.root)
    finally:
        path.unlink()
        project.restore()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{FACTS}, Zeile 1, Spalte 1: „{FACTS}“ ist eine Verknüpfung (symbolischer Link) " \
        "auf eine Datei außerhalb des Projekts" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_a_file_without_read_permission(project: Project) -> None:
    path = project.root / RECORDS
    path.chmod(0)
    try:
        result = run_check(project.root)
    finally:
        path.chmod(0o644)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "die Datei lässt sich nicht lesen: keine Leseberechtigung" in result.stderr


def test_memory_running_out_is_a_message(project: Project) -> None:
    """A file too large for the memory the process may use: a message, not a traceback.

    ``microsite check`` needs about 60 MB of address space for itself; reading these 750,000
    values would take 500 MB: with 160 MB allowed, the memory runs out while reading."""
    big = "".join(f"k{i}: [{', '.join(['x'] * 50)}]\n" for i in range(15_000))
    (project.root / RECORDS).write_text(project.good[RECORDS] + big, encoding="utf-8")

    def limit_memory() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (160 * 2**20, 160 * 2**20))

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    try:
        result = subprocess.run(
            [*__import__("projectcopy").MICROSITE, "check"], cwd=project.root, env=env,
            capture_output=True, text=True, timeout=120, preexec_fn=limit_memory)
    finally:
        project.restore()
    assert result.returncode == 1, result.stderr[-2000:]
    assert result.returncode != -signal.SIGSEGV
    assert "Traceback" not in result.stderr
    assert "die Datei ist zu groß oder zu verschachtelt, um sie zu lesen" in result.stderr


@pytest.mark.parametrize(("field", "value"), [
    ("id", "ein-eintrag\n"), ("publish_from", "2025-01-01\n"), ("languages", ["de\n"]),
    ("former_ids", ["alt\n"]), ("id", "a" * 81)])
def test_both_validators_match_the_whole_value(field: str, value: object) -> None:
    """The compiled validator (Rust regular expressions) and the Python one agree: a final
    line feed is not allowed where ``$`` ends a pattern, and ids have at most 80 characters."""
    from microsite.checks.record_rules import _FAST_VALIDATOR, _VALIDATOR

    record = {"id": "ein-eintrag", "kind": "project",
              "texts": {"de": {"title": "T", "summary": "S"}}, field: value}
    data = {"format": 1, "records": [record]}
    assert not _VALIDATOR.is_valid(data)
    assert _FAST_VALIDATOR is None or not _FAST_VALIDATOR.is_valid(data)
    record[field] = value.rstrip("\n")[:80] if isinstance(value, str) else ["de"]
    assert _VALIDATOR.is_valid(data)
