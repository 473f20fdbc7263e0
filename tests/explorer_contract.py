"""The explorer contract of lossfns.widgets (its module docstring), as the tests check it.

Every explorer's text/html is one ``div.lossfns-explorer`` with the kind and the JSON state, a static figure with
alt text and caption, and the no-JavaScript line; book/_static/explorers.js reads exactly this.
"""

import re

HTML_RE = re.compile(
    r"^<div class=\"lossfns-explorer\" data-explorer=\"(?P<kind>[a-z-]+)\" data-state='(?P<state>[^']*)'>"
    r"<figure><img src=\"data:image/png;base64,(?P<png>[A-Za-z0-9+/=]+)\" alt=\"(?P<alt>[^\"]+)\">"
    r"<figcaption>(?P<caption>[^<]+)</figcaption></figure>"
    r"<p class=\"lossfns-nojs\">(?P<nojs>[^<]+)</p></div>$"
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def check_bundle(explorer, kind: str) -> tuple[dict, dict]:
    """Check the parts of ``explorer``'s MIME bundle every kind shares; return the bundle and the parsed state."""
    import base64
    import html
    import json

    from lossfns.widgets import NOJS_TEXT

    bundle = explorer._repr_mimebundle_()
    assert "model_id" in bundle["application/vnd.jupyter.widget-view+json"]
    m = HTML_RE.match(bundle["text/html"])
    assert m, bundle["text/html"][:300]
    assert m["kind"] == kind
    assert base64.b64decode(m["png"]).startswith(PNG_MAGIC)
    assert html.unescape(m["nojs"]) == NOJS_TEXT
    assert m["alt"] and m["caption"]
    return bundle, json.loads(html.unescape(m["state"]))
