"""``./dev edit``: the browser editor on the working copy, without GitHub.

The editor page is served from a temporary folder on localhost, with our stylesheet for the
preview; decap-server (npm, ``tools/cms``) reads and writes the files of the working copy.
Decap CMS uses it whenever the page runs on localhost and the server answers.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import webbrowser
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from microsite.admin_site import write_admin
from microsite.edit_check import check_on_save

DECAP_SERVER = Path("tools/cms/node_modules/decap-server/dist/index.js")
PROXY_PORT = 8081  # where Decap CMS looks for it (local_backend: true)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"decap-server did not start on port {port}")


@contextmanager
def decap_server(repo: Path, root: Path, port: int = PROXY_PORT) -> Iterator[int]:
    """decap-server (file-system mode) on ``port``, saving into ``repo``."""
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
           "GIT_REPO_DIRECTORY": str(repo), "LOG_LEVEL": "warn"}
    proc = subprocess.Popen(["node", str(root / DECAP_SERVER)], env=env, cwd=repo)
    try:
        _wait_for_port(port)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def admin_folder(root: Path) -> Iterator[Path]:
    """A temporary site with ``admin/`` and the stylesheet the preview uses."""
    with tempfile.TemporaryDirectory(prefix="microsite-edit-") as tmp:
        site = Path(tmp)
        write_admin(site, root)
        shutil.copytree(root / "docs" / "assets", site / "assets")
        yield site


@contextmanager
def serve_folder(folder: Path, port: int) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://localhost:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_editor(root: Path, port: int = 8090, open_browser: bool = True) -> int:
    signal.signal(signal.SIGTERM, _stop)  # stop decap-server too when ended from outside
    with admin_folder(root) as site, decap_server(root, root), serve_folder(site, port) as url, \
            check_on_save(root, site / "admin"):
        address = url + "admin/"
        print(f"Editor: {address}  (speichert in {root / 'data'}; Ende mit Strg+C)")
        if open_browser:
            webbrowser.open(address)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0
    return 0
