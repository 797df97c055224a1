"""glutecourse: the helper package behind the course "Tight glutes and low back pain".

The notebooks stay readable prose plus short calls into this package. Importing it is
cheap and changes no global state: submodules (and matplotlib, ipywidgets) load only when
a name that needs them is first used.

Public API (re-exported lazily):

- ``quiz(bank_id)``: show a self-assessment quiz from ``data/quizzes/<bank_id>.json``.
- ``load_bank(path_or_id)``, ``grade(question, response)``: the quiz engine without widgets.
- ``ProgressStore``: the reader's saved answers (atomic writes, corrupt files moved aside).
- ``progress_dashboard()``: answered/correct per notebook, as a table and a bar chart.
- ``use_course_style()``: apply the course's colour-blind-safe matplotlib style.
- ``disclaimer()``: the medical disclaimer box every notebook shows.
- ``course_map()``: every notebook with its time and objectives.
- ``case_notes(notebook)``: the course's recurring people, as that notebook meets them.
- ``define(term, ...)``: plain-language definitions from the course glossary.
"""

from importlib import import_module

__version__ = "1.0.0"

_EXPORTS = {
    "CourseDataError": "glutecourse.errors",
    "quiz": "glutecourse.quizzes",
    "load_bank": "glutecourse.quizzes",
    "grade": "glutecourse.quizzes",
    "QuizWidget": "glutecourse.quizzes",
    "ProgressStore": "glutecourse.progress",
    "progress_dashboard": "glutecourse.progress",
    "use_course_style": "glutecourse.plots",
    "PALETTE": "glutecourse.plots",
    "disclaimer": "glutecourse.display",
    "course_map": "glutecourse.coursemap",
    "case_notes": "glutecourse.ui.cases",
    "define": "glutecourse.glossary",
    "more_references": "glutecourse.ui.cases",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'glutecourse' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
