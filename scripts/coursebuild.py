"""Shared by the slide and site builders (scripts/build_slides.py, scripts/build_site.py).

- ``executed(path)``: the notebook run top to bottom in a throw-away reader folder, kept in
  a cache (``build/executed/``) keyed by the notebook's content and everything its outputs
  depend on (the course package, ``data/``, ``images/``, today's date), so building the
  slides and the site runs each notebook once.
- ``prepare(nb, rel)``: widgets become a marked "open in JupyterLab" box; hidden inputs
  stay hidden; a cell that raised stops the build.
- ``Retarget``: relative links in a notebook are rewritten for the built page: images and
  other files are copied into the output folder, links to other notebooks point at their
  built pages (or become plain text when that notebook is not part of the build).
- ``unsupported(nb, rel)``: maths or mermaid diagrams would need MathJax or mermaid, which
  the builds do not ship; the course has none, and the builders refuse to start if one
  appears.
- ``ensure_reveal()`` / ``copy_reveal(out)``: reveal.js from npm (package-lock.json),
  installed with ``npm ci`` when missing, and copied beside the decks.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "scripts" / "templates"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

sys.path.insert(0, str(ROOT / "scripts"))
from offline_check import kind_of  # noqa: E402


class BuildError(Exception):
    """A problem the person building must fix; printed without a traceback."""


# ----------------------------------------------------------------------------- execution


def cache_dir() -> Path:
    return Path(os.environ.get("GLUTECOURSE_BUILD_CACHE") or ROOT / "build" / "executed")


def environment() -> str:
    """The Python version and every installed distribution with its version: a kernel's
    outputs depend on them too (a new ipywidgets or matplotlib can change what a cell
    shows), so a cached run made with other versions is stale."""
    from importlib import metadata

    dists = sorted({f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()})
    return "\n".join([sys.version, sys.executable, *dists])


def inputs_fingerprint() -> str:
    """Hash of what executed outputs depend on besides the notebook itself."""
    h = hashlib.sha256()
    for base in ("src/glutecourse", "data", "images"):
        for p in sorted((ROOT / base).rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc":
                h.update(p.relative_to(ROOT).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    h.update(environment().encode() + b"\0")
    # Some outputs show today's date: a cached run from another day is stale.
    h.update(datetime.date.today().isoformat().encode())
    return h.hexdigest()


#: How a finished run's kernel is stopped. Every output is in by then and the course writes
#: its files while a cell runs, so the kernel is stopped at once: asked politely
#: ("graceful"), about one kernel in twenty here (ipykernel 7.4) ignored the request until
#: jupyter_client sent SIGTERM 2.6 s later, a run of 0.7 s taking 4.0 s.
SHUTDOWN = "immediate"


def run_notebook(path: Path):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="glutecourse-build-") as home:
        env = dict(os.environ, GLUTECOURSE_HOME=home)
        NotebookClient(
            nb,
            timeout=300,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
            shutdown_kernel=SHUTDOWN,
        ).execute(env=env)
    return nb


def cache_entry(path: Path, fingerprint: str | None = None) -> Path:
    """Where the executed copy of ``path`` is kept: named by the notebook and a hash of its
    content and of everything its outputs depend on."""
    path = Path(path).resolve()
    key = hashlib.sha256(path.read_bytes() + (fingerprint or inputs_fingerprint()).encode()).hexdigest()[:24]
    stem = (
        path.relative_to(ROOT).with_suffix("").as_posix().replace("/", "__") if path.is_relative_to(ROOT) else path.stem
    )
    return cache_dir() / f"{stem}--{key}.ipynb"


def entry_lock(entry: Path, timeout: float = -1):
    """One process at a time runs a notebook for a cache entry (parallel test workers and
    builders share the cache): the others wait, then read what it wrote."""
    from filelock import FileLock

    entry.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(str(entry.with_name(entry.name.split("--")[0] + ".lock")), timeout=timeout)


def read_entry(entry: Path):
    """The notebook stored at ``entry``, or None (a damaged entry is removed, never trusted)."""
    import nbformat

    if not entry.is_file():
        return None
    try:
        return nbformat.read(entry, as_version=4)
    except Exception:
        entry.unlink(missing_ok=True)
        return None


def store(nb, entry: Path, replace_older: bool = True):
    """Write ``nb`` to ``entry`` atomically; older entries of the same notebook go."""
    import nbformat

    stem = entry.name.split("--")[0]
    entry.parent.mkdir(parents=True, exist_ok=True)
    if replace_older:
        for old in entry.parent.glob(f"{stem}--*"):
            if old.name.split(".")[0] != entry.name.split(".")[0]:
                old.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=f".{stem}-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        nbformat.write(nb, fh)
    os.replace(tmp, entry)


def executed(path: Path, use_cache: bool = True, fingerprint: str | None = None):
    """The notebook at ``path``, executed (from the cache when its inputs have not changed)."""
    path = Path(path).resolve()
    if not use_cache:
        return run_notebook(path)
    entry = cache_entry(path, fingerprint)
    with entry_lock(entry):
        nb = read_entry(entry)
        if nb is None:
            nb = run_notebook(path)
            store(nb, entry)
    return nb


# ----------------------------------------------------------------------------- preparing


def binder_base() -> str:
    m = re.search(r"\((https://mybinder\.org/v2/[^)?\s]+)", (ROOT / "README.md").read_text())
    return m.group(1) if m else ""


def interactive_placeholder(rel: str) -> dict:
    binder = binder_base()
    link = f' or <a href="{binder}?urlpath=lab/tree/{rel}">on Binder</a>' if binder else ""
    box = (
        '<div class="gc-interactive" style="border:2px dashed #0072B2;border-radius:6px;padding:8px 12px;'
        'margin:4px 0;background:#f3f8fc"><strong>Interactive element.</strong> This part is a live '
        f"widget (a quiz, self-check, explorer or tool). Open <code>{html.escape(rel)}</code> in "
        f"JupyterLab{link} to try it.</div>"
    )
    return {
        "output_type": "display_data",
        "metadata": {},
        "data": {"text/html": box, "text/plain": "[interactive element]"},
    }


def prepare(nb, rel: str):
    """Replace widgets with a marked placeholder; drop hidden inputs; keep everything else."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.outputs:
            if out.get("output_type") == "error":
                raise BuildError(f"{rel}: a cell raised {out.get('ename')}: {out.get('evalue')}")
            if WIDGET_MIME in out.get("data", {}):
                outputs.append(interactive_placeholder(rel))
            else:
                outputs.append(out)
        cell.outputs = outputs
        if "hide-input" in cell.metadata.get("tags", []):
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
        if cell.metadata.get("jupyter", {}).get("source_hidden"):
            # Code folded in JupyterLab is left out of the site and the slides too (the flag
            # nbconvert's templates read, as its TagRemovePreprocessor sets it).
            cell.metadata["transient"] = {"remove_source": True}
    nb.metadata.pop("widgets", None)
    return nb


# Maths as MathJax reads it in Markdown: $...$ (not "$5"), $$...$$, \(...\), \begin{...}.
_MATHS = re.compile(r"\$\$|(?<![\\$\w])\$(?=\S)[^$\n]*?\S\$(?!\w)|\\\(|\\begin\{")
_MERMAID = re.compile(r"^\s*(```|~~~)\s*mermaid\b", re.M)


def unsupported(nb, rel: str) -> list[str]:
    """Content that would need MathJax or mermaid, which the offline builds do not ship."""
    found = []
    for i, cell in enumerate(nb.cells):
        texts = [cell.source] if cell.cell_type == "markdown" else []
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/latex" in data:
                found.append(f"{rel}, cell {i}: a LaTeX output")
            if "text/vnd.mermaid" in data:
                found.append(f"{rel}, cell {i}: a mermaid output")
            if "text/markdown" in data:
                texts.append(
                    data["text/markdown"] if isinstance(data["text/markdown"], str) else "".join(data["text/markdown"])
                )
        for text in texts:
            if _MERMAID.search(text):
                found.append(f"{rel}, cell {i}: a mermaid diagram")
            m = _MATHS.search(re.sub(r"`[^`\n]*`", "", text))
            if m:
                found.append(f"{rel}, cell {i}: maths {text[m.start() : m.start() + 30]!r}")
    return found


def refuse_unsupported(nb, rel: str):
    found = unsupported(nb, rel)
    if found:
        raise BuildError(
            "The offline builds ship no MathJax and no mermaid (the course had no maths or diagrams "
            "written as code), but found:\n  "
            + "\n  ".join(found)
            + "\nDraw it as an image in images/ instead, or ship MathJax/mermaid from npm beside the pages."
        )


# ----------------------------------------------------------------------------- links

_MD_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>[^\]]*)\]\((?P<lt><?)(?P<url>[^)\s>]+)(?P<gt>>?)(?P<title>\s+\"[^\"]*\")?\)"
)
_MD_REF = re.compile(r"^(?P<lead> {0,3}\[[^\]]+\]:[ \t]*)(?P<url>\S+)", re.M)
_HTML_ATTR = re.compile(r"(?P<lead>\b(?:src|href)\s*=\s*)(?P<q>[\"']?)(?P<url>[^\"'\s>]+)(?P=q)", re.I)


class Retarget:
    """Rewrite a notebook's relative links for a page written to ``page_dir``.

    ``pages`` maps source notebooks (resolved paths) to their built pages. Files the
    notebook links to (images) are copied to the same place under ``out_root`` as under
    the course folder.
    """

    def __init__(self, source: Path, out_root: Path, page_dir: Path, pages: dict):
        self.source_dir = Path(source).resolve().parent
        self.out_root = Path(out_root)
        self.page_dir = Path(page_dir)
        self.pages = {Path(k).resolve(): Path(v) for k, v in pages.items()}

    def _rel(self, target: Path) -> str:
        return quote(Path(os.path.relpath(target, self.page_dir)).as_posix())

    def url(self, url: str) -> str | None:
        """The new address, or None where a link must become plain text."""
        if kind_of(url) != "relative":
            return url
        parts = urlsplit(url)
        if not parts.path:
            return url
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        src = (self.source_dir / unquote(parts.path)).resolve()
        if src.suffix == ".ipynb":
            page = self.pages.get(src)
            return None if page is None else self._rel(page) + fragment
        if src.is_file() and src.is_relative_to(ROOT):
            dest = self.out_root / src.relative_to(ROOT)
            if not dest.is_file():
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dest)
            return self._rel(dest) + fragment
        return url

    def markdown(self, text: str) -> str:
        def link(m):
            new = self.url(m.group("url"))
            if new is None:
                return m.group(0) if m.group("bang") else m.group("text")
            return f"{m.group('bang')}[{m.group('text')}]({m.group('lt')}{new}{m.group('gt')}{m.group('title') or ''})"

        def ref(m):
            new = self.url(m.group("url"))
            return m.group("lead") + (new if new is not None else "#")

        return self.html(_MD_REF.sub(ref, _MD_LINK.sub(link, text)))

    def html(self, text: str) -> str:
        def attr(m):
            new = self.url(m.group("url"))
            if new is None:
                return ""  # <a> without href: plain text
            return f"{m.group('lead')}{m.group('q') or chr(34)}{new}{m.group('q') or chr(34)}"

        return _HTML_ATTR.sub(attr, text)

    def notebook(self, nb):
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = self.markdown(cell.source)
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                for mime, fix in (("text/html", self.html), ("text/markdown", self.markdown)):
                    if mime in data:
                        value = data[mime]
                        data[mime] = fix(value if isinstance(value, str) else "".join(value))
        return nb


# ----------------------------------------------------------------------------- reveal.js

NODE_MODULES = ROOT / "node_modules"
REVEAL = NODE_MODULES / "reveal.js"
REVEAL_THEME = "white"  # its fonts are inside the CSS; "simple" would import Google Fonts
REVEAL_FILES = (
    "dist/reveal.js",
    "dist/reveal.css",
    f"dist/theme/{REVEAL_THEME}.css",
    "dist/plugin/notes.js",
    "LICENSE",
)
REVEAL_FOLDER = "reveal.js"  # beside the decks


def locked_reveal_version() -> str:
    lock = json.loads((ROOT / "package-lock.json").read_text())
    return lock["packages"]["node_modules/reveal.js"]["version"]


def installed_reveal_version() -> str | None:
    try:
        return json.loads((REVEAL / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


@contextlib.contextmanager
def _exclusive(lock_path: Path):
    """One npm ci at a time (parallel test workers may build decks together)."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a") as fh:
        try:
            import fcntl
        except ImportError:  # Windows: no lock, npm ci is still safe run by one person
            yield
            return
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def ensure_reveal() -> Path:
    """reveal.js at the locked version in node_modules/, running ``npm ci`` if needed."""
    want = locked_reveal_version()
    with _exclusive(ROOT / "build" / ".npm-ci.lock"):
        if installed_reveal_version() == want and all((REVEAL / f).is_file() for f in REVEAL_FILES):
            return REVEAL
        npm = shutil.which("npm")
        if not npm:
            raise BuildError(
                f"reveal.js {want} is not installed in node_modules/ and npm was not found. Install Node.js "
                "with npm (Debian or Ubuntu: sudo apt-get install nodejs npm), then run `npm ci` in the "
                "course folder (`make slides` does it)."
            )
        print(f"installing reveal.js {want} with npm ci (package-lock.json)...", file=sys.stderr)
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            raise BuildError(f"npm ci failed:\n{(done.stdout + done.stderr)[-2000:]}")
    missing = [f for f in REVEAL_FILES if not (REVEAL / f).is_file()]
    if installed_reveal_version() != want or missing:
        raise BuildError(f"npm ci did not install reveal.js {want} with {', '.join(missing) or 'its files'}")
    return REVEAL


def copy_reveal(out: Path) -> list[Path]:
    """Copy the reveal.js files a deck loads to ``out/reveal.js/``."""
    source = ensure_reveal()
    copied = []
    for rel in REVEAL_FILES:
        dest = Path(out) / REVEAL_FOLDER / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / rel, dest)
        copied.append(dest)
    return copied
