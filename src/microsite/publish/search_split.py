"""One search index per language instead of Material's single mixed one.

mkdocs-static-i18n writes one ``search/search_index.json`` with every language's pages. The
default language keeps that file with its own pages only; every other language gets
``<lang>/search/search_index.json`` with locations relative to ``<lang>/``, which its pages load
(their search base is their language folder, see ``overrides/main.html``).

Each index names the lunr language its pages are searched with. Material ships lunr support
(stop words) for many languages, e.g. ``tr`` and ``ar``; a language it has none for (``uk``)
is searched without any language support (lunr's ``en`` only filters English stop words, which
do not occur in Cyrillic text), rather than with a wrong neighbour's such as ``ru``.
"""

from __future__ import annotations

import copy
from typing import Any

NO_LANGUAGE_SUPPORT = "en"


def search_language(lang: str, supported: frozenset[str]) -> str:
    """The lunr language a page in ``lang`` is searched with (see the module's docstring)."""
    return lang if lang in supported else NO_LANGUAGE_SUPPORT


def split_search_index(index: dict[str, Any], languages: tuple[str, ...],
                       supported: frozenset[str] | None = None) -> dict[str, dict]:
    """``{lang: index}`` for each language; ``languages[0]`` is the default (site root).

    ``supported``: the languages lunr has support for (every one where not given)."""
    default, others = languages[0], languages[1:]
    out: dict[str, dict] = {}
    for lang in languages:
        part = copy.deepcopy({k: v for k, v in index.items() if k != "docs"})
        config = part.setdefault("config", {})
        config["lang"] = [lang if supported is None else search_language(lang, supported)]
        part["docs"] = []
        out[lang] = part
    for doc in index.get("docs", []):
        location = doc.get("location", "")
        lang = next((code for code in others if location == code + "/"
                     or location.startswith(code + "/")), default)
        entry = dict(doc)
        if lang != default:
            entry["location"] = location[len(lang) + 1:]
        out[lang]["docs"].append(entry)
    return out
