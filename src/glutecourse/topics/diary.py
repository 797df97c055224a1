"""The reader's pain diary (notebook 09): one entry per day, saved on the reader's computer.

- :func:`validate_entry` turns what a reader typed into a clean :class:`Entry`, or raises
  :class:`EntryError` with a plain-language message (pain 11, "five", a future date...).
- :class:`Diary` keeps the entries in ``pain-diary.csv`` in the reader's data folder
  (``glutecourse.core.paths.user_dir()``, the same folder as quiz progress, outside the course
  repository). Every change goes through the course's storage layer
  (:mod:`glutecourse.core.storage`): under an inter-process lock the file is re-read, the
  change is applied to what is there now, and the file is replaced atomically, so a crash
  leaves either the old or the new file and two open windows never undo each other's
  entries. Lines that cannot be read are set aside in a side file (named by line in a
  warning) and the rest is kept; a file that is not a diary at all is moved aside whole.
  Nothing is ever deleted. A file that cannot be read or written gives a message
  (``Diary.problem``), never a traceback.
- **Numbers** (pain, minutes, goals) are read by the course's one number parser
  (:mod:`glutecourse.core.numbers`). Notes are kept on one line; a note a spreadsheet would
  run as a formula is neutralised in every CSV the diary writes (OWASP's advice) and
  restored when read back.
- **One entry per date.** :meth:`Diary.add` refuses a date that already has an entry (the
  widget then loads that entry into the form so the reader can edit it);
  :meth:`Diary.update` changes an entry; :meth:`Diary.delete` removes one.
- **Import** checks every row first and reports each bad row by its line number; if any
  row is bad nothing is saved. Good imported rows are merged: a date already in the diary
  takes the imported values.
- :func:`rolling_mean` is the 7-day rolling mean by calendar: for each day with an entry,
  the mean of the entries in that day and the 6 calendar days before it. Days without an
  entry are skipped, never counted as zero.

The chart is drawn by ``glutecourse.charts.diary``; the widget is ``glutecourse.ui.diary``.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import warnings
from pathlib import Path

from ..core import storage
from ..core.data import validate
from ..core.errors import CourseDataError, CourseWarning
from ..core.numbers import NumberError, format_number, parse_number
from ..core.paths import data_dir, user_dir
from ..core.records import Record
from .timeline import curve, interpolate

FILENAME = "pain-diary.csv"

FIELDS = ("date", "pain", "minutes", "note")

MAX_MINUTES = 24 * 60

MAX_NOTE = 200

SAMPLE = "diary-sample.csv"


class EntryError(ValueError):
    """A diary entry that cannot be saved; ``field`` names the input that is wrong."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


class ConflictError(EntryError):
    """The entry was changed or deleted in another window since the reader saw it."""


class ImportProblem(ValueError):
    """An import file with bad rows: ``problems`` is a list of (line number, message)."""

    def __init__(self, path, problems: list[tuple[int, str]]):
        self.path = str(path)
        self.problems = problems
        lines = "; ".join(f"line {n}: {m}" for n, m in problems[:10])
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        super().__init__(f"{len(problems)} problem(s) in {path}, nothing was imported: {lines}{more}")


class Entry(Record, order=True):
    date: _dt.date
    pain: int
    minutes: int
    note: str = ""

    def label(self) -> str:
        """One line for the entry list (plain text)."""
        note = f" · {self.note[:40]}{'…' if len(self.note) > 40 else ''}" if self.note else ""
        return f"{self.date.isoformat()} · pain {self.pain}/10 · {self.minutes} min exercise{note}"


# --- validation -----------------------------------------------------------------------


def _whole_number(value, field: str, what: str, low: int, high: int, hint: str, empty_means=None) -> int:
    """A whole number typed by a reader, read by the course's number parser."""
    try:
        return parse_number(value, what=what, whole=True, low=low, high=high, hint=hint, empty=empty_means)
    except NumberError as exc:
        raise EntryError(field, str(exc)) from None


def parse_date(value, today: _dt.date | None = None, allow_future: bool = False) -> _dt.date:
    """A date from a ``datetime.date`` or ISO text (``YYYY-MM-DD``); never in the future
    unless ``allow_future``."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        day = value
    elif value is None or not str(value).strip():
        raise EntryError("date", "Please enter a date, written as year-month-day, for example 2026-03-14.")
    else:
        text = str(value).strip()
        try:
            day = _dt.date.fromisoformat(text)
            if len(text) != 10:
                raise ValueError
        except ValueError:
            raise EntryError(
                "date",
                f"“{text[:30]}” is not a date the diary can read. Write it as year-month-day, for example 2026-03-14.",
            ) from None
    today = today or _dt.date.today()
    if not allow_future and day > today:
        raise EntryError(
            "date",
            f"{day.isoformat()} is in the future (today is {today.isoformat()}). A diary records days that have happened.",
        )
    if day.year < 1900:
        raise EntryError("date", f"{day.isoformat()} is too long ago for a pain diary.")
    return day


def validate_entry(
    date, pain, minutes, note: str = "", today: _dt.date | None = None, allow_future: bool = False
) -> Entry:
    """Check one entry as typed by a reader and return it clean, or raise EntryError.

    ``pain``: whole number 0-10. ``minutes`` of exercise: whole number 0-1440 (empty
    means 0). ``note``: optional, up to 200 characters, kept on one line.
    """
    day = parse_date(date, today=today, allow_future=allow_future)
    pain_n = _whole_number(pain, "pain", "Pain", 0, 10, "0 = no pain, 10 = worst pain imaginable")
    minutes_n = _whole_number(
        minutes, "minutes", "Minutes of exercise", 0, MAX_MINUTES, "a day has 1440 minutes", empty_means=0
    )
    note = " ".join(str(note or "").split())
    if len(note) > MAX_NOTE:
        raise EntryError("note", f"The note is {len(note)} characters long; please keep it to {MAX_NOTE}.")
    try:
        note.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise EntryError(
            "note",
            f"The note contains a character that cannot be saved (character {exc.start + 1}, "
            "a broken half of a symbol, often left by copy and paste). Delete it and type it "
            "again.",
        ) from None
    control = next((i for i, ch in enumerate(note) if ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0), None)
    if control is not None:
        raise EntryError(
            "note", f"The note contains an invisible control character (character {control + 1}); please delete it."
        )
    return Entry(day, pain_n, minutes_n, note)


# --- CSV ------------------------------------------------------------------------------

#: A cell starting with one of these is run as a formula by spreadsheets (OWASP, "CSV
#: Injection"): on export such a note gets a leading apostrophe, which spreadsheets take as
#: "this is text" and do not show. A note that itself starts with an apostrophe gets one
#: too, so reading the file back removes exactly one and restores the note as typed.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def protect_note(note: str) -> str:
    """A note as written to CSV: neutralised if a spreadsheet would run it as a formula."""
    return "'" + note if note.startswith(FORMULA_START) else note


def restore_note(cell: str) -> str:
    """The reader's note from a CSV cell written by :func:`protect_note`."""
    return cell[1:] if cell.startswith("'") else cell


def _row_text(entry: Entry) -> str:
    """One CSV line (with its newline) for ``entry``, its note protected."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(
        [entry.date.isoformat(), str(entry.pain), str(entry.minutes), protect_note(entry.note)]
    )
    return buf.getvalue()


HEADER = ",".join(FIELDS)


def to_csv(entries) -> str:
    """Diary CSV: a header, then one line per entry in date order; notes protected."""
    return HEADER + "\n" + "".join(_row_text(e) for e in sorted(entries, key=_entry_key))


def _entry_key(entry: Entry) -> tuple:
    return (entry.date, entry.pain, entry.minutes, entry.note)


def _diary_text(entries: dict, before: dict, lines: dict) -> str:
    """The diary file for ``entries`` (date -> Entry), re-using the line of every entry
    that is the very one read from the file (``before``/``lines``), so a save does work
    only for what changed."""
    parts = [HEADER, "\n"]
    cache = _LINE_CACHE.setdefault(tuple(FIELDS), {})
    for day in sorted(entries):
        entry = entries[day]
        line = lines.get(day) if before.get(day) is entry else None
        if line is None:
            line = _row_text(entry)[:-1]
            cache[line] = entry  # a checked entry reads back as itself (see Diary._checked)
        parts.append(line)
        parts.append("\n")
    return "".join(parts)


class Row(Record):
    """One physical line of a diary CSV file: its number (1 = the header), its text, and
    either the entry it holds or the problem that keeps it out."""

    line: int
    text: str
    entry: Entry | None = None
    problem: str = ""


# Lines already read, by header then text (a line means the same whatever file it is in).
_LINE_CACHE: dict[tuple, dict[str, Entry | str]] = {}


def _read_line(header: tuple, text: str, today, allow_future: bool) -> Entry | str:
    cache = _LINE_CACHE.setdefault(header, {}) if allow_future else None
    if cache is not None and text in cache:
        return cache[text]
    try:
        cells = next(csv.reader([text], strict=True))
    except csv.Error as exc:
        result = (
            f"a quote opens a value and is not closed on this line ({exc}); each entry must be on one line"
            if "end of data" in str(exc)
            else f"this line is not valid CSV ({exc})"
        )
    else:
        if len(cells) > len(header):
            result = "this row has more values than there are columns"
        else:
            row = dict(zip(header, cells))
            try:
                result = validate_entry(
                    row.get("date"),
                    row.get("pain"),
                    row.get("minutes"),
                    restore_note(row.get("note") or ""),
                    today=today,
                    allow_future=allow_future,
                )
            except EntryError as exc:
                result = str(exc)
    if cache is not None:
        if len(cache) > 100_000:
            cache.clear()
        cache[text] = result
    return result


def _read_known(text: str) -> tuple[dict, dict] | None:
    """Quick path for the reader's own file: when every line was read before (by this
    kernel) and was a good entry, (entries by date, their lines by date); else None."""
    lines = text.split("\n")
    if lines[0].rstrip("\r") != HEADER:
        return None
    body = [line for line in lines[1:] if line]
    cache = _LINE_CACHE.get(tuple(FIELDS), {})
    found = list(map(cache.get, body))
    if {type(r) for r in found} - {Entry}:
        return None
    days = [r.date for r in found]
    if len(set(days)) != len(days):
        return None
    return dict(zip(days, found)), dict(zip(days, body))


def read_rows(text: str, today: _dt.date | None = None, allow_future: bool = False) -> tuple[str, list[Row]]:
    """Read diary CSV text line by line. Returns (problem with the header or "", rows).

    Every entry is one physical line, so a bad line (an unclosed quote, a pain of 11, a
    date that appears twice) is reported by its number and never swallows the lines
    after it. Blank lines are skipped."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = io.StringIO(text, newline="").readlines()
    first = lines[0] if lines else ""
    try:
        names = next(csv.reader([first], strict=True), [])
    except csv.Error:
        names = []
    header = tuple(h.strip().lower() for h in names)
    missing = [f for f in ("date", "pain", "minutes") if f not in header]
    if missing:
        found = ", ".join(names) or "nothing"
        return (f"the first line must name the columns date, pain, minutes and (optional) note; found {found[:80]}", [])
    rows, seen = [], {}
    for number, raw in enumerate(lines[1:], 2):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        result = _read_line(header, line, today, allow_future)
        if isinstance(result, str):
            rows.append(Row(number, line, problem=result))
        elif result.date in seen:
            rows.append(
                Row(
                    number,
                    line,
                    problem=f"{result.date.isoformat()} appears twice (also on line "
                    f"{seen[result.date]}); one entry per day",
                )
            )
        else:
            seen[result.date] = number
            rows.append(Row(number, line, entry=result))
    return "", rows


def parse_csv(
    text: str, today: _dt.date | None = None, allow_future: bool = False
) -> tuple[list[Entry], list[tuple[int, str]]]:
    """Read diary CSV text. Returns (entries, problems); each problem is (line number, message)."""
    header_problem, rows = read_rows(text, today=today, allow_future=allow_future)
    if header_problem:
        return [], [(1, header_problem)]
    return [r.entry for r in rows if r.entry], [(r.line, r.problem) for r in rows if r.problem]


def sample_entries() -> list[Entry]:
    """The made-up sample diary shipped with the course (``data/diary-sample.csv``)."""
    path = data_dir() / SAMPLE
    entries, problems = parse_csv(path.read_text(encoding="utf-8"), allow_future=True)
    if problems:
        line, message = problems[0]
        raise CourseDataError(path, f"line {line}", message)
    return sorted(entries)


# --- the diary ------------------------------------------------------------------------


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10]) + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")
    return f"line {shown}" if len(numbers) == 1 else f"lines {shown}"


class Imported(Record):
    """What an import did: entries added (new dates) and entries changed (dates already
    in the diary that now hold the imported values)."""

    added: int
    updated: int


class Diary:
    """The reader's entries, kept in ``path`` (default: ``user_dir() / "pain-diary.csv"``).

    Every change goes through the course's storage layer (:mod:`glutecourse.core.storage`):
    under an inter-process lock the file is re-read, the change is applied to what is on
    disk now, and the file is replaced atomically. An entry's identity is its date (one
    entry per day). Edits and deletions carry the entry as the reader last saw it: if
    another window changed or deleted it meanwhile, nothing is overwritten and the reader
    is told. Adds of different days from several windows are all kept.

    ``warning``: something repaired on the reader's behalf (a damaged file moved aside, bad
    lines set aside), or "". ``problem``: why the diary cannot be read or saved, or "".
    """

    def __init__(self, path: Path | str | None = None, today: _dt.date | None = None):
        self._today = today
        self.warning = ""
        self.problem = ""
        if path:
            self.path = Path(path)
        else:
            try:
                self.path = user_dir() / FILENAME
            except OSError as exc:
                self.path = user_dir(create=False) / FILENAME
                self.problem = storage.describe_error(exc, self.path)
        self.entries: dict[_dt.date, Entry] = {}
        self._lines: dict[_dt.date, str] = {}  # each entry's line in the file, as last read
        storage.clean_on_start(self.path)
        self.reload()

    @property
    def today(self) -> _dt.date:
        return self._today or _dt.date.today()

    # -- reading
    def _load(self, repair: bool) -> dict[_dt.date, Entry]:
        """What the file holds now: its entries by date. Damage is repaired only when ``repair`` (the caller
        holds the lock); otherwise storage.DamagedFile is raised. OSError propagates."""
        self._lines = {}
        try:
            raw = storage.read_bytes(self.path)
            if raw is None:
                return {}
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise storage.DamagedFile(f"not text ({exc.reason})") from None
            known = _read_known(text)
            if known is not None:
                entries, self._lines = known
                return entries
            # Dates once saved stay valid even if the computer's clock is later set back.
            header_problem, rows = read_rows(text, allow_future=True)
            if header_problem:
                raise storage.DamagedFile(f"line 1: {header_problem}")
        except storage.DamagedFile as exc:
            if not repair:
                raise
            moved = storage.quarantine(self.path, str(exc))
            self.warning = (
                f"Your diary file could not be read ({exc}). It was moved to {moved} so nothing "
                "is lost, and a new, empty diary was started."
            )
            return {}
        bad = [r for r in rows if r.problem]
        good = {r.entry.date: r.entry for r in rows if r.entry}
        self._lines = {r.entry.date: r.text for r in rows if r.entry}
        if bad:
            if not repair:
                raise storage.DamagedFile("bad lines")
            side = storage.set_aside(self.path, ",".join(FIELDS) + "\n" + "".join(r.text + "\n" for r in bad), ".csv")
            storage.atomic_write_text(self.path, to_csv(good.values()))
            details = "; ".join(f"line {r.line}: {r.problem}" for r in bad[:5])
            self.warning = (
                f"{_lines([r.line for r in bad]).capitalize()} of your diary file could not be read "
                f"({details}). {'It was' if len(bad) == 1 else 'They were'} set aside in {side} so "
                f"nothing is lost; your other {len(good)} entries are kept."
            )
            warnings.warn(self.warning, CourseWarning, stacklevel=4)
        return good

    def reload(self) -> None:
        """Re-read the file (repairing damage under the lock). Never raises for I/O:
        ``problem`` says what is wrong."""
        try:
            try:
                self.entries = self._load(repair=False)
            except storage.DamagedFile:
                with storage.locked(self.path):
                    self.entries = self._load(repair=True)
        except OSError as exc:
            self.problem = f"your diary file cannot be read: {storage.describe_error(exc, self.path)}"

    def __len__(self):
        return len(self.entries)

    def sorted(self) -> list[Entry]:
        return [self.entries[day] for day in sorted(self.entries)]

    def get(self, day) -> Entry | None:
        return self.entries.get(parse_date(day, allow_future=True))

    # -- changing
    def _change(self, change) -> object:
        """Apply ``change(entries_on_disk) -> (new_entries, result)`` under the lock and
        save. EntryError from ``change`` saves nothing; OSError means nothing was saved.
        Either way ``self.entries`` is what the file holds afterwards."""
        try:
            with storage.locked(self.path):
                storage.clean_stale_temp_files(self.path)
                current = self._load(repair=True)
                self.entries = current
                new, result = change(dict(current))
                storage.atomic_write_text(self.path, _diary_text(new, current, self._lines))
                self.entries = new
        except OSError as exc:
            self.problem = f"your diary file could not be written: {storage.describe_error(exc, self.path)}"
            raise
        self.problem = ""
        return result

    @staticmethod
    def _checked(entry: Entry) -> Entry:
        """An Entry made by code passes the same checks as one typed by a reader."""
        if validate_entry(entry.date, entry.pain, entry.minutes, entry.note, allow_future=True) != entry:
            raise EntryError("note", "The note must be on one line, without extra spaces.")
        return entry

    def add(self, entry: Entry) -> Entry:
        self._checked(entry)

        def change(entries):
            if entry.date in entries:
                raise EntryError(
                    "date",
                    f"There is already an entry for {entry.date.isoformat()}. "
                    "Edit that entry instead (one entry per day).",
                )
            entries[entry.date] = entry
            return entries, entry

        return self._change(change)

    def update(self, original_date, entry: Entry, expected: Entry | None = None) -> Entry:
        """Replace the entry of ``original_date`` (which may move to another date).

        ``expected`` is the entry as the reader last saw it (default: this Diary's copy);
        if the file holds something else now, nothing is changed (EntryError)."""
        original = parse_date(original_date, allow_future=True)
        expected = expected if expected is not None else self.entries.get(original)
        self._checked(entry)

        def change(entries):
            current = entries.get(original)
            if current is None:
                raise ConflictError(
                    "date",
                    f"There is no entry for {original.isoformat()} to change "
                    "(it may have been deleted in another window).",
                )
            if expected is not None and current != expected:
                raise ConflictError(
                    "date",
                    f"The entry for {original.isoformat()} was changed in another window "
                    f"(it now says pain {current.pain}, {current.minutes} min). Nothing was overwritten: "
                    "look at it again before changing it.",
                )
            if entry.date != original and entry.date in entries:
                raise EntryError(
                    "date",
                    f"There is already an entry for {entry.date.isoformat()}; "
                    "delete or edit that one first (one entry per day).",
                )
            del entries[original]
            entries[entry.date] = entry
            return entries, entry

        return self._change(change)

    def delete(self, day, expected: Entry | None = None) -> Entry:
        """Delete the entry of ``day``; refused if it changed since the reader saw it."""
        day = parse_date(day, allow_future=True)
        expected = expected if expected is not None else self.entries.get(day)

        def change(entries):
            current = entries.get(day)
            if current is None:
                raise EntryError("date", f"There is no entry for {day.isoformat()} to delete.")
            if expected is not None and current != expected:
                raise ConflictError(
                    "date",
                    f"The entry for {day.isoformat()} was changed in another window; "
                    "nothing was deleted. Look at it again first.",
                )
            del entries[day]
            return entries, current

        return self._change(change)

    # -- the reader's settings (when the pain began, goals)
    @property
    def settings_path(self) -> Path:
        return self.path.with_name(SETTINGS_FILE)

    def settings(self) -> Settings:
        """The saved settings (``diary-settings.json`` beside the diary, checked against
        ``schemas/diary-settings.schema.json``); a damaged file is moved aside."""

        def check(data):
            try:
                validate(data, "diary-settings", self.settings_path)
            except CourseDataError as exc:
                raise storage.DamagedFile(str(exc)) from None

        try:
            data = storage.load_json_or_quarantine(self.settings_path, check=check)
        except OSError:
            return Settings()
        if not data:
            return Settings()
        began = _dt.date.fromisoformat(data["pain_began"]) if data.get("pain_began") else None
        return Settings(began, data.get("goal_pain"), data.get("goal_minutes"))

    def save_settings(self, settings: Settings) -> Settings:
        """Save the settings (locked, atomic). OSError if the folder cannot be written."""
        data = {
            "format": SETTINGS_FORMAT,
            "version": 1,
            "pain_began": settings.pain_began.isoformat() if settings.pain_began else None,
            "goal_pain": settings.goal_pain,
            "goal_minutes": settings.goal_minutes,
        }
        with storage.locked(self.settings_path):
            storage.clean_stale_temp_files(self.settings_path)
            storage.atomic_write_text(self.settings_path, json.dumps(data, indent=1) + "\n")
        return settings

    def _protected(self) -> tuple:
        own = [self.path, self.settings_path]
        try:
            folder = user_dir(create=False)
            own += [folder / FILENAME, folder / "progress.json", folder / SETTINGS_FILE]
        except OSError:
            pass
        own.append(self.path.with_name("progress.json"))
        return tuple(own)

    def export_csv(self, path: Path | str, overwrite: bool = False) -> Path:
        """Write all entries as CSV to ``path`` (a folder gets ``pain-diary-export.csv``).

        Notes that a spreadsheet would run as formulas are neutralised. An existing file is
        replaced only with ``overwrite=True`` (else FileExistsError); the course's own
        ``data/`` folder and the reader's saved files (the diary, ``progress.json``) are
        refused (PermissionError)."""
        path = Path(path).expanduser().resolve()
        if path.is_dir():
            path = path / "pain-diary-export.csv"
        path = storage.check_export_target(path, overwrite=overwrite, protected=self._protected())
        self.reload()
        text = to_csv(self.entries.values())
        if overwrite:
            storage.atomic_write_text(path, text)
        else:
            storage.write_new_file(path, text)
        return path

    def import_csv(self, path: Path | str) -> Imported:
        """Check every row of ``path``; if all are good, merge them and save.

        Returns how many entries were added and how many changed (:class:`Imported`). Raises ImportProblem (nothing saved) if
        any row is bad, or FileNotFoundError / UnicodeDecodeError if the file cannot be read.
        """
        path = Path(path).expanduser()
        text = path.read_text(encoding="utf-8")
        entries, problems = parse_csv(text, today=self.today)
        if problems:
            raise ImportProblem(path, problems)
        if not entries:
            raise ImportProblem(path, [(1, "the file has no entries")])

        def change(current):
            counts = Imported(
                added=sum(e.date not in current for e in entries),
                updated=sum(e.date in current and current[e.date] != e for e in entries),
            )
            current.update({e.date: e for e in entries})
            return current, counts

        return self._change(change)


def rolling_mean(entries, window: int = 7) -> list[tuple[_dt.date, float, int]]:
    """Calendar-based rolling mean of pain: for each entry's date, the mean of the entries
    dated within the ``window`` days ending that day. Returns (date, mean, entries used)."""
    entries = sorted(entries)
    out = []
    for e in entries:
        start = e.date - _dt.timedelta(days=window - 1)
        inside = [x.pain for x in entries if start <= x.date <= e.date]
        out.append((e.date, sum(inside) / len(inside), len(inside)))
    return out


def example_curve(days: int, start: int = 0) -> list[tuple[int, float]]:
    """The published average for acute low back pain (Menezes Costa et al. 2012; its
    weeks count from the onset of pain), interpolated by the course and rescaled from
    0-100 to 0-10, for days ``start``..``days`` after the pain began."""
    points = curve("acute").points
    last = min(days, int(points[-1].week * 7))
    return [(d, interpolate(points, d / 7).mean / 10) for d in range(max(0, start), last + 1)]


# --- what the chart compares you with ----------------------------------------------------

#: Pain that began at most this many weeks before the first entry counts as recent
#: (acute): only then is the acute average drawn, anchored to the day the pain began.
RECENT_WEEKS = 6


class Settings(Record):
    """What the reader told the diary about themselves (all optional): the day this
    episode of pain began, and their goals for pain and for daily exercise."""

    pain_began: _dt.date | None = None
    goal_pain: int | None = None
    goal_minutes: int | None = None


SETTINGS_FILE = "diary-settings.json"

SETTINGS_FORMAT = "glutecourse-diary-settings"


def validate_settings(pain_began, goal_pain, goal_minutes, today: _dt.date | None = None) -> Settings:
    """Check what a reader typed in the settings boxes (each may be left empty)."""
    began = None
    if pain_began is not None and str(pain_began).strip():
        try:
            began = parse_date(pain_began, today=today)
        except EntryError as exc:
            raise EntryError("pain_began", str(exc)) from None
    pain = _whole_number(goal_pain, "goal_pain", "Your pain goal", 0, 10, "0 = no pain", empty_means=-1)
    minutes = _whole_number(
        goal_minutes,
        "goal_minutes",
        "Your exercise goal (minutes a day)",
        0,
        MAX_MINUTES,
        "a day has 1440 minutes",
        empty_means=-1,
    )
    return Settings(began, None if pain == -1 else pain, None if minutes == -1 else minutes)


class Comparison(Record):
    """What the diary's chart compares the reader with (see :func:`comparison`)."""

    kind: str  # "acute" (the published average for recent pain) or "own" (their first week)
    offset: int = 0  # acute: days from the start of the pain to the first entry
    first_week: float | None = None  # own: mean pain of the entries in the first 7 days
    reason: str = ""  # own: why not the acute average, in the reader's terms


def comparison(entries, settings: Settings | None = None) -> Comparison:
    """What the chart compares the reader's diary with (pure; no drawing).

    - kind "acute", with ``offset`` n: the pain began recently (at most
      :data:`RECENT_WEEKS` weeks before the first entry, and not after it), so the acute
      average is drawn, anchored to the day it began (the first entry is ``n`` days in);
    - kind "own", with ``first_week`` and ``reason``: otherwise the reader is compared with
      their own first week (mean pain of the entries in the 7 days from the first), never
      with the average of people whose pain had only just begun.
    Goals, when set, are drawn either way.
    """
    entries = sorted(entries)
    settings = settings or Settings()
    first = entries[0].date
    began = settings.pain_began
    if began is not None and began <= first and (first - began).days <= RECENT_WEEKS * 7:
        return Comparison("acute", offset=(first - began).days)
    week = [e.pain for e in entries if (e.date - first).days < 7]
    if began is None:
        reason = "you have not said when this pain began"
    elif began > first:
        reason = "the day you gave for the start of the pain is after your first entry"
    else:
        weeks = (first - began).days // 7
        reason = f"your pain began about {weeks} weeks before your first entry, more than {RECENT_WEEKS} weeks"
    return Comparison("own", first_week=sum(week) / len(week), reason=reason)


# --------------------------------------------------------------------------- the editor


class Outcome(Record):
    """What one action in the diary's editor did, for the view to show.

    ``kind`` is ok, error, warning or info; ``text`` is plain text (the view escapes it).
    ``form`` says what the form should hold next: "clear", "load" (the entry being
    edited, ``Editor.editing_entry``) or None (leave it). ``select`` is the date to select
    in the list. ``problems`` are an import's bad rows (line, message) and ``path`` the file."""

    kind: str
    text: str
    form: str | None = None
    select: _dt.date | None = None
    problems: tuple = ()
    path: str = ""

    #: At most this many of an import's bad rows are listed; the rest are counted.
    SHOWN_PROBLEMS = 20

    def problem_lines(self) -> list[str]:
        """An import's bad rows as lines to list ("line 3: ..."), at most
        :attr:`SHOWN_PROBLEMS`, then "… and n more"."""
        lines = [f"line {n}: {m}" for n, m in self.problems[: self.SHOWN_PROBLEMS]]
        more = len(self.problems) - self.SHOWN_PROBLEMS
        return lines + ([f"… and {more} more"] if more > 0 else [])


class Form(Record):
    """What the diary's form shows: the text of each box to set (by field; boxes not
    named keep what they hold), and the save button's label and icon."""

    values: tuple[tuple[str, str], ...]
    editing: bool

    @property
    def save_label(self) -> str:
        return "Save changes" if self.editing else "Add entry"

    @property
    def save_icon(self) -> str:
        return "check" if self.editing else "plus"


class SettingsBoxes(Record):
    """The text of the three 'about your pain' boxes, by the box's name."""

    pain_began: str
    goal_pain: str
    goal_minutes: str


class Chart(Record):
    """What the diary's chart shows: the reader's entries (none: the made-up sample is
    shown instead), what they are compared with, the last day, and the caption."""

    entries: tuple[Entry, ...]
    settings: Settings
    today: _dt.date | None
    caption: str

    @property
    def sample(self) -> bool:
        return not self.entries


def caption(entries, settings: Settings) -> str:
    """The diary chart's caption: what it shows and what it compares the reader with."""
    entries = sorted(entries)
    compare = comparison(entries, settings)
    if compare.kind == "acute":
        against = (
            f"Your pain began on {settings.pain_began.isoformat()}, recently, so the dashed line is the "
            "average for recent back pain from research, counted from that day. It is an example, "
            "not a target: about half of people sit above an average."
        )
    else:
        against = (
            f"The dashed line is your own first week (average pain {format_number(compare.first_week, 1)}): "
            f"{compare.reason}, so your chart is not compared with the average for pain that has only just begun."
        )
    goals = " The dotted lines are your goals." if (settings.goal_pain, settings.goal_minutes) != (None, None) else ""
    return (
        f"Your diary: {len(entries)} entries, {entries[0].date.isoformat()} to "
        f"{entries[-1].date.isoformat()}. {against}{goals}"
    )


SAMPLE_CAPTION = (
    "You have no entries yet, so this is the made-up sample diary. Add entries, then press Draw my chart again."
)


class Editor:
    """The diary's editing logic without widgets: add, edit, delete (asked twice), export
    (an existing file replaced only when asked twice), import and settings. Every action
    returns an :class:`Outcome`; nothing raises for a reader's mistake or a file that
    cannot be written.

    Adding a date that already has an entry does not overwrite it: the entry is loaded
    for editing, and the reader saves the changes."""

    def __init__(self, diary: Diary):
        self.diary = diary
        self.editing: _dt.date | None = None
        self.editing_entry: Entry | None = None
        self._pending_delete: _dt.date | None = None
        self._replace = storage.AskTwice()

    def opening(self) -> Outcome | None:
        """A problem or warning found when the diary was opened, or None."""
        if self.diary.problem:
            problem = self.diary.problem
            return Outcome(
                "error",
                f"{problem[:1].upper()}{problem[1:]}. The diary still works, but nothing can be saved until this is fixed.",
            )
        if self.diary.warning:
            return Outcome("warning", self.diary.warning)
        return None

    # -- what the view shows
    def form(self) -> Form:
        """The form after an action: the entry being edited, or empty boxes (the date kept)."""
        entry = self.editing_entry
        if entry is None:
            return Form((("pain", ""), ("minutes", ""), ("note", "")), editing=False)
        values = (("date", entry.date.isoformat()), ("pain", str(entry.pain)), ("minutes", str(entry.minutes)))
        return Form((*values, ("note", entry.note)), editing=True)

    def choices(self) -> list[tuple[str, str]]:
        """The entry list: (label, ISO date), newest first."""
        return [(e.label(), e.date.isoformat()) for e in sorted(self.diary.entries.values(), reverse=True)]

    def info(self) -> str:
        return f"Saved only on this computer, in {self.diary.path}. {len(self.diary)} entries so far."

    def settings_form(self) -> SettingsBoxes:
        """The 'about your pain' boxes as saved (empty when not set)."""
        saved = self.diary.settings()
        return SettingsBoxes(
            pain_began=saved.pain_began.isoformat() if saved.pain_began else "",
            goal_pain="" if saved.goal_pain is None else str(saved.goal_pain),
            goal_minutes="" if saved.goal_minutes is None else str(saved.goal_minutes),
        )

    def default_export(self) -> str:
        return str(self.diary.path.with_name("pain-diary-export.csv"))

    def chart(self, settings: Settings | None = None, today: _dt.date | None = None) -> Chart:
        """What to draw: the reader's diary up to ``today`` (default: the computer's date,
        or the last entry if that is later), or the sample when there is nothing yet."""
        settings = settings or self.diary.settings()
        entries = tuple(self.diary.sorted())
        if not entries:
            return Chart((), settings, None, SAMPLE_CAPTION)
        # The reader's chart runs to today, so days without entries since the last one show.
        end = max(today or _dt.date.today(), entries[-1].date)
        return Chart(entries, settings, end, caption(entries, settings))

    # -- actions
    def _load(self, entry: Entry):
        self.editing = entry.date
        self.editing_entry = entry

    def _clear(self):
        self.editing = None
        self.editing_entry = None

    def _not_written(self, exc) -> Outcome:
        reason = storage.describe_error(exc, self.diary.path) if isinstance(exc, OSError) else str(exc)
        return Outcome("error", f"Your diary file could not be written ({reason}). Nothing was changed.")

    def save(self, date, pain, minutes, note) -> Outcome:
        """Add the form's entry, or save the changes to the entry being edited."""
        self._pending_delete = None
        try:
            entry = validate_entry(date, pain, minutes, note, today=self.diary.today)
        except EntryError as exc:
            return Outcome("error", str(exc))
        try:
            if self.editing is not None:
                self.diary.update(self.editing, entry, expected=self.editing_entry)
                done = f"Entry for {entry.date.isoformat()} changed: pain {entry.pain}, {entry.minutes} min."
            else:
                self.diary.reload()  # another window may have added this date meanwhile
                if entry.date in self.diary.entries:
                    old = self.diary.entries[entry.date]
                    self._load(old)
                    return Outcome(
                        "info",
                        f"There is already an entry for {entry.date.isoformat()} (pain {old.pain}, "
                        f"{old.minutes} min). It is now in the form: change it and press Save changes, "
                        "or press Cancel editing.",
                        form="load",
                    )
                self.diary.add(entry)
                done = f"Entry for {entry.date.isoformat()}: pain {entry.pain}, {entry.minutes} min."
        except ConflictError as exc:
            current = self.diary.entries.get(self.editing) if self.editing is not None else None
            if current is not None:
                # The reader has now been shown the other window's version: saving again is
                # a deliberate choice to replace it.
                self.editing_entry = current
                return Outcome(
                    "error",
                    f"{exc} Press Save changes again to replace it with what is in the form, or Cancel editing.",
                )
            self._clear()
            return Outcome("error", str(exc), form="clear")
        except EntryError as exc:
            return Outcome("error", str(exc))
        except (OSError, ValueError) as exc:
            return self._not_written(exc)
        self._clear()
        return Outcome("ok", done, form="clear", select=entry.date)

    def cancel(self) -> Outcome:
        self._clear()
        return Outcome("info", "Editing cancelled; the entry is unchanged.", form="clear")

    def _selected(self, day) -> Entry | Outcome:
        entry = self.diary.get(day) if day else None
        return entry if entry is not None else Outcome("info", "Choose an entry in the list first.")

    def edit(self, day) -> Outcome:
        entry = self._selected(day)
        if isinstance(entry, Outcome):
            return entry
        self._load(entry)
        return Outcome(
            "info", f"Editing {entry.date.isoformat()}: change the form and press Save changes.", form="load"
        )

    def delete(self, day) -> Outcome:
        """Delete the chosen entry; the first press only asks."""
        entry = self._selected(day)
        if isinstance(entry, Outcome):
            return entry
        if self._pending_delete != entry.date:
            self._pending_delete = entry.date
            return Outcome("info", f"Press Delete selected again to delete the entry for {entry.date.isoformat()}.")
        self._pending_delete = None
        try:
            self.diary.delete(entry.date, expected=entry)
        except EntryError as exc:
            return Outcome("error", str(exc))
        except OSError as exc:
            return self._not_written(exc)
        form = None
        if self.editing == entry.date:
            self._clear()
            form = "clear"
        return Outcome("ok", f"Deleted the entry for {entry.date.isoformat()}.", form=form)

    def save_settings(self, pain_began, goal_pain, goal_minutes) -> tuple[Outcome, Settings | None]:
        """Check and save the three 'about your pain' boxes; the settings when saved."""
        try:
            settings = validate_settings(pain_began, goal_pain, goal_minutes, today=self.diary.today)
        except EntryError as exc:
            return Outcome("error", str(exc)), None
        try:
            self.diary.save_settings(settings)
        except OSError as exc:
            reason = storage.describe_error(exc, self.diary.settings_path)
            return Outcome("error", f"Your settings could not be saved ({reason})."), None
        return Outcome("ok", "Your settings are saved."), settings

    def export(self, target: str) -> Outcome:
        """Export to ``target``; an existing file is replaced only when asked twice."""
        text = target.strip()
        if not text:
            return Outcome("error", "Type where to save the file first.")
        try:
            path = self.diary.export_csv(text, overwrite=self._replace.replace(text))
        except FileExistsError as exc:
            self._replace.found(text)
            return Outcome("info", f"{exc.strerror}. Press Export CSV again to replace it, or type another name.")
        except storage.RefusedTarget as exc:
            return Outcome("error", f"Not exported: {exc.strerror}.")
        except OSError as exc:
            return Outcome("error", f"Could not write {text}: {storage.describe_error(exc, text)}.")
        return Outcome("ok", f"Exported {len(self.diary)} entries to {path}.")

    def import_(self, source: str) -> Outcome:
        """Import a CSV file: every row is checked first; one bad row imports nothing."""
        text = source.strip()
        if not text:
            return Outcome("error", "Type the path of a CSV file to import first.")
        try:
            counts = self.diary.import_csv(text)
        except ImportProblem as exc:
            return Outcome("error", "Nothing was imported.", problems=tuple(exc.problems), path=text)
        except FileNotFoundError:
            return Outcome("error", f"There is no file at {text}.")
        except UnicodeDecodeError as exc:
            return Outcome("error", f"Could not read {text} as a text CSV file ({exc.reason}).")
        except OSError as exc:
            return Outcome("error", f"Could not import {text}: {storage.describe_error(exc)}.")
        return Outcome("ok", f"Imported from {text}: {counts.added} new entries, {counts.updated} changed.")
