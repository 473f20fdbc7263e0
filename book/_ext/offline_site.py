"""Sphinx extension: keep the built website self-contained (no script from a CDN, no console error).

Jupyter Book 1.x always loads ``sphinx_thebe``, even with ``launch_buttons.thebe: false``. It adds an inline
``const THEBE_JS_URL = "<CDN URL>"`` script (twice on incremental builds, which raises "Identifier
'THEBE_JS_URL' has already been declared" in the browser console), ``sphinx-thebe.js`` and a Thebe config
block to every page. The book does not use Thebe (its explorers run in plain JavaScript, see
book/_static/explorers.js), so this extension disconnects sphinx_thebe's event handlers and drops its CSS.

Two theme and docutils details that the browser tests (tests/browser/) flag are fixed here too:

- pydata-sphinx-theme logs the console error "Got invalid theme mode: ." on a reader's first visit when the
  ``default_mode`` template variable is empty; _config.yml sets it to "auto" (``html_context``), which is what
  the theme falls back to anyway.
- docutils writes a bibliography as ``<div role="list">`` holding ``role="doc-biblioentry"`` items; axe-core
  reports that as a critical violation (aria-required-children: a list must contain list items). The entries get
  ``role="listitem"``.

Enabled in _config.yml under ``sphinx.local_extensions``; tests/browser/ checks the result.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


def _drop_sphinx_thebe(app: Sphinx) -> int:
    """Disconnect every event handler that sphinx_thebe registered; return how many were removed."""
    removed = 0
    for listeners in app.events.listeners.values():
        for listener in list(listeners):
            if getattr(listener.handler, "__module__", "").startswith("sphinx_thebe"):
                app.disconnect(listener.id)
                removed += 1
    app.registry.css_files[:] = [(f, a) for f, a in app.registry.css_files if "thebe" not in f]
    return removed


def _citation_list_items(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app: Sphinx) -> dict[str, Any]:
    """Remove Thebe's assets once every extension is loaded (sphinx_thebe is set up before this one)."""
    # Jupyter Book lists its own extensions (sphinx_thebe among them) before local_extensions, so sphinx_thebe's
    # setup() has already run here.
    if "sphinx_thebe" in app.extensions:
        _drop_sphinx_thebe(app)
    app.connect("html-page-context", _citation_list_items)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
