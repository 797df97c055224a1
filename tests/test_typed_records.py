"""Domain objects are typed (issue 12): the catalogues and the smaller topics hand out frozen
records (``glutecourse.core.records.Record``, a msgspec ``Struct``: typed fields, equality,
repr, like a frozen dataclass but cheap to define) built once at load time, not raw dicts.

Two checks. The first reads the source: no function of these modules is annotated to return
a ``dict`` (or a ``list[dict]``, a ``dict | None``, a mapping of plain dicts) unless it is on
the short allow-list below, each entry with its reason. The second loads every catalogue and
walks what it hands out: every record is a frozen record and no JSON list or plain dict
survives inside one (collections are tuples, keyed collections read-only or typed). A third
keeps the package on one kind of record: no module defines a dataclass.
"""

import ast
import re
from collections.abc import Mapping

import msgspec
import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "glutecourse"

#: The modules whose records are typed (the catalogues, the smaller topics, and the core
#: modules that hand out domain records).
MODULES = [
    "catalog/cases.py",
    "catalog/claims.py",
    "catalog/course.py",
    "catalog/glossary.py",
    "catalog/phases.py",
    "catalog/references.py",
    "catalog/safety.py",
    "core/data.py",
    "core/palette.py",
    "topics/bank_health.py",
    "topics/causes.py",
    "topics/evidence.py",
    "topics/exercises.py",
    "topics/final_quiz.py",
    "topics/myths.py",
    "topics/progress.py",
    "topics/review.py",
    "topics/selfcheck.py",
    "topics/timeline.py",
    "topics/timing.py",
    "topics/treatments.py",
]

#: Functions of MODULES that may return a dict, and why. Keep it short: a domain record is
#: a record.
ALLOWED = {
    "catalog/references.py:short_citations": "a lookup table of strings (key -> how it is cited), not a record",
    "core/palette.py:css_variables": "CSS custom properties (name -> colour) written into the stylesheet",
    "topics/bank_health.py:figures": "a JSON-shaped export: scripts/bank_health.py --json prints it as it is",
    "topics/treatments.py:directions": "a computed lookup of strings (guideline id -> which way it points)",
    "topics/progress.py:beliefs": "the beliefs check's ratings as the JSON records the reader's file, the export and the class results (which read exports) share: one shape across the three; checked against the progress-belief schema",
    "topics/progress.py:record_belief": "returns the JSON record it has just written (progress-belief schema), the same shape as ProgressStore.beliefs",
    "topics/progress.py:export_data": "a JSON export written to a file as it is (progress-export schema)",
    # The reader's progress.json as its JSON document: merged by attempt id under the lock
    # and written back as it was read; callers get Attempt records (ProgressStore.attempts),
    # and attempt_json is the one way back to JSON.
    "topics/progress.py:_fresh": "the JSON document of a new reader file, written as it is",
    "topics/progress.py:_load": "the reader file's JSON document as read and checked, merged and written back",
    "topics/progress.py:_grown": "the reader file's JSON document with another window's new attempts",
    "topics/progress.py:attempt_json": "the one converter from an Attempt record back to the file's JSON",
    "topics/review.py:schedule": "a typed index of records (question key -> review Entry)",
    "topics/selfcheck.py:items": "a typed index of records (item id -> Item), in the data's order",
    "topics/selfcheck.py:level_names": "a lookup of strings (level id -> the name the course uses for it)",
    "topics/selfcheck.py:_placeholders": "a lookup of strings (placeholder -> its text) for filling in the data",
    # The self-check's three files: each is schema-checked, its cross-file rules checked (the
    # check_* validators return the file they checked, the items' texts filled in), and read
    # only inside topics/selfcheck.py to build the records the rest of the code passes around
    # (Item, Level, Group, Prevalence, Rule, AssumedFact, WorkedCase).
    "topics/selfcheck.py:check_symptom_data": "validator: the checked file, texts filled in, from which records are built",
    "topics/selfcheck.py:symptom_data": "the checked file, read only here to build Item, Level, Group, Prevalence",
    "topics/selfcheck.py:check_rules": "validator: returns the file it checked, from which Rule records are built",
    "topics/selfcheck.py:rules_data": "the checked file, read only here to build Rule and AssumedFact records",
    "topics/selfcheck.py:check_worked_cases": "validator: returns the file it checked, from which WorkedCase is built",
    "topics/selfcheck.py:worked_cases_data": "the checked file, read only here to build WorkedCase records",
}


def _returns_dict(annotation: str) -> bool:
    """``dict`` or ``dict[...]`` as the whole annotation or one side of a union, or a bare
    ``dict`` anywhere inside it (``list[dict]``, ``Mapping[str, dict]``)."""
    sides = [side.strip() for side in annotation.split("|")]
    return any(side == "dict" or side.startswith("dict[") for side in sides) or bool(
        re.search(r"\bdict\b(?!\[)", annotation)
    )


def dict_returning(module: str) -> list[str]:
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    return [
        f"{module}:{node.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.returns is not None
        and _returns_dict(ast.unparse(node.returns))
    ]


def test_the_detector_sees_every_form_of_a_dict_return():
    for annotation in ("dict", "dict[str, dict]", "list[dict]", "dict | None", "Mapping[str, dict]", "dict[str, str]"):
        assert _returns_dict(annotation), annotation
    for annotation in ("Mapping[str, Reference]", "tuple[Case, ...]", "list[Estimate]", "Disclaimer | None"):
        assert not _returns_dict(annotation), annotation


def test_no_module_function_returns_a_dict_unless_allowed():
    found = [name for module in MODULES for name in dict_returning(module)]
    unexpected = sorted(set(found) - set(ALLOWED))
    assert not unexpected, f"return a typed record (a frozen Record), or add a reason to ALLOWED: {unexpected}"
    stale = sorted(set(ALLOWED) - set(found))
    assert not stale, f"allowed but no longer returning a dict (remove from ALLOWED): {stale}"
    assert all(ALLOWED.values())


def _loaders():
    from glutecourse.catalog import cases, course, glossary, phases, references
    from glutecourse.topics import causes, evidence, exercises, final_quiz, myths, selfcheck, timeline, treatments

    return {
        "references": references.bibliography,
        "glossary": glossary.glossary,
        "course": course.course,
        "phases": phases.phases_data,
        "cases": cases.cases_data,
        "evidence": evidence.evidence_data,
        "causes": causes.causes_data,
        "myths": myths.myths,
        "timeline": timeline.prognosis,
        "treatments": treatments.treatments_data,
        "final-quiz": final_quiz.blueprint,
        "timeline-series": lambda: timeline.series("acute", 70),
        "timeline-milestones": lambda: timeline.milestones("acute"),
        "treatment-guidelines": treatments.guideline_info,
        "exercises": exercises.library,
        "exercise-poses": exercises.poses,
        "routine": lambda: exercises.build_routine("strength", 30, 3),
        "routine-candidates": lambda: exercises.candidates("return", 3),
        "selfcheck-levels": selfcheck.levels,
        "selfcheck-groups": selfcheck.groups,
        "selfcheck-items": lambda: tuple(selfcheck.items().values()),
        "selfcheck-prevalence": selfcheck.prevalence,
        "selfcheck-rules": selfcheck.rules,
        "selfcheck-cases": selfcheck.worked_cases,
        "selfcheck-result": lambda: selfcheck.triage([next(iter(selfcheck.items()))]),
    }


def _walk(value, where, records):
    """Every problem inside ``value``: a list, a plain dict of records, or a record that is
    not frozen."""
    if isinstance(value, msgspec.Struct):
        if not type(value).__struct_config__.frozen:
            yield f"{where}: {type(value).__name__} is not frozen"
        records.append(value)
        for f in msgspec.structs.fields(value):
            yield from _walk(getattr(value, f.name), f"{where}.{f.name}", records)
    elif isinstance(value, list):
        yield f"{where}: a list (collections in records are tuples)"
    elif isinstance(value, tuple):
        for n, item in enumerate(value):
            yield from _walk(item, f"{where}[{n}]", records)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if isinstance(item, Mapping):
                yield f"{where}[{key!r}]: a raw dict inside a record"
            yield from _walk(item, f"{where}[{key!r}]", records)


@pytest.mark.parametrize("name", list(_loaders()))
def test_what_a_catalogue_hands_out_is_frozen_records_all_the_way_down(name):
    value = _loaders()[name]()
    if isinstance(value, list):  # a function's own result may be a list of records
        value = tuple(value)
    records: list = []
    problems = list(_walk(value, name, records))
    assert not problems, problems
    assert records, f"{name} hands out no typed record at all"
    with pytest.raises(AttributeError, match="immutable"):
        setattr(records[0], msgspec.structs.fields(records[0])[0].name, None)


def test_the_package_defines_records_one_way():
    """Every record class of the package is a ``Record`` (the self-check's gate, the one
    piece of mutable state, says ``frozen=False``): a frozen dataclass costs about 0.55 ms to define and
    a notebook's first cell defines dozens, which the benchmark (``make bench``) showed as
    a tenth of a notebook's own cost. Any ``@dataclass`` in ``src/`` fails here."""
    from glutecourse.core.records import Record

    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "_validators" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for deco in node.decorator_list:
                    target = deco.func if isinstance(deco, ast.Call) else deco
                    if ast.unparse(target).split(".")[-1] == "dataclass":
                        found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}")
    assert not found, f"define these as glutecourse.core.records.Record subclasses: {found}"
    # and what the walk above relies on is true of the base itself
    assert issubclass(Record, msgspec.Struct) and Record.__struct_config__.frozen
