"""One search index per language instead of Material's single mixed one.

mkdocs-static-i18n writes one ``search/search_index.json`` with every language's pages. The
default language keeps that file with its own pages only; every other language gets
``<lang>/search/search_index.json`` with locations relative to ``<lang>/``, which its pages load
(their search base is their language folder, see ``overrides/main.html``).
"""

from __future__ import annotations

import copy
from typing import Any


def split_search_index(index: dict[str, Any], languages: tuple[str, ...]) -> dict[str, dict]:
    """``{lang: index}`` for each language; ``languages[0]`` is the default (site root)."""
    default, others = languages[0], languages[1:]
    out: dict[str, dict] = {}
    for lang in languages:
        part = copy.deepcopy({k: v for k, v in index.items() if k != "docs"})
        config = part.setdefault("config", {})
        config["lang"] = [lang]
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
