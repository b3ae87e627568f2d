"""Names of the light/dark switch in the page's language.

``mkdocs.yml`` names each toggle of Material's palette by an interface text key (``palette.
to_dark``); the theme prints ``toggle.name`` as the switch's label, so before each page is
rendered the key is replaced by the text of the page's language. The configured key is kept
aside, so the next language finds it again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

KEY_PREFIX = "palette."


def name_palette_toggles(palette: Any, phrases: Mapping[str, str]) -> None:
    """Give every toggle of ``palette`` (Material's list of schemes) its name in the language
    of ``phrases``; names that are not text keys stay as written."""
    if not isinstance(palette, list):
        return
    for option in palette:
        toggle = option.get("toggle") if isinstance(option, dict) else None
        if not isinstance(toggle, dict):
            continue
        key = toggle.setdefault("name_key", toggle.get("name"))
        if isinstance(key, str) and key.startswith(KEY_PREFIX) and key in phrases:
            toggle["name"] = phrases[key]
