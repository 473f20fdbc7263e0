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
