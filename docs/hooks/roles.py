"""MkDocs hook: Sphinx roles in docstrings (``:func:`name```) become links or code spans.

The package's numpydoc docstrings cross-reference with Sphinx roles, which mkdocstrings
prints verbatim (``:func:<code>name</code>``). After a page is rendered this hook rewrites
every role: to a link to the object's heading when the page documents it, to an
mkdocs-autorefs cross-reference when the name is fully qualified (``autocoherence.…``,
resolved against every API page, left as code when nothing matches), and to a plain code
span otherwise. A leading ``~`` shows the last component only, as in Sphinx.
"""

from __future__ import annotations

import html
import re
from typing import Any

ROLES = "mod|module|class|func|meth|attr|data|obj|exc|const|py:[a-z]+"
_ROLE = re.compile(rf":(?:{ROLES}):<code>(~?)([^<]+)</code>")
_ANCHOR = re.compile(r'id="(autocoherence(?:\.[A-Za-z_][\w]*)+)"')


def rewrite_roles(text: str) -> str:
    """The HTML ``text`` with every ``:role:<code>target</code>`` rewritten.

    >>> page = '<h2 id="autocoherence.x.f">f</h2> see :func:<code>f</code>'
    >>> rewrite_roles(page).split("see ")[1]
    '<a href="#autocoherence.x.f"><code>f</code></a>'
    >>> rewrite_roles(":mod:<code>~autocoherence.collision.model</code>")
    '<autoref identifier="autocoherence.collision.model" optional><code>model</code></autoref>'
    >>> rewrite_roles(":class:<code>numpy.ndarray</code>")
    '<code>numpy.ndarray</code>'
    """
    anchors = _ANCHOR.findall(text)

    def replace(match: re.Match[str]) -> str:
        tilde, target = match.group(1), html.unescape(match.group(2)).strip().rstrip("()")
        shown = target.rsplit(".", 1)[-1] if tilde else target
        code = f"<code>{html.escape(shown)}</code>"
        local = [a for a in anchors if a == target or a.endswith(f".{target}")]
        if local:
            return f'<a href="#{local[0]}">{code}</a>'
        if target.startswith("autocoherence."):
            return f'<autoref identifier="{target}" optional>{code}</autoref>'
        return code

    return _ROLE.sub(replace, text)


def on_page_content(html_text: str, **_: Any) -> str:
    """Rewrite the roles of every rendered page (mkdocs passes page, config and files)."""
    return rewrite_roles(html_text)
