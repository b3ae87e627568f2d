"""The HTML bodies of generated pages, rendered from our partials before any engine runs.

A record's page, the overview, "Hilfe und Kontakt" and the start page's first screen are drawn
from the data; their body goes into the page's Markdown file as HTML (an engine passes block
HTML through as it is). The templates are the partials in ``custom_dir``
(``partials/microsite/pages/``); autoescape is on: data is text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

PAGES = "partials/microsite/pages"


class PageBodies:
    """One Jinja environment over the theme's partials, for every page of a build."""

    def __init__(self, custom_dir: Path) -> None:
        self.env = Environment(loader=FileSystemLoader(str(custom_dir)), autoescape=True,
                               undefined=StrictUndefined, trim_blocks=False)
        self._macros: dict[str, Any] = {}

    def render(self, name: str, **context: Any) -> str:
        """``partials/microsite/pages/<name>.html`` with ``context``, as one block of HTML."""
        html = self.env.get_template(f"{PAGES}/{name}.html").render(**context)
        return _compact(html)

    def macro(self, template: str, name: str) -> Any:
        """A macro of a partial, e.g. ``("source.html", "source_citation")``."""
        key = f"{template}:{name}"
        if key not in self._macros:
            module = self.env.get_template(f"partials/microsite/{template}").module
            self._macros[key] = getattr(module, name)
        return self._macros[key]


def _compact(html: str) -> str:
    """Without blank lines: Markdown ends a block of HTML at none, but keep it one block."""
    return "\n".join(line for line in html.splitlines() if line.strip())
