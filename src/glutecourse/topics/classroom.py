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

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..core.data import validate
from ..core.errors import CourseDataError
from ..core.paths import data_dir
from ..core.storage import MAX_NUMBER_DIGITS, DamagedFile, parse_untrusted_json
from .progress import EXPORT_FORMAT
from .progress import FORMAT as PROGRESS_FORMAT
from .quizzes import all_banks

#: The anonymised sample class shipped with the course (``make generate`` writes it).
SAMPLE_FOLDER = "classroom-sample"


def sample_class_folder() -> Path:
    """The course's generated, anonymised sample class (``data/classroom-sample/``)."""
    return data_dir() / SAMPLE_FOLDER


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
            raise ValueError(
                f"too large ({_megabytes(info.st_size)}; an export is at most {_megabytes(MAX_EXPORT_BYTES)})"
            )
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
        data = parse_untrusted_json(text, max_digits=MAX_NUMBER_DIGITS)
    except DamagedFile as exc:
        return str(exc), None
    return _export_problem(data, path), data


def known_questions() -> dict[tuple[str, str], object]:
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
        result.skipped.append(
            (shown_name(str(folder)), f"the folder cannot be read ({getattr(exc, 'strerror', None) or exc})")
        )
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
        reader = Reader(
            plain_text(data["reader"], 64), plain_text(data.get("name", "")), name, data["exported_at"], latest
        )
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
        rows.append(
            {
                "reader": r.label,
                "answered": answered,
                "correct": correct,
                "percent": round(100 * correct / answered) if answered else None,
            }
        )
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
        rows.append(
            {
                "bank": key[0],
                "question": key[1],
                "topic": q.topic,
                "prompt": q.prompt,
                "explanation": q.explanation,
                "answer": q.answer_text(),
                "answered": n,
                "correct": ok,
                "percent": round(100 * ok / n),
            }
        )
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
