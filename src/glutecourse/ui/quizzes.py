"""The quiz widgets: one question at a time, feedback in ``HTML`` widgets (tests and
readers can read them), a running score, and a quiz behind a *Start* button.

The quiz engine (banks, grading) is ``glutecourse.topics.quizzes``. A quiz widget records
answers through a ``record`` callable it is given; by default this layer wires in the
reader's progress store (``glutecourse.topics.progress.ProgressStore.record``), so the
engine and the progress store never import each other.
"""

from __future__ import annotations

from ..catalog.course import notebook_stems
from ..catalog.references import short_citations
from ..topics.progress import ProgressStore
from ..topics.quizzes import Bank, Grade, Question, grade, load_bank, topic_banks
from .html import Markup, plain, safe_html, status_box, strip_tags
from .widgets import View, button, html_widget, shared_styles

# ---------------------------------------------------------------------------- widgets


def _box(status: str, body: str) -> str:
    """Feedback on an answer: correct, incorrect, invalid or revealed (``gc-feedback gc-<status>``)."""
    return status_box(status, Markup(body), cls="gc-feedback")


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
        self.prompt = html_widget(
            f'<div class="gc-prompt"><strong>Question {number} of {total}.</strong> {safe_html(q.prompt)}</div>'
        )
        label = f"Answer to question {number}"
        if q.type in ("single", "truefalse"):
            if q.type == "single":
                choices = [(strip_tags(o.text), o.id) for o in q.ordered_options()]
            else:
                choices = [("True", True), ("False", False)]
            self.input = w.RadioButtons(
                options=choices, value=None, description="", tooltip=label, layout=sh["auto"], style=sh["desc_style"]
            )
            self._controls = [self.input]
            input_box = self.input
        elif q.type == "multiple":
            self.checkboxes = {
                o.id: w.Checkbox(
                    value=False,
                    description=strip_tags(o.text),
                    indent=False,
                    tooltip=f"{label}: {strip_tags(o.text)}",
                    layout=sh["auto"],
                    style=sh["checkbox_style"],
                )
                for o in q.ordered_options()
            }
            self._controls = list(self.checkboxes.values())
            input_box = w.VBox([html_widget("<em>Select all that apply.</em>"), *self._controls], layout=sh["plain"])
            self.input = input_box
        else:
            unit = f" ({q.unit})" if q.unit else ""
            self.input = w.Text(
                value="",
                placeholder=f"Type a number{unit}",
                description="Your answer:",
                tooltip=label,
                layout=sh["plain"],
                style=sh["text_style"],
            )
            self._controls = [self.input]
            input_box = self.input
        self.check_button = button("Check", f"Check your answer to question {number}", "check", button_style="primary")
        self.retry_button = button("Try again", f"Clear question {number} and answer again", "undo", disabled=True)
        self.reveal_button = button("Show answer", f"Show the answer and explanation for question {number}", "eye")
        self.check_button.on_click(lambda _: self.check())
        self.retry_button.on_click(lambda _: self.retry())
        self.reveal_button.on_click(lambda _: self.reveal())
        self.feedback = html_widget()
        # Class names let browser tests (and reader stylesheets) find each part.
        self.feedback.add_class("gc-feedback-area")
        self.check_button.add_class("gc-check")
        self.retry_button.add_class("gc-retry")
        self.reveal_button.add_class("gc-reveal")
        self.widget = w.VBox(
            [
                self.prompt,
                input_box,
                w.HBox([self.check_button, self.retry_button, self.reveal_button], layout=sh["plain"]),
                self.feedback,
            ],
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


class ProgressRecorder:
    """The ``record`` callable a quiz is given by default: it saves each checked answer in
    the reader's progress store (made on the first answer when none is given) and returns
    why the answer could not be saved, or "" (``ProgressStore.record`` never raises for a
    file it cannot write)."""

    def __init__(self, store: ProgressStore | None = None):
        self.store = store

    def __call__(self, *, notebook: str, bank: str, question: str, correct: bool, topic: str = "") -> str:
        if self.store is None:
            self.store = ProgressStore()
        self.store.record(notebook=notebook, bank=bank, question=question, correct=correct, topic=topic)
        return self.store.problem

    def problem(self) -> str:
        return getattr(self.store, "problem", "") or ""


class QuizWidget(View):
    """A whole quiz, one question at a time: a title, a running score, Previous / Next.

    Questions are built when first shown, so a long quiz costs no more to open than a
    short one. ``view(i)`` returns question i's widgets (building them if needed).

    Each checked answer is passed to ``record(notebook=..., bank=..., question=...,
    correct=..., topic=...)``, which returns why it could not be saved ("" when it was).
    ``record=True`` (the default) saves to the reader's progress (``store``, or a store made
    on the first answer); ``record=False`` saves nothing.
    """

    def __init__(self, bank: Bank, store=None, questions=None, record=True, title=None):
        import ipywidgets as w

        sh = shared_styles()
        self.bank = bank
        if record is True:
            record = ProgressRecorder(store)
        self.record = record or None
        self._problem = ""
        self.questions = list(questions if questions is not None else bank.questions)
        self._refs = short_citations()
        self._views: list[QuestionView | None] = [None] * len(self.questions)
        self.current = 0
        self.heading = title or bank.title
        self.score = html_widget()  # the heading and the running score share one widget
        self.score.add_class("gc-score")
        self.position = html_widget()
        n = len(self.questions)
        self.prev_button = button("Previous", "Go to the previous question", "arrow-left")
        self.next_button = button("Next", "Go to the next question", "arrow-right")
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
            f"<span class='gc-position'>Question {self.current + 1} of {n} · {answered} answered</span>"
        )

    @property
    def store(self):
        """The progress store answers are saved in (None until the first answer, or when
        answers go elsewhere)."""
        return getattr(self.record, "store", None)

    def _on_result(self, view: QuestionView, result: Grade | None):
        if result is not None and self.record:
            # An answer counts for the notebook of its question's bank. The record callable
            # never raises for a file it cannot write: it says why, and _update_score shows
            # it once, above the questions.
            q = view.question
            self._problem = (
                self.record(
                    notebook=q.bank_notebook, bank=q.bank_id, question=q.id, correct=result.correct, topic=q.topic
                )
                or ""
            )
        self._update_score()
        self._update_position()

    def counts(self) -> tuple[int, int, int]:
        built = [v for v in self._views if v is not None]
        answered = sum(v.answered for v in built)
        correct = sum(v.correct for v in built)
        return correct, answered, len(self.questions)

    def save_problem(self) -> str:
        """Why answers cannot be saved, or "" (a progress store's problem shows at once)."""
        if isinstance(self.record, ProgressRecorder):
            return self.record.problem()
        return self._problem if self.record else ""

    def _update_score(self):
        correct, answered, total = self.counts()
        problem = self.save_problem()
        note = (
            status_box(
                "warning",
                Markup(f"Your answers cannot be saved: {plain(problem)}; the quiz still works."),
                label="",
                cls="gc-save-problem",
            )
            if problem
            else ""
        )
        self.score.value = (
            f"<h3>{safe_html(self.heading)}</h3>"
            f'<div role="status" aria-live="polite"><strong>Score: {correct} of {total} correct</strong>'
            f" ({answered} answered)</div>{note}"
        )


class QuizLauncher(View):
    """A quiz behind a *Start the quiz* button: the page opens fast, and the quiz's
    widgets are built only when the reader asks for them. ``start()`` returns the quiz."""

    def __init__(self, factory, title: str, count: int):
        import ipywidgets as w

        self._factory = factory
        self.quiz = None
        self.intro = html_widget(
            f"<h3>{safe_html(title)}</h3><p>{count} questions, one at a time, each with an explanation and "
            "its source. Your answers are saved on this computer.</p>"
        )
        self.start_button = button("Start the quiz", f"Start: {strip_tags(title)}", "play", button_style="primary")
        self.start_button.add_class("gc-start")
        self.start_button.on_click(lambda _: self.start())
        self.widget = w.VBox([self.intro, self.start_button], layout=shared_styles()["plain"])
        self.widget.add_class("gc-quiz-launcher")

    def start(self):
        if self.quiz is None:
            self.quiz = self._factory()
            self.widget.children = [self.quiz.widget]
        return self.quiz


def quiz(bank_id: str, store=None, start: bool = False):
    """Show the quiz ``data/quizzes/<bank_id>.json``. Answers are saved to your progress.

    By default the quiz waits behind a *Start the quiz* button (so the notebook opens
    fast); ``start=True`` shows the first question at once."""
    bank = load_bank(bank_id)
    launcher = QuizLauncher(lambda: QuizWidget(bank, store=store), bank.title, len(bank.questions))
    if start:
        launcher.start()
    return launcher


def quiz_picker(store=None):
    """A Dropdown of every quiz in the course; the chosen quiz appears below it."""
    import ipywidgets as w

    order = {stem: i for i, stem in enumerate(notebook_stems())}
    banks = sorted(topic_banks(), key=lambda b: (order.get(b.notebook, 99), b.id))
    choice = w.Dropdown(
        options=[(b.title, b.id) for b in banks],
        value=banks[0].id,
        description="Quiz:",
        tooltip="Choose a quiz",
        style=shared_styles()["desc_style"],
        layout=shared_styles()["auto"],
    )
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
