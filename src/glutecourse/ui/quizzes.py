"""The quiz widgets: one question at a time, feedback in ``HTML`` widgets (tests and
readers can read them), a running score, and a quiz behind a *Start* button.

The quiz engine (banks, grading) is ``glutecourse.topics.quizzes``. A quiz widget records
answers through a ``record`` callable it is given; by default this layer wires in the
reader's progress store (``glutecourse.topics.progress.ProgressStore.record``), so the
engine and the progress store never import each other.
"""

from __future__ import annotations

import uuid
from functools import cache

from ..catalog.course import notebook_stems
from ..catalog.references import short_citations
from ..topics.progress import Attempt, ProgressStore
from ..topics.quizzes import (
    Bank,
    Grade,
    Question,
    encode_response,
    grade,
    load_bank,
    saved_answers,
    topic_banks,
)
from .html import Markup, plain, safe_html, status_box, strip_tags
from .widgets import View, button, css, html_widget, shared_styles

# ---------------------------------------------------------------------------- widgets

#: The answer list's front end (an anywidget module). Native radio buttons sharing one name
#: give the arrow keys their usual meaning (move to the next answer and choose it);
#: checkboxes get the same moves by hand (Space ticks). Every answer carries
#: ``data-lm-suppress-shortcuts``, which tells JupyterLab and Notebook 7 (Lumino) to leave
#: its keys alone: without it, a notebook in command mode takes the arrow keys to move
#: between cells. Lumino checks the attribute on the focused element itself (its shortcut
#: selectors end in ``:focus``), so it is set on each answer, not on the group.
#: After Check the answers are locked (still focusable, ``aria-disabled``), so focus can
#: stay on the chosen answer, which then carries its mark ("✓ Correct" / "✗ Not quite":
#: :data:`MARKS`). The mark is inside the answer's label, so it is part of the answer's
#: accessible name: its symbol is ``aria-hidden`` (a screen reader would read "check mark
#: Correct"), its words are read.
_CHOICES_ESM = r"""
function render({ model, el }) {
  const name = "gc-choice-" + Math.random().toString(36).slice(2);
  const group = document.createElement("div");
  group.className = "gc-choices";
  el.appendChild(group);
  let inputs = [];
  const keys = () => inputs.filter((i) => i.checked).map((i) => i.value);
  function update() {
    const chosen = model.get("chosen"), marks = model.get("marks"), locked = model.get("locked");
    group.classList.toggle("gc-locked", locked);
    for (const input of inputs) {
      input.checked = chosen.includes(input.value);
      if (locked) input.setAttribute("aria-disabled", "true"); else input.removeAttribute("aria-disabled");
      const row = input.parentElement, mark = marks[input.value] || "";
      row.classList.remove("gc-choice-correct", "gc-choice-incorrect", "gc-choice-right", "gc-choice-wrong");
      const old = row.querySelector(".gc-choice-mark");
      if (old) old.remove();
      const text = model.get("mark_text")[mark];
      if (mark && text) {
        row.classList.add("gc-choice-" + mark);
        const span = document.createElement("strong");
        span.className = "gc-choice-mark";
        const symbol = document.createElement("span");
        symbol.setAttribute("aria-hidden", "true");
        symbol.textContent = text[0];
        span.append(symbol, " " + text[1]);
        row.appendChild(span);
      }
    }
    // One tab stop for a radio group: the chosen answer, else the first.
    if (!model.get("multiple") && inputs.length && !inputs.some((i) => i.checked)) inputs[0].tabIndex = 0;
  }
  function build() {
    const multiple = model.get("multiple");
    group.setAttribute("role", multiple ? "group" : "radiogroup");
    const by = model.get("labelledby");
    if (by) group.setAttribute("aria-labelledby", by); else group.removeAttribute("aria-labelledby");
    group.setAttribute("aria-label", model.get("label"));
    group.replaceChildren();
    inputs = model.get("options").map(([text, key]) => {
      const row = document.createElement("label");
      row.className = "gc-choice";
      const input = document.createElement("input");
      input.type = multiple ? "checkbox" : "radio";
      input.name = name;
      input.value = key;
      input.setAttribute("data-lm-suppress-shortcuts", "true");
      const span = document.createElement("span");
      span.className = "gc-choice-text";
      span.textContent = text;
      row.append(input, span);
      group.appendChild(row);
      input.addEventListener("click", (e) => { if (model.get("locked")) e.preventDefault(); });
      input.addEventListener("change", () => {
        if (model.get("locked")) { update(); return; }
        model.set("chosen", keys());
        model.save_changes();
      });
      input.addEventListener("keydown", (e) => {
        const step = {ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1}[e.key];
        if (!step || e.altKey || e.ctrlKey || e.metaKey) return;
        // Radios move by themselves; checkboxes, and locked answers, move focus only.
        if (!multiple && !model.get("locked")) return;
        e.preventDefault();
        const i = inputs.indexOf(input);
        inputs[(i + step + inputs.length) % inputs.length].focus();
      });
      return input;
    });
    update();
  }
  model.on("change:options", build);
  model.on("change:multiple", build);
  model.on("change:label", build);
  model.on("change:labelledby", build);
  model.on("change:chosen", update);
  model.on("change:marks", update);
  model.on("change:locked", update);
  model.on("msg:custom", (msg) => {
    if (msg && msg.type === "focus" && inputs.length) (inputs.find((i) => i.checked) || inputs[0]).focus();
  });
  build();
}
export default { render };
"""


#: The mark beside a checked answer, by mark: its symbol (shown, hidden from screen
#: readers) and its words (shown and read). A word and a symbol, never colour alone.
MARKS = {
    "correct": ("\u2713", "Correct"),
    "incorrect": ("\u2717", "Not quite"),
    "right": ("\u2713", "right choice"),
    "wrong": ("\u2717", "wrong choice"),
}


@cache
def _choices_class():
    """The answer-list widget class (anywidget is imported only when a quiz shows a
    question with a list of answers)."""
    import anywidget
    import traitlets as t

    class Choices(anywidget.AnyWidget):  # no tooltip: ipywidgets' view needs a description with one
        """A question's answers as one group: radio buttons (``multiple=False``) or
        checkboxes, labelled by the question (``labelledby``, the prompt's element id;
        ``label``, its text). ``chosen`` holds the chosen keys; ``value`` is the response
        in the form :func:`grade` takes; ``marks`` maps a key to "correct", "incorrect",
        "right" or "wrong" (shown as a word and a symbol beside that answer)."""

        _esm = _CHOICES_ESM
        options = t.List().tag(sync=True)
        multiple = t.Bool(False).tag(sync=True)
        chosen = t.List(t.Unicode()).tag(sync=True)
        label = t.Unicode("").tag(sync=True)
        labelledby = t.Unicode("").tag(sync=True)
        locked = t.Bool(False).tag(sync=True)
        marks = t.Dict().tag(sync=True)
        mark_text = t.Dict({k: list(v) for k, v in MARKS.items()}).tag(sync=True)

        def __init__(self, choices, values=None, **kwargs):
            # choices: (label, key) pairs; values: key -> the response value (default: the key)
            super().__init__(options=[[label, key] for label, key in choices], **kwargs)
            self._values = dict(values or {})
            self._keys = {v: k for k, v in self._values.items()}

        def key(self, value) -> str:
            return self._keys.get(value, value) if not isinstance(value, str) else value

        @property
        def value(self):
            if self.multiple:
                return list(self.chosen)
            if not self.chosen:
                return None
            return self._values.get(self.chosen[0], self.chosen[0])

        @value.setter
        def value(self, value):
            if value is None or value == "":
                self.chosen = []
            elif self.multiple:
                self.chosen = [str(self.key(v)) for v in value]
            else:
                self.chosen = [str(self.key(value))]

        @property
        def disabled(self) -> bool:
            return self.locked

        @disabled.setter
        def disabled(self, value: bool):
            self.locked = bool(value)

        def focus(self):
            """Move the keyboard focus to the chosen answer (else the first)."""
            self.send({"type": "focus"})

    return Choices


class _Tick:
    """One answer of a multiple-answer question, as a checkbox would be seen from Python
    (``value`` True when ticked): the answers live in one :func:`_choices_class` group."""

    def __init__(self, group, key: str, description: str, tooltip: str):
        self.group, self.key, self.description, self.tooltip = group, key, description, tooltip

    @property
    def value(self) -> bool:
        return self.key in self.group.chosen

    @value.setter
    def value(self, ticked: bool):
        rest = [k for k in self.group.chosen if k != self.key]
        self.group.chosen = [*rest, self.key] if ticked else rest

    @property
    def disabled(self) -> bool:
        return self.group.locked


def _box(status: str, body: str, label=None) -> str:
    """Feedback on an answer: correct, incorrect, invalid or revealed (``gc-feedback gc-<status>``)."""
    return status_box(status, Markup(body), cls="gc-feedback", label=label)


#: The verdict, said once per checked question: beside the chosen answer in a list of
#: answers, else (a number typed) at the top of the feedback. A word and a symbol, never
#: colour alone.
VERDICT = {status: f"{MARKS[status][0]} {MARKS[status][1]}" for status in ("correct", "incorrect")}


class QuestionView:
    """Widgets for one question: the answers, Check / Try again / Show answer, feedback.

    A list of answers is one group (a radio group, or a group of checkboxes) labelled by
    the question. After Check the chosen answer carries the verdict and the keyboard focus
    stays in the question (on the chosen answer, or on Try again for a typed number);
    after Try again it returns to the answers. ``saved`` (a
    :class:`~glutecourse.topics.quizzes.SavedAnswer`) shows an answer given before."""

    def __init__(self, question: Question, number: int, total: int, on_result=None, references=None, saved=None):
        import ipywidgets as w

        sh = shared_styles()
        self.question = question
        self.on_result = on_result
        self.references = references or {}
        self.answered = False
        self.correct = False
        self.revealed = False
        self.status = ""  # "correct" or "incorrect" while a checked answer is shown
        self.before = None  # the SavedAnswer shown, until the reader answers again
        q = question
        self.prompt_id = f"gc-q-{uuid.uuid4().hex[:12]}"
        self.prompt = html_widget(
            f'<div class="gc-prompt" id="{self.prompt_id}"><strong>Question {number} of {total}.</strong> '
            f"{safe_html(q.prompt)}</div>"
        )
        label = f"Answer to question {number}"
        self.checkboxes = {}
        if q.type in ("single", "truefalse", "multiple"):
            if q.type == "truefalse":
                choices, values = [("True", "true"), ("False", "false")], {"true": True, "false": False}
            else:
                choices, values = [(strip_tags(o.text), o.id) for o in q.ordered_options()], {}
            self.input = _choices_class()(
                choices,
                values,
                multiple=q.type == "multiple",
                label=f"Question {number}: {strip_tags(q.prompt)}",
                labelledby=self.prompt_id,
                layout=sh["plain"],
                **css("gc-answers"),
            )
            self.choices = self.input
            if q.type == "multiple":
                self.checkboxes = {key: _Tick(self.input, key, text, f"{label}: {text}") for text, key in choices}
                input_box = w.VBox([html_widget("<em>Select all that apply.</em>"), self.input], layout=sh["plain"])
            else:
                input_box = self.input
            self._controls = [self.input]
        else:
            self.choices = None
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
        # Class names let browser tests (and reader stylesheets) find each part.
        self.check_button = button(
            "Check", f"Check your answer to question {number}", "check", button_style="primary", cls="gc-check"
        )
        self.retry_button = button(
            "Try again", f"Clear question {number} and answer again", "undo", disabled=True, cls="gc-retry"
        )
        self.reveal_button = button(
            "Show answer", f"Show the answer and explanation for question {number}", "eye", cls="gc-reveal"
        )
        self.check_button.on_click(lambda _: self.check())
        self.retry_button.on_click(lambda _: self.retry())
        self.reveal_button.on_click(lambda _: self.reveal())
        self.feedback = html_widget(cls="gc-feedback-area")
        self.widget = w.VBox(
            [
                self.prompt,
                input_box,
                w.HBox([self.check_button, self.retry_button, self.reveal_button], layout=sh["plain"]),
                self.feedback,
            ],
            layout=sh["plain"],
            **css("gc-question"),
        )
        if saved is not None:
            self.restore(saved)

    # -- reading the reader's answer
    def response(self):
        return self.input.value

    @property
    def verdict(self) -> str:
        """The verdict the reader sees ("✓ Correct", "✗ Not quite"), or "" (not checked)."""
        return VERDICT.get(self.status, "")

    def _explanation(self) -> str:
        q = self.question
        ref = self.references.get(q.ref)
        source = f' <span class="gc-source">Source: {safe_html(ref)}.</span>' if ref else ""
        return f"<div>{safe_html(q.explanation)}{source}</div>"

    def _set_inputs_disabled(self, disabled: bool):
        for control in self._controls:
            control.disabled = disabled

    def _marks(self, status: str) -> dict:
        """The marks beside the chosen answers: the verdict beside a single choice; for
        several, each ticked answer marked right or wrong (the verdict is then said once,
        in the feedback)."""
        q = self.question
        if self.choices is None:
            return {}
        if q.type == "multiple":
            right = set(q.answer)
            return {k: ("right" if k in right else "wrong") for k in self.choices.chosen}
        return {k: status for k in self.choices.chosen}

    def _verdict_label(self, status: str):
        """The feedback box's own label: the verdict, unless the list of answers shows it."""
        if status not in VERDICT:
            return None  # the status's own label ("Please check:")
        if self.choices is not None and self.question.type != "multiple":
            return ""
        return VERDICT[status] + "."

    def _focus_after_check(self):
        # Check is now disabled: without this the focus would drop to the page body.
        if self.choices is not None:
            self.choices.focus()
        else:
            self.retry_button.focus()

    def _show_checked(self, status: str, message: str, before: bool = False):
        self.status = status
        detail = f"<div>{safe_html(message)}</div>" if message else ""
        if before:
            detail = "<div><em>You answered this before.</em></div>" + detail
        if status != "correct":
            detail += "<div>Choose <em>Try again</em> to have another go, or <em>Show answer</em>.</div>"
        else:
            detail += self._explanation()
        self.feedback.value = _box(status, detail, label=self._verdict_label(status))
        if self.choices is not None:
            self.choices.marks = self._marks(status)
        self.check_button.disabled = True
        self.retry_button.disabled = False
        self._set_inputs_disabled(True)

    # -- actions
    def check(self) -> Grade:
        if self.check_button.disabled:
            return Grade("invalid", "Already checked: choose Try again to answer again.")
        result = grade(self.question, self.response())
        if not result.valid:
            self.feedback.value = _box("invalid", safe_html(result.message))
            return result
        self.answered = True
        self.before = None
        self.correct = bool(result.correct and not self.revealed)
        self._show_checked(result.status, result.message)
        if self.on_result:
            self.on_result(self, result)
        self._focus_after_check()
        return result

    def restore(self, saved):
        """Show an answer saved before (a reopened quiz): the chosen answer with its mark
        when the progress file kept it, else only whether it was right."""
        self.answered = True
        self.correct = saved.correct
        self.before = saved
        status = "correct" if saved.correct else "incorrect"
        if saved.response is not None:
            self.input.value = saved.response
            message = grade(self.question, saved.response).message
            self._show_checked(status, message, before=True)
        else:
            self._show_checked(status, "")
            self.feedback.value = _box(
                status,
                "<div><em>You answered this before</em> (the answer itself was not kept).</div>"
                + (self._explanation() if saved.correct else "<div>Choose <em>Try again</em> to answer again.</div>"),
                label=f"Answered before: {VERDICT[status]}.",
            )

    def retry(self):
        self.input.value = "" if self.question.type == "numeric" else None
        if self.choices is not None:
            self.choices.marks = {}
        self.status = ""
        self.feedback.value = ""
        self._set_inputs_disabled(False)
        self.check_button.disabled = False
        self.retry_button.disabled = True
        self.input.focus()  # Try again is now disabled: focus goes back to the answers

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

    def __call__(
        self, *, notebook: str, bank: str, question: str, correct: bool, topic: str = "", answer: str | None = None
    ) -> str:
        if self.store is None:
            self.store = ProgressStore()
        self.store.record(notebook=notebook, bank=bank, question=question, correct=correct, topic=topic, answer=answer)
        return self.store.problem

    def attempts(self) -> tuple[Attempt, ...]:
        """The reader's saved attempts, oldest first (opens the store if none was given)."""
        if self.store is None:
            self.store = ProgressStore()
        return self.store.attempts

    def problem(self) -> str:
        return getattr(self.store, "problem", "") or ""


class QuizWidget(View):
    """A whole quiz, one question at a time: a title, a running score, Previous / Next.

    Questions are built when first shown, so a long quiz costs no more to open than a
    short one. ``view(i)`` returns question i's widgets (building them if needed).

    Each checked answer is passed to ``record(notebook=..., bank=..., question=...,
    correct=..., topic=..., answer=...)`` (``answer``: the answer as text, see
    ``topics.quizzes.encode_response``), which returns why it could not be saved ("" when
    it was). ``record=True`` (the default) saves to the reader's progress (``store``, or
    the reader's own store); ``record=False`` saves nothing.

    A quiz remembers (``remember=True``): when ``record`` can list the reader's attempts
    (``record.attempts()``, as the default recorder does), each question of this bank
    answered before shows its latest answer, and the score counts it. Questions gathered
    from other banks (a review session, the final quiz) start fresh.
    """

    def __init__(self, bank: Bank, store=None, questions=None, record=True, title=None, remember=True):
        import ipywidgets as w

        sh = shared_styles()
        self.bank = bank
        if record is True:
            record = ProgressRecorder(store)
        self.record = record or None
        self._problem = ""
        self.questions = list(questions if questions is not None else bank.questions)
        self._refs = short_citations()
        self.saved = {}  # question id -> SavedAnswer, for this bank's questions answered before
        own = [q for q in self.questions if q.bank_id == bank.id]
        history = getattr(self.record, "attempts", None)
        if remember and own and callable(history):
            self.saved = saved_answers(history(), own)
        self._views: list[QuestionView | None] = [None] * len(self.questions)
        self.current = 0
        self.heading = title or bank.title
        self.score = html_widget(cls="gc-score")  # the heading and the running score share one widget
        self.position = html_widget()
        n = len(self.questions)
        self.prev_button = button("Previous", "Go to the previous question", "arrow-left", cls="gc-prev")
        self.next_button = button("Next", "Go to the next question", "arrow-right", cls="gc-next")
        self.prev_button.on_click(lambda _: self.show(self.current - 1))
        self.next_button.on_click(lambda _: self.show(self.current + 1))
        nav = [self.prev_button, self.position, self.next_button] if n > 1 else [self.position]
        self._head = (self.score, w.HBox(nav, layout=sh["plain"]))
        self._tail: tuple = ()
        self.widget = w.VBox(self._head, layout=sh["plain"], **css("gc-quiz"))
        self.show(0)
        self._update_score()

    def view(self, i: int) -> QuestionView:
        if self._views[i] is None:
            q = self.questions[i]
            self._views[i] = QuestionView(
                q, i + 1, len(self.questions), self._on_result, self._refs, saved=self.saved.get(q.id)
            )
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
        answered = self.counts()[1]
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
                    notebook=q.bank_notebook,
                    bank=q.bank_id,
                    question=q.id,
                    correct=result.correct,
                    topic=q.topic,
                    answer=encode_response(q, view.response()),
                )
                or ""
            )
        self._update_score()
        self._update_position()

    def counts(self) -> tuple[int, int, int]:
        """(correct, answered, questions): each question shown counts as it stands now; a
        question not shown yet counts by its saved answer, if any."""
        correct = answered = 0
        for q, v in zip(self.questions, self._views):
            if v is not None:
                answered += v.answered
                correct += v.correct
            elif q.id in self.saved:
                answered += 1
                correct += self.saved[q.id].correct
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
        self.start_button = button(
            "Start the quiz", f"Start: {strip_tags(title)}", "play", button_style="primary", cls="gc-start"
        )
        self.start_button.on_click(lambda _: self.start())
        self.widget = w.VBox(
            [self.intro, self.start_button], layout=shared_styles()["plain"], **css("gc-quiz-launcher")
        )

    def start(self):
        if self.quiz is None:
            self.quiz = self._factory()
            self.widget.children = [self.quiz.widget]
        return self.quiz


def quiz(bank_id: str, store=None, start: bool = False):
    """Show the quiz ``data/quizzes/<bank_id>.json``. Answers are saved to your progress,
    and the quiz shows the answers you gave before when you come back.

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
    slot = w.Box(layout=shared_styles()["plain"])
    cache: dict[str, QuizWidget] = {}

    def show(_=None):
        if choice.value not in cache:
            cache[choice.value] = QuizWidget(next(b for b in banks if b.id == choice.value), store=store)
        slot.children = [cache[choice.value].widget]

    choice.observe(show, names="value")
    show()
    box = w.VBox([choice, slot], layout=shared_styles()["plain"])
    box.quizzes = cache
    box.choice = choice
    return box
