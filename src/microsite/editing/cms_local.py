"""``./dev edit``: the browser editor on the working copy, without GitHub.

One small server on a loopback address serves the editor page (from a temporary folder, with
our stylesheet for the preview) and answers the few JSON actions of Decap CMS's local backend
(the protocol decap-server speaks) at ``/api/v1`` of the same origin. Unlike decap-server it

- answers only requests whose ``Host`` is its own loopback address and port (a DNS-rebinding
  page names another host), and saves only for requests whose ``Origin`` is that address (a
  page on another origin, also one on localhost, cannot save);
- reads and writes only the files the editor configuration names (``data/projects.yaml``),
  never through a symbolic link, and stores no uploads;
- refuses, in German, a port another process holds, instead of talking to that process.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import http.server
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import webbrowser
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from microsite.editing.admin_site import write_admin
from microsite.editing.edit_check import check_on_save

API = "/api/v1"
MAX_BODY = 5_000_000
"""Bytes a request may send; the records file is far smaller."""
LOOPBACK = ("127.0.0.1", "localhost")
CONFIG = "/admin/config.yml"
ORIGIN_MARKER = "http://editor.invalid"
"""Stands for the origin in the configuration file; the server puts in the one the page was
opened with (Decap needs a full address, and the port is known only once bound)."""
REFUSED = {
    "host": "Anfrage abgelehnt: sie kam nicht über die eigene Adresse dieses Editors.",
    "origin": "Speichern abgelehnt: die Anfrage kam nicht von der Seite dieses Editors.",
    "file": "Speichern abgelehnt: der Editor speichert nur {files}.",
    "upload": "Hochladen ist nicht möglich: die Website veröffentlicht nur Texte aus dem "
    "Formular.",
    "action": "Diese Aktion bietet der Editor nicht an.",
    "link": "Speichern abgelehnt: {file} ist eine Verknüpfung (symbolischer Link).",
}


class PortTaken(OSError):
    """Another process listens on the port ``./dev edit`` wants."""

    def __init__(self, port: int) -> None:
        super().__init__(
            f"Port {port} ist schon belegt – von einem anderen Programm oder einem zweiten "
            f"./dev edit. Der Editor startet nicht, damit nichts in eine andere Arbeitskopie "
            f"gespeichert wird. Beenden Sie das andere Programm oder wählen Sie einen freien "
            f"Port: ./dev edit --port {port + 1}")
        self.port = port


def editor_files(site: Path) -> tuple[str, ...]:
    """The files the editor configuration names (``collections[].files[].file``)."""
    config = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
    return tuple(str(entry["file"]) for collection in config.get("collections") or []
                 for entry in collection.get("files") or [])


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _Handler(http.server.SimpleHTTPRequestHandler):
    server: EditorServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def _own_host(self) -> bool:
        return self.headers.get("Host", "") in self.server.own_hosts

    def _refuse(self, status: int, reason: str, **params: str) -> None:
        self._json({"error": REFUSED[reason].format(**params)}, status)

    def _json(self, value: Any, status: int = 200) -> None:
        body = json.dumps(value, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if not self._own_host():
            return self._refuse(403, "host")
        if self.path.split("?", 1)[0] == API:
            return self._refuse(405, "action")
        if self.path.split("?", 1)[0] == CONFIG:
            text = (self.server.site / CONFIG.lstrip("/")).read_text(encoding="utf-8")
            body = text.replace(ORIGIN_MARKER, f"http://{self.headers['Host']}").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/yaml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        super().do_GET()

    def do_HEAD(self) -> None:
        if not self._own_host():
            return self._refuse(403, "host")
        super().do_HEAD()

    def do_POST(self) -> None:
        if not self._own_host():
            return self._refuse(403, "host")
        if self.headers.get("Origin", "") not in self.server.own_origins \
                or self.path != API \
                or self.headers.get_content_type() != "application/json":
            return self._refuse(403, "origin")
        length = int(self.headers.get("Content-Length") or 0)
        if not 0 < length <= MAX_BODY:
            return self._refuse(413, "upload")
        try:
            request = json.loads(self.rfile.read(length))
            action, params = request["action"], request.get("params") or {}
        except (ValueError, KeyError, TypeError):
            return self._refuse(400, "action")
        self.server.answer(self, str(action), params if isinstance(params, dict) else {})

    def do_PUT(self) -> None:
        self._refuse(405, "action")

    do_DELETE = do_PATCH = do_PUT


class EditorServer(http.server.ThreadingHTTPServer):
    """The editor page from ``site`` and Decap's local backend on ``repo``."""

    daemon_threads = True

    def __init__(self, site: Path, repo: Path, port: int = 0) -> None:
        self.site = site
        self.repo = repo.resolve()
        self.files = editor_files(site)
        try:
            super().__init__(("127.0.0.1", port),
                             functools.partial(_Handler, directory=str(site)))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortTaken(port) from None
            raise
        self.port = self.server_address[1]
        self.own_hosts = {f"{host}:{self.port}" for host in LOOPBACK}
        self.own_origins = {f"http://{host}" for host in self.own_hosts}
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}/"

    def _path(self, name: Any) -> Path | None:
        """The file of the repository for ``name``, only if the configuration names it."""
        return self.repo / name if isinstance(name, str) and name in self.files else None

    def _entry(self, name: Any) -> dict[str, Any]:
        path = self._path(name)
        if path is None or path.is_symlink() or not path.is_file():
            return {"data": None, "file": {"path": str(name), "id": None}}
        content = path.read_bytes()
        return {"data": content.decode("utf-8", "replace"),
                "file": {"path": name, "id": _sha256(content)}}

    def answer(self, handler: _Handler, action: str, params: dict[str, Any]) -> None:
        if action == "info":
            return handler._json({"repo": self.repo.name, "publish_modes": ["simple"],
                                  "type": "local_fs"})
        if action == "entriesByFiles":
            files = params.get("files") if isinstance(params.get("files"), list) else []
            return handler._json([self._entry(f.get("path") if isinstance(f, dict) else None)
                                  for f in files])
        if action == "getEntry":
            return handler._json(self._entry(params.get("path")))
        if action in ("entriesByFolder", "getMedia"):
            return handler._json([])  # no folder collections, no media
        if action == "getDeployPreview":
            return handler._json(None)
        if action == "persistEntry":
            return self._persist(handler, params)
        if action in ("persistMedia", "getMediaFile", "deleteFile", "deleteFiles"):
            return handler._refuse(403, "upload" if "Media" in action else "action")
        return handler._refuse(422, "action")

    def _persist(self, handler: _Handler, params: dict[str, Any]) -> None:
        entry = params.get("entry")
        files = params.get("dataFiles") or ([entry] if entry else [])
        if params.get("assets"):
            return handler._refuse(403, "upload")
        writes = []
        for item in files if isinstance(files, list) else []:
            raw = item.get("raw") if isinstance(item, dict) else None
            path = self._path(item.get("path")) if isinstance(item, dict) else None
            if path is None or not isinstance(raw, str) or item.get("newPath"):
                return handler._refuse(403, "file", files=", ".join(self.files))
            if path.is_symlink():
                return handler._refuse(403, "link", file=item["path"])
            writes.append((path, raw))
        if not writes:
            return handler._refuse(403, "file", files=", ".join(self.files))
        with self.lock:
            for path, raw in writes:
                _write_atomically(path, raw)
        handler._json({"message": "entry persisted"})


def _write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` (never a file a link points to) in one step."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _local_config(site: Path) -> None:
    """The editor page's configuration with the local backend on its own origin."""
    config_file = site / "admin" / "config.yml"
    text = config_file.read_text(encoding="utf-8")
    header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
    config = yaml.safe_load(text)
    config["local_backend"] = {"url": ORIGIN_MARKER + API, "allowed_hosts": list(LOOPBACK)}
    config_file.write_text(header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False,
                                                   width=100), encoding="utf-8")


@contextmanager
def admin_folder(root: Path) -> Iterator[Path]:
    """A temporary site with ``admin/`` (local backend on the page's own origin) and the
    stylesheet the preview uses."""
    with tempfile.TemporaryDirectory(prefix="microsite-edit-") as tmp:
        site = Path(tmp)
        write_admin(site, root)
        _local_config(site)
        shutil.copytree(root / "docs" / "assets", site / "assets")
        yield site


@contextmanager
def editor_server(site: Path, repo: Path, port: int = 0) -> Iterator[EditorServer]:
    """The running server; raises PortTaken when ``port`` is held."""
    server = EditorServer(site, repo, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_editor(root: Path, port: int = 8090, open_browser: bool = True) -> int:
    signal.signal(signal.SIGTERM, _stop)
    with admin_folder(root) as site:
        try:
            server = EditorServer(site, root, port)
        except PortTaken as taken:
            print(taken, file=sys.stderr)
            return 1
        threading.Thread(target=server.serve_forever, daemon=True).start()
        address = server.url + "admin/"
        print(f"Editor: {address}  (speichert nur {', '.join(server.files)} in {root}; "
              "Ende mit Strg+C)", flush=True)
        try:
            # check's report after every save, shown in the editor (edit_check.py)
            with check_on_save(root, site / "admin"):
                if open_browser:
                    webbrowser.open(address)
                while True:
                    time.sleep(3600)
        except KeyboardInterrupt:
            return 0
        finally:
            server.shutdown()
            server.server_close()
