"""scripts/serve_site.py: gzip for text types when accepted, everything else as it is, 127.0.0.1 only."""

from __future__ import annotations

import doctest
import gzip
import http.client
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import serve_site  # noqa: E402

JS = b"export const x = 1;\n" * 500
FONT = bytes(range(256)) * 8


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    (root / "index.html").write_bytes(b"<!doctype html><title>t</title>" + b"<p>hello</p>" * 200)
    (root / "_static").mkdir()
    (root / "_static" / "a.js").write_bytes(JS)
    (root / "_static" / "f.woff2").write_bytes(FONT)
    srv, url = serve_site.serve_in_thread(root)
    yield srv
    srv.shutdown()


def _get(server, path: str, encoding: str | None = "gzip, deflate, br", method: str = "GET"):
    conn = http.client.HTTPConnection(*server.server_address, timeout=10)
    headers = {"Accept-Encoding": encoding} if encoding is not None else {"Accept-Encoding": "identity"}
    conn.request(method, path, headers=headers)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp, body


def test_listens_on_loopback_only(server):
    assert server.server_address[0] == "127.0.0.1"


def test_text_is_gzipped_when_accepted(server):
    resp, body = _get(server, "/_static/a.js")
    assert resp.status == 200
    assert resp.getheader("Content-Encoding") == "gzip"
    assert resp.getheader("Vary") == "Accept-Encoding"
    assert resp.getheader("Content-Type") == "text/javascript; charset=utf-8"
    assert int(resp.getheader("Content-Length")) == len(body) < len(JS) // 10
    assert gzip.decompress(body) == JS
    _, cached = _get(server, "/_static/a.js")  # from the in-memory cache: same bytes
    assert cached == body


def test_directory_index_is_gzipped_and_head_sends_no_body(server):
    resp, body = _get(server, "/")
    assert resp.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(body).startswith(b"<!doctype html>")
    head, nothing = _get(server, "/", method="HEAD")
    assert head.getheader("Content-Length") == resp.getheader("Content-Length") and nothing == b""


@pytest.mark.parametrize("encoding", [None, "br;q=1, gzip;q=0"])
def test_text_is_sent_as_is_when_gzip_is_not_accepted(server, encoding):
    resp, body = _get(server, "/_static/a.js", encoding)
    assert resp.getheader("Content-Encoding") is None
    assert resp.getheader("Vary") == "Accept-Encoding"
    assert body == JS


def test_fonts_are_sent_as_is(server):
    resp, body = _get(server, "/_static/f.woff2")
    assert resp.getheader("Content-Encoding") is None
    assert resp.getheader("Content-Type") == "font/woff2"
    assert body == FONT


def test_missing_file_is_404(server):
    resp, _ = _get(server, "/nope.js")
    assert resp.status == 404


def test_accepts_gzip_doctest():
    result = doctest.testmod(serve_site)
    assert result.attempted >= 1 and result.failed == 0
