"""``mkdocs serve`` after a data error: keep serving the last good pages, errors on top.

MkDocs 1.6.1's live-reload server holds every request after a failed rebuild until a build
succeeds ("the server will appear stuck"), so an editor who saves a mistake sees the preview
hang and the messages only in a terminal. Our validation fails before anything is written, so
the previous pages are still whole: this guard marks them as current again and adds a box with
the messages to each served page. It relies on two attributes of MkDocs' ``LiveReloadServer``
(``builder`` and ``_inject_js_into_html``), checked when installed; MkDocs is pinned.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger("mkdocs.plugins.microsite")

_BOX_STYLE = (
    "margin:0;padding:1rem 1.5rem;background:#fbeaec;color:#5a0713;border-bottom:4px solid "
    "#b1132f;font:16px/1.5 system-ui,sans-serif;position:relative;z-index:1000"
)


class PreviewGuard:
    """Remembers the messages of the last failed validation while serving."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.heading = ""

    def failed(self, heading: str, messages: list[str]) -> None:
        """Called by the plugin when validation stops a rebuild (before anything is written)."""
        self.heading = heading
        self.messages = list(messages)

    def install(self, server: Any) -> bool:
        """Wrap the server's builder and page injection; False where the server is unfamiliar."""
        builder = getattr(server, "builder", None)
        inject = getattr(server, "_inject_js_into_html", None)
        if not callable(builder) or not callable(inject) or not hasattr(server, "_epoch_cond"):
            log.warning("microsite: unknown live-reload server; a data error will stall preview")
            return False
        server.builder = self._guarded(server, builder)
        server._inject_js_into_html = self._injecting(inject)
        return True

    def _guarded(self, server: Any, builder: Callable[..., None]) -> Callable[..., None]:
        def build(*args: Any, **kwargs: Any) -> None:
            self.messages = []
            try:
                builder(*args, **kwargs)
            except BaseException:
                if self.messages:  # our validation stopped it: the old pages are intact
                    with server._epoch_cond:
                        server._visible_epoch = server._wanted_epoch
                        server._epoch_cond.notify_all()
                raise
        return build

    def _injecting(self, inject: Callable[[bytes, int], bytes]) -> Callable[[bytes, int], bytes]:
        def injected(content: bytes, epoch: int) -> bytes:
            content = inject(content, epoch)
            return self.with_box(content) if self.messages else content
        return injected

    def box(self) -> str:
        items = "".join(f"<li>{html.escape(m)}</li>" for m in self.messages)
        return (f'<div class="ms-preview-errors" role="alert" style="{_BOX_STYLE}">'
                f"<p><strong>{html.escape(self.heading)}</strong></p>"
                f'<ul style="margin:0.5rem 0 0 1.2rem">{items}</ul></div>')

    def with_box(self, content: bytes) -> bytes:
        """The page with the error box right after ``<body …>``."""
        start = content.find(b"<body")
        end = content.find(b">", start) + 1 if start >= 0 else 0
        return content[:end] + self.box().encode("utf-8") + content[end:]
