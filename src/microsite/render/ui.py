"""User-interface texts per language, from ``<dir>/<lang>.yaml`` (flat ``key: text`` files)."""

from __future__ import annotations

from pathlib import Path

from microsite.checks.collector import refusal_problem
from microsite.checks.problems import Problem
from microsite.data.input_guards import InputRefused, control_characters, read_data_file
from microsite.data.loading import DuplicateKeyError, YamlSyntaxError, parse_yaml


class Phrases(dict):
    """One language's texts; a missing key shows as the key, which tests and checks catch."""

    def __missing__(self, key: str) -> str:
        return key

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
    if langs and langs[0] in phrases:
        reference = phrases[langs[0]]
        for lang in langs[1:]:
            for key in reference:
                if lang in phrases and key not in phrases[lang]:
                    problems.append(Problem(f"{display_dir}/{lang}.yaml", 1, 1, "missing",
                                            field=key, params={"key": key}))
    return phrases, problems
