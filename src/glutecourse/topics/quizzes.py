"""The quiz engine without widgets: question banks and pure grading.

Banks are JSON files in ``data/quizzes/`` (schema: ``schemas/quiz.schema.json``). Loading a
bank checks the schema and then the rules a schema cannot express (unique ids, answers
among the options, known reference keys and case ids, pool questions naming their
notebook). Any problem raises one CourseDataError naming the file, the question id and
what is wrong.

Every question says what it tests (``concept``), how (``kind``: decision, reasoning,
reading or recall), and its source (``ref``); it may name a recurring person (``case``,
see ``data/cases.json``). Each question knows, once parsed, the notebook that teaches it
(``notebook``) and the notebook its answers count for in a reader's progress
(``bank_notebook``, its bank's notebook), so nothing needs to look a bank up again when an
answer is recorded. One bank per notebook holds its quiz; a bank with ``"pool": "final"``
holds questions kept for the final quiz, which is chosen from a blueprint
(``data/final-quiz.json``, see ``final_quiz.py``).

``grade`` is a pure function: no widgets, no files. The widgets are in
``glutecourse.ui.quizzes``; this module never imports the progress store (the quiz widget is
given a ``record`` callable instead).
"""

from __future__ import annotations

import random
from pathlib import Path

from ..catalog.cases import case_ids
from ..catalog.references import reference_keys
from ..core.data import load_validated, validate
from ..core.errors import CourseDataError
from ..core.numbers import NumberError, format_number, parse_number
from ..core.paths import data_dir
from ..core.records import Record, field

QUESTION_TYPES = ("single", "multiple", "truefalse", "numeric")


class Option(Record):
    id: str
    text: str
    feedback: str = ""


class Question(Record):
    id: str
    type: str
    prompt: str
    answer: object
    explanation: str
    ref: str
    topic: str
    options: tuple[Option, ...] = ()
    shuffle: bool = True
    tolerance: float = 0.0
    unit: str = ""
    tf_feedback: dict = field(default_factory=dict)
    bank_id: str = ""
    concept: str = ""
    kind: str = ""
    case: str = ""
    tags: tuple[str, ...] = ()
    notebook: str = ""  # the notebook that teaches it (a pool question's home topic)
    bank_notebook: str = ""  # its bank's notebook: where an answer counts in a reader's progress

    def option(self, option_id: str) -> Option:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        raise KeyError(option_id)

    def ordered_options(self) -> list[Option]:
        """Options in display order: shuffled with a seed fixed per question, so every
        run (and every reader) sees the same order, unless the bank says ``shuffle: false``."""
        opts = list(self.options)
        if self.shuffle:
            # A string seed is hashed with SHA-512 by random.seed, so the order does not
            # depend on PYTHONHASHSEED or the machine.
            random.Random(f"{self.bank_id}/{self.id}").shuffle(opts)
        return opts

    def answer_text(self) -> str:
        if self.type == "single":
            return self.option(self.answer).text
        if self.type == "multiple":
            return "; ".join(o.text for o in self.options if o.id in self.answer)
        if self.type == "truefalse":
            return "True" if self.answer else "False"
        unit = f" {self.unit}" if self.unit else ""
        tol = f" (within ±{format_number(self.tolerance)})" if self.tolerance else ""
        return f"{format_number(self.answer)}{unit}{tol}"


class Bank(Record):
    id: str
    title: str
    notebook: str
    topic: str
    questions: tuple[Question, ...]
    path: str = ""
    pool: str = "topic"  # "topic": the notebook's own quiz; "final": final-quiz-only questions

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)


class Grade(Record):
    """The result of grading one response.

    ``status`` is "correct", "incorrect" or "invalid" (the response could not be read,
    e.g. text in a number field or nothing chosen); ``message`` says why, in plain words.
    """

    status: str
    message: str = ""

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    @property
    def valid(self) -> bool:
        return self.status != "invalid"


def grade(question: Question, response) -> Grade:
    """Grade ``response`` to ``question``. Pure: no widgets, no I/O.

    - single: an option id; multiple: an iterable of option ids;
    - truefalse: a bool; numeric: a number or the text a reader typed.
    """
    qt = question.type
    if qt == "single":
        if response is None or response == "":
            return Grade("invalid", "Choose one answer first.")
        if not isinstance(response, str):
            return Grade("invalid", "That answer is not one of the options.")
        try:
            chosen = question.option(response)
        except KeyError:
            return Grade("invalid", "That answer is not one of the options.")
        ok = response == question.answer
        return Grade("correct" if ok else "incorrect", chosen.feedback)
    if qt == "multiple":
        if response is None or response == "":
            response = ()
        if isinstance(response, (str, bytes, dict)) or not isinstance(response, (list, tuple, set, frozenset)):
            return Grade("invalid", "Tick the answers you choose from the options.")
        if not all(isinstance(r, str) for r in response):
            return Grade("invalid", "That answer is not one of the options.")
        chosen_ids = set(response)
        if not chosen_ids:
            return Grade("invalid", "Tick at least one answer first.")
        known = {o.id for o in question.options}
        if not chosen_ids <= known:
            return Grade("invalid", "That answer is not one of the options.")
        right = set(question.answer)
        if chosen_ids == right:
            return Grade("correct", "")
        missed = len(right - chosen_ids)
        wrong = chosen_ids - right
        parts = []
        if wrong:
            parts.append(f"{len(wrong)} of your choices {'is' if len(wrong) == 1 else 'are'} not right")
        if missed:
            parts.append(f"{missed} correct {'answer is' if missed == 1 else 'answers are'} not ticked")
        notes = [question.option(o.id).feedback for o in question.options if o.id in wrong and o.feedback]
        message = "; ".join(parts) + "."
        if notes:
            message += " " + " ".join(notes)
        return Grade("incorrect", message[0].upper() + message[1:])
    if qt == "truefalse":
        if not isinstance(response, bool):
            return Grade("invalid", "Choose True or False first.")
        ok = response == question.answer
        return Grade("correct" if ok else "incorrect", question.tf_feedback.get(str(response).lower(), ""))
    if qt == "numeric":
        if response is None or (isinstance(response, str) and not response.strip()):
            return Grade("invalid", "Type a number first.")
        try:
            value = parse_number(response)
        except NumberError as exc:
            return Grade("invalid", str(exc))
        ok = abs(value - float(question.answer)) <= question.tolerance + 1e-9
        return Grade("correct" if ok else "incorrect", "")
    raise ValueError(f"unknown question type {qt!r}")  # unreachable for validated banks


# ---------------------------------------------------------------------------- loading


def bank_path(bank_id_or_path) -> Path:
    path = Path(bank_id_or_path)
    if path.suffix == ".json" or path.exists():
        return path
    return data_dir() / "quizzes" / f"{bank_id_or_path}.json"


def parse_bank(
    data, path, known_refs: set[str] | None = None, schema_checked: bool = False, known_cases: set[str] | None = None
) -> Bank:
    """Validate raw bank data and build a Bank, or raise CourseDataError."""
    if not schema_checked:
        validate(data, "quiz", path)
    seen: set[str] = set()
    questions = []
    refs = reference_keys() if known_refs is None else known_refs
    pool = data.get("pool", "topic")
    cases = known_cases
    for raw in data["questions"]:
        qid = raw["id"]
        where = f"question {qid!r}"

        def fail(problem, _where=where):
            raise CourseDataError(path, _where, problem)

        if qid in seen:
            fail("duplicate question id (each id must be unique within the bank)")
        seen.add(qid)
        options = tuple(Option(o["id"], o["text"], o.get("feedback", "")) for o in raw.get("options", ()))
        option_ids = [o.id for o in options]
        if len(set(option_ids)) != len(option_ids):
            fail("duplicate option ids")
        answer = raw["answer"]
        if raw["type"] == "single" and answer not in option_ids:
            fail(f"answer {answer!r} is not among the options {option_ids}")
        if raw["type"] == "multiple":
            missing = [a for a in answer if a not in option_ids]
            if missing:
                fail(f"answer {missing} not among the options {option_ids}")
            if len(set(answer)) != len(answer):
                fail("answer lists the same option twice")
        if raw["ref"] not in refs:
            fail(f"reference key {raw['ref']!r} is not in data/references.json")
        if "case" in raw:
            if cases is None:
                cases = case_ids()
            if raw["case"] not in cases:
                fail(f"case {raw['case']!r} is not a person in data/cases.json")
        home = raw.get("notebook", data["notebook"])
        if pool == "final":
            if "notebook" not in raw or "topic" not in raw:
                fail("a final-pool question needs 'notebook' and 'topic' (the topic notebook that teaches it)")
        elif home != data["notebook"]:
            fail(f"notebook {home!r} differs from the bank's {data['notebook']!r} (only a final pool may name another)")
        questions.append(
            Question(
                id=qid,
                type=raw["type"],
                prompt=raw["prompt"],
                answer=tuple(answer) if raw["type"] == "multiple" else answer,
                explanation=raw["explanation"],
                ref=raw["ref"],
                topic=raw.get("topic", data["topic"]),
                options=options,
                shuffle=raw.get("shuffle", True),
                tolerance=float(raw.get("tolerance", 0.0)),
                unit=raw.get("unit", ""),
                tf_feedback=dict(raw.get("feedback", {})),
                bank_id=data["id"],
                concept=raw["concept"],
                kind=raw["kind"],
                case=raw.get("case", ""),
                tags=tuple(raw.get("tags", ())),
                notebook=home,
                bank_notebook=data["notebook"],
            )
        )
    stem = Path(path).stem
    if Path(path).suffix == ".json" and stem != data["id"]:
        raise CourseDataError(path, None, f"id {data['id']!r} does not match the file name {stem!r}")
    return Bank(data["id"], data["title"], data["notebook"], data["topic"], tuple(questions), str(path), pool)


#: Banks already read, by file: (modification time in ns, size, the Bank). A bank is a
#: frozen record, so one read is shared by every view that asks for it (the progress bars,
#: the review, the final quiz and the class results each ask for every bank, the class
#: results four times): checking a bank's schema and building it costs about 4 ms, and a
#: file whose time or size has changed since is read again.
_READ: dict[str, tuple[int, int, Bank]] = {}


def load_bank(bank_id_or_path) -> Bank:
    """Load and validate a quiz bank by id (``data/quizzes/<id>.json``) or path. A bank
    read before and not changed on disk since is not read again; a file that fails its
    checks is never kept, so it is checked again (and fails again) on every call."""
    path = bank_path(bank_id_or_path)
    try:
        st = path.stat()
    except OSError:
        st = None  # load_validated says which file is missing
    key = str(path.resolve())
    seen = _READ.get(key)
    if st is not None and seen is not None and seen[:2] == (st.st_mtime_ns, st.st_size):
        return seen[2]
    bank = parse_bank(load_validated(path, "quiz"), path, schema_checked=True)
    if st is not None:
        _READ[key] = (st.st_mtime_ns, st.st_size, bank)
    return bank


def all_banks() -> list[Bank]:
    """Every bank in ``data/quizzes/``: the notebooks' quizzes and the final pool (progress,
    class results and answer keys cover them all)."""
    return [load_bank(p) for p in sorted((data_dir() / "quizzes").glob("*.json"))]


def topic_banks() -> list[Bank]:
    """The banks shown as notebook quizzes (every bank except final-quiz pools)."""
    return [b for b in all_banks() if b.pool == "topic"]


# ---------------------------------------------------------------------------- final quiz


def answered(store) -> set[tuple[str, str]]:
    """The reader's history: every ``(bank, question)`` they have checked an answer to.
    Reads the store; never writes to it."""
    return {(a.bank, a.question) for a in store.attempts}


# ---------------------------------------------------------------------------- saved answers


class SavedAnswer(Record):
    """A reader's latest checked answer to one question, as the progress file holds it.

    ``response`` is the answer in the form :func:`grade` takes (an option id, a list of
    option ids, a bool or the number typed), or None when the attempt did not record it
    (progress files from before answers were kept) or it no longer fits the question (the
    bank changed since): then only ``correct`` is known."""

    question: str
    correct: bool
    response: object = None
    at: str = ""


def encode_response(question: Question, response) -> str:
    """A graded response as the short text a progress file keeps (``answer``): the option
    id, option ids joined by commas (ids are slugs, so they never hold one), "true" or
    "false", or the number as the reader typed it."""
    if question.type == "multiple":
        return ",".join(o.id for o in question.options if o.id in set(response))
    if question.type == "truefalse":
        return "true" if response is True else "false"
    return str(response).strip()[:200]


def decode_response(question: Question, text):
    """The response a saved ``answer`` text stands for, or None if it does not fit the
    question (an option removed since, a number no longer readable, not text at all)."""
    if not isinstance(text, str) or not text:
        return None
    known = {o.id for o in question.options}
    if question.type == "single":
        return text if text in known else None
    if question.type == "multiple":
        ids = text.split(",")
        return ids if set(ids) <= known and len(set(ids)) == len(ids) else None
    if question.type == "truefalse":
        return {"true": True, "false": False}.get(text)
    try:
        parse_number(text)
    except NumberError:
        return None
    return text


def saved_answers(attempts, questions) -> dict[str, SavedAnswer]:
    """Each question's latest saved answer, by question id (questions never answered are
    left out). ``attempts`` are a reader's attempts, oldest first (a progress store's
    ``attempts``: records with ``bank``, ``question``, ``correct``, ``answer`` and ``at``;
    this module does not import the store); an attempt counts for a question of the same bank and id. Pure: reads
    nothing else."""
    wanted = {(q.bank_id, q.id): q for q in questions}
    latest = {}
    for a in attempts:
        key = (a.bank, a.question)
        if key in wanted:
            latest[key] = a
    out = {}
    for key, a in latest.items():
        q = wanted[key]
        out[q.id] = SavedAnswer(
            question=q.id,
            correct=a.correct is True,
            response=decode_response(q, a.answer),
            at=a.at or "",
        )
    return out
