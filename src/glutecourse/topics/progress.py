"""The reader's quiz progress: ``progress.json`` in the reader's own folder.

Every checked answer is one *attempt* with its own id. Saving goes through the course's
storage layer (:mod:`glutecourse.core.storage`): under an inter-process lock the file is
re-read, the new attempts are merged in by id (so two notebooks open at once, or four
processes writing at once, never lose or duplicate an answer) and the file is replaced
atomically.

Reading checks the file against ``schemas/progress.schema.json`` (with the validators
compiled ahead of time, so a notebook's start costs no schema compilation and writes
nothing). A file that is damaged or hostile (not JSON, nested a thousand levels deep, the
wrong format) is moved aside with a warning and a fresh one started; single attempts with
wrong types (``"correct": "no"``, a bank that is a list) are set aside in a side file,
never counted, and the rest are kept.

Nothing here raises because a file cannot be read or written (no permission, a read-only
or full disk, a folder where the file should be): the store keeps working in memory and
``store.problem`` says, in plain words, why answers cannot be saved. Widgets show it.

:func:`summary` is a pure function of the attempts and the banks: this module knows
nothing about quizzes (the quiz widget is handed the store's ``record``; see
``glutecourse.ui.quizzes``).
"""

from __future__ import annotations

import datetime as _dt
import json
import uuid
import warnings
from pathlib import Path

from ..core import storage
from ..core.data import build, validator
from ..core.errors import CourseWarning
from ..core.paths import user_dir
from ..core.records import Record

FORMAT = "glutecourse-progress"

VERSION = 1

EXPORT_FORMAT = "glutecourse-progress-export"

ATTEMPT_FIELDS = ("id", "notebook", "bank", "question", "topic", "correct", "at")

#: A rating of the beliefs check (``glutecourse.topics.beliefs``) as the reader's file and an
#: export hold it: the file keeps every rating given, an export the latest per statement and
#: phase.
BELIEF_FIELDS = ("id", "statement", "phase", "notebook", "rating", "at")


def new_id() -> str:
    return uuid.uuid4().hex[:16]


class Attempt(Record):
    """One checked answer, as the reader's ``progress.json`` holds it (built from the file
    after its schema check). Fields that older files lack (``id``, ``topic``, ``at``,
    ``answer``) are None, so :func:`attempt_json` gives back exactly what the file held."""

    notebook: str
    bank: str
    question: str
    correct: bool
    id: str | None = None
    topic: str | None = None
    at: str | None = None
    answer: str | None = None  # the answer checked (topics.quizzes.encode_response)

    @property
    def key(self) -> tuple[str, str]:
        """The question it answers: ``(bank, question)``."""
        return (self.bank, self.question)


#: An attempt's fields in the order a reader file writes them.
JSON_FIELDS = ("id", "notebook", "bank", "question", "topic", "correct", "at", "answer")


def attempt_json(attempt: Attempt, fields=JSON_FIELDS) -> dict:
    """The one converter from a record back to JSON: the attempt as the reader's file (or,
    with ``fields=ATTEMPT_FIELDS``, an export) writes it, in the file's field order, with
    the fields it does not have left out. ``attempt_json(to_attempt(d)) == d`` for every
    attempt ``d`` the schema accepts."""
    return {f: value for f in fields if (value := getattr(attempt, f)) is not None}


# Records already built, by content (see _key): re-reading a file after another window's
# write builds only its new attempts.
_RECORDS: dict[tuple, Attempt] = {}


def to_attempt(data: dict) -> Attempt:
    """The record of one schema-checked attempt (built once per distinct attempt)."""
    key = _key(data)
    record = _RECORDS.get(key) if key is not None else None
    if record is None:
        record = build(Attempt, data)
        if key is not None:
            if len(_RECORDS) > 200_000:
                _RECORDS.clear()
            _RECORDS[key] = record
    return record


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
        validator(f"{schema_name}-attempt")(attempt)
    except fastjsonschema.JsonSchemaValueException as exc:
        return _problem(exc)
    if key is not None:
        if len(_CHECKED) > 200_000:
            _CHECKED.clear()
        _CHECKED[key] = ""
    return None


def check_belief(record) -> str | None:
    """None if one rating of the beliefs check follows the reader file's schema, else what
    is wrong with it."""
    import fastjsonschema

    try:
        validator("progress-belief")(record)
    except fastjsonschema.JsonSchemaValueException as exc:
        return _problem(exc).replace("the attempt ", "the rating ", 1)
    return None


def check_envelope(data, schema_name: str = "progress") -> None:
    """Raise storage.DamagedFile unless ``data`` is a reader file of this kind (attempts
    are checked one by one with :func:`check_attempt`)."""
    import fastjsonschema

    try:
        validator(f"{schema_name}-envelope")(data)
    except fastjsonschema.JsonSchemaValueException as exc:
        raise storage.DamagedFile(f"not a course {schema_name} file: {_problem(exc)}") from None


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
        self._pending_beliefs: list[dict] = []
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
            data = storage.parse_untrusted_json(raw)
            check_envelope(data)
        except storage.DamagedFile as exc:
            self._remember(None, None)
            if not repair:
                raise
            moved = storage.quarantine(self.path, str(exc)[:200])
            self.notice = (
                f"Your saved answers in {self.path} could not be read ({str(exc)[:200]}). The file was "
                f"moved to {moved.name} so nothing is lost, and a fresh one was started."
            )
            return None
        checked = [(i, a, check_attempt(a)) for i, a in enumerate(data["attempts"], 1)]
        bad = [(i, a, why) for i, a, why in checked if why]
        rated = [(i, b, check_belief(b)) for i, b in enumerate(data.get("beliefs", ()), 1)]
        bad_ratings = [(i, b, why) for i, b, why in rated if why]
        if bad_ratings:
            if not repair:
                raise storage.DamagedFile("ratings with wrong types")
            self._set_aside_ratings(data, rated, bad_ratings)
            raw = None
        if bad:
            if not repair:
                raise storage.DamagedFile("attempts with wrong types")
            side = self._side_file("attempts", "attempt", bad)
            data["attempts"] = [a for _, a, why in checked if not why]
            self._ensure_ids(data)
            storage.clean_stale_temp_files(self.path)
            storage.atomic_write_text(self.path, _dump(data))
            where = ", ".join(f"{i} ({why})" for i, _, why in bad[:5]) + (" and more" if len(bad) > 5 else "")
            self.notice = (
                f"{len(bad)} saved answer(s) in {self.path} had the wrong form and were not counted: "
                f"number {where}. They were set aside in {side.name} so nothing is lost; the other "
                f"{len(data['attempts'])} answers are kept."
            )
            warnings.warn(self.notice, CourseWarning, stacklevel=4)
            raw = None
        self._ids_added = self._ensure_ids(data)
        self._remember(None if self._ids_added else raw, data)
        return data

    def _side_file(self, field: str, item: str, bad: list) -> Path:
        """Write records that break the schema (``(position, record, why)``) to a side file
        beside the reader's file, so nothing is lost; returns its path."""
        text = json.dumps(
            {
                "format": "glutecourse-progress-set-aside",
                "from": self.path.name,
                "at": _now(),
                field: [{"position": i, "problem": why, item: record} for i, record, why in bad],
            },
            ensure_ascii=False,
            indent=1,
        )
        return storage.set_aside(self.path, text + "\n", ".json")

    def _set_aside_ratings(self, data: dict, rated: list, bad: list) -> None:
        """Move ratings of the beliefs check that break the schema to a side file (nothing
        is lost), keep the rest, and say so in ``notice`` (the caller holds the lock)."""
        side = self._side_file("beliefs", "rating", bad)
        data["beliefs"] = [b for _, b, why in rated if not why]
        storage.clean_stale_temp_files(self.path)
        storage.atomic_write_text(self.path, _dump(data))
        where = ", ".join(f"{i} ({why})" for i, _, why in bad[:5]) + (" and more" if len(bad) > 5 else "")
        self.notice = (
            f"{len(bad)} saved rating(s) of the beliefs check in {self.path} had the wrong form and were not "
            f"counted: number {where}. They were set aside in {side.name} so nothing is lost."
        )
        warnings.warn(self.notice, CourseWarning, stacklevel=5)

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
        tail = raw[len(old) - len(self._END) :]
        if tail == self._END:
            return {**known, "attempts": list(known["attempts"])}
        if not (tail.startswith(b",\n") and tail.endswith(self._END)):
            return None
        try:
            new = storage.parse_untrusted_json(b"[" + tail[2 : -len(self._END)] + b"]")
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
    def attempts(self) -> tuple[Attempt, ...]:
        """Saved attempts, then any not saved yet (see ``problem``), as records. The store
        keeps the file's JSON (``data``), checked against the schema when read and written
        back as it was; each attempt is built into its record once."""
        saved = {a["id"] for a in self.data["attempts"]}
        return tuple(
            to_attempt(a) for a in (*self.data["attempts"], *(a for a in self._pending if a["id"] not in saved))
        )

    @property
    def reader(self) -> str:
        return self.data["reader"]

    @property
    def pending(self) -> tuple[Attempt, ...]:
        """Attempts recorded but not saved yet (see ``problem``)."""
        return tuple(to_attempt(a) for a in self._pending)

    def save(self) -> bool:
        """Merge unsaved attempts into the file (locked, re-read, atomic replace).

        Returns True when everything is saved; otherwise False, with ``problem`` set."""
        try:
            with storage.locked(self.path):
                storage.clean_stale_temp_files(self.path)
                data = self._load(repair=True) or {**self._fresh(), "reader": self.data["reader"]}
                known = {a["id"] for a in data["attempts"]}
                new = [a for a in self._pending if a["id"] not in known]
                rated = data.get("beliefs", [])
                known_ratings = {b["id"] for b in rated}
                new_ratings = [b for b in self._pending_beliefs if b["id"] not in known_ratings]
                if new_ratings:
                    data = {**data, "beliefs": rated + new_ratings}
                if new or new_ratings or self._ids_added:
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
        self._pending_beliefs = []
        self.problem = ""
        return True

    def record(
        self, *, notebook: str, bank: str, question: str, correct: bool, topic: str = "", answer: str | None = None
    ) -> Attempt:
        """Record one checked answer and save it at once (see :meth:`save`). ``answer`` is
        the answer as text (``glutecourse.topics.quizzes.encode_response``), kept so a
        reopened quiz can show it; exports leave it out (:data:`ATTEMPT_FIELDS`).

        Never raises because the file cannot be written: the attempt is kept in memory and
        ``problem`` says why it is not saved yet."""
        attempt = Attempt(
            id=new_id(),
            notebook=str(notebook),
            bank=str(bank),
            question=str(question),
            topic=str(topic),
            correct=correct is True,
            at=_now(),
            answer=None if answer is None else str(answer)[:200],
        )
        self._pending.append(attempt_json(attempt))
        self.save()
        return attempt

    @property
    def beliefs(self) -> list[dict]:
        """Saved ratings of the beliefs check, then any not saved yet (oldest first): JSON
        records of the reader's file, like :attr:`attempts`."""
        saved = self.data.get("beliefs", [])
        ids = {b["id"] for b in saved}
        return saved + [b for b in self._pending_beliefs if b["id"] not in ids]

    def record_belief(self, *, statement: str, phase: str, rating: int, notebook: str = "") -> dict:
        """Record one rating of the beliefs check and save it at once, through the same
        locked merge as answers (:meth:`save`). The caller checks the rating first
        (``glutecourse.topics.beliefs.save_rating``); a record the schema refuses raises
        ValueError here, before anything is written. Never raises because the file cannot
        be written (see ``problem``)."""
        record = {
            "id": new_id(),
            "statement": str(statement),
            "phase": str(phase),
            "notebook": str(notebook),
            "rating": rating,
            "at": _now(),
        }
        problem = check_belief(record)
        if problem:
            raise ValueError(problem)
        self._pending_beliefs.append(record)
        self.save()
        return record


class NotebookProgress(Record):
    """One notebook's row of the progress summary: its questions, how many the reader has
    answered, and how many of those their latest try got right."""

    notebook: str
    questions: int
    answered: int
    correct: int

    @property
    def finished(self) -> bool:
        """Every question answered (a notebook with no questions is never unfinished)."""
        return self.answered >= self.questions

    @property
    def text(self) -> str:
        """The row in words, shown beside its bar (never colour alone)."""
        return f"{self.answered} of {self.questions} answered, {self.correct} correct"


def summary(attempts, banks, order=()) -> list[NotebookProgress]:
    """One row per notebook: questions available, answered, and correct (latest try).

    Pure: ``attempts`` are a reader's attempts (oldest first), ``banks`` the quiz banks
    (each with ``notebook`` and ``questions``), ``order`` the notebooks in course order;
    notebooks answered but not in ``order`` come last, sorted."""
    totals: dict[str, int] = {}
    for bank in banks:
        totals[bank.notebook] = totals.get(bank.notebook, 0) + len(bank.questions)
    latest = {a.key: a for a in attempts}
    answered: dict[str, int] = {}
    correct: dict[str, int] = {}
    for a in latest.values():
        nb = a.notebook
        answered[nb] = answered.get(nb, 0) + 1
        correct[nb] = correct.get(nb, 0) + (a.correct is True)
    rows = [s for s in order if s in totals or s in answered]
    rows += sorted((set(totals) | set(answered)) - set(rows))
    return [NotebookProgress(nb, totals.get(nb, 0), answered.get(nb, 0), correct.get(nb, 0)) for nb in rows]


def start_here(rows: list[NotebookProgress], order=()) -> str | None:
    """The notebook to go to next: the first one of the course (``order``) whose questions
    are not all answered, or None when every one is finished."""
    known = set(order) if order else None
    return next((r.notebook for r in rows if not r.finished and (known is None or r.notebook in known)), None)


def export_data(store: ProgressStore, name: str = "") -> dict:
    """What a reader hands to a teacher: their attempts, an anonymous reader id, and an
    optional name or nickname they choose. A dict on purpose: it is the JSON-shaped export
    written to a file as it is. Checked against
    ``schemas/progress-export.schema.json`` (the class results read it with the same)."""
    data = {
        "format": EXPORT_FORMAT,
        "version": VERSION,
        "reader": store.reader,
        "name": " ".join(str(name).split())[:60],
        "exported_at": _now(),
        "attempts": [attempt_json(a, ATTEMPT_FIELDS) for a in store.attempts],
    }
    latest = {}
    for b in store.beliefs:
        latest[(b["statement"], b["phase"])] = {k: b[k] for k in BELIEF_FIELDS if k in b}
    if latest:
        data["beliefs"] = list(latest.values())
    return data


def check_export(data) -> list[str]:
    """Problems that make ``data`` not a usable progress export (empty list: none).

    The whole file and each attempt are checked against
    ``schemas/progress-export.schema.json``; raises nothing."""
    try:
        check_envelope(data, "progress-export")
    except storage.DamagedFile as exc:
        return [str(exc)]
    return [
        f"attempt {i}: {why}" for i, a in enumerate(data["attempts"], 1) if (why := check_attempt(a, "progress-export"))
    ]


def export_path(store: ProgressStore, name: str = "", folder: Path | str | None = None) -> Path:
    """Where :func:`export_progress` writes: ``progress-export-<name>-<reader id>.json``."""
    import re

    folder = Path(folder) if folder else store.path.parent / "exports"
    slug = re.sub(r"[^a-z0-9]+", "-", str(name).lower()).strip("-")[:30]
    return folder / f"progress-export-{slug + '-' if slug else ''}{store.reader}.json"


def export_progress(
    store: ProgressStore | None = None, name: str = "", folder: Path | str | None = None, overwrite: bool = False
) -> Path:
    """Write the reader's progress to ``progress-export-<name>-<id>.json`` and return its path.

    The default folder is ``exports/`` in the reader's course data directory. An existing
    file is replaced only with ``overwrite=True`` (else FileExistsError); the course's own
    ``data/`` folder and the reader's own ``progress.json`` are refused (PermissionError)."""
    store = store or ProgressStore()
    path = storage.check_export_target(export_path(store, name, folder), overwrite=overwrite, protected=(store.path,))
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
