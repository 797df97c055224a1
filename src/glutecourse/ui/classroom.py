"""Class results for a teacher: the notebook's controls and the report they show.

:class:`ClassResultsView` (``class_results()``) is what the class-results notebook shows: a
path box with **Load** (the sample class shipped with the course at first), an upload
button for students' exported ``.json`` files, a message in plain words after each action,
the report, **Draw charts**, and **Save class summary (CSV)**. What each control does is
``topics.classroom.ClassResults``; this module only draws.

:class:`ClassReport` is the report as HTML: summary and skipped entries, score
distribution, strengths per topic, the most-missed questions with explanations, scores per
reader, and percent correct per question (each row the question's text, its id in small
type). Everything a file supplies (names, reader ids, file names) is shown as plain text.
"""

from __future__ import annotations

from pathlib import Path

from ..core.numbers import format_number
from ..topics.beliefs import scale
from ..topics.classroom import (
    SAVE_LABEL,
    ClassData,
    ClassResults,
    Outcome,
    belief_changes,
    default_summary_path,
    load_class,
    mean_score,
    most_missed,
    question_stats,
    reader_scores,
    score_bins,
    topic_strengths,
)
from .html import Markup, plain, safe_html, status_box, table, tag, with_stylesheet
from .widgets import View, button, html_widget, picture, shared_styles

# ------------------------------------------------------------------ presentation


def _table(headers, rows, caption="") -> str:
    """A class table: every cell is already HTML (reader text through ``_esc``)."""
    return table(
        headers,
        [[Markup(c) for c in row] for row in rows],
        caption=Markup(f"<strong>{safe_html(caption)}</strong>") if caption else None,
        cls="gc-class",
    )


#: Plain text into HTML: every ``<`` shows as ``<`` (no markup kept, unlike the course's
#: own data, which may use ``safe_html``'s small subset).
_esc = plain


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _source(cls: ClassData) -> str:
    return _esc(cls.folder) if cls.uploaded else f"<code>{_esc(cls.folder)}</code>"


def summary_html(cls: ClassData) -> str:
    if cls.problem:
        return f"<p>Nothing loaded from <code>{_esc(cls.folder)}</code>: {_esc(cls.problem)}.</p>"
    if not cls.readers:
        return f"<p>No usable exports found in {_source(cls)}.</p>" + skipped_html(cls)
    answered = sum(r.answered for r in cls.readers)
    waiting = len(cls.not_started)
    mean = mean_score(cls)
    text = f"<p><strong>{_count(len(cls.readers), 'reader')}</strong> loaded from {_source(cls)}; "
    if waiting:
        text += f"{waiting} of them with no answers yet (listed with the scores, left out of the means); "
    if mean is None:
        text += "no answers yet, so no mean score.</p>"
    else:
        text += (
            f"{answered} answers in all; mean score {mean:.0f}% of the questions each reader answered"
            + (f" (over the {len(cls.answering)} readers with answers)" if waiting else "")
            + ".</p>"
        )
    return text + skipped_html(cls)


def skipped_html(cls: ClassData) -> str:
    parts = []
    if cls.skipped:
        items = "".join(f"<li><code>{_esc(s.name)}</code>: {_esc(s.reason)}</li>" for s in cls.skipped)
        n = len(cls.skipped)
        if cls.uploaded:
            what = _count(n, "uploaded file")
        else:
            what = f"{n} entr{'y' if n == 1 else 'ies'} of the folder"
        parts.append(f"<p>Skipped {what}:</p><ul>{items}</ul>")
    if cls.ignored_answers:
        parts.append(f"<p>{cls.ignored_answers} answer(s) to questions this course no longer has were ignored.</p>")
    return "".join(parts)


#: What the class chart shows (its alt text; the note under it says the same in short).
CHART_ALT = (
    "Two charts of this class. Left: bar chart of how many readers fall in each 10-point band of "
    "percent correct. Right: horizontal bars of percent of answers correct per topic, each labelled "
    "with its percentage (the same numbers as the tables above)."
)


def score_distribution_html(cls: ClassData) -> str:
    # The bar repeats the count for the eye; a screen reader hears the count once, not the blocks.
    rows = [
        (safe_html(b.label), str(b.readers), Markup(f"<span aria-hidden='true'>{'█' * b.readers}</span>"))
        for b in score_bins(cls)
    ]
    return _table(["Score band", "Readers", "As a bar"], rows, "Score distribution")


def readers_html(cls: ClassData) -> str:
    rows = []
    for s in sorted(reader_scores(cls), key=lambda s: (s.percent is None, -(s.percent or 0), s.reader)):
        shown = f"{s.percent}%" if s.answered else "no answers yet"
        rows.append((_esc(s.reader), f"<code>{_esc(s.file)}</code>", str(s.answered), str(s.correct), shown))
    return _table(
        ["Reader", "File", "Answered", "Correct", "Score"], rows, "Scores per reader (latest try per question)"
    )


def _qid(q) -> Markup:
    return tag("span", Markup(f"<code>{plain(q.qid)}</code>"), cls="gc-small gc-qid")


def question_cell(q) -> str:
    """A question as a table row shows it: its text, shortened at a word (the whole text
    as the cell's title, for a mouse), then its id in small type."""
    return tag("span", plain(q.text), title=q.full_text, cls="gc-qtext") + "<br>" + _qid(q)


def question_table_html(cls: ClassData) -> str:
    rows = [(question_cell(r), safe_html(r.topic), str(r.answered), f"{r.percent}%") for r in question_stats(cls)]
    return _table(["Question", "Topic", "Answered", "Correct"], rows, "Percent correct per question (in course order)")


def most_missed_html(cls: ClassData, n: int = 5) -> str:
    rows = [
        (
            safe_html(r.prompt) + "<br>" + _qid(r),
            f"{r.percent}% of {r.answered}",
            safe_html(r.answer),
            safe_html(r.explanation),
        )
        for r in most_missed(cls, n)
    ]
    return _table(["Question", "Correct", "Answer", "Explanation to revisit"], rows, f"The {n} most-missed questions")


def topics_html(cls: ClassData) -> str:
    rows = [
        (
            safe_html(r.topic),
            str(r.answered),
            f"{r.percent}%",
            "strength" if r.percent >= 75 else ("revisit" if r.percent < 50 else ""),
        )
        for r in topic_strengths(cls)
    ]
    return _table(["Topic", "Answers", "Correct", "Note"], rows, "Strengths per topic")


def _number(value) -> str:
    return "" if value is None else format_number(value, 1)


def beliefs_html(cls: ClassData) -> str:
    """The class's change on the beliefs check, by statement: readers with both ratings,
    mean and median before and after, and how many moved towards the evidence, away from it
    or not at all; then the readers with only one rating, counted and named, never mixed in."""
    changes = belief_changes(cls)
    if not any(c.paired or c.only_before or c.only_after for c in changes):
        return "<p><strong>Beliefs check:</strong> no export holds ratings yet.</p>"
    sc = scale()
    rows = [
        (
            safe_html(c.statement.text)
            + "<br>"
            + tag("span", f"evidence: {c.statement.evidence_says}", cls="gc-small"),
            str(c.paired),
            f"{_number(c.mean_before)} → {_number(c.mean_after)}" if c.paired else "",
            f"{_number(c.median_before)} → {_number(c.median_after)}" if c.paired else "",
            str(c.towards) if c.paired else "",
            str(c.away) if c.paired else "",
            str(c.same) if c.paired else "",
            _esc(c.text),
        )
        for c in changes
    ]
    html = _table(
        [
            "Statement",
            "Readers with both",
            "Mean before → after",
            "Median before → after",
            "Towards the evidence",
            "Away",
            "No change",
            "In words",
        ],
        rows,
        f"What the class believed: the change by statement ({sc.hint})",
    )
    singles = []
    for c in changes:
        for names, when in ((c.only_before, "only at the start (00)"), (c.only_after, "only at the end (10)")):
            if names:
                listed = ", ".join(_esc(n) for n in names)
                singles.append(f"<li>{safe_html(c.statement.text)} rated {when}: {len(names)} ({listed})</li>")
    if singles:
        html += (
            "<p>Readers who rated a statement only once are left out of the means and counts above:</p>"
            f"<ul class='gc-belief-singles'>{''.join(singles)}</ul>"
        )
    return html


def report_html(cls: ClassData) -> str:
    """The whole report for one loaded class."""
    html = summary_html(cls)
    if cls.readers:
        html += (
            score_distribution_html(cls)
            + topics_html(cls)
            + most_missed_html(cls)
            + beliefs_html(cls)
            + readers_html(cls)
            + question_table_html(cls)
        )
    return html


class ClassReport:
    """A class's results as HTML (see :func:`report_html`), from a folder or a loaded
    :class:`~glutecourse.topics.classroom.ClassData`."""

    def __init__(self, folder: Path | str | ClassData):
        self.data = folder if isinstance(folder, ClassData) else load_class(folder)

    def html(self) -> str:
        return report_html(self.data)

    def _repr_html_(self) -> str:
        # A teacher's notebook shows no objectives(): the report brings the stylesheet.
        return with_stylesheet(self.html())


# ------------------------------------------------------------------ the notebook's controls

_LABELS = {"ok": "✔ Done.", "error": "✖ Not done.", "warning": "⚠ Please note.", "info": "ℹ"}


def outcome_html(outcome: Outcome) -> str:
    """An action's outcome as a status box (its text escaped as plain text)."""
    return status_box(outcome.kind, plain(outcome.text), label=_LABELS[outcome.kind])


class ClassResultsView(View):
    """The class-results notebook's controls: a folder path box with **Load**, an upload
    button for exported ``.json`` files, the report, **Draw charts**, and **Save class
    summary (CSV)**; each action answers with a message in plain words."""

    def __init__(self, folder: Path | str | None = None):
        import ipywidgets as w

        sh = shared_styles()
        self.model = ClassResults(folder)
        self.path = w.Text(
            value=self.model.data.folder if self.model.data else str(folder or ""),
            description="Class folder:",
            placeholder="the folder that holds your students' exports",
            tooltip="The folder of progress exports to load; press Enter or Load",
            continuous_update=False,
            layout=sh["form_wide"],
            style=sh["text_style"],
        )
        self.load_button = button(
            "Load", "Load every progress export in the folder typed on the left", "folder-open", "auto"
        )
        self.upload = w.FileUpload(
            accept=".json",
            multiple=True,
            description="Upload exports",
            tooltip="Choose one or more progress-export .json files your students sent you",
            layout=sh["auto"],
            style=sh["button_style"],
        )
        self.message = html_widget(cls="gc-class-message")
        self.report = html_widget(cls="gc-class-report")
        self.draw_button = button(
            "Draw charts", "Draw the score distribution and per-topic chart for this class", "bar-chart", "auto"
        )
        self.chart = picture(CHART_ALT, format="png", layout=w.Layout(max_width="900px", display="none"))
        self.beliefs_chart = html_widget(cls="gc-class-beliefs-chart")
        self.chart_note = html_widget()
        self.export_path = w.Text(
            value=str(default_summary_path(self.model.data)),
            description="Save to:",
            placeholder="a .csv file outside the course's folders",
            tooltip="Where to save the class summary: a .csv file",
            layout=sh["form_wide"],
            style=sh["text_style"],
        )
        self.export_button = button(
            SAVE_LABEL,
            "Write the class's scores per reader, question and topic to the .csv file named on the left",
            "download",
            "auto",
        )
        self.export_message = html_widget(cls="gc-class-export")

        self.path.observe(lambda change: self.load_folder(change["new"]), "value")
        self.load_button.on_click(lambda _: self.load_folder(self.path.value))
        self.upload.observe(lambda change: self.load_files(change["new"]), "value")
        self.draw_button.on_click(lambda _: self.draw())
        self.export_button.on_click(lambda _: self.export())
        self.widget = w.VBox(
            [
                w.HBox([self.path, self.load_button], layout=sh["plain"]),
                w.HBox(
                    [self.upload, html_widget("<span class='gc-small'>or upload the files themselves</span>")],
                    layout=sh["plain"],
                ),
                self.message,
                # The actions before the report: the per-question table is long.
                w.HBox([self.export_path, self.export_button, self.draw_button], layout=sh["plain"]),
                self.export_message,
                self.chart,
                self.chart_note,
                self.beliefs_chart,
                self.report,
            ],
            layout=sh["plain"],
        )
        self._show(self.model.last)

    @property
    def data(self) -> ClassData | None:
        return self.model.data

    def _show(self, outcome: Outcome, changed: bool = True) -> None:
        self.message.value = outcome_html(outcome)
        if changed and self.model.data is not None:
            self.report.value = report_html(self.model.data)
            self.chart.value = b""
            self.chart.layout.display = "none"
            self.chart_note.value = ""
            self.beliefs_chart.value = ""
            self.export_message.value = ""

    def load_folder(self, text: str) -> None:
        before = self.model.data
        default = str(default_summary_path(before)) if before else ""
        outcome = self.model.load_folder(text)
        changed = self.model.data is not before
        if changed and self.export_path.value == default:  # the teacher has not typed a path of their own
            self.export_path.value = str(default_summary_path(self.model.data))
        self._show(outcome, changed)

    def load_files(self, files) -> None:
        if not files:
            return
        before = self.model.data
        outcome = self.model.load_files((f["name"], bytes(f["content"])) for f in files)
        if before is not None and self.export_path.value == str(default_summary_path(before)):
            self.export_path.value = str(default_summary_path(self.model.data))
        self._show(outcome, self.model.data is not before)

    def draw(self) -> None:
        if self.model.data is None or not self.model.data.answering:
            self.chart_note.value = "<p>No answers to chart yet.</p>"
            return
        from ..charts.classroom import class_figure
        from ..charts.plotting import figure_png

        self.chart.value = figure_png(class_figure(self.model.data))
        self.chart.layout.display = None
        self.chart_note.value = (
            "<p>Left: readers per score band. Right: percent of answers correct per topic "
            "(numbers as in the tables above).</p>"
        )
        self.draw_beliefs()

    def draw_beliefs(self) -> None:
        """The beliefs check's chart, as an image whose alt text holds every number drawn."""
        import base64

        from ..charts.classroom import beliefs_alt, beliefs_figure
        from ..charts.plotting import figure_png

        changes = belief_changes(self.model.data)
        if not any(c.paired for c in changes):
            self.beliefs_chart.value = "<p>No reader rated the beliefs check both at the start and at the end yet.</p>"
            return
        b64 = base64.b64encode(figure_png(beliefs_figure(changes))).decode()
        self.beliefs_chart.value = (
            f"<img class='gc-chart' src='data:image/png;base64,{b64}' alt='{plain(beliefs_alt(changes))}'>"
            "<p>The beliefs check: the mean rating before (circle) and after (square) for each statement, "
            "over the readers who rated it both times (as in the table above).</p>"
        )

    def export(self) -> Path | None:
        """Save the summary; the message says where, with a link to download it."""
        import base64

        outcome = self.model.export(self.export_path.value)
        html = outcome_html(outcome)
        if outcome.path is not None:
            b64 = base64.b64encode(outcome.path.read_bytes()).decode()
            link = tag(
                "a", "Download it", download=outcome.path.name, href=f"data:text/csv;base64,{b64}", cls="gc-download"
            )
            html += f"<p>{link} to open it in a spreadsheet.</p>"
        self.export_message.value = html
        return outcome.path


def class_results(folder: Path | str | None = None) -> ClassResultsView:
    """The class results: choose a folder of progress exports (or upload the files), read
    the report, draw the charts and save a summary as CSV. Starts with ``folder``, or the
    anonymised sample class shipped with the course."""
    return ClassResultsView(folder)
