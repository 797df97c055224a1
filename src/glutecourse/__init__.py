"""glutecourse: the helper package behind the course "Tight glutes and low back pain".

The notebooks stay readable prose plus short calls into this package, and they import
only the names below, from ``glutecourse`` itself. Importing it is cheap and changes no
global state: each name loads its module (and ipywidgets, or matplotlib when something is
drawn) only when it is first used.

The package is built in layers, each a subpackage that imports only the ones below it
(checked by import-linter, see pyproject.toml): ``core`` (paths, errors, storage, data
loading, numbers, text, palette) < ``catalog`` (references, glossary, course map, phases,
cases, safety, claims) < ``topics`` (pure logic per topic) < ``charts`` (matplotlib) <
``ui`` (widgets and HTML views).

Public API (what the notebooks use):

Every notebook
- ``objectives(stem)``: a notebook's header box: its learning objectives and time.
- ``define(*terms)``: plain-language definitions from the course glossary.
- ``panel(*boxes, fold=None)``: several HTML boxes shown as one output (``fold="label"``: folded).
- ``references(*keys)``: the notebook's reference list, from the bibliography.
- ``quiz(bank_id)``: a self-assessment quiz (answers saved to your progress).

Notebook 00, start here
- ``beliefs_check(phase)``: rate a few of the course's myths, 0 to 10 ("before" here; "after" in 10 shows your change beside the evidence).
- ``disclaimer()``: the medical disclaimer with the signs that need care at once or the same day.
- ``course_map()``: every notebook with its time and objectives.
- ``progress_dashboard()``: your answers per notebook, as bars with each notebook's title
  linked and "Start here" at the first unfinished one, an export, and a *Review now* button.
- ``review()``: a short spaced review of the questions you missed or have not seen for a
  while (also the review notebook, ``apps/review``).

Notebook 01, anatomy
- ``muscle_overview()``: every gluteal muscle in one table.
- ``muscle_explorer()``: pick a muscle; see it highlighted, with its facts.

Notebooks 02 and 03, hips, evidence and causes
- ``study_card(*ids)``: one box per study: design, size, findings, limits.
- ``effects_table(study_id)``: the forest plot's numbers as a table.
- ``claim_vs_evidence(cause_id)``: one claimed cause against the evidence.
- ``cause_cards()``: pick a claimed cause, read its card.
- ``levels_key()``: what each strength-of-evidence badge means.
- ``sitting_calculator()``: add up your daily sitting time against a study's figure.

Notebooks 04 and 05, the self-check
- ``symptom_list(group)``: the tickable items of one group, with their levels.
- ``symptom_checker()``: the self-check widget (guides, never diagnoses, saves nothing).
- ``levels_table()``: the urgency levels: what to do, and which signs belong to each.
- ``combinations_table()``: the combinations of signs that raise the level.
- ``worked_cases()``: "what would you do?" cases with the answer behind a click.
- ``clinician_checklist()``: what to tell a doctor or physiotherapist.

Notebook 06, treatments
- ``guidelines_overview()``: the three guidelines and how to read their stances.
- ``treatment_table(category)``: what NICE, ACP and WHO say about each treatment.
- ``disagreement_summary()``: the treatments on which the guidelines point different ways.
- ``treatment_explorer(show)``: the treatment table with filters.
- ``treatment_claims_table()``: the article's treatment advice against the evidence.

Notebook 07, recovery timeline
- ``published_table()``: the published mean pain (95% CI) at each week.
- ``findings_table(*groups)``: the published figures behind the timeline.
- ``phases_table()``: the example programme's phases.
- ``timeline_explorer()``: the recovery timeline, acute or persistent, from your starting pain.

Notebook 08, exercise programme
- ``stop_rules()``: when to stop an exercise and get advice.
- ``exercise_cards(kind)``: the exercise library as cards.
- ``routine_builder()``: build a day's routine from your phase, minutes and level.
- ``routine_timer(builder)``: a follow-along timer for that routine.

Notebook 09, pain diary
- ``where_saved()``: where your diary is saved on this computer.
- ``diary_widget()``: your pain diary: add, edit, export, import, draw.

Notebook 10, conclusion
- ``myths_table()``: each claim of the original article against the evidence.
- ``final_quiz()``: the final quiz, chosen from every topic by a blueprint.
- ``glossary_table()``: the whole glossary, A to Z.

Apps and teachers
- ``quiz_picker()``: every quiz in the course behind one drop-down (the Voila app).
- ``class_results(folder=None)``: a class's results: a folder box with Load (the sample class
  at first) or an upload of students' exports, the report, charts and a CSV summary button.

The course's people (notebooks 00-09)
- ``case_notes(notebook)``: the course's recurring people, as that notebook meets them.
"""

from importlib import import_module

__version__ = "1.0.0"

_EXPORTS = {
    "objectives": "glutecourse.ui.course",
    "course_map": "glutecourse.ui.course",
    "define": "glutecourse.ui.glossary",
    "glossary_table": "glutecourse.ui.glossary",
    "panel": "glutecourse.ui.display",
    "references": "glutecourse.ui.references",
    "disclaimer": "glutecourse.ui.safety",
    "beliefs_check": "glutecourse.ui.beliefs",
    "quiz": "glutecourse.ui.quizzes",
    "quiz_picker": "glutecourse.ui.quizzes",
    "final_quiz": "glutecourse.ui.final_quiz",
    "progress_dashboard": "glutecourse.ui.progress",
    "review": "glutecourse.ui.review",
    "muscle_overview": "glutecourse.ui.anatomy",
    "muscle_explorer": "glutecourse.ui.anatomy",
    "study_card": "glutecourse.ui.evidence",
    "effects_table": "glutecourse.ui.evidence",
    "claim_vs_evidence": "glutecourse.ui.causes",
    "cause_cards": "glutecourse.ui.causes",
    "levels_key": "glutecourse.ui.causes",
    "sitting_calculator": "glutecourse.ui.causes",
    "symptom_list": "glutecourse.ui.selfcheck",
    "symptom_checker": "glutecourse.ui.selfcheck",
    "levels_table": "glutecourse.ui.selfcheck",
    "combinations_table": "glutecourse.ui.selfcheck",
    "worked_cases": "glutecourse.ui.selfcheck",
    "clinician_checklist": "glutecourse.ui.selfcheck",
    "guidelines_overview": "glutecourse.ui.treatments",
    "treatment_table": "glutecourse.ui.treatments",
    "disagreement_summary": "glutecourse.ui.treatments",
    "treatment_explorer": "glutecourse.ui.treatments",
    "treatment_claims_table": "glutecourse.ui.treatments",
    "published_table": "glutecourse.ui.timeline",
    "findings_table": "glutecourse.ui.timeline",
    "phases_table": "glutecourse.ui.timeline",
    "timeline_explorer": "glutecourse.ui.timeline",
    "stop_rules": "glutecourse.ui.exercises",
    "exercise_cards": "glutecourse.ui.exercises",
    "routine_builder": "glutecourse.ui.exercises",
    "routine_timer": "glutecourse.ui.exercises",
    "where_saved": "glutecourse.ui.diary",
    "diary_widget": "glutecourse.ui.diary",
    "myths_table": "glutecourse.ui.myths",
    "class_results": "glutecourse.ui.classroom",
    "case_notes": "glutecourse.ui.cases",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'glutecourse' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return [*__all__, "__version__"]
