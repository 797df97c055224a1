"""Where the course's files are, and where a reader's own files are saved.

The course's ``data/`` and ``images/`` folders stay at the top of the repository. setuptools
maps them into the package as ``glutecourse.coursedata`` and ``glutecourse.courseimages``
(``[tool.setuptools.package-dir]`` in pyproject.toml), so ``importlib.resources`` finds them
in an editable install (``make setup``, Binder's ``pip install -e .``) and in a wheel alike:
the package never guesses the repository from its own location.

One setting moves the data: ``$GLUTECOURSE_DATA`` points at another ``data/`` folder (for
example a translated copy). ``$GLUTECOURSE_HOME`` moves the reader's own files (the tests
use a throw-away folder).
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

#: Environment variable that moves the reader's save directory (tests use a temp dir).
HOME_ENV = "GLUTECOURSE_HOME"
#: Environment variable that points at another ``data/`` folder (rarely needed).
DATA_ENV = "GLUTECOURSE_DATA"


def _resource_dir(package: str) -> Path:
    """The folder of a package (a real folder on disk: the course is never run from a zip)."""
    return Path(str(files(package)))


def package_file(*parts: str) -> Path:
    """A file shipped inside the package, e.g. ``package_file("schemas", "quiz.schema.json")``."""
    return _resource_dir("glutecourse").joinpath(*parts)


def data_dir() -> Path:
    """The course's data folder: ``$GLUTECOURSE_DATA`` if set, else the packaged ``data/``."""
    override = os.environ.get(DATA_ENV)
    return Path(override) if override else _resource_dir("glutecourse.coursedata")


def images_dir() -> Path:
    """The course's generated figures (``images/``)."""
    return _resource_dir("glutecourse.courseimages")


def course_folders() -> set[Path]:
    """The course's own folders (resolved), which exports must never write into: the data
    folder in use, the packaged one, and the figures."""
    folders = {data_dir(), _resource_dir("glutecourse.coursedata"), images_dir()}
    return {folder.resolve() for folder in folders}


def repo_root() -> Path | None:
    """The course repository the package was installed from (editable), or None when it
    runs from a wheel (then there are no notebooks to check against): the folder that holds
    the packaged data folder and a ``notebooks/`` folder beside it."""
    root = _resource_dir("glutecourse.coursedata").resolve().parent
    return root if (root / "notebooks").is_dir() else None


def notebooks_dir() -> Path | None:
    """The course's ``notebooks/`` folder, or None when the package runs from a wheel."""
    root = repo_root()
    return root / "notebooks" if root else None


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
