"""The progress dashboard: answered and correct per notebook as a table and a bar chart,
and the export for a teacher."""

from __future__ import annotations

from pathlib import Path

from ..catalog.course import notebook_stems
from ..core import storage
from ..topics.progress import ProgressStore, export_path, export_progress, summary
from ..topics.quizzes import all_banks
from .html import plain, status_box, table
from .widgets import View


def progress_summary(store: ProgressStore | None = None) -> list[dict]:
    """One row per notebook (questions, answered, correct) for the reader's saved answers,
    in course order: :func:`glutecourse.topics.progress.summary` over every quiz bank."""
    store = store if store is not None else ProgressStore()
    return summary(store.attempts, all_banks(), notebook_stems())


def summary_html(rows: list[dict]) -> str:
    """The progress table. Everything from progress.json is escaped: a notebook name in
    the file is text, never markup."""
    rows = [(plain(r["notebook"]), int(r["questions"]), int(r["answered"]), int(r["correct"])) for r in rows]
    return table(
        ["Notebook", "Questions", "Answered", "Correct"], rows, caption="Your progress per notebook", cls="gc-progress"
    )


def _note(text: str, kind: str = "warning") -> str:
    return status_box(kind, plain(text), label="")


class ProgressDashboard(View):
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
        self.refresh_button = w.Button(
            description="Refresh", icon="refresh", tooltip="Re-read your saved answers and redraw the table and chart"
        )
        self.refresh_button.on_click(lambda _: self.refresh())
        self.name = w.Text(
            value="",
            placeholder="optional: a name or nickname for your teacher",
            description="Your name:",
            tooltip="Optional name or nickname to put in the export file",
            style={"description_width": "initial"},
        )
        self.export_button = w.Button(
            description="Export for my teacher",
            icon="download",
            tooltip="Save your answers to a file you can hand to your teacher",
        )
        self.export_button.on_click(lambda _: self.export())
        self.export_message = w.HTML()
        self._pending_overwrite: Path | None = None
        # The spaced review's button: the questions due again, chosen when pressed.
        from .review import ReviewLauncher

        self.review = ReviewLauncher(store)
        self.widget = w.VBox(
            [
                self.refresh_button,
                self.message,
                self.table,
                self.chart,
                w.HBox([self.name, self.export_button]),
                self.export_message,
                self.review.widget,
            ]
        )
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
        rows = progress_summary(store)
        self.rows = rows
        self.table.value = summary_html(rows)
        notes = ""
        if store.notice:
            notes += _note(store.notice, "info")
        if store.problem:
            notes += _note(
                f"Your answers cannot be saved or read: {store.problem}. The course still works; "
                "answers you give now are kept only until the notebook is closed."
            )
        where = escape(str(store.path))
        if not store.attempts:
            self.message.value = notes + (
                "<p>No answers saved yet. Answer a quiz question, then choose <em>Refresh</em> "
                f"to see your progress here. Your answers are saved in <code>{where}</code>.</p>"
            )
            self.chart.layout.display = "none"
            return
        self.message.value = notes + f"<p>{len(store.attempts)} answers saved in <code>{where}</code>.</p>"
        from ..charts.plotting import figure_png
        from ..charts.progress import summary_figure

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
                "another name first.</p>"
            )
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


def progress_dashboard(store: ProgressStore | None = None) -> ProgressDashboard:
    """Show your progress per notebook (answered, correct) as a table and a bar chart."""
    return ProgressDashboard(store)
