"""A source as the data names it (``source:`` of the file or of a record), as the model's
``Source``: read here, with the records; ``sources`` formats it for a page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from microsite.data.model import Source


def _texts(value: Any) -> dict[str | None, str]:
    if isinstance(value, str):
        return {None: value.strip()}
    if isinstance(value, dict):
        return {str(k): str(v).strip() for k, v in value.items()}
    return {}


def build_source(data: Any) -> Source | None:
    """The source of validated data (``{date, type, publisher, title, url}``), or None."""
    if not isinstance(data, dict) or not data.get("date"):
        return None
    return Source(date=dt.date.fromisoformat(str(data["date"])), type=_texts(data.get("type")),
                  publisher=_texts(data.get("publisher")), title=_texts(data.get("title")),
                  url=data.get("url"))
