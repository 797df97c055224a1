#!/usr/bin/env python3
"""Check that built pages (slide decks, the static site) work with the network off.

    python scripts/offline_check.py DIR [DIR ...]

Every HTML, CSS and JavaScript file under each DIR is read with real parsers (Python's
html.parser for HTML, tinycss2 for CSS). A problem is reported, with file and line, for:

- anything the browser would fetch from another machine: ``src``, ``href`` of ``link``,
  ``srcset``, ``poster``, ``data``, ``background``, ``<base>``, ``<meta http-equiv=refresh>``,
  SVG ``href`` / ``xlink:href``, CSS ``url(...)``, ``@import``, ``image-set(...)``, any
  attribute whose value starts with an address (``data-src``, ``ping``, ...), and addresses
  written in scripts; in any spelling (single, double or no quotes, upper case,
  ``//host``, character references such as ``&#104;ttps:``, tabs or newlines inside the
  address, CSS escapes), also inside ``data:`` stylesheets, pages and scripts and in
  ``<iframe srcdoc>``;
- absolute paths (``/x.css``, ``file:///...``): they break when the folder is moved or
  opened from a USB stick;
- relative references that do not resolve to a file inside DIR.

Links a reader clicks (``<a href>``, ``<area href>``, ``cite``) may point anywhere: the
course cites its sources, and nothing is fetched until the reader follows one.
Exit status 1 when any problem is found.
"""

from __future__ import annotations

import argparse
import base64
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

TEXT_SUFFIXES = {".html", ".htm", ".xhtml", ".css", ".js", ".mjs"}

# Attributes that hold an address the browser loads (or could load) by itself.
URL_ATTRS = {
    "src",
    "href",
    "poster",
    "data",
    "background",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "manifest",
    "codebase",
    "action",
    "formaction",
    "icon",
    "profile",
    "xlink:href",
    "classid",
}
LIST_URL_ATTRS = {"archive", "ping"}  # space-separated lists of addresses
SRCSET_ATTRS = {"srcset", "imagesrcset"}  # "a.png 1x, b.png 2x"
# Links a reader follows by clicking: the page does not fetch them.
NAVIGATION = {("a", "href"), ("area", "href")}
NAVIGATION_ANY_TAG = {"cite"}
# Attributes whose values are names, not fetches (XML namespaces, RDF metadata in SVG).
NOT_FETCHED_ATTRS = {"xmlns", "rdf:resource", "rdf:about", "xml:base"}
TEXT_ATTRS = {"alt", "title", "placeholder", "aria-label", "aria-description", "value", "content", "label"}

INLINE_SCHEMES = {"data", "blob", "about"}
CLICK_SCHEMES = {"mailto", "tel"}
# An attribute value that is a network address (for attributes not known to hold one).
NETWORK_VALUE = re.compile(r"^(?:(?:https?|wss?|ftp|file):|[/\\]{2}[^/\\])", re.I)
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)
# An address written anywhere in a script: scheme://host, or "//host" inside quotes.
JS_ADDRESS = re.compile(
    r"""(?:\b(?:https?|wss?|ftp)://[^\s"'`<>()\\]+)|(?<=["'`])//[a-z0-9\-]+(?:\.[a-z0-9\-]+)+[^\s"'`<>()\\]*""",
    re.I,
)
# Strings in the shipped reveal.js files that look like addresses but are never fetched:
# reveal.js's licence banner and an error message of the Markdown parser inside its notes
# plugin. Only these exact strings, and only in shipped .js files.
SHIPPED_JS_TEXT = {"https://revealjs.com", "https://hakim.se", "https://github.com/markedjs/marked"}


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int
    where: str
    value: str
    reason: str

    def __str__(self) -> str:
        value = self.value if len(self.value) <= 120 else self.value[:117] + "..."
        return f"{self.file}:{self.line}: {self.where} {value!r}: {self.reason}"


def clean_url(value: str) -> str:
    """What a browser does first: trim spaces, drop tabs and newlines anywhere."""
    return re.sub(r"[\t\n\r]", "", value.strip(" \t\n\r\f"))


def kind_of(value: str) -> str:
    """'inline', 'fragment', 'click', 'external', 'absolute', 'script' or 'relative'."""
    url = clean_url(value)
    if not url:
        return "fragment"
    if url.startswith("#"):
        return "fragment"
    if re.match(r"^[/\\]{2}", url):
        return "external"
    m = SCHEME.match(url)
    if m and not re.match(r"^[a-z]:[/\\]", url, re.I):  # "C:\..." is a Windows path, not a scheme
        scheme = m.group(1).lower()
        if scheme in INLINE_SCHEMES:
            return "inline"
        if scheme in CLICK_SCHEMES:
            return "click"
        if scheme == "javascript":
            return "script"
        if scheme == "file":
            return "absolute"
        return "external"
    if url.startswith(("/", "\\")) or re.match(r"^[a-z]:[/\\]", url, re.I):
        return "absolute"
    return "relative"


class Checker:
    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self.problems: list[Problem] = []

    # ---------------------------------------------------------------- addresses
    def add(self, file, line, where, value, reason):
        self.problems.append(Problem(Path(file), line, where, value, reason))

    def url(self, file: Path, line: int, where: str, value: str, navigation: bool = False):
        kind = kind_of(value)
        if kind == "fragment":
            return
        if kind == "inline":
            self.data_url(file, line, where, clean_url(value))
            return
        if navigation and kind in ("external", "click"):
            return
        if kind == "click":
            self.add(file, line, where, value, "a mail or phone link where a file is loaded")
        elif kind == "external":
            self.add(file, line, where, value, "loads from the network (not shipped beside the page)")
        elif kind == "absolute":
            self.add(file, line, where, value, "absolute path: breaks when the folder is moved; use a relative path")
        elif kind == "script":
            self.add(file, line, where, value, "javascript: address")
        else:
            self.local(file, line, where, value)

    def local(self, file: Path, line: int, where: str, value: str):
        parts = urlsplit(clean_url(value))
        if not parts.path:
            return  # "?x" or "#x" on the same page
        target = (Path(file).parent / unquote(parts.path)).resolve()
        if not target.is_relative_to(self.root):
            self.add(file, line, where, value, f"points outside {self.root.name}/")
        elif not target.is_file():
            self.add(file, line, where, value, "no such file is shipped")

    def data_url(self, file: Path, line: int, where: str, url: str):
        """data: stylesheets, pages and scripts can load things too: check inside them."""
        m = re.match(r"^data:([^,;]*)((?:;[^,]*)*),(.*)$", url, re.I | re.S)
        if not m:
            return
        mime = m.group(1).strip().lower()
        if mime not in ("text/css", "text/html", "text/javascript", "application/javascript", "image/svg+xml"):
            return
        payload = m.group(3)
        try:
            text = (
                base64.b64decode(unquote(payload)).decode("utf-8", "replace")
                if ";base64" in m.group(2).lower()
                else unquote(payload)
            )
        except ValueError:
            self.add(file, line, where, url[:80], "unreadable data: address")
            return
        inner = f"{where} (inside data:{mime})"
        if mime == "text/css":
            self.css(file, line, text, inner)
        elif mime in ("text/html", "image/svg+xml"):
            self.html_text(file, text, base_line=line, context=inner)
        else:
            self.js(file, line, text, inner)

    # ---------------------------------------------------------------- CSS
    def css(self, file: Path, line: int, text: str, where: str = "CSS", stylesheet: bool = True):
        import tinycss2

        nodes = (
            tinycss2.parse_stylesheet(text, skip_comments=True)
            if stylesheet
            else tinycss2.parse_blocks_contents(text, skip_comments=True)
        )
        for kind, value, offset in css_references(nodes):
            self.url(file, line + offset, f"{where} {kind}", value)

    # ---------------------------------------------------------------- JavaScript
    def js(self, file: Path, line: int, text: str, where: str = "script", shipped: bool = False):
        for m in JS_ADDRESS.finditer(text):
            found = m.group(0).rstrip(".,;:")
            if shipped and found in SHIPPED_JS_TEXT:
                continue
            self.add(
                file,
                line + text.count("\n", 0, m.start()),
                where,
                found,
                "address in a script (scripts must not fetch from the network)",
            )

    # ---------------------------------------------------------------- HTML
    def html_text(self, file: Path, text: str, base_line: int = 1, context: str = ""):
        parser = _Parser(self, Path(file), base_line - 1, context)
        parser.feed(text)
        parser.close()

    def file(self, path: Path):
        path = Path(path)
        text = path.read_text(encoding="utf-8", errors="replace")
        suffix = path.suffix.lower()
        if suffix in (".css",):
            self.css(path, 1, text)
        elif suffix in (".js", ".mjs"):
            self.js(path, 1, text, "script file", shipped=True)
        else:
            self.html_text(path, text)

    def tree(self) -> list[Problem]:
        for path in sorted(self.root.rglob("*")):
            if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES:
                self.file(path)
        return self.problems


def css_references(nodes, offset: int = 0):
    """(kind, address, line offset) for everything a stylesheet would fetch."""
    import tinycss2.ast as ast

    for node in nodes:
        line = max(getattr(node, "source_line", 1) - 1, 0)
        if isinstance(node, ast.AtRule):
            keyword = node.lower_at_keyword
            if keyword == "namespace":
                continue  # @namespace url(...) names a namespace; nothing is fetched
            if keyword == "import":
                for token in node.prelude:
                    if isinstance(token, ast.StringToken):
                        yield "@import", token.value, line
                        break
                    if isinstance(token, (ast.URLToken, ast.FunctionBlock)):
                        break
            yield from css_references(node.prelude)
            if node.content:
                yield from css_references(node.content)
        elif isinstance(node, ast.QualifiedRule):
            yield from css_references(node.prelude)
            yield from css_references(node.content)
        elif isinstance(node, ast.Declaration):
            yield from css_references(node.value)
        elif isinstance(node, ast.URLToken):
            yield "url()", node.value, line
        elif isinstance(node, ast.FunctionBlock):
            name = node.lower_name
            if name in ("url", "src"):
                for token in node.arguments:
                    if isinstance(token, ast.StringToken):
                        yield f"{name}()", token.value, line
                        break
            elif name.endswith("image-set"):
                for token in node.arguments:
                    if isinstance(token, ast.StringToken):
                        yield "image-set()", token.value, line
            yield from css_references(node.arguments)
        elif isinstance(node, (ast.SquareBracketsBlock, ast.ParenthesesBlock, ast.CurlyBracketsBlock)):
            yield from css_references(node.content)


def srcset_urls(value: str) -> list[str]:
    urls = []
    for candidate in re.finditer(r"\s*([^\s,][^\s]*?)(?:,|\s[^,]*(?:,|$)|$)", value):
        if candidate.group(1):
            urls.append(candidate.group(1))
    return urls


def refresh_url(content: str) -> str | None:
    m = re.search(r"url\s*=\s*['\"]?([^'\"]+)", content, re.I)
    return m.group(1).strip() if m else None


class _Parser(HTMLParser):
    def __init__(self, checker: Checker, file: Path, line_offset: int, context: str):
        super().__init__(convert_charrefs=True)
        self.checker = checker
        self.path = file
        self.offset = line_offset
        self.context = context
        self.text_of = None  # "script" or "style" while inside one
        self.text_line = 0
        self.text: list[str] = []

    def line(self) -> int:
        return self.offset + self.getpos()[0]

    def where(self, tag, attr) -> str:
        label = f"<{tag} {attr}>"
        return f"{self.context}: {label}" if self.context else label

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs, closed=True)

    def handle_starttag(self, tag, attrs, closed=False):
        c = self.checker
        line = self.line()
        values = {name: (value or "") for name, value in attrs}
        for name, value in attrs:
            value = value or ""
            where = self.where(tag, name)
            if name in NOT_FETCHED_ATTRS or name.startswith("xmlns:"):
                continue
            if name == "style":
                c.css(self.path, line, value, where, stylesheet=False)
            elif name.startswith("on"):
                c.js(self.path, line, value, where)
            elif name == "srcdoc":
                c.html_text(self.path, value, line, where)
            elif name in SRCSET_ATTRS:
                for url in srcset_urls(value):
                    c.url(self.path, line, where, url)
            elif name in LIST_URL_ATTRS:
                for url in value.split():
                    c.url(self.path, line, where, url)
            elif (tag, name) in NAVIGATION or name in NAVIGATION_ANY_TAG:
                c.url(self.path, line, where, value, navigation=True)
            elif name in URL_ATTRS:
                c.url(self.path, line, where, value)
            elif tag == "meta" and name == "content" and values.get("http-equiv", "").lower() == "refresh":
                target = refresh_url(value)
                if target:
                    c.url(self.path, line, where, target)
            elif name not in TEXT_ATTRS and not name.startswith("aria-") and NETWORK_VALUE.match(clean_url(value)):
                # Any other attribute holding an address (data-src for lazy loading, ...).
                c.url(self.path, line, where, value)
        if tag in ("script", "style") and not closed:
            self.text_of = tag
            self.text_line = line
            self.text = []

    def handle_endtag(self, tag):
        if tag != self.text_of:
            return
        text = "".join(self.text)
        prefix = f"{self.context}: " if self.context else ""
        if tag == "style":
            self.checker.css(self.path, self.text_line, text, f"{prefix}<style>")
        else:
            self.checker.js(self.path, self.text_line, text, f"{prefix}<script> text")
        self.text_of = None

    def handle_data(self, data):
        if self.text_of:
            self.text.append(data)


def check_tree(root: Path) -> list[Problem]:
    """Every problem in the HTML, CSS and JavaScript files under ``root``."""
    return Checker(root).tree()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args(argv)
    problems = []
    for folder in args.folders:
        if not folder.is_dir():
            print(f"{folder}: not a folder", file=sys.stderr)
            return 2
        problems += check_tree(folder)
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s) in {', '.join(str(f) for f in args.folders)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
