"""One clear error type for bad course data, shown to a reader as a short message."""

from __future__ import annotations


class CourseDataError(ValueError):
    """A data file (quiz bank, timeline, diary, ...) is malformed.

    The message always names the file, the item (question id, row, ...) and what is wrong.
    In Jupyter, IPython calls ``_render_traceback_`` and shows only that message instead
    of a long traceback through the package's internals.
    """

    def __init__(self, path, item, problem: str):
        self.path = str(path)
        self.item = item
        self.problem = problem
        where = f"{self.path}"
        if item not in (None, ""):
            where += f", {item}"
        super().__init__(f"{where}: {problem}")

    def _render_traceback_(self):  # pragma: no cover - called by IPython only
        return [
            f"\x1b[31mCourse data problem\x1b[0m in {self}",
            "Fix the file above (or restore it from the course repository) and run the cell again.",
        ]


class CourseWarning(UserWarning):
    """Something was repaired on the reader's behalf (for example a corrupt save file)."""
