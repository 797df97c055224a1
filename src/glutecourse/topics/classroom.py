"""Class results: a teacher loads a folder of readers' progress exports.

Every entry of the folder is either loaded or listed as skipped with its reason; nothing
in the folder is changed and nothing crashes the report:

- hidden entries (names starting with ``.``), subfolders, named pipes, devices and
  sockets are listed and never opened (opening a named pipe would block the notebook);
- links are never followed, wherever they point: a link to a file outside the folder
  could read anything on the machine, and a link to a file inside the folder would only
  read that file a second time (the file itself is listed under its own name);
- files that cannot be read, are larger than ``MAX_EXPORT_BYTES``, are not UTF-8 JSON,
  nest deeper than ``core.storage.MAX_JSON_DEPTH`` (the guard shared with the reader's own files), hold numbers no export has (``NaN``, ``1e400``,
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

import csv
import io
import os
import re
import stat
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from ..core import storage
from ..core.data import validate
from ..core.errors import CourseDataError
from ..core.paths import data_dir, user_dir
from ..core.records import Record, field
from ..core.storage import MAX_NUMBER_DIGITS, DamagedFile, parse_untrusted_json
from ..core.text import strip_tags
from .beliefs import ClassChange, class_changes, latest_ratings
from .diary import FILENAME as DIARY_FILE
from .diary import SETTINGS_FILE as DIARY_SETTINGS
from .diary import protect_note
from .progress import EXPORT_FORMAT
from .progress import FORMAT as PROGRESS_FORMAT
from .quizzes import Question, all_banks

#: The anonymised sample class shipped with the course (``make generate`` writes it).
SAMPLE_FOLDER = "classroom-sample"


def sample_class_folder() -> Path:
    """The course's generated, anonymised sample class (``data/classroom-sample/``)."""
    return data_dir() / SAMPLE_FOLDER


#: A question's text in a table row is cut (at a word) to about this many characters; the
#: whole text is in the most-missed table and the saved summary.
QUESTION_TEXT_CHARS = 90

#: Larger files are skipped unread. A reader who answered every question of the course
#: ten times writes about 200 KB; 5 MB leaves room for years of practice.
MAX_EXPORT_BYTES = 5_000_000

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
    return "".join(
        (f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}")
        if unicodedata.category(ch) == "Cc" or ch in _BIDI_CONTROLS
        else ch
        for ch in text
    )


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


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid JSON (not UTF-8 text: byte {exc.start + 1})") from None


def _check_size(size: int) -> None:
    if size > MAX_EXPORT_BYTES:
        raise ValueError(f"too large ({_megabytes(size)}; an export is at most {_megabytes(MAX_EXPORT_BYTES)})")


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
        _check_size(info.st_size)
        try:
            raw = handle.read(MAX_EXPORT_BYTES + 1)
        except OSError as exc:
            raise ValueError(f"cannot be read ({exc.strerror or exc})") from None
    if len(raw) > MAX_EXPORT_BYTES:
        raise ValueError(f"too large (more than {_megabytes(MAX_EXPORT_BYTES)})")
    return _decode(raw)


# ------------------------------------------------------------------ loading a class


class Reader(Record):
    """One loaded export: who (an anonymous id and the name they typed, both plain text),
    from which file, and the latest answer to each question of the course."""

    reader: str
    name: str
    file: str
    exported_at: str
    latest: Mapping[tuple[str, str], bool]  # (bank, question) -> latest attempt correct (read-only)
    #: (statement, "before" or "after") -> the latest rating of the beliefs check (read-only).
    beliefs: Mapping[tuple[str, str], int] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def label(self) -> str:
        return self.name or f"reader {self.reader[:6]}"

    @property
    def answered(self) -> int:
        return len(self.latest)

    @property
    def correct(self) -> int:
        return sum(self.latest.values())


class Skipped(Record):
    """A folder entry or uploaded file that was not loaded, and why (plain text)."""

    name: str
    reason: str


class ClassData(Record):
    """A loaded class: the readers, every entry skipped with its reason, and where it came
    from (``folder``: the folder's path, or a description of the uploaded files).
    ``problem`` is set when the folder itself could not be read (then nothing was)."""

    folder: str
    readers: tuple[Reader, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    ignored_answers: int = 0
    problem: str | None = None
    uploaded: bool = False

    @property
    def answering(self) -> tuple[Reader, ...]:
        """Readers with at least one answer: the ones the means are taken over."""
        return tuple(r for r in self.readers if r.answered)

    @property
    def not_started(self) -> tuple[Reader, ...]:
        """Readers whose export holds no answers yet (listed, left out of the means)."""
        return tuple(r for r in self.readers if not r.answered)

    @property
    def reasons(self) -> dict[str, str]:
        """Skipped entries by name: {name: reason} (a lookup, not a record)."""
        return {s.name: s.reason for s in self.skipped}


def _export_problem(data, path: Path) -> str | None:
    """Why parsed JSON is not a usable export (foreign or schema-invalid), or None."""
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


def _parse_export(text: str, path: Path) -> tuple[str | None, object]:
    """(reason to skip, None) or (None, the export's data)."""
    try:
        data = parse_untrusted_json(text, max_digits=MAX_NUMBER_DIGITS)
    except DamagedFile as exc:
        return str(exc), None
    return _export_problem(data, path), data


def _read_export(path: Path) -> tuple[str | None, object]:
    """(reason to skip, None) or (None, the export's data)."""
    try:
        text = read_entry(path)
    except ValueError as exc:
        return str(exc), None
    return _parse_export(text, path)


def known_questions() -> dict[tuple[str, str], Question]:
    """Every question of the course by (bank id, question id): a lookup table, not a record."""
    return {(b.id, q.id): q for b in all_banks() for q in b.questions}


def _list_folder(folder: Path) -> list[Path]:
    with os.scandir(folder) as entries:
        return sorted((Path(e.path) for e in entries), key=lambda p: p.name)


class _Collector:
    """Gathers entries as they are read: loaded readers (the newest export per reader),
    skipped entries with reasons, answers to questions the course no longer has."""

    def __init__(self):
        self.known = known_questions()
        self.skipped: list[Skipped] = []
        self.ignored = 0
        self.candidates: dict[str, tuple[Reader, str]] = {}

    def skip(self, name: str, reason: str) -> None:
        self.skipped.append(Skipped(name, reason))

    def add(self, name: str, data: dict) -> None:
        latest = {}
        for a in data["attempts"]:
            key = (a["bank"], a["question"])
            if key in self.known:
                latest[key] = a["correct"]
            else:
                self.ignored += 1
        if data["attempts"] and not latest:
            self.skip(name, "no answers to this course's questions (foreign file)")
            return
        reader = Reader(
            plain_text(data["reader"], 64),
            plain_text(data.get("name", "")),
            name,
            data["exported_at"],
            MappingProxyType(latest),
            MappingProxyType({k: int(v) for k, v in latest_ratings(data.get("beliefs", ())).items()}),
        )
        previous = self.candidates.get(data["reader"])
        if previous is None:
            self.candidates[data["reader"]] = (reader, name)
        elif reader.exported_at > previous[0].exported_at:
            self.skip(previous[1], f"duplicate: an older export of the same reader as {name}")
            self.candidates[data["reader"]] = (reader, name)
        else:
            self.skip(name, f"duplicate: an older export of the same reader as {previous[1]}")

    def result(self, folder: str, uploaded: bool = False) -> ClassData:
        readers = sorted((r for r, _ in self.candidates.values()), key=lambda r: r.file)
        return ClassData(folder, tuple(readers), tuple(self.skipped), self.ignored, uploaded=uploaded)


def load_class(folder: Path | str) -> ClassData:
    """Every entry of ``folder`` loaded or skipped with its reason (see the module's docstring)."""
    folder = Path(folder)
    shown = shown_name(str(folder))
    try:
        root = folder.resolve(strict=True)
        entries = _list_folder(root)
    except FileNotFoundError:
        return ClassData(shown, problem="folder not found")
    except NotADirectoryError:
        return ClassData(shown, problem="not a folder")
    except (OSError, RuntimeError) as exc:
        return ClassData(shown, problem=f"the folder cannot be read ({getattr(exc, 'strerror', None) or exc})")
    found = _Collector()
    for path in entries:
        name = shown_name(path.name)
        reason = _entry_reason(path, root)
        if reason is None:
            reason, data = _read_export(path)
        if reason:
            found.skip(name, reason)
        else:
            found.add(name, data)
    return found.result(shown)


def load_uploads(files) -> ClassData:
    """A class from uploaded files, given as ``(file name, content bytes)`` pairs (what a
    notebook's upload box holds): the same checks as a folder's files, each file loaded or
    skipped with its reason."""
    found = _Collector()
    files = list(files)
    for name, content in files:
        shown = shown_name(plain_text(name, 120))
        try:
            if not str(name).lower().endswith(".json"):
                raise ValueError("not a .json export")
            _check_size(len(content))
            text = _decode(bytes(content))
        except ValueError as exc:
            found.skip(shown, str(exc))
            continue
        reason, data = _parse_export(text, Path(shown))
        if reason:
            found.skip(shown, reason)
        else:
            found.add(shown, data)
    return found.result(f"{len(files)} uploaded file{'' if len(files) == 1 else 's'}", uploaded=True)


# ------------------------------------------------------------------ the class's numbers


class ReaderScore(Record):
    """One loaded reader's score; ``percent`` is None for a reader with no answers yet."""

    reader: str
    file: str
    answered: int
    correct: int
    percent: int | None


class QuestionStat(Record):
    """How the class did on one question: its text (``prompt`` as written in the bank,
    ``text`` shortened to read in a table row), its ids, and the latest answers."""

    bank: str
    question: str
    topic: str
    prompt: str
    text: str
    explanation: str
    answer: str
    answered: int
    correct: int
    percent: int

    @property
    def qid(self) -> str:
        return f"{self.bank}/{self.question}"

    @property
    def full_text(self) -> str:
        """The whole prompt as plain text (no tags, spaces collapsed)."""
        return " ".join(strip_tags(self.prompt).split())


class TopicStrength(Record):
    """Percent of the class's latest answers correct in one topic."""

    topic: str
    answered: int
    correct: int
    percent: int


class ScoreBand(Record):
    """Readers whose score falls in one band (``label`` such as "60-69%")."""

    label: str
    low: int
    readers: int


def question_text(prompt: str, limit: int = QUESTION_TEXT_CHARS) -> str:
    """A question's prompt as plain text for a table row: the bank's few tags removed,
    spaces collapsed, and cut at a word (with "…") when longer than ``limit``."""
    text = " ".join(strip_tags(prompt).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"


def reader_scores(cls: ClassData) -> list[ReaderScore]:
    """One row per loaded reader, in the order they were loaded."""
    return [
        ReaderScore(r.label, r.file, r.answered, r.correct, round(100 * r.correct / r.answered) if r.answered else None)
        for r in cls.readers
    ]


def mean_score(cls: ClassData) -> float | None:
    """Mean percent correct over the readers who answered something (None if nobody did)."""
    scores = [r.percent for r in reader_scores(cls) if r.answered]
    return sum(scores) / len(scores) if scores else None


def question_stats(cls: ClassData) -> list[QuestionStat]:
    """One row per question anybody answered, in course order (bank, then question id)."""
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
        rows.append(
            QuestionStat(
                bank=key[0],
                question=key[1],
                topic=q.topic,
                prompt=q.prompt,
                text=question_text(q.prompt),
                explanation=q.explanation,
                answer=q.answer_text(),
                answered=n,
                correct=ok,
                percent=round(100 * ok / n),
            )
        )
    rows.sort(key=lambda r: (r.bank, r.question))
    return rows


def most_missed(cls: ClassData, n: int = 5, min_answers: int = 3) -> list[QuestionStat]:
    """The ``n`` questions with the lowest percent correct among those answered by at least
    ``min_answers`` readers (hardest first)."""
    rows = [r for r in question_stats(cls) if r.answered >= min_answers]
    rows.sort(key=lambda r: (r.percent, -r.answered, r.bank, r.question))
    return rows[:n]


def topic_strengths(cls: ClassData) -> list[TopicStrength]:
    """Percent correct per topic, strongest first."""
    totals: dict[str, list[int]] = {}
    for row in question_stats(cls):
        t = totals.setdefault(row.topic, [0, 0])
        t[0] += row.answered
        t[1] += row.correct
    rows = [TopicStrength(t, n, ok, round(100 * ok / n)) for t, (n, ok) in totals.items()]
    rows.sort(key=lambda r: -r.percent)
    return rows


def score_bins(cls: ClassData, width: int = 10) -> list[ScoreBand]:
    """Readers per band of percent correct (of the questions each answered)."""
    bins = [0] * (100 // width)
    for row in reader_scores(cls):
        if row.answered:
            bins[min(row.percent // width, len(bins) - 1)] += 1
    last = len(bins) - 1
    return [
        ScoreBand(f"{i * width}-{i * width + width - (1 if i < last else 0)}%", i * width, c)
        for i, c in enumerate(bins)
    ]


def belief_changes(cls: ClassData) -> list[ClassChange]:
    """The class's change per statement of the beliefs check (``topics.beliefs.ClassChange``):
    readers with both ratings in the means and counts, readers with only one listed apart."""
    return class_changes((r.label, r.beliefs) for r in cls.readers)


# ------------------------------------------------------------------ the teacher's summary (CSV)

#: The summary's columns. One row per reader, per question, per topic and per skipped
#: entry (``section`` says which), after one row for the whole class: a long table that a
#: spreadsheet can filter and sort.
SUMMARY_COLUMNS = ("section", "name", "detail", "topic", "answered", "correct", "percent_correct")


def summary_rows(cls: ClassData) -> list[tuple[str, ...]]:
    """The class summary's rows (without the header), every cell as text as written."""
    mean = mean_score(cls)
    answered = sum(r.answered for r in cls.readers)
    correct = sum(r.correct for r in cls.readers)
    rows: list[tuple[str, ...]] = [
        (
            "class",
            cls.folder,
            f"{len(cls.readers)} reader(s) loaded, {len(cls.answering)} with answers; "
            "percent_correct is the mean of their scores",
            "",
            str(answered),
            str(correct),
            "" if mean is None else f"{mean:.0f}",
        )
    ]
    for s in sorted(reader_scores(cls), key=lambda s: (s.percent is None, -(s.percent or 0), s.reader)):
        pct = "" if s.percent is None else str(s.percent)
        rows.append(("reader", s.reader, s.file, "", str(s.answered), str(s.correct), pct))
    for q in question_stats(cls):
        rows.append(("question", q.full_text, q.qid, q.topic, str(q.answered), str(q.correct), str(q.percent)))
    for t in topic_strengths(cls):
        rows.append(("topic", t.topic, "", t.topic, str(t.answered), str(t.correct), str(t.percent)))
    for s in cls.skipped:
        rows.append(("skipped", s.name, s.reason, "", "", "", ""))
    return rows


def summary_csv(cls: ClassData) -> str:
    """The class summary as CSV text. Every text cell a spreadsheet would run as a formula
    (names and file names come from students' files) is neutralised with the course's one
    rule for that (``topics.diary.protect_note``, OWASP's advice)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    for row in summary_rows(cls):
        writer.writerow([protect_note(cell) for cell in row])
    return buf.getvalue()


SUMMARY_NAME = "class-summary"
#: The save button's label (the model's messages name it).
SAVE_LABEL = "Save class summary (CSV)"


def default_summary_path(cls: ClassData | None = None) -> Path:
    """Where the summary goes unless the teacher types another path: ``exports/`` in the
    course's own folder for this user (never the course's data), named after the class."""
    slug = ""
    if cls is not None and not cls.uploaded:
        slug = re.sub(r"[^a-z0-9]+", "-", Path(cls.folder).name.lower()).strip("-")[:40]
    return user_dir(create=False) / "exports" / f"{SUMMARY_NAME}{'-' + slug if slug else ''}.csv"


def export_summary(cls: ClassData, path: Path | str, overwrite: bool = False) -> Path:
    """Write :func:`summary_csv` to ``path`` (a folder gets ``class-summary.csv``) and
    return where it went.

    An existing file is replaced only with ``overwrite=True`` (else FileExistsError); the
    course's own ``data/`` folder, the reader's saved files and the class's export files
    are refused (``storage.RefusedTarget``); a name must end in ``.csv`` (ValueError)."""
    path = Path(path).expanduser()
    if path.is_dir():
        path = path / f"{SUMMARY_NAME}.csv"
    if path.suffix.lower() != ".csv":
        raise ValueError(f"{path.name} does not end in .csv: the summary is a CSV file")
    protected: list[Path] = []
    try:
        home = user_dir(create=False)
        protected += [home / "progress.json", home / DIARY_FILE, home / DIARY_SETTINGS]
    except OSError:
        pass
    if not cls.uploaded and cls.problem is None:
        protected += [Path(cls.folder) / r.file for r in cls.readers]
    path = storage.check_export_target(path, overwrite=overwrite, protected=tuple(protected))
    path.parent.mkdir(parents=True, exist_ok=True)
    text = summary_csv(cls)
    if overwrite:
        storage.atomic_write_text(path, text)
    else:
        storage.write_new_file(path, text)
    return path


# ------------------------------------------------------------------ the notebook's model


class Outcome(Record):
    """What one action did, for the view to show: ``kind`` is ok, error, warning or info;
    ``text`` is plain text (the view escapes it); ``path`` is a file written."""

    kind: str
    text: str
    path: Path | None = None


def _entries(n: int, uploaded: bool = False) -> str:
    if uploaded:
        return f"{n} file{'' if n == 1 else 's'}"
    return f"{n} entr{'y' if n == 1 else 'ies'}"


def _skipped_words(cls: ClassData, limit: int = 4) -> str:
    shown = "; ".join(f"{s.name} ({s.reason})" for s in cls.skipped[:limit])
    more = len(cls.skipped) - limit
    return shown + (f"; and {more} more, listed in the results below" if more > 0 else "")


class ClassResults:
    """What the class-results notebook's controls do, without widgets: load a folder typed
    by the teacher or a set of uploaded exports, and save the summary as CSV. Every action
    returns an :class:`Outcome` in plain words; nothing raises for bad input."""

    def __init__(self, folder: Path | str | None = None):
        self.data: ClassData | None = None
        self._replace = storage.AskTwice()
        self.last = self.load_folder(str(sample_class_folder() if folder is None else folder))

    def load_folder(self, text: str) -> Outcome:
        """Load the folder typed in the path box (a relative path is taken from the
        notebook's own folder, where the kernel runs)."""
        typed = str(text).strip()
        if not typed:
            return self._not_loaded("Type the path of the folder that holds your students' exports first.")
        folder = Path(typed).expanduser().absolute()
        cls = load_class(folder)
        if cls.problem == "folder not found":
            return self._not_loaded(f"There is no folder at {cls.folder}. Check the path, or upload the files instead.")
        if cls.problem == "not a folder":
            hint = (
                "to load single exports, use the upload button instead"
                if folder.suffix.lower() == ".json"
                else "type the folder that holds the exports"
            )
            return self._not_loaded(f"{cls.folder} is a file, not a folder: {hint}.")
        if cls.problem:
            return self._not_loaded(f"{cls.folder}: {cls.problem}.")
        self.data = cls
        return self._loaded(cls, f"the folder {cls.folder}")

    def _not_loaded(self, text: str) -> Outcome:
        if self.data is not None and self.data.readers:
            text += f" The results below are still those of {self.data.folder}."
        return Outcome("error", text)

    def load_files(self, files) -> Outcome:
        """Load uploaded files: ``(name, content bytes)`` pairs."""
        files = list(files)
        if not files:
            return Outcome("info", "No files chosen yet.")
        cls = load_uploads(files)
        self.data = cls
        return self._loaded(cls, cls.folder)

    def _loaded(self, cls: ClassData, where: str) -> Outcome:
        self._replace.forget()
        if not cls.readers:
            total = len(cls.skipped)
            if not total:
                return Outcome("warning", f"No exports found: {where} is empty.")
            return Outcome(
                "warning",
                f"No usable exports found in {where}: {_entries(total, cls.uploaded)} skipped: {_skipped_words(cls)}.",
            )
        text = f"Loaded {len(cls.readers)} reader{'' if len(cls.readers) == 1 else 's'} from {where}."
        if cls.skipped and cls.uploaded:  # the teacher chose these files: name each one here
            text += f" Skipped {_entries(len(cls.skipped), True)}: {_skipped_words(cls)}."
        elif cls.skipped:
            text += f" Skipped {_entries(len(cls.skipped))}, listed below with the reason for each."
        return Outcome("ok", text)

    def export(self, target: str) -> Outcome:
        """Save the summary of the class on screen to ``target``; an existing file is
        replaced only when asked twice for the same path."""
        if self.data is None or not self.data.readers:
            return Outcome("error", "Nothing to save yet: load a folder or upload exports first.")
        typed = str(target).strip()
        if not typed:
            return Outcome("error", "Type where to save the summary first.")
        wanted = Path(typed).expanduser()
        try:
            path = export_summary(self.data, wanted, overwrite=self._replace.replace(wanted))
        except FileExistsError as exc:
            self._replace.found(wanted)
            return Outcome("info", f"{exc.strerror}. Press {SAVE_LABEL} again to replace it, or type another name.")
        except storage.RefusedTarget as exc:
            return Outcome("error", f"Not saved: {exc.strerror}.")
        except ValueError as exc:
            return Outcome("error", f"Not saved: {exc}.")
        except OSError as exc:
            return Outcome("error", f"Not saved: {storage.describe_error(exc, wanted)}.")
        n = len(self.data.readers)
        return Outcome("ok", f"Saved the class summary ({n} reader{'' if n == 1 else 's'}) to {path}.", path=path)
