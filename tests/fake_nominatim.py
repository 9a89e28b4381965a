"""A local stand-in for Nominatim's /search, for testing the online path without a network.

    with FakeNominatim(mode="success") as fake:
        os.environ["ITINERARY_NOMINATIM_URL"] = fake.url

Modes: ``success`` (answers from PLACES, or the ``places`` given), ``slow`` (answers after
``delay`` seconds, to trip the client's timeout), ``trickle`` (the whole response, status line
and headers included, one byte every ``interval`` seconds: a socket timeout never fires),
``429`` (Too Many Requests + Retry-After), ``500``, ``malformed`` (HTTP 200 with a body that is
not JSON). ``closed_port_url()`` gives a URL where nothing
listens (connection refused). Every request is recorded in ``requests`` (path + headers).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

PLACES: dict[str, dict[str, Any]] = {
    # fictitious, so no offline gazetteer can know it
    "quillbrook mill": {"lat": "50.36463", "lon": "8.73859", "name": "Quillbrook Mill",
                        "display_name": "Quillbrook Mill, Hesse, Germany", "cc": "de"},
    "zhmerynka": {"lat": "49.03705", "lon": "28.11201", "name": "Zhmerynka",
                  "display_name": "Zhmerynka, Vinnytsia Oblast, Ukraine", "cc": "ua"},
    "bad nauheim": {"lat": "50.36463", "lon": "8.73859", "name": "Bad Nauheim",
                    "display_name": "Bad Nauheim, Hesse, Germany", "cc": "de"},
}


class FakeNominatim:
    def __init__(self, mode: str = "success", delay: float = 3.0, retry_after: int = 1,
                 places: dict[str, dict[str, Any]] | None = None,
                 interval: float = 0.5) -> None:
        self.mode, self.delay, self.retry_after = mode, delay, retry_after
        self.places = PLACES if places is None else places
        self.interval = interval
        self.stopped = threading.Event()
        self.requests: list[dict[str, Any]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                fake.requests.append({"path": self.path, "headers": dict(self.headers)})
                fake.handle(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> FakeNominatim:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stopped.set()   # a trickling handler stops too
        self._server.shutdown()
        self._server.server_close()

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        if parts.path.rstrip("/") != "/search":
            return self._send(h, 404, b"not found", "text/plain")
        query = parse_qs(parts.query).get("q", [""])[0].strip().casefold()
        if self.mode == "slow":
            time.sleep(self.delay)
        elif self.mode == "429":
            return self._send(h, 429, b"Too Many Requests", "text/plain",
                              {"Retry-After": str(self.retry_after)})
        elif self.mode == "500":
            return self._send(h, 500, b"Internal Server Error", "text/plain")
        elif self.mode == "malformed":
            return self._send(h, 200, b'[{"lat": "49.0", "lon": ', "application/json")
        hit = self.places.get(query)
        body = [] if hit is None else [{
            "place_id": 1, "lat": hit["lat"], "lon": hit["lon"], "name": hit["name"],
            "display_name": hit["display_name"], "type": hit.get("type", "town"),
            "importance": 0.5, "address": {"country_code": hit["cc"]},
        }]
        data = json.dumps(body).encode()
        if self.mode == "trickle":
            return self._trickle(h, data)
        self._send(h, 200, data, "application/json")

    def _trickle(self, h: BaseHTTPRequestHandler, body: bytes) -> None:
        """The whole response, one byte every ``interval`` seconds (until the server stops)."""
        head = (f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
        try:
            for i in range(len(head + body)):
                if self.stopped.wait(self.interval):
                    return
                h.wfile.write((head + body)[i:i + 1])
                h.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        h.close_connection = True

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str,
              headers: dict[str, str] | None = None) -> None:
        try:
            h.send_response(status)
            h.send_header("Content-Type", ctype)
            h.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                h.send_header(k, v)
            h.end_headers()
            h.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout mode)
            pass


def closed_port_url() -> str:
    """A loopback URL on a port that was just free: connecting is refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"
