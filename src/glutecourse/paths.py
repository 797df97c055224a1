"""Where the course's data lives and where a reader's own files are saved."""

from __future__ import annotations

import os
from pathlib import Path

#: Environment variable that moves the reader's save directory (tests use a temp dir).
HOME_ENV = "GLUTECOURSE_HOME"
#: Environment variable that points at another ``data/`` folder (rarely needed).
DATA_ENV = "GLUTECOURSE_DATA"

PACKAGE_DIR = Path(__file__).resolve().parent


def repo_root() -> Path:
    """The course repository (the package is installed in editable mode from it)."""
    return PACKAGE_DIR.parents[1]


def data_dir() -> Path:
    override = os.environ.get(DATA_ENV)
    return Path(override) if override else repo_root() / "data"


def images_dir() -> Path:
    return repo_root() / "images"


def user_dir(create: bool = True) -> Path:
    """The per-reader directory for progress and the pain diary, outside the repository.

    ``$GLUTECOURSE_HOME`` wins; otherwise the platform's per-user data directory
    (for example ``~/.local/share/glutecourse`` on Linux). Created unless ``create`` is
    false (then it may not exist, or not be a folder: callers report that in words).
    """
    override = os.environ.get(HOME_ENV)
    if override:
        path = Path(override).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("glutecourse", appauthor=False))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path
