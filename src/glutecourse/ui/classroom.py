"""Class results as HTML for a teacher: summary and skipped files, score distribution,
strengths per topic, the most-missed questions with explanations, and percent correct per
question; ``draw_button()`` adds the charts on request (matplotlib loads only then).
Everything a file supplies (names, reader ids, file names) is shown as plain text."""

from __future__ import annotations

from pathlib import Path

from ..topics.classroom import (
    ClassData,
    load_class,
    mean_score,
    most_missed,
    question_stats,
    reader_scores,
    score_bins,
    topic_strengths,
)
from .html import Markup, plain, safe_html, table, with_stylesheet

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


def summary_html(cls: ClassData) -> str:
    if not cls.readers:
        return f"<p>No usable exports found in <code>{_esc(cls.folder)}</code>.</p>" + skipped_html(cls)
    answered = sum(r.answered for r in cls.readers)
    waiting = len(cls.not_started)
    mean = mean_score(cls)
    text = f"<p><strong>{_count(len(cls.readers), 'reader')}</strong> loaded from <code>{_esc(cls.folder)}</code>; "
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
        items = "".join(f"<li><code>{_esc(f)}</code>: {_esc(reason)}</li>" for f, reason in cls.skipped)
        parts.append(
            f"<p>Skipped {len(cls.skipped)} entr{'y' if len(cls.skipped) == 1 else 'ies'} "
            f"of the folder:</p><ul>{items}</ul>"
        )
    if cls.ignored_answers:
        parts.append(f"<p>{cls.ignored_answers} answer(s) to questions this course no longer has were ignored.</p>")
    return "".join(parts)


def score_distribution_html(cls: ClassData) -> str:
    rows = [(safe_html(band), str(n), "█" * n) for band, n in score_bins(cls)]
    return _table(["Score band", "Readers", ""], rows, "Score distribution")


def readers_html(cls: ClassData) -> str:
    rows = []
    for r, score in sorted(
        zip(cls.readers, reader_scores(cls)),
        key=lambda pair: (pair[1]["percent"] is None, -(pair[1]["percent"] or 0), pair[0].label),
    ):
        shown = f"{score['percent']}%" if score["answered"] else "no answers yet"
        rows.append(
            (_esc(r.label), f"<code>{_esc(r.file)}</code>", str(score["answered"]), str(score["correct"]), shown)
        )
    return _table(
        ["Reader", "File", "Answered", "Correct", "Score"], rows, "Scores per reader (latest try per question)"
    )


def question_table_html(cls: ClassData) -> str:
    rows = [
        (
            f"<code>{safe_html(r['bank'])}/{safe_html(r['question'])}</code>",
            safe_html(r["topic"]),
            str(r["answered"]),
            f"{r['percent']}%",
        )
        for r in question_stats(cls)
    ]
    return _table(["Question", "Topic", "Answered", "Correct"], rows, "Percent correct per question")


def most_missed_html(cls: ClassData, n: int = 5) -> str:
    rows = [
        (
            safe_html(r["prompt"]),
            f"{r['percent']}% of {r['answered']}",
            safe_html(r["answer"]),
            safe_html(r["explanation"]),
        )
        for r in most_missed(cls, n)
    ]
    return _table(["Question", "Correct", "Answer", "Explanation to revisit"], rows, f"The {n} most-missed questions")


def topics_html(cls: ClassData) -> str:
    rows = [
        (
            safe_html(r["topic"]),
            str(r["answered"]),
            f"{r['percent']}%",
            "strength" if r["percent"] >= 75 else ("revisit" if r["percent"] < 50 else ""),
        )
        for r in topic_strengths(cls)
    ]
    return _table(["Topic", "Answers", "Correct", "Note"], rows, "Strengths per topic")


class ClassReport:
    """A class's results as HTML: summary and skipped files, score distribution, strengths
    per topic, the most-missed questions with explanations, and percent correct per
    question. ``draw_button()`` adds the charts on request (matplotlib loads only then)."""

    def __init__(self, folder: Path | str):
        self.data = load_class(folder)

    def html(self) -> str:
        cls = self.data
        html = summary_html(cls)
        if cls.readers:
            html += (
                score_distribution_html(cls)
                + topics_html(cls)
                + most_missed_html(cls)
                + readers_html(cls)
                + question_table_html(cls)
            )
        return html

    def _repr_html_(self) -> str:
        # A teacher's notebook shows no objectives(): the report brings the stylesheet.
        return with_stylesheet(self.html())

    def draw_button(self):
        import ipywidgets as w

        button = w.Button(
            description="Draw charts",
            icon="bar-chart",
            tooltip="Draw the score distribution and per-topic chart for this folder",
        )
        image = w.Image(format="png", layout=w.Layout(max_width="900px", display="none"))
        note = w.HTML()

        def draw(_=None):
            if not self.data.answering:
                note.value = "<p>No answers to chart yet.</p>"
                return
            from ..charts.classroom import class_figure
            from ..charts.plotting import figure_png

            image.value = figure_png(class_figure(self.data))
            image.layout.display = None
            note.value = "<p>Left: readers per score band. Right: percent of answers correct per topic (numbers as in the tables above).</p>"

        button.on_click(draw)
        box = w.VBox([button, image, note])
        box.draw = draw
        return box


def class_results(folder: Path | str) -> ClassReport:
    """Load a folder of progress exports and show the class's results."""
    return ClassReport(folder)
