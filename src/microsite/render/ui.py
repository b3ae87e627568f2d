"""User-interface texts per language, from ``<dir>/<lang>.yaml`` (flat ``key: text`` files)."""

from __future__ import annotations

import string
from collections.abc import Iterator
from pathlib import Path

from microsite.checks.collector import refusal_problem
from microsite.checks.problems import Problem
from microsite.data.document import LoadedDocument
from microsite.data.input_guards import InputRefused, control_characters, read_data_file
from microsite.data.loading import DuplicateKeyError, YamlSyntaxError, parse_yaml

PLACEHOLDERS: dict[str, frozenset[str]] = {
    key: frozenset(names) for key, names in {
        "source.date": ("date",),
        "source.quoted": ("title",),
        "status.source.derived": ("type", "date"),
        "status.source.stated": ("type", "date"),
        "period.range": ("start", "end"),
        "period.from": ("start",),
        "period.until": ("end",),
        "preview.scheduled": ("date",),
        "status.as_of": ("date", "status"),
        "overview.group.as_of": ("date",),
        "event.past": ("when",),
        "event.future": ("when",),
        "when.day": ("date",),
        "when.month": ("date",),
        "glance.none.source": ("type", "date"),
        "home.more": ("count",),
        "home.all": ("count",),
        "overview.page_title": ("title", "number"),
        "overview.page": ("number",),
    }.items()
}
"""The texts the generator fills in, and the names each is given (``{date}``): a text must use
each of its names, and no other, so that no fact drops out and the build never meets a name it
does not know (``tests/checks/test_ui_placeholders.py`` holds this list to the code)."""


class Phrases(dict):
    """One language's texts; a missing key shows as the key, which tests and checks catch."""

    def __missing__(self, key: str) -> str:
        return key

    def fill(self, key: str, **values: object) -> str:
        """The text of ``key`` with its placeholders filled in. ``check`` holds every text to
        its names in ``PLACEHOLDERS``; a call with other names is a mistake in the code."""
        if set(values) != PLACEHOLDERS.get(key, frozenset()):
            raise TypeError(f"{key} takes {sorted(PLACEHOLDERS.get(key, ()))}, not "
                            f"{sorted(values)} (render/ui.py PLACEHOLDERS)")
        return self[key].format_map(values)

    def pick(self, key: str, variant: str | None) -> str:
        """``label.providers.event`` where it exists, else ``label.providers``."""
        if variant and f"{key}.{variant}" in self:
            return self[f"{key}.{variant}"]
        return self[key]


def load_phrases(directory: Path, langs: tuple[str, ...],
                 display_dir: str) -> tuple[dict[str, Phrases], list[Problem]]:
    """All languages' texts, plus a problem for each missing file or key."""
    phrases: dict[str, Phrases] = {}
    problems: list[Problem] = []
    for lang in langs:
        path = Path(directory) / f"{lang}.yaml"
        shown = f"{display_dir}/{lang}.yaml"
        if not path.exists():
            problems.append(Problem(shown, 1, 1, "missing", params={"key": f"{lang}.yaml"}))
            phrases[lang] = Phrases()
            continue
        try:
            doc = parse_yaml(read_data_file(path))
        except InputRefused as exc:
            problems.append(refusal_problem(exc, shown))
            continue
        except DuplicateKeyError as exc:
            problems.append(Problem(shown, exc.position.line, exc.position.column,
                                    "duplicate_key", params={"key": exc.key}))
            continue
        except YamlSyntaxError as exc:
            problems.append(Problem(shown, exc.position.line, exc.position.column,
                                    "yaml_syntax", params={"detail": exc.problem}))
            continue
        problems.extend(Problem(shown, at.line, at.column, "control_character",
                                field=".".join(map(str, path)), params={"char": char})
                        for path, at, char in control_characters(doc))
        data = doc.data if isinstance(doc.data, dict) else {}
        phrases[lang] = Phrases({str(k): str(v) for k, v in data.items()})
        problems.extend(_placeholder_problems(doc, phrases[lang], shown))
    if langs and langs[0] in phrases:
        reference = phrases[langs[0]]
        for lang in langs[1:]:
            for key in reference:
                if lang in phrases and key not in phrases[lang]:
                    problems.append(Problem(f"{display_dir}/{lang}.yaml", 1, 1, "missing",
                                            field=key, params={"key": key}))
    return phrases, problems


def _placeholder_problems(doc: LoadedDocument, phrases: Phrases, shown: str
                          ) -> Iterator[Problem]:
    """A text the generator fills in names exactly its placeholders, each as a plain
    ``{name}``: "{datum}", "{date:>9}", "{date.year}" or a lone "{" would stop the build."""
    for key, names in PLACEHOLDERS.items():
        text = phrases.get(key)
        if text is None:
            continue
        at = doc.position((key,))
        expected = " ".join(f"{{{name}}}" for name in sorted(names))
        try:
            fields = [(name, spec, conversion)
                      for _, name, spec, conversion in string.Formatter().parse(text)
                      if name is not None]
        except ValueError:
            yield Problem(shown, at.line, at.column, "ui_braces", field=key,
                          params={"expected": expected})
            continue
        wrong = [(name, spec, conversion) for name, spec, conversion in fields
                 if name not in names or spec or conversion]
        for name, spec, conversion in wrong:
            written = "{" + name + (f"!{conversion}" if conversion else "") + (
                f":{spec}" if spec else "") + "}"
            yield Problem(shown, at.line, at.column, "ui_placeholder", field=key,
                          params={"found": written, "expected": expected})
        if wrong:
            continue  # that message names the placeholders the text takes
        for name in sorted(names - {name for name, _, _ in fields}):
            yield Problem(shown, at.line, at.column, "ui_placeholder_missing", field=key,
                          params={"found": f"{{{name}}}"})
