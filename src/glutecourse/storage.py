"""Crash-safe files: atomic writes, and corrupt files moved aside (never silently lost)."""

from __future__ import annotations

import json
import os
import tempfile
import time
import warnings
from pathlib import Path

from .errors import CourseWarning


def atomic_write_text(path: Path | str, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves either the old or the new file.

    The text goes to a temporary file in the same directory, is flushed to disk, and only
    then replaces the target with ``os.replace`` (atomic on POSIX and Windows).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def quarantine(path: Path | str, reason: str) -> Path:
    """Move a damaged file aside (``name.corrupt-YYYYmmdd-HHMMSS``) and warn visibly."""
    path = Path(path)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    os.replace(path, target)
    warnings.warn(
        f"{path} could not be read ({reason}). It was moved to {target.name} so nothing is "
        "lost, and a fresh file was started.",
        CourseWarning,
        stacklevel=3,
    )
    return target


def load_json_or_quarantine(path: Path | str, check=None):
    """Read JSON from ``path``; None if it does not exist.

    If the file is not valid JSON, or ``check(data)`` raises ValueError, the file is moved
    aside with a warning and None is returned, so the caller starts afresh.
    """
    path = Path(path)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if check is not None:
            check(data)
        return data
    except (ValueError, UnicodeDecodeError) as exc:
        quarantine(path, str(exc)[:200])
        return None
