"""The reader's quiz progress: a JSON file in the per-user data directory.

Every checked answer is appended as one attempt. Writes are atomic; a file that cannot be
read is moved aside with a visible warning and a fresh one is started.
"""

from __future__ import annotations

import datetime as _dt
import uuid
from pathlib import Path

from .paths import user_dir
from .storage import atomic_write_text, load_json_or_quarantine

FORMAT = "glutecourse-progress"
VERSION = 1


def _check(data):
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a course progress file")
    if not isinstance(data.get("attempts"), list):
        raise ValueError("'attempts' is missing or not a list")
    for a in data["attempts"]:
        if not isinstance(a, dict) or not {"notebook", "bank", "question", "correct"} <= set(a):
            raise ValueError("an attempt is missing fields")


def _fresh() -> dict:
    return {"format": FORMAT, "version": VERSION, "reader": uuid.uuid4().hex[:12], "attempts": []}


class ProgressStore:
    """Saved answers. ``ProgressStore()`` uses ``$GLUTECOURSE_HOME`` or the user data dir."""

    FILENAME = "progress.json"

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else user_dir() / self.FILENAME
        self.data = self._read()

    def _read(self) -> dict:
        return load_json_or_quarantine(self.path, check=_check) or _fresh()

    @property
    def attempts(self) -> list[dict]:
        return self.data["attempts"]

    @property
    def reader(self) -> str:
        return self.data["reader"]

    def save(self) -> None:
        import json

        atomic_write_text(self.path, json.dumps(self.data, indent=1, ensure_ascii=False) + "\n")

    def record(self, *, notebook: str, bank: str, question: str, correct: bool, topic: str = "") -> dict:
        """Append one checked answer and save at once.

        The file is re-read first, so two notebooks open side by side do not overwrite
        each other's answers.
        """
        self.data = self._read()
        attempt = {
            "notebook": notebook,
            "bank": bank,
            "question": question,
            "topic": topic,
            "correct": bool(correct),
            "at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        }
        self.attempts.append(attempt)
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
            correct[nb] = correct.get(nb, 0) + bool(a["correct"])
        order = [s for s in notebook_stems() if s in totals or s in answered]
        order += sorted(set(answered) - set(order))
        return [
            {"notebook": nb, "questions": totals.get(nb, 0), "answered": answered.get(nb, 0), "correct": correct.get(nb, 0)}
            for nb in order
        ]


def summary_html(rows: list[dict]) -> str:
    head = "<tr><th scope='col'>Notebook</th><th scope='col'>Questions</th><th scope='col'>Answered</th><th scope='col'>Correct</th></tr>"
    body = "".join(
        f"<tr><td>{r['notebook']}</td><td>{r['questions']}</td><td>{r['answered']}</td><td>{r['correct']}</td></tr>"
        for r in rows
    )
    return f"<table class='gc-progress'><caption>Your progress per notebook</caption>{head}{body}</table>"


def summary_figure(*args, **kwargs):
    from .plots import styled

    return styled(_summary_figure)(*args, **kwargs)


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
    ax.set_yticks(ys, [r["notebook"] for r in rows])
    ax.set_xlim(0, max([r["questions"] for r in rows] + answered + [1]) * 1.45)
    ax.set_xlabel("questions")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_title(title)
    ax.legend(loc="lower right")
    return fig


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
        self.widget = w.VBox([self.refresh_button, self.message, self.table, self.chart,
                              w.HBox([self.name, self.export_button]), self.export_message])
        self.refresh()

    def refresh(self):
        store = ProgressStore(self.store.path) if self.store else ProgressStore()
        rows = store.summary()
        self.rows = rows
        self.table.value = summary_html(rows)
        if not store.attempts:
            self.message.value = (
                "<p>No answers saved yet. Answer a quiz question, then choose <em>Refresh</em> "
                f"to see your progress here. Your answers are saved in <code>{store.path}</code>.</p>"
            )
            self.chart.layout.display = "none"
            return
        self.message.value = f"<p>{len(store.attempts)} answers saved in <code>{store.path}</code>.</p>"
        from .plots import figure_png

        # matplotlib is imported only here, when there is something to draw.
        self.chart.value = figure_png(summary_figure(rows))
        self.chart.layout.display = None

    def export(self) -> Path | None:
        import base64
        import html

        store = ProgressStore(self.store.path) if self.store else ProgressStore()
        if not store.attempts:
            self.export_message.value = "<p>Nothing to export yet: answer some quiz questions first.</p>"
            return None
        try:
            path = export_progress(store, self.name.value)
        except OSError as exc:
            self.export_message.value = f"<p>Could not write the export file: {html.escape(str(exc))}</p>"
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


EXPORT_FORMAT = "glutecourse-progress-export"


def export_data(store: ProgressStore, name: str = "") -> dict:
    """What a reader hands to a teacher: their attempts, an anonymous reader id, and an
    optional name or nickname they choose."""
    return {
        "format": EXPORT_FORMAT,
        "version": VERSION,
        "reader": store.reader,
        "name": name.strip()[:60],
        "exported_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "attempts": list(store.attempts),
    }


def export_progress(store: ProgressStore | None = None, name: str = "", folder: Path | str | None = None) -> Path:
    """Write the reader's progress to ``progress-export-<id>.json`` (atomically) and return
    its path. The default folder is ``exports/`` in the reader's course data directory."""
    import json
    import re

    store = store or ProgressStore()
    folder = Path(folder) if folder else store.path.parent / "exports"
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:30]
    path = folder / f"progress-export-{slug + '-' if slug else ''}{store.reader}.json"
    atomic_write_text(path, json.dumps(export_data(store, name), indent=1, ensure_ascii=False) + "\n")
    return path
