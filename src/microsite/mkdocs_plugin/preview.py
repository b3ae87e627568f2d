"""``mkdocs serve`` after a data error: keep serving the last good pages, errors on top.

MkDocs 1.6.1's live-reload server holds every request after a failed rebuild until a build
succeeds ("the server will appear stuck"), so an editor who saves a mistake sees the preview
hang and the messages only in a terminal. Our validation fails before anything is written, so
the previous pages are still whole: this guard marks them as current again and adds a box with
the messages to each served page. It relies on two attributes of MkDocs' ``LiveReloadServer``
(``builder`` and ``_inject_js_into_html``), checked when installed; MkDocs is pinned.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from microsite.publish.preview_box import error_box, with_error_box

log = logging.getLogger("mkdocs.plugins.microsite")

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
        return error_box(self.heading, self.messages)

    def with_box(self, content: bytes) -> bytes:
        return with_error_box(content, self.heading, self.messages)
