"""Serve a built website on 127.0.0.1, gzip-compressing text files as a static host does.

Used by ``make serve``, by the browser tests (tests/browser/conftest.py) and by benchmarks/bench_website.py, so
that what they measure is what this server really sends. It is Python's ``ThreadingHTTPServer`` with a
``SimpleHTTPRequestHandler`` that:

- sends HTML, CSS, JavaScript, JSON, SVG, plain text, source maps and notebooks gzip-compressed
  (``Content-Encoding: gzip``) when the request's ``Accept-Encoding`` allows gzip, and adds
  ``Vary: Accept-Encoding`` to every response for those types; compressed bytes are kept in memory, keyed on the
  file's path, size and modification time, so each file is compressed once;
- sends everything else (fonts, images, already compressed files) as it is;
- listens on 127.0.0.1 only; ``quiet=True`` drops the per-request log lines.

Run: ``python scripts/serve_site.py --port 8000 --directory _build/html``. From Python (the tests add
``scripts/`` to ``sys.path``)::

    server, url = serve_in_thread(Path("_build/html"), quiet=True)
    ...
    server.shutdown()
"""

from __future__ import annotations

import argparse
import email.utils
import functools
import gzip
import io
import os
import sys
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HOST = "127.0.0.1"
# Text types a static host compresses. Fonts (woff2), images and objects.inv are already compressed.
COMPRESSED_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".ipynb": "application/json",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
}
GZIP_LEVEL = 6  # the usual level of static hosts; level 9 saves about 1 % more here


def accepts_gzip(header: str | None) -> bool:
    """Whether an ``Accept-Encoding`` header allows gzip (``gzip`` or ``*`` with a quality above 0).

    >>> accepts_gzip("gzip, deflate, br"), accepts_gzip("br;q=1, gzip;q=0"), accepts_gzip(None)
    (True, False, False)
    """
    for item in (header or "").split(","):
        name, _, params = item.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            quality = params.strip().lower()
            if quality.startswith("q="):
                try:
                    return float(quality[2:]) > 0
                except ValueError:
                    return False
            return True
    return False


class _GzipCache:
    """Compressed file bytes, keyed on (path, size, mtime_ns); one lock, compression outside it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data: dict[str, tuple[int, int, bytes]] = {}

    def get(self, path: str, stat: os.stat_result) -> bytes:
        with self._lock:
            hit = self._data.get(path)
        if hit is not None and hit[:2] == (stat.st_size, stat.st_mtime_ns):
            return hit[2]
        with open(path, "rb") as f:
            body = gzip.compress(f.read(), GZIP_LEVEL, mtime=0)
        with self._lock:
            self._data[path] = (stat.st_size, stat.st_mtime_ns, body)
        return body


class SiteHandler(SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler that gzips text types for clients that accept it (see the module docstring)."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **COMPRESSED_TYPES, ".woff2": "font/woff2"}
    quiet = False
    cache = _GzipCache()

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        if not self.quiet:
            super().log_message(format, *args)

    def _file_to_send(self) -> str | None:
        """The file this GET/HEAD resolves to (a directory's index.html), or None for anything else."""
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].split("#", 1)[0].endswith("/"):
                return None  # the base class redirects to the URL with a slash
            for index in ("index.html", "index.htm"):
                if os.path.isfile(os.path.join(path, index)):
                    return os.path.join(path, index)
            return None
        return path if os.path.isfile(path) else None

    def send_head(self):
        path = self._file_to_send()
        compressible = path is not None and os.path.splitext(path)[1].lower() in COMPRESSED_TYPES
        if not compressible:
            return super().send_head()
        self._vary = True
        if not accepts_gzip(self.headers.get("Accept-Encoding")):
            return super().send_head()
        try:
            stat = os.stat(path)
            body = self.cache.get(path, stat)
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        since = self.headers.get("If-Modified-Since")
        if since and "If-None-Match" not in self.headers:
            try:
                if int(stat.st_mtime) <= email.utils.parsedate_to_datetime(since).timestamp():
                    self.send_response(HTTPStatus.NOT_MODIFIED)
                    self.end_headers()
                    return None
            except (TypeError, ValueError, OverflowError, IndexError):
                pass
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self):
        if getattr(self, "_vary", False):
            self.send_header("Vary", "Accept-Encoding")
            self._vary = False
        super().end_headers()


def make_server(directory: Path | str, port: int = 0, *, quiet: bool = False) -> ThreadingHTTPServer:
    """A ThreadingHTTPServer on 127.0.0.1:port (0: a free port) serving ``directory`` through SiteHandler."""
    handler = type("Handler", (SiteHandler,), {"quiet": quiet})
    server = ThreadingHTTPServer((HOST, port), functools.partial(handler, directory=str(directory)))
    server.daemon_threads = True
    return server


def serve_in_thread(directory: Path | str, *, quiet: bool = True) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``directory`` on a free port of 127.0.0.1 from a daemon thread; return the server and its base URL.

    Stop it with ``server.shutdown()``.
    """
    server = make_server(directory, quiet=quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{HOST}:{server.server_address[1]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    parser.add_argument("--directory", type=Path, default=Path("_build/html"), help="folder to serve")
    parser.add_argument("--quiet", action="store_true", help="do not log each request")
    args = parser.parse_args(argv)
    if not args.directory.is_dir():
        parser.error(f"--directory {args.directory} is not a folder; build the book first (make book)")
    server = make_server(args.directory, args.port, quiet=args.quiet)
    url = f"http://{HOST}:{server.server_address[1]}"
    print(f"Serving {args.directory} on {url} (gzip for text files; Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
