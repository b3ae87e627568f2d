"""The HTML bodies of generated pages, rendered from our partials before any engine runs.

A record's page, the overview, "Hilfe und Kontakt" and the start page's first screen are drawn
from the data; their body goes into the page's Markdown file as HTML (an engine passes block
HTML through as it is). The templates are the partials in ``custom_dir``
(``partials/microsite/pages/``); autoescape is on: data is text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

PAGES = "partials/microsite/pages"
# blank lines within a text (between two characters that are not a tag's), not the template's
_BLANK_LINES = re.compile(r"(?<=[^>\s])((?:[ \t]*\n){2,})(?=[ \t]*[^<\s])")


class PageBodies:
    """One Jinja environment over the theme's partials, for every page of a build."""

    def __init__(self, custom_dir: Path) -> None:
        self.env = Environment(loader=FileSystemLoader(str(custom_dir)), autoescape=True,
                               undefined=StrictUndefined, finalize=_as_one_block)
        self._macros: dict[str, Any] = {}

    def render(self, name: str, **context: Any) -> str:
        """``partials/microsite/pages/<name>.html`` with ``context``, as one block of HTML."""
        html = self.env.get_template(f"{PAGES}/{name}.html").render(**context)
        return _compact(html)

    def macro(self, template: str, name: str, *args: Any) -> str:
        """A macro of a partial called with ``args``, e.g. ``("source.html",
        "source_citation", source)``, as one block of HTML."""
        key = f"{template}:{name}"
        if key not in self._macros:
            module = self.env.get_template(f"partials/microsite/{template}").module
            self._macros[key] = getattr(module, name)
        return _compact(str(self._macros[key](*args)))


def _as_one_block(value: Any) -> Any:
    """Every printed value as HTML that Markdown passes through unchanged: an editor's line
    breaks and tabs as character references (a blank line would end the block of HTML and let
    Markdown read what follows, e.g. a link definition; Markdown turns tabs into spaces)."""
    if isinstance(value, Markup):
        text = _BLANK_LINES.sub(lambda m: m.group(1).replace("\n", "&#10;"), str(value))
        return Markup(text.replace("\t", "&#9;"))
    if isinstance(value, str):
        return Markup(str(escape(value)).replace("\n", "&#10;").replace("\t", "&#9;"))
    return value


def _compact(html: str) -> str:
    """One block of HTML: the template's blank lines left out (the values have none)."""
    return "\n".join(line for line in html.split("\n") if line.strip())  # "\n" only: an
    # editor's U+2028 stays in its line
