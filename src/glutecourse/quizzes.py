"""The quiz engine: question banks, pure grading, and an ipywidgets quiz.

Banks are JSON files in ``data/quizzes/`` (schema: ``schemas/quiz.schema.json``). Loading a
bank checks the schema and then the rules a schema cannot express (unique ids, answers
among the options, known reference keys and case ids, pool questions naming their
notebook). Any problem raises one CourseDataError naming the file, the question id and
what is wrong.

Every question says what it tests (``concept``), how (``kind``: decision, reasoning,
reading or recall), and its source (``ref``); it may name a recurring person (``case``,
see ``data/cases.json``). One bank per notebook holds its quiz; a bank with
``"pool": "final"`` holds questions kept for the final quiz, which is chosen from a
blueprint (``data/final-quiz.json``, see ``blueprint.py``).

``grade`` is a pure function: no widgets, no files. ``QuizWidget`` wraps it in widgets
whose feedback lives in ``HTML`` widgets, so tests (and readers) can read it.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, field
from pathlib import Path

from .data import load_validated, read_json, validate
from .errors import CourseDataError
from .numbers import NumberError, format_number, parse_number
from .paths import data_dir
from .textfmt import safe_html, strip_tags

QUESTION_TYPES = ("single", "multiple", "truefalse", "numeric")


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    feedback: str = ""


@dataclass(frozen=True)
class Question:
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


@dataclass(frozen=True)
class Bank:
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


@dataclass(frozen=True)
class Grade:
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


def _reference_keys() -> set[str]:
    from .references import reference_keys

    return reference_keys()


def _case_ids() -> set[str]:
    from .cases import case_ids

    return case_ids()


def parse_bank(data, path, known_refs: set[str] | None = None, schema_checked: bool = False,
               known_cases: set[str] | None = None) -> Bank:
    """Validate raw bank data and build a Bank, or raise CourseDataError."""
    if not schema_checked:
        validate(data, "quiz", path)
    seen: set[str] = set()
    questions = []
    refs = _reference_keys() if known_refs is None else known_refs
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
                cases = _case_ids()
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
            )
        )
    stem = Path(path).stem
    if Path(path).suffix == ".json" and stem != data["id"]:
        raise CourseDataError(path, None, f"id {data['id']!r} does not match the file name {stem!r}")
    return Bank(data["id"], data["title"], data["notebook"], data["topic"], tuple(questions), str(path), pool)


def load_bank(bank_id_or_path) -> Bank:
    """Load and validate a quiz bank by id (``data/quizzes/<id>.json``) or path."""
    path = bank_path(bank_id_or_path)
    return parse_bank(load_validated(path, "quiz"), path, schema_checked=True)


def all_banks() -> list[Bank]:
    """Every bank in ``data/quizzes/``: the notebooks' quizzes and the final pool (progress,
    class results and answer keys cover them all)."""
    return [load_bank(p) for p in sorted((data_dir() / "quizzes").glob("*.json"))]


def topic_banks() -> list[Bank]:
    """The banks shown as notebook quizzes (every bank except final-quiz pools)."""
    return [b for b in all_banks() if b.pool == "topic"]


# ---------------------------------------------------------------------------- widgets

_STATUS_STYLE = {
    "correct": ("✔ Correct.", "#0b6e4f", "#e6f4ee"),
    "incorrect": ("✘ Not quite.", "#a33b00", "#fdf0e6"),
    "invalid": ("Please check:", "#1a4f8b", "#eaf1fb"),
    "revealed": ("Answer shown.", "#333333", "#f2f2f2"),
}


def _box(status: str, body: str) -> str:
    label, colour, bg = _STATUS_STYLE[status]
    return (
        f'<div class="gc-feedback gc-{status}" role="status" aria-live="polite" '
        f'style="border-left:4px solid {colour};background:{bg};padding:6px 10px;margin:4px 0">'
        f"<strong>{label}</strong> {body}</div>"
    )


_SHARED_SPECS = {
    "auto": ("layout", {"width": "auto"}),
    "plain": ("layout", {}),
    "text_style": ("text", {"description_width": "initial"}),
    "desc_style": ("description", {"description_width": "initial"}),
    "html_style": ("html", {}),
    "checkbox_style": ("checkbox", {}),
    "button_style": ("button", {}),
}


class _Shared(dict):
    """Shared layouts and styles (see widgets.py), each created on first use only:
    sharing cuts a quiz's start-up messages to the browser by about two thirds."""

    def __missing__(self, key):
        from .widgets import layout, style

        kind, kwargs = _SHARED_SPECS[key]
        value = layout(**kwargs) if kind == "layout" else style(kind, **kwargs)
        self[key] = value
        return value


def shared_styles() -> dict:
    return _Shared()


def _html(value=""):
    import ipywidgets as w

    sh = shared_styles()
    return w.HTML(value=value, layout=sh["plain"], style=sh["html_style"])


def _button(description, tooltip, icon, **kwargs):
    import ipywidgets as w

    sh = shared_styles()
    return w.Button(description=description, tooltip=tooltip, icon=icon,
                    layout=sh["plain"], style=sh["button_style"], **kwargs)


class QuestionView:
    """Widgets for one question: input, Check / Try again / Show answer, feedback."""

    def __init__(self, question: Question, number: int, total: int, on_result=None, references=None):
        import ipywidgets as w

        sh = shared_styles()
        self.question = question
        self.on_result = on_result
        self.references = references or {}
        self.answered = False
        self.correct = False
        self.revealed = False
        q = question
        self.prompt = _html(
            f'<div class="gc-prompt"><strong>Question {number} of {total}.</strong> {safe_html(q.prompt)}</div>'
        )
        label = f"Answer to question {number}"
        if q.type in ("single", "truefalse"):
            if q.type == "single":
                choices = [(strip_tags(o.text), o.id) for o in q.ordered_options()]
            else:
                choices = [("True", True), ("False", False)]
            self.input = w.RadioButtons(options=choices, value=None, description="", tooltip=label,
                                        layout=sh["auto"], style=sh["desc_style"])
            self._controls = [self.input]
            input_box = self.input
        elif q.type == "multiple":
            self.checkboxes = {
                o.id: w.Checkbox(value=False, description=strip_tags(o.text), indent=False,
                                 tooltip=f"{label}: {strip_tags(o.text)}",
                                 layout=sh["auto"], style=sh["checkbox_style"])
                for o in q.ordered_options()
            }
            self._controls = list(self.checkboxes.values())
            input_box = w.VBox([_html("<em>Select all that apply.</em>"), *self._controls], layout=sh["plain"])
            self.input = input_box
        else:
            unit = f" ({q.unit})" if q.unit else ""
            self.input = w.Text(value="", placeholder=f"Type a number{unit}", description="Your answer:",
                                tooltip=label, layout=sh["plain"], style=sh["text_style"])
            self._controls = [self.input]
            input_box = self.input
        self.check_button = _button("Check", f"Check your answer to question {number}", "check",
                                    button_style="primary")
        self.retry_button = _button("Try again", f"Clear question {number} and answer again", "undo",
                                    disabled=True)
        self.reveal_button = _button("Show answer", f"Show the answer and explanation for question {number}", "eye")
        self.check_button.on_click(lambda _: self.check())
        self.retry_button.on_click(lambda _: self.retry())
        self.reveal_button.on_click(lambda _: self.reveal())
        self.feedback = _html()
        # Class names let browser tests (and reader stylesheets) find each part.
        self.feedback.add_class("gc-feedback-area")
        self.check_button.add_class("gc-check")
        self.retry_button.add_class("gc-retry")
        self.reveal_button.add_class("gc-reveal")
        self.widget = w.VBox(
            [self.prompt, input_box,
             w.HBox([self.check_button, self.retry_button, self.reveal_button], layout=sh["plain"]),
             self.feedback],
            layout=sh["plain"],
        )
        self.widget.add_class("gc-question")

    # -- reading the reader's answer
    def response(self):
        q = self.question
        if q.type == "multiple":
            return [oid for oid, box in self.checkboxes.items() if box.value]
        return self.input.value

    def _explanation(self) -> str:
        q = self.question
        ref = self.references.get(q.ref)
        source = f' <span class="gc-source">Source: {safe_html(ref)}.</span>' if ref else ""
        return f"<div>{safe_html(q.explanation)}{source}</div>"

    def _set_inputs_disabled(self, disabled: bool):
        for control in self._controls:
            control.disabled = disabled

    # -- actions
    def check(self) -> Grade:
        if self.check_button.disabled:
            return Grade("invalid", "Already checked: choose Try again to answer again.")
        result = grade(self.question, self.response())
        if not result.valid:
            self.feedback.value = _box("invalid", safe_html(result.message))
            return result
        self.answered = True
        if result.correct and not self.revealed:
            self.correct = True
        detail = f"<div>{safe_html(result.message)}</div>" if result.message else ""
        if not result.correct:
            detail += "<div>Choose <em>Try again</em> to have another go, or <em>Show answer</em>.</div>"
        else:
            detail += self._explanation()
        self.feedback.value = _box(result.status, detail)
        self.check_button.disabled = True
        self.retry_button.disabled = False
        self._set_inputs_disabled(True)
        if self.on_result:
            self.on_result(self, result)
        return result

    def retry(self):
        q = self.question
        if q.type == "multiple":
            for box in self.checkboxes.values():
                box.value = False
        else:
            self.input.value = "" if q.type == "numeric" else None
        self.feedback.value = ""
        self._set_inputs_disabled(False)
        self.check_button.disabled = False
        self.retry_button.disabled = True

    def reveal(self):
        self.revealed = True
        self.feedback.value = _box(
            "revealed",
            f"The answer is: <strong>{safe_html(self.question.answer_text())}</strong>.{self._explanation()}",
        )
        self.retry_button.disabled = False
        if self.on_result:
            self.on_result(self, None)


class QuizWidget:
    """A whole quiz, one question at a time: a title, a running score, Previous / Next.

    Questions are built when first shown, so a long quiz costs no more to open than a
    short one. ``view(i)`` returns question i's widgets (building them if needed).
    """

    def __init__(self, bank: Bank, store=None, questions=None, record: bool = True, title=None):
        import ipywidgets as w

        from .references import short_citations

        sh = shared_styles()
        self.bank = bank
        self.store = store
        self.record = record
        self.questions = list(questions if questions is not None else bank.questions)
        self._refs = short_citations()
        self._views: list[QuestionView | None] = [None] * len(self.questions)
        self.current = 0
        self.heading = title or bank.title
        self.score = _html()  # the heading and the running score share one widget
        self.score.add_class("gc-score")
        self.position = _html()
        n = len(self.questions)
        self.prev_button = _button("Previous", "Go to the previous question", "arrow-left")
        self.next_button = _button("Next", "Go to the next question", "arrow-right")
        self.prev_button.on_click(lambda _: self.show(self.current - 1))
        self.next_button.on_click(lambda _: self.show(self.current + 1))
        self.prev_button.add_class("gc-prev")
        self.next_button.add_class("gc-next")
        nav = [self.prev_button, self.position, self.next_button] if n > 1 else [self.position]
        self._head = (self.score, w.HBox(nav, layout=sh["plain"]))
        self._tail: tuple = ()
        self.widget = w.VBox(self._head, layout=sh["plain"])
        self.widget.add_class("gc-quiz")
        self.show(0)
        self._update_score()

    def view(self, i: int) -> QuestionView:
        if self._views[i] is None:
            self._views[i] = QuestionView(self.questions[i], i + 1, len(self.questions), self._on_result, self._refs)
        return self._views[i]

    @property
    def views(self) -> list[QuestionView]:
        """Every question's widgets (builds them all; for tests and scripts)."""
        return [self.view(i) for i in range(len(self.questions))]

    def show(self, i: int):
        n = len(self.questions)
        i = max(0, min(n - 1, i))
        self.current = i
        self.widget.children = (*self._head, self.view(i).widget, *self._tail)
        self.prev_button.disabled = i == 0
        self.next_button.disabled = i == n - 1
        self._update_position()

    def _update_position(self):
        n = len(self.questions)
        answered = sum(1 for v in self._views if v is not None and v.answered)
        self.position.value = (
            f"<span style='padding:0 10px;line-height:28px'>Question {self.current + 1} of {n}"
            f" · {answered} answered</span>"
        )

    def _on_result(self, view: QuestionView, result: Grade | None):
        if result is not None and self.record:
            store = self.store
            if store is None:
                from .progress import ProgressStore

                store = self.store = ProgressStore()
            # record() never raises for a file it cannot write: store.problem says why,
            # and _update_score shows it once, above the questions.
            store.record(
                notebook=self.bank.notebook if view.question.bank_id == self.bank.id else _notebook_of(view.question),
                bank=view.question.bank_id,
                question=view.question.id,
                correct=result.correct,
                topic=view.question.topic,
            )
        self._update_score()
        self._update_position()

    def counts(self) -> tuple[int, int, int]:
        built = [v for v in self._views if v is not None]
        answered = sum(v.answered for v in built)
        correct = sum(v.correct for v in built)
        return correct, answered, len(self.questions)

    def save_problem(self) -> str:
        """Why answers cannot be saved (from the progress store), or ""."""
        return (getattr(self.store, "problem", "") or "") if self.record else ""

    def _update_score(self):
        correct, answered, total = self.counts()
        problem = self.save_problem()
        note = (
            '<div class="gc-save-problem" role="alert" style="border-left:4px solid #D55E00;padding:2px 8px;'
            f'margin:4px 0">Your answers cannot be saved: {html.escape(problem)}; the quiz still works.</div>'
            if problem else ""
        )
        self.score.value = (
            f"<h3>{safe_html(self.heading)}</h3>"
            f'<div role="status" aria-live="polite"><strong>Score: {correct} of {total} correct</strong>'
            f" ({answered} answered)</div>{note}"
        )

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def _notebook_of(question: Question) -> str:
    return load_bank(question.bank_id).notebook


class QuizLauncher:
    """A quiz behind a *Start the quiz* button: the page opens fast, and the quiz's
    widgets are built only when the reader asks for them. ``start()`` returns the quiz."""

    def __init__(self, factory, title: str, count: int):
        import ipywidgets as w

        self._factory = factory
        self.quiz = None
        self.intro = _html(
            f"<h3>{safe_html(title)}</h3><p>{count} questions, one at a time, each with an explanation and "
            "its source. Your answers are saved on this computer.</p>"
        )
        self.start_button = _button("Start the quiz", f"Start: {strip_tags(title)}", "play", button_style="primary")
        self.start_button.add_class("gc-start")
        self.start_button.on_click(lambda _: self.start())
        self.widget = w.VBox([self.intro, self.start_button], layout=shared_styles()["plain"])
        self.widget.add_class("gc-quiz-launcher")

    def start(self):
        if self.quiz is None:
            self.quiz = self._factory()
            self.widget.children = [self.quiz.widget]
        return self.quiz

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def quiz(bank_id: str, store=None, start: bool = False):
    """Show the quiz ``data/quizzes/<bank_id>.json``. Answers are saved to your progress.

    By default the quiz waits behind a *Start the quiz* button (so the notebook opens
    fast); ``start=True`` shows the first question at once."""
    bank = load_bank(bank_id)
    launcher = QuizLauncher(lambda: QuizWidget(bank, store=store), bank.title, len(bank.questions))
    if start:
        launcher.start()
    return launcher


# ---------------------------------------------------------------------------- final quiz

def answered(store) -> set[tuple[str, str]]:
    """The reader's history: every ``(bank, question)`` they have checked an answer to.
    Reads the store; never writes to it."""
    return {(a["bank"], a["question"]) for a in store.attempts}


def final_questions(history=(), banks=None, blueprint=None) -> list[Question]:
    """The final quiz for a reader who has answered ``history`` (a set of ``(bank,
    question)`` ids), chosen from the blueprint in ``data/final-quiz.json``: the same
    history always gives the same quiz. See ``blueprint.py`` for the rules."""
    from . import blueprint as bp

    banks = all_banks() if banks is None else banks
    data = bp.blueprint() if blueprint is None else blueprint
    by_key = {(b.id, q.id): q for b in banks for q in b.questions}
    return [by_key[it.key] for it in bp.select(data, bp.items_from_banks(banks), history)]


class FinalQuiz(QuizWidget):
    """The final quiz: questions from every topic chosen by the blueprint (preferring ones
    the reader has not answered yet), a score per topic, and pointers back to the
    notebooks worth revisiting.

    ``history`` defaults to the questions already answered in ``store`` (read only)."""

    def __init__(self, store=None, history=None):
        import ipywidgets as w

        from .coursemap import notebook_info

        self._banks = {b.id: b for b in all_banks()}
        if history is None:
            from .progress import ProgressStore

            history = answered(store if store is not None else ProgressStore())
        questions = final_questions(history, banks=list(self._banks.values()))
        self._titles = {}
        for b in self._banks.values():
            for nb in {b.notebook, *(q.notebook for q in b.questions)}:
                try:
                    self._titles[nb] = notebook_info(nb)["title"]
                except KeyError:
                    self._titles[nb] = nb
        self.topics = _html()
        self.topics.add_class("gc-topics")
        bank = Bank("final", "Final quiz: every topic", "10-conclusion-and-final-quiz", "Final", tuple(questions))
        super().__init__(bank, store=store, questions=questions)
        self._tail = (self.topics,)
        self.show(self.current)
        self._update_topics()

    def _notebook(self, question: Question) -> str:
        """Where an answer is recorded: the notebook of the question's bank (so progress
        counts match each notebook's questions; final-pool answers count for notebook 10)."""
        return self._banks[question.bank_id].notebook

    def _on_result(self, view, result):
        if result is not None and self.record:
            from .progress import ProgressStore

            self.store = self.store or ProgressStore()
            q = view.question
            self.store.record(notebook=self._notebook(q), bank=q.bank_id, question=q.id,
                              correct=result.correct, topic=q.topic)
        self._update_score()
        self._update_position()
        self._update_topics()

    def topic_scores(self) -> list[dict]:
        """One row per topic, pointing at the notebook that teaches it."""
        rows: dict[str, dict] = {}
        for i, q in enumerate(self.questions):
            v = self._views[i]
            row = rows.setdefault(q.topic, {"topic": q.topic, "notebook": q.notebook, "questions": 0,
                                            "answered": 0, "correct": 0})
            row["questions"] += 1
            if v is not None and v.answered:
                row["answered"] += 1
                row["correct"] += v.correct
        return list(rows.values())

    def _update_topics(self):
        if not hasattr(self, "topics"):
            return
        rows = self.topic_scores()
        body = "".join(
            f"<tr><td style='text-align:left'>{safe_html(r['topic'])}</td><td>{r['correct']} of {r['questions']}</td>"
            f"<td style='text-align:left'>{'✔ well done' if r['answered'] == r['questions'] and r['correct'] == r['questions'] else ('↺ revisit ' + safe_html(self._titles.get(r['notebook'], r['notebook'])) + ' (' + r['notebook'] + ')' if r['answered'] > r['correct'] else '')}</td></tr>"
            for r in rows
        )
        revisit = [r for r in rows if r["answered"] > r["correct"]]
        tail = (
            "<p><strong>Worth revisiting:</strong> " + "; ".join(
                f"{safe_html(self._titles.get(r['notebook'], r['notebook']))} (<code>{r['notebook']}.ipynb</code>)" for r in revisit
            ) + ".</p>"
            if revisit else "<p>Answer questions to see which notebooks are worth revisiting.</p>"
        )
        self.topics.value = (
            "<table class='gc-topic-scores'><caption style='text-align:left'><strong>Score per topic</strong></caption>"
            "<tr><th scope='col' style='text-align:left'>Topic</th><th scope='col'>Correct</th>"
            f"<th scope='col' style='text-align:left'>Next step</th></tr>{body}</table>{tail}"
        )


def final_quiz(store=None, start: bool = False, history=None):
    """The course's final quiz: questions from every topic, chosen by the blueprint in
    ``data/final-quiz.json`` from those you have not answered yet where possible, with a
    score per topic (behind a *Start the quiz* button unless ``start=True``). The choice
    is made when you press Start, from the answers saved by then."""
    from .blueprint import blueprint, total

    launcher = QuizLauncher(lambda: FinalQuiz(store=store, history=history), "Final quiz: every topic",
                            total(blueprint()))
    if start:
        launcher.start()
    return launcher


def quiz_picker(store=None):
    """A Dropdown of every quiz in the course; the chosen quiz appears below it."""
    import ipywidgets as w

    from .coursemap import notebook_stems

    order = {stem: i for i, stem in enumerate(notebook_stems())}
    banks = sorted(topic_banks(), key=lambda b: (order.get(b.notebook, 99), b.id))
    choice = w.Dropdown(options=[(b.title, b.id) for b in banks], value=banks[0].id, description="Quiz:",
                        tooltip="Choose a quiz", style={"description_width": "initial"},
                        layout=w.Layout(width="auto"))
    slot = w.Box()
    cache: dict[str, QuizWidget] = {}

    def show(_=None):
        if choice.value not in cache:
            cache[choice.value] = QuizWidget(next(b for b in banks if b.id == choice.value), store=store)
        slot.children = [cache[choice.value].widget]

    choice.observe(show, names="value")
    show()
    box = w.VBox([choice, slot])
    box.quizzes = cache
    box.choice = choice
    return box
