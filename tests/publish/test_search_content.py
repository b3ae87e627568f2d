"""Search finds what a record page shows (issue 11, point 5): the summary, the facts (funder,
provider, partners) and the results are in the search index, each language in its own index.

Unique made-up words are put into a copy of the project, so the test reads nothing of the live
data and a word can only be found where the generator put it."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from projectcopy import copy_project
from sitebuild import build

WORDS = {
    # token: the language whose index alone must hold it (None: a name used in every language)
    "Zwirbelkampstiftung": None,       # funder, one name for every language
    "Quorkträgerwerk": None,           # provider
    "Quorkverbandnord": "de",          # partner, German name
    "Quorkassociation": "en",          # partner, English name
    "Quorkpraktika": "de",             # result label
    "quorkinternships": "en",          # result label
    "Sommerquorkberatung": "de",       # summary
    "summerquorkadvice": "en",         # summary
}


def _edit(records: list[dict]) -> None:
    record = records[0]
    record["funding"] = {"funders": [{"name": "Zwirbelkampstiftung"}]}
    record["providers"] = [{"name": "Quorkträgerwerk"}]
    record["partners"] = [{"name": {"de": "Quorkverbandnord", "en": "Quorkassociation"}}]
    record["results"] = [{"count": 7, "label": {"de": "Quorkpraktika vermittelt",
                                                "en": "quorkinternships arranged"}}]
    record["texts"]["de"]["summary"] = "Eine Sommerquorkberatung für alle."
    record["texts"]["en"]["summary"] = "A summerquorkadvice for everyone."
    record.pop("translation", None)  # reviewed fingerprints would only warn


@pytest.fixture(scope="module")
def indexes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict, str]]:
    root = tmp_path_factory.mktemp("search")
    records: list[dict] = []

    def edit(data: list[dict]) -> None:
        _edit(data)
        records.extend(data)

    # the German and English indexes are read: the other languages are not built
    project = copy_project(root / "project", edit_records=edit, languages=("de", "en"))
    result = build(root / "site", project=project)
    assert result.returncode == 0, result.output
    found = {lang: json.loads((result.site / prefix / "search" / "search_index.json")
                              .read_text(encoding="utf-8"))
             for lang, prefix in (("de", ""), ("en", "en/"))}
    yield found, records[0]["id"]


def _locations(index: dict, word: str) -> set[str]:
    return {doc["location"].split("#")[0] for doc in index["docs"]
            if word.casefold() in (doc.get("text", "") + doc.get("title", "")).casefold()}


@pytest.mark.parametrize("word", WORDS)
def test_each_word_is_found_on_its_page_in_its_language_only(indexes: tuple[dict, str],
                                                             word: str) -> None:
    found, record_id = indexes
    page = f"programme/{record_id}/"
    only = WORDS[word]
    for lang, index in found.items():
        expected = {page} if only in (None, lang) else set()
        assert _locations(index, word) == expected, (word, lang)


def test_the_indexes_keep_their_languages(indexes: tuple[dict, str]) -> None:
    found, _ = indexes
    assert found["de"]["config"]["lang"] == ["de"] and found["en"]["config"]["lang"] == ["en"]
    assert not any(doc["location"].startswith("en/") for doc in found["de"]["docs"])
