"""Class results: a teacher loads a folder of readers' progress exports.

Every entry of the folder is either loaded or listed as skipped with its reason; nothing
in the folder is changed and nothing crashes the report:

- hidden entries (names starting with ``.``), subfolders, named pipes, devices and
  sockets are listed and never opened (opening a named pipe would block the notebook);
- links are never followed, wherever they point: a link to a file outside the folder
  could read anything on the machine, and a link to a file inside the folder would only
  read that file a second time (the file itself is listed under its own name);
- files that cannot be read, are larger than ``MAX_EXPORT_BYTES``, are not UTF-8 JSON,
  nest deeper than ``MAX_JSON_DEPTH``, hold numbers no export has (``NaN``, ``1e400``,
  a 5,000-digit integer), are not course exports (foreign), fail the export schema
  (``schemas/progress-export.schema.json``: a ``"correct"`` that is not true or false, a
  missing reader, ...), or repeat a reader already loaded (duplicates: the newest export
  wins) are skipped with the reason.

An export with no answers yet is loaded and listed as such, but left out of the means
(counting it as 0% would drag the class mean down). Answers to questions the course no
longer has are ignored and counted. Everything a file supplies (names, reader ids, file
names) is shown as plain text.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .progress import EXPORT_FORMAT
from .progress import FORMAT as PROGRESS_FORMAT
from .textfmt import safe_html

#: Larger files are skipped unread. A reader who answered every question of the course
#: ten times writes about 200 KB; 5 MB leaves room for years of practice.
MAX_EXPORT_BYTES = 5_000_000
#: An export nests three levels deep (object, list of attempts, attempt).
MAX_JSON_DEPTH = 16
#: No number in an export is longer than this (the version is 1).
MAX_NUMBER_DIGITS = 20


# ------------------------------------------------------------------ reading untrusted JSON
#
# A small pure helper. The reader's own files (storage.py) need the same guard against
# deep nesting; one shared helper should serve both.

_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")


def json_depth(text: str, limit: int | None = None) -> int:
    """How deeply ``[``/``{`` nest in JSON ``text`` (brackets inside strings do not count).

    Stops counting once ``limit`` is passed. Linear in the text's length and never
    recursive, so it is safe on any input; it does not check that the text is valid JSON.
    """
    depth = deepest = 0
    for match in _BRACKET.finditer(_JSON_STRING.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if limit is not None and deepest > limit:
                    break
        else:
            depth -= 1
    return deepest


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise ValueError(f"a number with {len(text.lstrip('-'))} digits")
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or len(text) > 2 * MAX_NUMBER_DIGITS:
        raise ValueError(f"a number out of range ({text[:24]}{'...' if len(text) > 24 else ''})")
    return value


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def parse_untrusted_json(text: str, max_depth: int = MAX_JSON_DEPTH):
    """Parse JSON from a file nobody vouches for; raise ValueError with a plain reason.

    Refused: nesting deeper than ``max_depth`` (checked before parsing, so Python's
    recursive parser never sees it), ``NaN``/``Infinity``, numbers that overflow to
    infinity, and integers longer than ``MAX_NUMBER_DIGITS`` digits.
    """
    depth = json_depth(text, limit=max_depth)
    if depth > max_depth:
        raise ValueError(f"nested more than {max_depth} levels deep")
    try:
        return json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_refuse_constant)
    except RecursionError:  # not reachable after the depth check; a last line of defence
        raise ValueError("nested too deeply") from None


# ------------------------------------------------------------------ folder entries

_BIDI_CONTROLS = set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def plain_text(value, limit: int = 60) -> str:
    """Text from a file, made safe to show: lone surrogates replaced, control and
    text-direction characters removed, at most ``limit`` characters. Still needs
    ``html.escape`` before it goes into HTML."""
    text = re.sub("[\ud800-\udfff]", "\ufffd", str(value))
    text = "".join(ch for ch in text if ch not in _BIDI_CONTROLS and unicodedata.category(ch) != "Cc")
    return text[:limit] + ("…" if len(text) > limit else "")


def shown_name(name: str) -> str:
    """A file name as a person can read it: undecodable bytes and control characters
    appear as ``\\xNN`` escapes instead of breaking the page."""
    text = os.fsencode(name).decode("utf-8", "backslashreplace")
    return "".join((f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}")
                   if unicodedata.category(ch) == "Cc" or ch in _BIDI_CONTROLS else ch for ch in text)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISREG(mode):
        return "file"
    return "special file"


def _link_reason(path: Path, root: Path) -> str:
    try:
        target = path.resolve(strict=True)
        kind = _kind(os.stat(target).st_mode)  # stat, not open: safe for pipes and devices
    except (OSError, RuntimeError):
        return "a broken link (links are not followed)"
    if target == root:
        return "a link to this folder itself (links are not followed)"
    if root in target.parents:
        where = f"{target.relative_to(root).as_posix()} in this folder"
        return f"a link to the {kind} {shown_name(where)} (links are not followed; files are read under their own name)"
    return f"a link to a {kind} outside this folder (links are not followed)"


def _entry_reason(path: Path, root: Path) -> str | None:
    """Why this folder entry is skipped without opening it, or None for a plain file."""
    if path.name.startswith("."):
        return "hidden (the name starts with '.')"
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if stat.S_ISLNK(mode):
        return _link_reason(path, root)
    if stat.S_ISDIR(mode):
        return "a subfolder (subfolders are not read)"
    if not stat.S_ISREG(mode):
        return f"a {_kind(mode)}, not a file (not opened)"
    if path.suffix.lower() != ".json":
        return "not a .json export"
    return None


def _megabytes(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def read_entry(path: Path) -> str:
    """The text of a plain file in the class folder; ValueError with a reason otherwise.

    Opened without following links and without blocking (should the entry have been
    swapped for a link or a named pipe since it was listed), checked to be a regular file,
    and read only up to ``MAX_EXPORT_BYTES``.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except PermissionError:
        raise ValueError("cannot be read (permission denied)") from None
    except OSError as exc:
        raise ValueError(f"cannot be read ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"a {_kind(info.st_mode)}, not a file (not read)")
        if info.st_size > MAX_EXPORT_BYTES:
            raise ValueError(f"too large ({_megabytes(info.st_size)}; an export is at most {_megabytes(MAX_EXPORT_BYTES)})")
        try:
            raw = handle.read(MAX_EXPORT_BYTES + 1)
        except OSError as exc:
            raise ValueError(f"cannot be read ({exc.strerror or exc})") from None
    if len(raw) > MAX_EXPORT_BYTES:
        raise ValueError(f"too large (more than {_megabytes(MAX_EXPORT_BYTES)})")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid JSON (not UTF-8 text: byte {exc.start + 1})") from None


# ------------------------------------------------------------------ loading a class


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

    @property
    def answered(self) -> int:
        return len(self.latest)


@dataclass
class ClassData:
    folder: str
    readers: list[Reader] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    ignored_answers: int = 0

    @property
    def answering(self) -> list[Reader]:
        """Readers with at least one answer: the ones the means are taken over."""
        return [r for r in self.readers if r.answered]

    @property
    def not_started(self) -> list[Reader]:
        """Readers whose export holds no answers yet (listed, left out of the means)."""
        return [r for r in self.readers if not r.answered]


def _export_problem(data, path: Path) -> str | None:
    """Why parsed JSON is not a usable export (foreign or schema-invalid), or None."""
    from .data import validate
    from .errors import CourseDataError

    if isinstance(data, dict) and data.get("format") == PROGRESS_FORMAT:
        return "a reader's own progress file, not an export (ask for 'Export for my teacher')"
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        return "not a course progress export (foreign file)"
    try:
        validate(data, "progress-export", path)
    except CourseDataError as exc:
        where = f"{exc.item}: " if exc.item else ("the export " if exc.problem.startswith(("is ", "has ")) else "")
        return f"malformed export: {where}{exc.problem}"
    return None


def _read_export(path: Path) -> tuple[str | None, object]:
    """(reason to skip, None) or (None, the export's data)."""
    try:
        text = read_entry(path)
    except ValueError as exc:
        return str(exc), None
    try:
        data = parse_untrusted_json(text)
    except json.JSONDecodeError as exc:
        return f"not valid JSON ({exc.msg}: line {exc.lineno}, column {exc.colno})", None
    except ValueError as exc:
        return f"JSON refused: {exc}", None
    return _export_problem(data, path), data


def known_questions() -> dict[tuple[str, str], object]:
    from .quizzes import all_banks

    return {(b.id, q.id): q for b in all_banks() for q in b.questions}


def _list_folder(folder: Path) -> list[Path]:
    with os.scandir(folder) as entries:
        return sorted((Path(e.path) for e in entries), key=lambda p: p.name)


def load_class(folder: Path | str) -> ClassData:
    folder = Path(folder)
    result = ClassData(str(folder))
    try:
        root = folder.resolve(strict=True)
        entries = _list_folder(root)
    except FileNotFoundError:
        result.skipped.append((shown_name(str(folder)), "folder not found"))
        return result
    except NotADirectoryError:
        result.skipped.append((shown_name(str(folder)), "not a folder"))
        return result
    except (OSError, RuntimeError) as exc:
        result.skipped.append((shown_name(str(folder)), f"the folder cannot be read ({getattr(exc, 'strerror', None) or exc})"))
        return result
    known = known_questions()
    candidates: dict[str, tuple[Reader, str]] = {}
    for path in entries:
        name = shown_name(path.name)
        reason = _entry_reason(path, root)
        if reason is None:
            reason, data = _read_export(path)
        if reason:
            result.skipped.append((name, reason))
            continue
        latest = {}
        for a in data["attempts"]:
            key = (a["bank"], a["question"])
            if key in known:
                latest[key] = a["correct"]
            else:
                result.ignored_answers += 1
        if data["attempts"] and not latest:
            result.skipped.append((name, "no answers to this course's questions (foreign file)"))
            continue
        reader = Reader(plain_text(data["reader"], 64), plain_text(data.get("name", "")), name,
                        data["exported_at"], latest)
        previous = candidates.get(data["reader"])
        if previous is None:
            candidates[data["reader"]] = (reader, name)
        elif reader.exported_at > previous[0].exported_at:
            result.skipped.append((previous[1], f"duplicate: an older export of the same reader as {name}"))
            candidates[data["reader"]] = (reader, name)
        else:
            result.skipped.append((name, f"duplicate: an older export of the same reader as {previous[1]}"))
    result.readers = [r for r, _ in candidates.values()]
    result.readers.sort(key=lambda r: r.file)
    return result


def reader_scores(cls: ClassData) -> list[dict]:
    """One row per loaded reader; ``percent`` is None for a reader with no answers yet."""
    rows = []
    for r in cls.readers:
        answered = r.answered
        correct = sum(r.latest.values())
        rows.append({"reader": r.label, "answered": answered, "correct": correct,
                     "percent": round(100 * correct / answered) if answered else None})
    return rows


def mean_score(cls: ClassData) -> float | None:
    """Mean percent correct over the readers who answered something (None if nobody did)."""
    scores = [r["percent"] for r in reader_scores(cls) if r["answered"]]
    return sum(scores) / len(scores) if scores else None


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


def _esc(text) -> str:
    """Plain text into HTML: every ``<`` shows as ``<`` (no markup kept, unlike the
    course's own data, which may use ``safe_html``'s small subset)."""
    return html.escape(str(text), quote=True)


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
        text += (f"{answered} answers in all; mean score {mean:.0f}% of the questions each reader answered"
                 + (f" (over the {len(cls.answering)} readers with answers)" if waiting else "") + ".</p>")
    return text + skipped_html(cls)


def skipped_html(cls: ClassData) -> str:
    parts = []
    if cls.skipped:
        items = "".join(f"<li><code>{_esc(f)}</code>: {_esc(reason)}</li>" for f, reason in cls.skipped)
        parts.append(f"<p>Skipped {len(cls.skipped)} entr{'y' if len(cls.skipped) == 1 else 'ies'} "
                     f"of the folder:</p><ul>{items}</ul>")
    if cls.ignored_answers:
        parts.append(f"<p>{cls.ignored_answers} answer(s) to questions this course no longer has were ignored.</p>")
    return "".join(parts)


def score_distribution_html(cls: ClassData) -> str:
    rows = [(safe_html(band), str(n), "█" * n) for band, n in score_bins(cls)]
    return _table(["Score band", "Readers", ""], rows, "Score distribution")


def readers_html(cls: ClassData) -> str:
    rows = []
    for r, score in sorted(zip(cls.readers, reader_scores(cls)),
                           key=lambda pair: (pair[1]["percent"] is None, -(pair[1]["percent"] or 0), pair[0].label)):
        shown = f"{score['percent']}%" if score["answered"] else "no answers yet"
        rows.append((_esc(r.label), f"<code>{_esc(r.file)}</code>", str(score["answered"]), str(score["correct"]), shown))
    return _table(["Reader", "File", "Answered", "Correct", "Score"], rows, "Scores per reader (latest try per question)")


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
        # Only course data (topics) and numbers are drawn, never text from the exports; the
        # title is drawn literally too ("$" would otherwise start matplotlib's math mode).
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold", parse_math=False)
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
            if not self.data.answering:
                note.value = "<p>No answers to chart yet.</p>"
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
