"""Safe HTML from data files.

Text in ``data/`` is escaped before it reaches an HTML widget. A small subset of markup is
allowed back in, written literally in the data: ``<em>``, ``<strong>``, ``<code>``,
``<sub>``, ``<sup>`` and ``<br>`` (no attributes). Everything else shows as plain text.
"""

from __future__ import annotations

import html
import re

ALLOWED_TAGS = ("em", "strong", "code", "sub", "sup", "br")
_ALLOWED_RE = re.compile(r"&lt;(/?)(" + "|".join(ALLOWED_TAGS) + r")\s*/?&gt;")


def safe_html(text: str) -> str:
    """Escape ``text`` for HTML, then restore the allowed attribute-free tags."""
    escaped = html.escape(str(text), quote=True)
    return _ALLOWED_RE.sub(lambda m: f"<{m.group(1)}{m.group(2)}>", escaped)


def strip_tags(text: str) -> str:
    """Plain-text version (for widget labels, which do not render HTML)."""
    return re.sub(r"</?(?:" + "|".join(ALLOWED_TAGS) + r")\s*/?>", "", str(text))
