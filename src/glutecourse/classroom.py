"""Class results: a teacher loads a folder of readers' progress exports.

Every file is checked. Files that are not valid JSON, are not course exports (foreign),
are malformed, or repeat a reader already loaded (duplicates: the newest export wins) are
listed with the reason and skipped; nothing crashes. Answers to questions the course no
longer has are ignored and counted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .progress import EXPORT_FORMAT
from .textfmt import safe_html


@dataclass
class Reader:
    reader: str
    name: str
    file: str
    exported_at: str
    latest: dict  # (bank, question) -> bool (latest attempt correct)

    @property
    def label(self) -> str:
        return self.name or f"reader {self.reader[:6]}"


@dataclass
class ClassData:
    folder: str
    readers: list[Reader] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    ignored_answers: int = 0


def _check_export(data) -> str | None:
    """Return a reason the data is not a usable export, or None."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        return "not a course progress export (foreign file)"
    if not isinstance(data.get("reader"), str) or not data["reader"]:
        return "malformed export: no reader id"
    attempts = data.get("attempts")
    if not isinstance(attempts, list):
        return "malformed export: 'attempts' is not a list"
    for i, a in enumerate(attempts, 1):
        if not isinstance(a, dict) or not isinstance(a.get("bank"), str) or not isinstance(a.get("question"), str) \
                or not isinstance(a.get("correct"), bool):
            return f"malformed export: attempt {i} lacks bank, question or correct"
    return None


def known_questions() -> dict[tuple[str, str], object]:
    from .quizzes import all_banks

    return {(b.id, q.id): q for b in all_banks() for q in b.questions}


def load_class(folder: Path | str) -> ClassData:
    folder = Path(folder)
    result = ClassData(str(folder))
    if not folder.is_dir():
        result.skipped.append((str(folder), "folder not found"))
        return result
    known = known_questions()
    candidates: dict[str, tuple[Reader, str]] = {}
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        if path.suffix.lower() != ".json":
            result.skipped.append((path.name, "not a .json export"))
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            result.skipped.append((path.name, f"not valid JSON ({str(exc)[:80]})"))
            continue
        reason = _check_export(data)
        if reason:
            result.skipped.append((path.name, reason))
            continue
        latest = {}
        for a in data["attempts"]:
            key = (a["bank"], a["question"])
            if key in known:
                latest[key] = a["correct"]
            else:
                result.ignored_answers += 1
        if data["attempts"] and not latest:
            result.skipped.append((path.name, "no answers to this course's questions (foreign file)"))
            continue
        reader = Reader(data["reader"], str(data.get("name", ""))[:60], path.name, str(data.get("exported_at", "")), latest)
        previous = candidates.get(reader.reader)
        if previous is None:
            candidates[reader.reader] = (reader, path.name)
        elif reader.exported_at > previous[0].exported_at:
            result.skipped.append((previous[1], f"duplicate: an older export of the same reader as {path.name}"))
            candidates[reader.reader] = (reader, path.name)
        else:
            result.skipped.append((path.name, f"duplicate: an older export of the same reader as {previous[1]}"))
    result.readers = [r for r, _ in candidates.values()]
    result.readers.sort(key=lambda r: r.file)
    return result


def reader_scores(cls: ClassData) -> list[dict]:
    rows = []
    for r in cls.readers:
        answered = len(r.latest)
        correct = sum(r.latest.values())
        rows.append({"reader": r.label, "answered": answered, "correct": correct,
                     "percent": round(100 * correct / answered) if answered else 0})
    return rows


def question_stats(cls: ClassData) -> list[dict]:
    known = known_questions()
    stats: dict[tuple[str, str], list[int]] = {}
    for r in cls.readers:
        for key, ok in r.latest.items():
            s = stats.setdefault(key, [0, 0])
            s[0] += 1
            s[1] += ok
    rows = []
    for key, (n, ok) in stats.items():
        q = known[key]
        rows.append({"bank": key[0], "question": key[1], "topic": q.topic, "prompt": q.prompt,
                     "explanation": q.explanation, "answer": q.answer_text(),
                     "answered": n, "correct": ok, "percent": round(100 * ok / n)})
    rows.sort(key=lambda r: (r["bank"], r["question"]))
    return rows


def most_missed(cls: ClassData, n: int = 5, min_answers: int = 3) -> list[dict]:
    rows = [r for r in question_stats(cls) if r["answered"] >= min_answers]
    rows.sort(key=lambda r: (r["percent"], -r["answered"], r["bank"], r["question"]))
    return rows[:n]


def topic_strengths(cls: ClassData) -> list[dict]:
    totals: dict[str, list[int]] = {}
    for row in question_stats(cls):
        t = totals.setdefault(row["topic"], [0, 0])
        t[0] += row["answered"]
        t[1] += row["correct"]
    rows = [{"topic": t, "answered": n, "correct": ok, "percent": round(100 * ok / n)} for t, (n, ok) in totals.items()]
    rows.sort(key=lambda r: -r["percent"])
    return rows


def score_bins(cls: ClassData, width: int = 10) -> list[tuple[str, int]]:
    """Readers per band of percent correct (of the questions each answered)."""
    bins = [0] * (100 // width)
    for row in reader_scores(cls):
        if row["answered"]:
            bins[min(row["percent"] // width, len(bins) - 1)] += 1
    return [(f"{i * width}-{i * width + width - (1 if i < len(bins) - 1 else 0)}%", c) for i, c in enumerate(bins)]


# ------------------------------------------------------------------ presentation

def _table(headers, rows, caption="") -> str:
    head = "".join(f"<th scope='col' style='text-align:left'>{safe_html(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td style='text-align:left;vertical-align:top'>{c}</td>" for c in row) + "</tr>" for row in rows)
    cap = f"<caption style='text-align:left'><strong>{safe_html(caption)}</strong></caption>" if caption else ""
    return f"<table class='gc-class'>{cap}<tr>{head}</tr>{body}</table>"


def summary_html(cls: ClassData) -> str:
    scores = reader_scores(cls)
    if not cls.readers:
        return f"<p>No usable exports found in <code>{safe_html(cls.folder)}</code>.</p>" + skipped_html(cls)
    mean = sum(r["percent"] for r in scores) / len(scores)
    answered = sum(r["answered"] for r in scores)
    return (
        f"<p><strong>{len(cls.readers)} readers</strong> loaded from <code>{safe_html(cls.folder)}</code>; "
        f"{answered} answers in all; mean score {mean:.0f}% of the questions each reader answered.</p>"
        + skipped_html(cls)
    )


def skipped_html(cls: ClassData) -> str:
    parts = []
    if cls.skipped:
        items = "".join(f"<li><code>{safe_html(f)}</code>: {safe_html(reason)}</li>" for f, reason in cls.skipped)
        parts.append(f"<p>Skipped {len(cls.skipped)} file(s):</p><ul>{items}</ul>")
    if cls.ignored_answers:
        parts.append(f"<p>{cls.ignored_answers} answer(s) to questions this course no longer has were ignored.</p>")
    return "".join(parts)


def score_distribution_html(cls: ClassData) -> str:
    rows = [(safe_html(band), str(n), "█" * n) for band, n in score_bins(cls)]
    return _table(["Score band", "Readers", ""], rows, "Score distribution")


def readers_html(cls: ClassData) -> str:
    rows = [(safe_html(r["reader"]), str(r["answered"]), str(r["correct"]), f"{r['percent']}%")
            for r in sorted(reader_scores(cls), key=lambda r: (-r["percent"], r["reader"]))]
    return _table(["Reader", "Answered", "Correct", "Score"], rows, "Scores per reader (latest try per question)")


def question_table_html(cls: ClassData) -> str:
    rows = [(f"<code>{safe_html(r['bank'])}/{safe_html(r['question'])}</code>", safe_html(r["topic"]),
             str(r["answered"]), f"{r['percent']}%") for r in question_stats(cls)]
    return _table(["Question", "Topic", "Answered", "Correct"], rows, "Percent correct per question")


def most_missed_html(cls: ClassData, n: int = 5) -> str:
    rows = [(safe_html(r["prompt"]), f"{r['percent']}% of {r['answered']}", safe_html(r["answer"]),
             safe_html(r["explanation"])) for r in most_missed(cls, n)]
    return _table(["Question", "Correct", "Answer", "Explanation to revisit"], rows, f"The {n} most-missed questions")


def topics_html(cls: ClassData) -> str:
    rows = [(safe_html(r["topic"]), str(r["answered"]), f"{r['percent']}%",
             "strength" if r["percent"] >= 75 else ("revisit" if r["percent"] < 50 else "")) for r in topic_strengths(cls)]
    return _table(["Topic", "Answers", "Correct", "Note"], rows, "Strengths per topic")


def class_figure(cls: ClassData, title: str = "Class results"):
    from .plots import OKABE_ITO, new_figure, styled

    @styled
    def draw():
        fig = new_figure(figsize=(9, 3.6))
        ax1, ax2 = fig.subplots(1, 2, width_ratios=[1, 1.3])
        bins = score_bins(cls)
        ax1.bar(range(len(bins)), [n for _, n in bins], color=OKABE_ITO["blue"])
        for i, (_, n) in enumerate(bins):
            if n:
                ax1.text(i, n + 0.1, str(n), ha="center", va="bottom", fontsize=8)
        ax1.set_xticks(range(len(bins)), [b.split("-")[0] for b in (band for band, _ in bins)], fontsize=7)
        ax1.set_xlabel("score band (% correct, lower bound)")
        ax1.set_ylabel("readers")
        ax1.set_title("Score distribution")
        topics = topic_strengths(cls)[::-1]
        ys = range(len(topics))
        ax2.barh(ys, [t["percent"] for t in topics], color=OKABE_ITO["bluish_green"])
        for y, t in zip(ys, topics):
            ax2.text(t["percent"] + 1, y, f"{t['percent']}%", va="center", fontsize=8)
        ax2.set_yticks(list(ys), [t["topic"] for t in topics], fontsize=8)
        ax2.set_xlim(0, 110)
        ax2.set_xlabel("% of answers correct")
        ax2.set_title("Per topic")
        ax2.grid(axis="y", visible=False)
        ax2.grid(axis="x", visible=True)
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
        return fig

    return draw()


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
            html += (score_distribution_html(cls) + topics_html(cls) + most_missed_html(cls)
                     + readers_html(cls) + question_table_html(cls))
        return html

    def _repr_html_(self) -> str:
        return self.html()

    def draw_button(self):
        import ipywidgets as w

        button = w.Button(description="Draw charts", icon="bar-chart",
                          tooltip="Draw the score distribution and per-topic chart for this folder")
        image = w.Image(format="png", layout=w.Layout(max_width="900px", display="none"))
        note = w.HTML()

        def draw(_=None):
            if not self.data.readers:
                note.value = "<p>No readers to chart.</p>"
                return
            from .plots import figure_png

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
