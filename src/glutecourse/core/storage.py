"""One storage layer for every file a reader saves (quiz progress, the pain diary, ...).

Rules every reader file follows:

- **Locked read-merge-write.** A change takes an inter-process lock (``filelock``, a lock
  file ``<name>.lock`` beside the file), re-reads the file, applies the change to what is
  on disk now (so two notebooks open side by side never overwrite each other's work), and
  replaces the file atomically: a temporary file in the same folder, flushed and fsynced,
  then ``os.replace``. A crash leaves either the old or the new file, never half of one.
- **Damaged files are moved aside, never deleted** (:func:`quarantine`), and damaged
  parts of a file are set aside in a side file (:func:`set_aside`), with a visible warning.
- **Hostile JSON is refused like damage** (:func:`parse_untrusted_json`, shared with the
  class results): files larger than :data:`MAX_BYTES`, nested deeper than
  :data:`MAX_JSON_DEPTH` (never a RecursionError), holding NaN, Infinity or absurd
  numbers, or breaking the file's schema.
- **Leftover temporary files** of this course's own writes (``.<name>.<random>.tmp``) are
  removed the next time the file is opened for writing, under the lock and only when older
  than :data:`STALE_TEMP_SECONDS`, so a writer still running is never disturbed.
- **Plain-words reasons** for errors (:func:`describe_error`), so widgets can say "your
  answers cannot be saved: the disk is full" instead of showing a traceback.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import tempfile
import time
import warnings
from contextlib import contextmanager
from pathlib import Path

from .errors import CourseWarning

#: How long a writer waits for another window's write to finish.
LOCK_TIMEOUT = 15.0
#: A temporary file older than this cannot belong to a write still running.
STALE_TEMP_SECONDS = 600
#: Reader files are small; anything larger is refused as damaged.
MAX_BYTES = 16 * 1024 * 1024


class DamagedFile(ValueError):
    """A reader file that cannot be used as it is; the message says why."""


class RefusedTarget(PermissionError):
    """An export would land in the course's data or on the reader's own saved files."""


class AskTwice:
    """An existing file is replaced only when the reader asks twice in a row for the same
    target: the first press finds the file (``found``), the next press for that target may
    replace it (``replace``). Any other press, or another target, asks again."""

    def __init__(self):
        self.target = None

    def replace(self, target) -> bool:
        """Whether this press may replace ``target`` (the last press found it); forgets it."""
        again, self.target = self.target == target, None
        return again

    def found(self, target) -> None:
        """A file is already at ``target``: the next press for it may replace it."""
        self.target = target

    def forget(self) -> None:
        self.target = None


# ------------------------------------------------------------------ errors in words


def describe_error(exc: BaseException, path: Path | str | None = None) -> str:
    """A short, plain-words reason for an OSError, naming the file or folder involved."""
    from filelock import Timeout

    where = Path(path) if path is not None else (Path(exc.filename) if getattr(exc, "filename", None) else None)
    if isinstance(exc, Timeout):
        return f"another window kept {where.name if where else 'the file'} busy for more than {LOCK_TIMEOUT:g} seconds"
    code = getattr(exc, "errno", None)
    name = str(where) if where else "the file"
    folder = str(where.parent) if where else "its folder"
    if code == errno.ENOSPC:
        return "the disk is full"
    if code == getattr(errno, "EDQUOT", -1):
        return "your disk quota is used up"
    if code == errno.EROFS:
        return f"{folder} is on a read-only disk"
    if code in (errno.EACCES, errno.EPERM):
        return f"you do not have permission to read or change {name}"
    if code == errno.EISDIR:
        return f"{name} is a folder, not a file"
    if code in (errno.ENOTDIR, errno.EEXIST):
        return f"{folder} is not a folder (is GLUTECOURSE_HOME pointing at a file?)"
    if code == errno.ENAMETOOLONG:
        return "the file name is too long"
    return (getattr(exc, "strerror", None) or str(exc) or type(exc).__name__).rstrip(".")


# ------------------------------------------------------------------ locking


@contextmanager
def locked(path: Path | str, timeout: float | None = None):
    """Hold the inter-process lock of ``path`` (lock file ``<path>.lock``).

    Raises OSError when the lock file cannot be created (for example a read-only folder)
    and ``filelock.Timeout`` (an OSError too) when another writer holds it too long.
    """
    from filelock import FileLock

    path = Path(path)
    lock = FileLock(str(path) + ".lock")
    # A short poll interval: a write takes milliseconds, and filelock's default (50 ms)
    # would make two windows saving at once wait far longer than the write itself.
    lock.acquire(timeout=LOCK_TIMEOUT if timeout is None else timeout, poll_interval=0.002)
    try:
        yield
    finally:
        lock.release()


# ------------------------------------------------------------------ temporary files


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def temp_files(path: Path | str) -> list[Path]:
    """This course's temporary files for ``path`` (``.<name>.<random>.tmp``)."""
    path = Path(path)
    try:
        return sorted(p for p in path.parent.glob(f"{glob_escape(_temp_prefix(path))}*.tmp") if p.is_file())
    except OSError:
        return []


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def clean_stale_temp_files(path: Path | str, min_age: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Remove leftovers of crashed writes of ``path``, older than ``min_age`` seconds.

    Call it while holding the lock of ``path``: then no writer of this course is writing
    one; the age check also spares any writer that does not take the lock."""
    removed = []
    now = time.time()
    for tmp in temp_files(path):
        try:
            if now - tmp.stat().st_mtime >= min_age:
                tmp.unlink()
                removed.append(tmp)
        except OSError:
            pass
    return removed


def clean_on_start(path: Path | str) -> list[Path]:
    """At start-up: if crashed writes of ``path`` left temporary files, remove the stale
    ones under the lock (the lock is taken only when there is something to clean, so an
    ordinary start costs one directory listing). Never raises."""
    if not temp_files(path):
        return []
    try:
        with locked(path, timeout=1):
            return clean_stale_temp_files(path)
    except OSError:
        return []


def _write_temp(path: Path, data: bytes) -> str:
    """``data`` in a new temporary file beside ``path``, flushed to disk; its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def atomic_write_text(path: Path | str, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves either the old or the new file.

    The text goes to a temporary file in the same directory, is flushed to disk, and only
    then replaces the target with ``os.replace`` (atomic on POSIX and Windows). Text that
    cannot be encoded (a lone surrogate) raises UnicodeEncodeError before anything is
    written.
    """
    path = Path(path)
    tmp = _write_temp(path, text.encode("utf-8"))
    try:
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_new_file(path: Path | str, text: str) -> Path:
    """Write ``text`` to a file that must not exist yet (atomic; never overwrites)."""
    path = Path(path)
    data = text.encode("utf-8")
    tmp = _write_temp(path, data)
    try:
        try:
            os.link(tmp, path)  # fails with FileExistsError rather than replace a file
        except FileExistsError:
            raise
        except OSError:
            # A file system without hard links: create the file exclusively instead
            # (still never replaces one; a crash could leave a partial export, never a
            # damaged saved file).
            with open(path, "xb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
    return path


# ------------------------------------------------------------------ damaged files


def _stamped(path: Path, tag: str, suffix: str = "") -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{tag}-{stamp}{suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{tag}-{stamp}-{n}{suffix}")
    return target


def quarantine(path: Path | str, reason: str) -> Path:
    """Move a damaged file aside (``name.corrupt-YYYYmmdd-HHMMSS``) and warn visibly."""
    path = Path(path)
    target = _stamped(path, "corrupt")
    os.replace(path, target)
    warnings.warn(
        f"{path} could not be read ({reason}). It was moved to {target.name} so nothing is "
        "lost, and a fresh file was started.",
        CourseWarning,
        stacklevel=3,
    )
    return target


def set_aside(path: Path | str, text: str, suffix: str = "") -> Path:
    """Save damaged parts of ``path`` in a new side file ``name.set-aside-<stamp><suffix>``."""
    path = Path(path)
    for _ in range(5):
        target = _stamped(path, "set-aside", suffix)
        try:
            return write_new_file(target, text)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "could not find a free name for the side file", str(path))


# ------------------------------------------------------------------ reading


def read_bytes(path: Path | str) -> bytes | None:
    """The file's bytes, or None if it does not exist. Refuses a file too large to be a
    reader file (DamagedFile); other problems raise OSError (permission, a folder...)."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None
    if len(data) > MAX_BYTES:
        raise DamagedFile(f"larger than {MAX_BYTES // (1024 * 1024)} MB, far more than a reader file holds")
    return data


#: No course file nests deeper than this (a progress export: object, list, attempt).
MAX_JSON_DEPTH = 16
#: No number in a course file is longer than this (the version is 1).
MAX_NUMBER_DIGITS = 20

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


def _int_parser(max_digits: int | None):
    def parse_int(text: str) -> int:
        if max_digits is not None and len(text.lstrip("-")) > max_digits:
            raise ValueError(f"a number with {len(text.lstrip('-'))} digits")
        return int(text)  # Python itself refuses more than 4,300 digits (ValueError)

    return parse_int


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or len(text) > 2 * MAX_NUMBER_DIGITS:
        raise ValueError(f"a number out of range ({text[:24]}{'...' if len(text) > 24 else ''})")
    return value


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def parse_untrusted_json(raw: bytes | str, max_depth: int = MAX_JSON_DEPTH, max_digits: int | None = None):
    """Parse JSON that nobody vouches for (a reader's own file, a class's exports).

    The one guard every course file read from outside goes through. Refused, as
    DamagedFile (a ValueError) with a plain-words reason, never a RecursionError: bad
    UTF-8, nesting deeper than ``max_depth`` (checked before parsing, so Python's recursive
    parser never sees it), ``NaN``/``Infinity``, numbers that overflow to infinity, and
    integers longer than ``max_digits`` digits (the class results use
    :data:`MAX_NUMBER_DIGITS`; a reader's own file leaves that to its schema, so one
    attempt with an absurd number is set aside alone rather than the whole file).
    """
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DamagedFile(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    else:
        text = raw
    if text.startswith("\ufeff"):
        text = text[1:]
    if json_depth(text, limit=max_depth) > max_depth:
        raise DamagedFile(f"nested more than {max_depth} levels deep")
    try:
        return json.loads(
            text, parse_int=_int_parser(max_digits), parse_float=_parse_float, parse_constant=_refuse_constant
        )
    except json.JSONDecodeError as exc:
        raise DamagedFile(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:  # not reachable after the depth check; a last line of defence
        raise DamagedFile("nested too deeply") from None
    except ValueError as exc:
        raise DamagedFile(f"not usable JSON: {str(exc)[:120]}") from None


def load_json_or_quarantine(path: Path | str, check=None):
    """Read JSON from ``path``; None if it does not exist.

    If the file is damaged or hostile (see :func:`parse_untrusted_json`), or ``check(data)`` raises
    ValueError, the file is moved aside with a warning and None is returned, so the
    caller starts afresh.
    """
    path = Path(path)
    try:
        raw = read_bytes(path)
        if raw is None:
            return None
        data = parse_untrusted_json(raw)
        if check is not None:
            check(data)
        return data
    except ValueError as exc:
        quarantine(path, str(exc)[:200])
        return None


# ------------------------------------------------------------------ exports


def check_export_target(path: Path | str, overwrite: bool = False, protected: tuple = ()) -> Path:
    """Refuse an export path that would destroy something; return it resolved.

    Never into the course's own ``data/`` folder or onto a reader's own saved files
    (``protected``, plus anything in the reader's folder that the course keeps: lock
    files, moved-aside copies), and never over an existing file unless ``overwrite``.
    Raises FileExistsError or RefusedTarget (a PermissionError) with a plain-words
    message in ``strerror``.
    """
    from .paths import course_folders

    path = Path(path).expanduser().resolve()
    for folder in course_folders():
        if path == folder or folder in path.parents:
            raise RefusedTarget(
                errno.EACCES,
                f"{path} is inside the course's own data folder ({folder}); "
                "choose a place outside the course, for example your home folder",
                str(path),
            )
    for own in protected:
        own = Path(own).expanduser().resolve()
        if path == own or path.name.startswith(own.name + ".") and path.parent == own.parent:
            raise RefusedTarget(
                errno.EACCES,
                f"{path} is one of the files where the course keeps your own work; choose another name for the export",
                str(path),
            )
    if path.exists() and not overwrite:
        kind = "a folder" if path.is_dir() else "a file"
        raise FileExistsError(
            errno.EEXIST,
            f"{path} is already {kind}; choose another name, or confirm that you want to replace it",
            str(path),
        )
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, f"{path} is a folder, not a file", str(path))
    return path
