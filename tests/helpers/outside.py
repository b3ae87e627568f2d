"""Everything a browser context asks of a host other than localhost goes through this proxy
(``tests/helpers/browser.py`` gives each context one): it records the request and refuses it,
except for the published address (``site_url``), which it answers from the local copy of the
site, as GitHub Pages would answer it once the site is published.

Why a proxy and not Playwright's ``route``: a route pauses every request of the context (the
site's own too) for a round trip through Playwright's driver, and turns the browser's cache
off; measured, that was a third of the CPU a page load costs. Requests to 127.0.0.1 do not
pass the proxy at all. Requests over TLS reach the proxy as ``CONNECT host:port``: a foreign
one is recorded as ``https://host:port`` (its path is encrypted), the published host's are
decrypted with a certificate made for the test run (the context ignores that it is
self-signed) and recorded with their path when they fall outside the site.
"""

from __future__ import annotations

import atexit
import http.server
import shutil
import socketserver
import ssl
import subprocess
import tempfile
import threading
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

_TLS: dict[str, ssl.SSLContext] = {}


def _tls_for(host: str) -> ssl.SSLContext:
    """A server-side TLS context with a self-signed certificate for ``host`` (made once per
    process with the ``openssl`` command)."""
    if host not in _TLS:
        folder = Path(tempfile.mkdtemp(prefix="microsite-tls-"))
        atexit.register(shutil.rmtree, folder, True)
        openssl = shutil.which("openssl")
        assert openssl, "the browser tests need the openssl command (Debian: openssl)"
        # an elliptic-curve key: made at once, where an RSA key takes a tenth of a second or more
        subprocess.run([openssl, "req", "-x509", "-newkey", "ec",
                        "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                        "-subj", f"/CN={host}", "-addext", f"subjectAltName=DNS:{host}",
                        "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
                       check=True, capture_output=True)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
        _TLS[host] = context
    return _TLS[host]


class Outside:
    """A proxy on a free localhost port (``address``); ``foreign`` lists what it refused."""

    def __init__(self, local_base: str, published_base: str | None) -> None:
        self.local_base = local_base
        self.published_base = published_base
        self.published_host = urlsplit(published_base).hostname if published_base else None
        self.foreign: list[str] = []
        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), self._proxy_handler())
        self._server.daemon_threads = True
        self._server.handle_error = lambda request, address: None  # a page left mid-request
        # a short poll: close() (when the context closes) waits for the loop to notice
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        self.address = f"http://127.0.0.1:{self._server.server_address[1]}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def answer(self, url: str) -> tuple[int, bytes, str]:
        """Status, body and type of ``url`` under the published address: the local copy's."""
        assert self.published_base is not None
        local = self.local_base + url[len(self.published_base):]
        try:
            with urllib.request.urlopen(local, timeout=30) as response:
                return response.status, response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers.get("Content-Type", "")

    def _proxy_handler(self) -> type[socketserver.StreamRequestHandler]:
        outside = self
        published = self._published_handler()

        class Proxy(socketserver.StreamRequestHandler):
            timeout = 30

            def handle(self) -> None:
                request_line = self.rfile.readline(65537).decode("latin-1").split()
                while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                    pass  # the headers: nothing in them changes the answer
                method, target = [*request_line, "", ""][:2]
                host = target.rsplit(":", 1)[0]
                if method == "CONNECT" and host and host == outside.published_host:
                    self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    self.wfile.flush()
                    connection = _tls_for(host).wrap_socket(self.connection, server_side=True)
                    published(connection, self.client_address, self.server)
                    return
                outside.foreign.append(f"https://{target}" if method == "CONNECT" else target)
                self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n"
                                 b"Connection: close\r\n\r\n")

        return Proxy

    def _published_handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        outside = self

        class Published(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # the browser keeps the tunnel for its next requests
            timeout = 30

            def do_GET(self) -> None:
                url = f"https://{outside.published_host}{self.path}"
                assert outside.published_base is not None
                if url.startswith(outside.published_base):
                    status, body, content_type = outside.answer(url)
                else:
                    outside.foreign.append(url)
                    status, body, content_type = 403, b"", "text/plain"
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                # the pages on localhost fetch it across origins; GitHub Pages allows any
                self.send_header("Access-Control-Allow-Origin", "*")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Published

