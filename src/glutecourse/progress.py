"""The reader's quiz progress: ``progress.json`` in the reader's own folder.

Every checked answer is one *attempt* with its own id. Saving goes through the course's
storage layer (:mod:`glutecourse.storage`): under an inter-process lock the file is
re-read, the new attempts are merged in by id (so two notebooks open at once, or four
processes writing at once, never lose or duplicate an answer) and the file is replaced
atomically.

Reading checks the file against ``schemas/progress.schema.json``. A file that is damaged or
hostile (not JSON, nested a thousand levels deep, the wrong format) is moved aside with a
warning and a fresh one started; single attempts with wrong types (``"correct": "no"``, a
bank that is a list) are set aside in a side file, never counted, and the rest are kept.

Nothing here raises because a file cannot be read or written (no permission, a read-only
or full disk, a folder where the file should be): the store keeps working in memory and
``store.problem`` says, in plain words, why answers cannot be saved. Widgets show it.
"""

from __future__ import annotations

import datetime as _dt
import json
import uuid
from functools import lru_cache
from pathlib import Path

from . import storage
from .paths import user_dir

FORMAT = "glutecourse-progress"
VERSION = 1
EXPORT_FORMAT = "glutecourse-progress-export"
ATTEMPT_FIELDS = ("id", "notebook", "bank", "question", "topic", "correct", "at")


def new_id() -> str:
    return uuid.uuid4().hex[:16]


@lru_cache(maxsize=None)
def _validators(schema_name: str):
    """(whole file without its attempts, one attempt) validators for a reader-file schema."""
    import fastjsonschema

    from .data import schema_path

    schema = json.loads(schema_path(schema_name).read_text(encoding="utf-8"))
    envelope = {**schema, "properties": {**schema["properties"], "attempts": {"type": "array"}}}
    attempt = {"$schema": schema["$schema"], **schema["definitions"]["attempt"]}
    return fastjsonschema.compile(envelope), fastjsonschema.compile(attempt)


# Attempts already checked, and their JSON lines once written, by content (with types, so
# 1 is not taken for true): a file re-read after another window's write needs only its
# new attempts checked, and writing it again re-uses the lines.
_CHECKED: dict[tuple, str] = {}
_LINES: dict[tuple, str] = {}


def _key(attempt) -> tuple | None:
    """A hashable, exact stand-in for an attempt, or None. ``correct`` is the one field
    where Python equality is loose (``1 == True``), so only a real bool gets a key."""
    if type(attempt) is not dict or type(attempt.get("correct")) is not bool:
        return None
    key = tuple(attempt.items())
    try:
        hash(key)
    except TypeError:  # a list or dict inside: never valid, never cached
        return None
    return key


def _problem(exc) -> str:
    message = getattr(exc, "message", str(exc))
    return message.replace("data.", "", 1).replace("data ", "the attempt ", 1)


def check_attempt(attempt, schema_name: str = "progress") -> str | None:
    """None if ``attempt`` follows the schema, else what is wrong with it."""
    import fastjsonschema

    key = _key(attempt)
    if key is not None and key in _CHECKED:
        return None
    try:
        _validators(schema_name)[1](attempt)
    except fastjsonschema.JsonSchemaValueException as exc:
        return _problem(exc)
    if key is not None:
        if len(_CHECKED) > 200_000:
            _CHECKED.clear()
        _CHECKED[key] = ""
    return None


def check_envelope(data, schema_name: str = "progress") -> None:
    """Raise storage.DamagedFile unless ``data`` is a reader file of this kind (attempts
    are checked one by one with :func:`check_attempt`)."""
    import fastjsonschema

    try:
        _validators(schema_name)[0](data)
    except fastjsonschema.JsonSchemaValueException as exc:
        raise storage.DamagedFile(f"not a course {schema_name} file: {_problem(exc)}") from None


def _marker(raw: bytes):
    """The cache marker saying "these exact bytes passed the progress schema", or None."""
    from .data import _validated_marker

    try:
        return _validated_marker("progress", raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def _mark(raw: bytes) -> None:
    """Leave the marker for ``raw`` (and remove older progress markers: one is enough)."""
    marker = _marker(raw)
    if marker is None:
        return
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        for old in marker.parent.glob("valid-progress-*"):
            if old != marker:
                old.unlink()
        marker.touch()
    except OSError:
        pass  # a read-only folder only costs speed


def _dump(data: dict) -> str:
    """JSON with one attempt per line (readable, and quick to write)."""
    head = json.dumps({k: v for k, v in data.items() if k != "attempts"}, ensure_ascii=False)[:-1]
    lines = []
    for a in data["attempts"]:
        key = _key(a)
        line = _LINES.get(key) if key is not None else None
        if line is None:
            line = json.dumps(a, ensure_ascii=False)
            if key is not None:
                if len(_LINES) > 200_000:
                    _LINES.clear()
                _LINES[key] = line
        lines.append(line)
    body = ",\n".join(lines)
    return f'{head}, "attempts": [\n{body}\n]}}\n' if lines else f'{head}, "attempts": []}}\n'


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


class ProgressStore:
    """Saved answers. ``ProgressStore()`` uses ``$GLUTECOURSE_HOME`` or the user data dir.

    ``problem`` is "" while answers are saved, else the reason they cannot be (answers
    given meanwhile are kept in memory and saved with the next answer that can be).
    ``notice`` says what was repaired on the reader's behalf (a file moved aside, attempts
    set aside), or "".
    """

    FILENAME = "progress.json"

    def __init__(self, path: Path | str | None = None):
        self.problem = ""
        self.notice = ""
        self._pending: list[dict] = []
        if path:
            self.path = Path(path)
        else:
            try:
                self.path = user_dir() / self.FILENAME
            except OSError as exc:
                self.path = user_dir(create=False) / self.FILENAME
                self.problem = storage.describe_error(exc, self.path)
        self.data = self._fresh()
        self._raw: bytes | None = None  # the file's bytes as last read or written ...
        self._known: dict | None = None  # ... and what they hold
        storage.clean_on_start(self.path)
        self.reload()

    # -- reading
    def _fresh(self) -> dict:
        return {"format": FORMAT, "version": VERSION, "reader": new_id()[:12], "attempts": []}

    def _load(self, repair: bool) -> dict | None:
        """The file as it is now: None if missing. Damage is repaired only when ``repair``
        (the caller holds the lock); otherwise storage.DamagedFile is raised."""
        self._ids_added = False
        raw = None
        try:
            raw = storage.read_bytes(self.path)
            if raw is None:
                self._remember(None, None)
                return None
            data = self._grown(raw)
            if data is not None:
                self._remember(raw, data)
                return data
            data = storage.parse_json(raw)
            marker = None if repair else _marker(raw)
            if marker is not None and marker.exists() and isinstance(data, dict) \
                    and isinstance(data.get("attempts"), list):
                # This exact file passed this exact schema before (as data files do):
                # no schema compile on the reader's path at notebook start.
                self._ids_added = self._ensure_ids(data)
                self._remember(None if self._ids_added else raw, data)
                return data
            check_envelope(data)
        except storage.DamagedFile as exc:
            self._remember(None, None)
            if not repair:
                raise
            moved = storage.quarantine(self.path, str(exc)[:200])
            self.notice = (f"Your saved answers in {self.path} could not be read ({str(exc)[:200]}). The file was "
                           f"moved to {moved.name} so nothing is lost, and a fresh one was started.")
            return None
        checked = [(i, a, check_attempt(a)) for i, a in enumerate(data["attempts"], 1)]
        bad = [(i, a, why) for i, a, why in checked if why]
        if bad:
            if not repair:
                raise storage.DamagedFile("attempts with wrong types")
            side = storage.set_aside(self.path, json.dumps(
                {"format": "glutecourse-progress-set-aside", "from": self.path.name, "at": _now(),
                 "attempts": [{"position": i, "problem": why, "attempt": a} for i, a, why in bad]},
                ensure_ascii=False, indent=1) + "\n", ".json")
            data["attempts"] = [a for _, a, why in checked if not why]
            self._ensure_ids(data)
            storage.clean_stale_temp_files(self.path)
            storage.atomic_write_text(self.path, _dump(data))
            where = ", ".join(f"{i} ({why})" for i, _, why in bad[:5]) + (" and more" if len(bad) > 5 else "")
            self.notice = (f"{len(bad)} saved answer(s) in {self.path} had the wrong form and were not counted: "
                           f"number {where}. They were set aside in {side.name} so nothing is lost; the other "
                           f"{len(data['attempts'])} answers are kept.")
            import warnings

            from .errors import CourseWarning

            warnings.warn(self.notice, CourseWarning, stacklevel=4)
            raw = None
        self._ids_added = self._ensure_ids(data)
        self._remember(None if self._ids_added else raw, data)
        if not repair and not bad and raw is not None:
            _mark(raw)
        return data

    _END = b"\n]}\n"

    def _remember(self, raw: bytes | None, data: dict | None) -> None:
        self._raw, self._known = (raw, data) if raw is not None and raw.endswith(self._END) else (None, None)

    def _grown(self, raw: bytes) -> dict | None:
        """If the file is the one last read or written with attempts appended (what
        another window's save does), what it holds, checking only the new attempts;
        otherwise None (then the whole file is read and checked)."""
        old, known = self._raw, self._known
        if old is None or known is None or not raw.startswith(old[: -len(self._END)]):
            return None
        tail = raw[len(old) - len(self._END):]
        if tail == self._END:
            return {**known, "attempts": list(known["attempts"])}
        if not (tail.startswith(b",\n") and tail.endswith(self._END)):
            return None
        try:
            new = storage.parse_json(b"[" + tail[2: -len(self._END)] + b"]")
        except storage.DamagedFile:
            return None
        if not isinstance(new, list) or any(check_attempt(a) or "id" not in a for a in new):
            return None
        return {**known, "attempts": known["attempts"] + new}

    @staticmethod
    def _ensure_ids(data: dict) -> bool:
        """Give attempts from older files an id; True if any was missing."""
        missing = False
        for a in data["attempts"]:
            if "id" not in a:
                a["id"] = new_id()
                missing = True
        return missing

    def reload(self) -> None:
        """Re-read the file (repairing damage under the lock). Never raises for I/O."""
        try:
            try:
                data = self._load(repair=False)
            except storage.DamagedFile:
                with storage.locked(self.path):
                    data = self._load(repair=True)
        except OSError as exc:
            self.problem = storage.describe_error(exc, self.path)
            return
        if data is not None:
            self.data = data

    # -- the answers
    @property
    def attempts(self) -> list[dict]:
        """Saved attempts, then any not saved yet (see ``problem``)."""
        saved = {a["id"] for a in self.data["attempts"]}
        return self.data["attempts"] + [a for a in self._pending if a["id"] not in saved]

    @property
    def reader(self) -> str:
        return self.data["reader"]

    @property
    def pending(self) -> list[dict]:
        """Attempts recorded but not saved yet (see ``problem``)."""
        return list(self._pending)

    def save(self) -> bool:
        """Merge unsaved attempts into the file (locked, re-read, atomic replace).

        Returns True when everything is saved; otherwise False, with ``problem`` set."""
        try:
            with storage.locked(self.path):
                storage.clean_stale_temp_files(self.path)
                data = self._load(repair=True) or {**self._fresh(), "reader": self.data["reader"]}
                known = {a["id"] for a in data["attempts"]}
                new = [a for a in self._pending if a["id"] not in known]
                if new or self._ids_added:
                    data = {**data, "attempts": data["attempts"] + new}
                    text = _dump(data)
                    storage.atomic_write_text(self.path, text)
                    self._remember(text.encode("utf-8"), data)
        except (OSError, UnicodeError) as exc:
            self._remember(None, None)
            self.problem = storage.describe_error(exc, self.path)
            return False
        self.data = data
        self._pending = []
        self.problem = ""
        return True

    def record(self, *, notebook: str, bank: str, question: str, correct: bool, topic: str = "") -> dict:
        """Record one checked answer and save it at once (see :meth:`save`).

        Never raises because the file cannot be written: the attempt is kept in memory and
        ``problem`` says why it is not saved yet."""
        attempt = {"id": new_id(), "notebook": str(notebook), "bank": str(bank), "question": str(question),
                   "topic": str(topic), "correct": correct is True, "at": _now()}
        self._pending.append(attempt)
        self.save()
        return attempt

    def latest(self) -> dict[tuple[str, str], dict]:
        """The most recent attempt per (bank, question)."""
        out = {}
        for a in self.attempts:
            out[(a["bank"], a["question"])] = a
        return out

    def summary(self) -> list[dict]:
        """One row per notebook: questions available, answered, and correct (latest try)."""
        from .coursemap import notebook_stems
        from .quizzes import all_banks

        totals: dict[str, int] = {}
        for bank in all_banks():
            totals[bank.notebook] = totals.get(bank.notebook, 0) + len(bank.questions)
        answered: dict[str, int] = {}
        correct: dict[str, int] = {}
        for a in self.latest().values():
            nb = a["notebook"]
            answered[nb] = answered.get(nb, 0) + 1
            correct[nb] = correct.get(nb, 0) + (a["correct"] is True)
        order = [s for s in notebook_stems() if s in totals or s in answered]
        order += sorted(set(answered) - set(order))
        return [
            {"notebook": nb, "questions": totals.get(nb, 0), "answered": answered.get(nb, 0), "correct": correct.get(nb, 0)}
            for nb in order
        ]


def summary_html(rows: list[dict]) -> str:
    """The progress table. Everything from progress.json is escaped: a notebook name in
    the file is text, never markup."""
    from html import escape

    head = "<tr><th scope='col'>Notebook</th><th scope='col'>Questions</th><th scope='col'>Answered</th><th scope='col'>Correct</th></tr>"
    body = "".join(
        f"<tr><td>{escape(str(r['notebook']))}</td><td>{int(r['questions'])}</td><td>{int(r['answered'])}</td>"
        f"<td>{int(r['correct'])}</td></tr>"
        for r in rows
    )
    return f"<table class='gc-progress'><caption>Your progress per notebook</caption>{head}{body}</table>"


def summary_figure(*args, **kwargs):
    from .plots import styled

    return styled(_summary_figure)(*args, **kwargs)


def _plain_label(text: str) -> str:
    """A label matplotlib draws as plain text (a ``$`` would start mathtext)."""
    return str(text).replace("$", r"\$")[:60]


def _summary_figure(rows: list[dict], title: str = "Your quiz progress"):
    """Horizontal bars: answered and correct per notebook, each bar labelled in text."""
    from .plots import OKABE_ITO, new_figure

    rows = [r for r in rows if r["questions"] or r["answered"]]
    fig = new_figure(figsize=(7, 0.45 * len(rows) + 1.3))
    ax = fig.subplots()
    ys = list(range(len(rows)))[::-1]
    height = 0.38
    answered = [r["answered"] for r in rows]
    correct = [r["correct"] for r in rows]
    ax.barh([y + height / 2 for y in ys], answered, height, color=OKABE_ITO["sky_blue"], label="answered")
    ax.barh([y - height / 2 for y in ys], correct, height, color=OKABE_ITO["blue"], label="correct")
    for y, r in zip(ys, rows):
        ax.text(r["answered"] + 0.1, y + height / 2, f"{r['answered']} of {r['questions']} answered", va="center", fontsize=8)
        ax.text(r["correct"] + 0.1, y - height / 2, f"{r['correct']} correct", va="center", fontsize=8)
    ax.set_yticks(ys, [_plain_label(r["notebook"]) for r in rows])
    ax.set_xlim(0, max([r["questions"] for r in rows] + answered + [1]) * 1.45)
    ax.set_xlabel("questions")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_title(title)
    ax.legend(loc="lower right")
    return fig


def _note(text: str, kind: str = "warning") -> str:
    from html import escape

    colour = {"warning": "#D55E00", "info": "#0072B2"}[kind]
    role = "alert" if kind == "warning" else "status"
    return (f"<div role='{role}' style='border-left:4px solid {colour};padding:2px 8px;margin:4px 0'>"
            f"{escape(text)}</div>")


class ProgressDashboard:
    """Table + bar chart of the reader's progress, with a Refresh button."""

    def __init__(self, store: ProgressStore | None = None):
        import ipywidgets as w

        self.store = store
        self.table = w.HTML()
        # No tooltip on Image: ipywidgets 8.1's ImageView fails to render with one. The table
        # above the chart carries the same numbers as text.
        self.chart = w.Image(format="png", layout=w.Layout(max_width="700px"))
        self.chart.layout.display = "none"
        self.message = w.HTML()
        self.refresh_button = w.Button(description="Refresh", icon="refresh",
                                       tooltip="Re-read your saved answers and redraw the table and chart")
        self.refresh_button.on_click(lambda _: self.refresh())
        self.name = w.Text(value="", placeholder="optional: a name or nickname for your teacher",
                           description="Your name:", tooltip="Optional name or nickname to put in the export file",
                           style={"description_width": "initial"})
        self.export_button = w.Button(description="Export for my teacher", icon="download",
                                      tooltip="Save your answers to a file you can hand to your teacher")
        self.export_button.on_click(lambda _: self.export())
        self.export_message = w.HTML()
        self._pending_overwrite: Path | None = None
        self.widget = w.VBox([self.refresh_button, self.message, self.table, self.chart,
                              w.HBox([self.name, self.export_button]), self.export_message])
        self.refresh()

    def _store(self) -> ProgressStore:
        """The store, re-read; answers it could not save yet are tried again, so the
        message below says whether saving works now."""
        if self.store is None:
            return ProgressStore()
        self.store.reload()
        if self.store.pending:
            self.store.save()
        return self.store

    def refresh(self):
        from html import escape

        store = self._store()
        rows = store.summary()
        self.rows = rows
        self.table.value = summary_html(rows)
        notes = ""
        if store.notice:
            notes += _note(store.notice, "info")
        if store.problem:
            notes += _note(f"Your answers cannot be saved or read: {store.problem}. The course still works; "
                           "answers you give now are kept only until the notebook is closed.")
        where = escape(str(store.path))
        if not store.attempts:
            self.message.value = notes + (
                "<p>No answers saved yet. Answer a quiz question, then choose <em>Refresh</em> "
                f"to see your progress here. Your answers are saved in <code>{where}</code>.</p>"
            )
            self.chart.layout.display = "none"
            return
        self.message.value = notes + f"<p>{len(store.attempts)} answers saved in <code>{where}</code>.</p>"
        from .plots import figure_png

        # matplotlib is imported only here, when there is something to draw.
        self.chart.value = figure_png(summary_figure(rows))
        self.chart.layout.display = None

    def export(self) -> Path | None:
        """Write the export file. An existing export is replaced only when the reader
        presses the button a second time for the same file (the widget asks first)."""
        import base64
        import html

        store = self._store()
        if not store.attempts:
            self.export_message.value = "<p>Nothing to export yet: answer some quiz questions first.</p>"
            return None
        target = export_path(store, self.name.value)
        overwrite = self._pending_overwrite == target
        self._pending_overwrite = None
        try:
            path = export_progress(store, self.name.value, overwrite=overwrite)
        except FileExistsError:
            self._pending_overwrite = target
            self.export_message.value = (
                f"<p>An export already exists at <code>{html.escape(str(target))}</code>. Press "
                "<em>Export for my teacher</em> again to replace it with your answers as they are now, or type "
                "another name first.</p>")
            return None
        except storage.RefusedTarget as exc:
            self.export_message.value = f"<p>Not exported: {html.escape(exc.strerror)}.</p>"
            return None
        except (OSError, ValueError) as exc:
            reason = storage.describe_error(exc, target) if isinstance(exc, OSError) else str(exc)
            self.export_message.value = f"<p>Could not write the export file: {html.escape(reason)}.</p>"
            return None
        b64 = base64.b64encode(path.read_bytes()).decode()
        self.export_message.value = (
            f"<p>Saved <code>{html.escape(str(path))}</code> ({len(store.attempts)} answers). "
            f"<a download='{html.escape(path.name)}' href='data:application/json;base64,{b64}'>Download it</a> "
            "and send it to your teacher. It holds your quiz answers only, with the name you typed (if any).</p>"
        )
        return path

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def progress_dashboard(store: ProgressStore | None = None) -> ProgressDashboard:
    """Show your progress per notebook (answered, correct) as a table and a bar chart."""
    return ProgressDashboard(store)


def export_data(store: ProgressStore, name: str = "") -> dict:
    """What a reader hands to a teacher: their attempts, an anonymous reader id, and an
    optional name or nickname they choose. Checked against
    ``schemas/progress-export.schema.json`` (the class results read it with the same)."""
    data = {
        "format": EXPORT_FORMAT,
        "version": VERSION,
        "reader": store.reader,
        "name": " ".join(str(name).split())[:60],
        "exported_at": _now(),
        "attempts": [{k: a[k] for k in ATTEMPT_FIELDS if k in a} for a in store.attempts],
    }
    return data


def check_export(data) -> list[str]:
    """Problems that make ``data`` not a usable progress export (empty list: none).

    The whole file and each attempt are checked against
    ``schemas/progress-export.schema.json``; raises nothing."""
    try:
        check_envelope(data, "progress-export")
    except storage.DamagedFile as exc:
        return [str(exc)]
    return [f"attempt {i}: {why}" for i, a in enumerate(data["attempts"], 1)
            if (why := check_attempt(a, "progress-export"))]


def export_path(store: ProgressStore, name: str = "", folder: Path | str | None = None) -> Path:
    """Where :func:`export_progress` writes: ``progress-export-<name>-<reader id>.json``."""
    import re

    folder = Path(folder) if folder else store.path.parent / "exports"
    slug = re.sub(r"[^a-z0-9]+", "-", str(name).lower()).strip("-")[:30]
    return folder / f"progress-export-{slug + '-' if slug else ''}{store.reader}.json"


def export_progress(store: ProgressStore | None = None, name: str = "", folder: Path | str | None = None,
                    overwrite: bool = False) -> Path:
    """Write the reader's progress to ``progress-export-<name>-<id>.json`` and return its path.

    The default folder is ``exports/`` in the reader's course data directory. An existing
    file is replaced only with ``overwrite=True`` (else FileExistsError); the course's own
    ``data/`` folder and the reader's own ``progress.json`` are refused (PermissionError)."""
    store = store or ProgressStore()
    path = storage.check_export_target(export_path(store, name, folder), overwrite=overwrite,
                                       protected=(store.path,))
    data = export_data(store, name)
    problems = check_export(data)
    if problems:  # pragma: no cover - the store only holds checked attempts
        raise ValueError("; ".join(problems))
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    if overwrite:
        storage.atomic_write_text(path, text)
    else:
        storage.write_new_file(path, text)
    return path
