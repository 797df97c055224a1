"""The spaced review's widgets: a short quiz of the questions due again
(:mod:`glutecourse.topics.review` chooses them), and the button the progress dashboard
shows. Answers are recorded like any other quiz answer (the quiz widget records them in
the reader's progress), so the dashboard counts them and the schedule moves on."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from ..topics.progress import ProgressStore
from ..topics.quizzes import Bank, all_banks
from ..topics.review import INTERVALS, SESSION_CAP, Session, local_now, review_session
from .html import safe_html
from .quizzes import QuizWidget
from .widgets import View, button, css, html_widget, shared_styles

TITLE = "Spaced review"


def _day(day: _dt.date, today: _dt.date) -> str:
    gap = (day - today).days
    if gap <= 0:
        return "today"
    if gap == 1:
        return "tomorrow"
    return f"in {gap} days ({day.isoformat()})"


def session_text(session: Session, today: _dt.date) -> str:
    """What the session holds, in plain words (HTML-safe: numbers and dates only)."""
    if session.entries:
        more = session.due - len(session.entries)
        missed = sum(not e.last_correct for e in session.entries)
        parts = [f"{len(session.entries)} question{'s' if len(session.entries) != 1 else ''} to review"]
        if missed:
            parts.append(f"{missed} you missed last time, first")
        text = ", ".join(parts) + "."
        if more > 0:
            text += f" {more} more wait for your next session."
        return text
    if session.next_due is None:
        return "Nothing to review yet: answer some quiz questions first, and they come back here on a schedule."
    return f"Nothing is due for review now. The next question comes back {_day(session.next_due, today)}."


class ReviewQuiz(QuizWidget):
    """The questions due for review, one at a time, in the quiz widget."""

    def __init__(self, store=None, clock: Callable[[], _dt.datetime] = local_now, cap: int = SESSION_CAP):
        store = store if store is not None else ProgressStore()
        now = clock()
        banks = all_banks()
        by_key = {(b.id, q.id): q for b in banks for q in b.questions}
        self.session = review_session(store.attempts, now, known=set(by_key), cap=cap)
        questions = tuple(by_key[k] for k in self.session.keys)
        bank = Bank("review", TITLE, "00-start-here", "Review", questions)
        self.summary = html_widget(
            f"<p class='gc-review-summary'>{safe_html(session_text(self.session, now.date()))}</p>",
            cls="gc-review-summary",
        )
        if questions:
            super().__init__(bank, store=store, questions=questions, title=TITLE)
            self._head = (self.summary, *self._head)
            self.show(self.current)
        else:
            import ipywidgets as w

            self.bank, self.questions, self.record, self._views = bank, [], None, []
            self.widget = w.VBox(
                [html_widget(f"<h3>{TITLE}</h3>"), self.summary], layout=shared_styles()["plain"], **css("gc-quiz")
            )


class ReviewLauncher(View):
    """A *Review now* button: the session is chosen when it is pressed, from the answers
    saved by then (so a reader who answers more first gets them too)."""

    def __init__(self, store=None, clock: Callable[[], _dt.datetime] = local_now):
        import ipywidgets as w

        self._store = store
        self._clock = clock
        self.quiz: ReviewQuiz | None = None
        days = ", ".join(str(d) for d in INTERVALS)
        self.intro = html_widget(
            f"<h3>{TITLE}</h3><p>Questions you missed come back the next day; questions you got right come back "
            f"after longer and longer gaps ({days} days). One session asks at most {SESSION_CAP}, those you missed "
            "first.</p>"
        )
        self.button = button(
            "Review now", "Start a short review of the questions due again", "repeat", cls="gc-review-start"
        )
        self.button.on_click(lambda _: self.start())
        self.slot = w.VBox([], layout=shared_styles()["plain"])
        self.widget = w.VBox([self.intro, self.button, self.slot], layout=shared_styles()["plain"], **css("gc-review"))

    def start(self) -> ReviewQuiz:
        """Choose the session now and show it (pressing again starts a fresh one)."""
        self.quiz = ReviewQuiz(store=self._store, clock=self._clock)
        self.slot.children = [self.quiz.widget]
        return self.quiz


def review(store=None, start: bool = False, clock: Callable[[], _dt.datetime] = local_now) -> ReviewLauncher:
    """A short spaced review of the questions you missed or have not seen for a while
    (behind a *Review now* button unless ``start=True``)."""
    launcher = ReviewLauncher(store=store, clock=clock)
    if start:
        launcher.start()
    return launcher
