"""Translation state of a record: pending translations and stale ones.

A translation is *stale* when the default language's text changed after the translation was
last reviewed against it. The data records the review as a short fingerprint of each reviewed
default-language field::

    translation:
      en:
        reviewed: {title: 1a2b3c4d, summary: 5e6f7a8b, description: 9c0d1e2f}

A fingerprint is the first 8 hex digits of the SHA-256 of the field's text with runs of
white space collapsed, so re-wrapping a paragraph does not count as a change. ``microsite check``
prints the current fingerprints to copy after a review. Nothing here reads files or builds pages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# the texts a translator reviews, in the order they appear on a page
REVIEWED_FIELDS = ("title", "summary", "target_group", "description", "how_to_take_part")
FINGERPRINT = r"^[0-9a-f]{8}$"


def fingerprint(value: Any) -> str:
    """The fingerprint of one text field (a string, or a list of steps)."""
    text = "\n".join(value) if isinstance(value, list) else str(value)
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:8]


def fingerprints(block: dict) -> dict[str, str]:
    """Fingerprints of every reviewed field present in one language's texts."""
    return {key: fingerprint(block[key]) for key in REVIEWED_FIELDS
            if key in block and block[key] not in (None, "", [])}


def fingerprints_yaml(block: dict) -> str:
    """The ``reviewed`` mapping as one line of YAML flow style, ready to paste."""
    return "{" + ", ".join(f"{k}: {v}" for k, v in fingerprints(block).items()) + "}"


@dataclass(frozen=True)
class StaleField:
    """A default-language field whose text differs from what the translation was checked against."""

    lang: str  # the translation's language
    field: str  # e.g. "summary"
    current: str  # the fingerprint to record after reviewing


@dataclass(frozen=True)
class UnreviewedTranslation:
    """A translation with no review recorded, so staleness cannot be told."""

    lang: str
    reviewed: str  # the whole ``reviewed`` mapping to record, as YAML


def review_findings(item: dict, default: str,
                    languages: tuple[str, ...]) -> Iterator[StaleField | UnreviewedTranslation]:
    """What to warn about in one record's translations (default language vs. each other)."""
    texts = item.get("texts")
    if not isinstance(texts, dict) or not isinstance(texts.get(default), dict):
        return
    source = texts[default]
    states = item.get("translation") if isinstance(item.get("translation"), dict) else {}
    for lang in languages:
        if lang == default or not isinstance(texts.get(lang), dict):
            continue
        state = states.get(lang)
        reviewed = state.get("reviewed") if isinstance(state, dict) else None
        if not isinstance(reviewed, dict):
            yield UnreviewedTranslation(lang, fingerprints_yaml(source))
            continue
        for key, current in fingerprints(source).items():
            if reviewed.get(key) != current:
                yield StaleField(lang, key, current)
