"""Fixtures of the browser tests: the built site on 127.0.0.1, one Chromium for the session, guarded pages.

The tests read the build at _build/html (``make test`` builds it before running them; set BOOK_HTML to test
another build). A missing build is a
failure with a clear message, never a skip. Chromium is Debian's /usr/bin/chromium (``make chromium`` installs
it); Playwright's own browser download is never used.

Every page opened through :func:`open_page` is guarded: any request to a host other than 127.0.0.1 is aborted and
recorded, and console errors and uncaught exceptions are recorded; tests assert both lists are empty.
"""

from __future__ import annotations

import base64
import html
import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The site's own static server (gzip for text types), the same as `make serve` and benchmarks/bench_website.py.
sys.path.insert(0, str(ROOT / "scripts"))
from serve_site import serve_in_thread  # noqa: E402

# The build under test: _build/html, or another build's html folder named by BOOK_HTML (e.g. a --path-output build).
SITE = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html")).resolve()
STATIC = ROOT / "book" / "_static"
HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The explorers of chapters 2-4 and chapter 6's training playground.
KINDS = ("svm-image", "svm-table", "softmax", "compare", "playground")


# ---------------------------------------------------------------------------------------------------------------
# The site and the fixture page


def site_pages() -> list[str]:
    """Every HTML page of the build, as paths relative to _build/html (empty if there is no build)."""
    if not SITE.is_dir():
        return []
    skip = ("_static", "_sources", "_images")
    pages = (p.relative_to(SITE) for p in SITE.rglob("*.html"))
    return sorted(p.as_posix() for p in pages if p.parts[0] not in skip)


@dataclass
class _Static:
    """An explorer as the fixture needs it: kind, state, PNG and alt text."""

    kind: str
    state: dict
    png_bytes: bytes
    alt: str


def fixture_explorers() -> dict[str, _Static]:
    """Each explorer as lossfns makes it at its defaults (what the book's cells display)."""
    from lossfns import playground, widgets

    made = (widgets.svm_explorer(), widgets.svm_table_explorer(), widgets.softmax_explorer(),
            widgets.compare_explorer())
    out = {e.kind: _Static(e.kind, e.state(), e.png(), e.alt_text()) for e in made}
    pg = playground.training_playground()
    out["playground"] = _Static("playground", pg.state(), pg.image.value, pg.alt_text())
    return out


def write_fixture_site(target: Path) -> Path:
    """tests/browser/fixture.html with its states filled in, beside a copy of book/_static."""
    shutil.copytree(STATIC, target / "_static")
    text = (HERE / "fixture.html").read_text(encoding="utf-8")
    for kind, explorer in fixture_explorers().items():
        key = kind.upper().replace("-", "_")
        text = text.replace(f"__STATE_{key}__", html.escape(json.dumps(explorer.state), quote=True))
        text = text.replace(f"__PNG_{key}__", base64.b64encode(explorer.png_bytes).decode("ascii"))
        text = text.replace(f"__ALT_{key}__", html.escape(explorer.alt, quote=True))
    from lossfns.widgets import NOJS_TEXT  # the hint lossfns writes into every explorer

    text = text.replace("__NOJS__", html.escape(NOJS_TEXT))
    assert "__" not in text, "fixture.html has a placeholder conftest.py does not fill"
    (target / "fixture.html").write_text(text, encoding="utf-8")
    return target


def _serve(directory: Path):
    """``directory`` on a free port of 127.0.0.1 through scripts/serve_site.py (quiet)."""
    return serve_in_thread(directory, quiet=True)


@pytest.fixture(scope="session")
def site_url():
    """The build at _build/html on a free port of 127.0.0.1. Fails (never skips) when there is no build."""
    if not (SITE / "index.html").is_file():
        pytest.fail(
            f"No built book at {SITE}: the browser tests read the build. Run `make book` (or `make test`, which "
            "builds first) and run them again."
        )
    server, url = _serve(SITE)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def fixture_url(tmp_path_factory):
    """tests/browser/fixture.html (the explorer contract, states from lossfns) on a free port of 127.0.0.1."""
    server, url = _serve(write_fixture_site(tmp_path_factory.mktemp("fixture-site")))
    yield url + "/fixture.html"
    server.shutdown()


# ---------------------------------------------------------------------------------------------------------------
# One Chromium for the session; guarded pages reused across tests


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Guarded:
    """A page with what it did wrong: requests that left 127.0.0.1, console errors, uncaught exceptions."""

    page: object
    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.external, f"requests left 127.0.0.1: {self.external}"
        assert not self.errors, f"console errors: {self.errors}"


def guard(context) -> Guarded:
    page = context.new_page()
    g = Guarded(page)

    def route(r):
        if urlsplit(r.request.url).hostname == "127.0.0.1":
            r.continue_()
        else:
            g.external.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: g.errors.append(f"{m.text} ({m.location})") if m.type == "error" else None)
    page.on("pageerror", lambda e: g.errors.append(f"uncaught: {e}"))
    return g


@pytest.fixture(scope="session")
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def open_page(context):
    """open_page(url) -> Guarded: one guarded page per URL for the whole session, loaded once."""
    pages: dict[str, Guarded] = {}

    def _open(url: str) -> Guarded:
        if url not in pages:
            g = guard(context)
            g.page.goto(url, wait_until="load")
            g.page.wait_for_function("() => !document.querySelector('.lossfns-explorer:not([data-ready])')")
            pages[url] = g
        return pages[url]

    yield _open
    for g in pages.values():
        g.page.close()
