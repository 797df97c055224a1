"""The final quiz's widget: questions from every topic chosen by the blueprint
(``glutecourse.topics.final_quiz``), a score per topic, and pointers back to the notebooks
worth revisiting."""

from __future__ import annotations

from ..catalog.course import notebook_info
from ..topics.final_quiz import blueprint, final_questions, total
from ..topics.progress import ProgressStore
from ..topics.quizzes import Bank, all_banks, answered
from .html import Markup, safe_html, table
from .quizzes import QuizLauncher, QuizWidget
from .widgets import html_widget


class FinalQuiz(QuizWidget):
    """The final quiz: questions from every topic chosen by the blueprint (preferring ones
    the reader has not answered yet), a score per topic, and pointers back to the
    notebooks worth revisiting.

    ``history`` defaults to the questions already answered in ``store`` (read only)."""

    def __init__(self, store=None, history=None):
        self._banks = {b.id: b for b in all_banks()}
        if history is None:
            history = answered(store if store is not None else ProgressStore())
        questions = final_questions(history, banks=list(self._banks.values()))
        self._titles = {}
        for b in self._banks.values():
            for nb in {b.notebook, *(q.notebook for q in b.questions)}:
                try:
                    self._titles[nb] = notebook_info(nb).title
                except KeyError:
                    self._titles[nb] = nb
        self.topics = html_widget(cls="gc-topics")
        bank = Bank("final", "Final quiz: every topic", "10-conclusion-and-final-quiz", "Final", tuple(questions))
        super().__init__(bank, store=store, questions=questions)
        self._tail = (self.topics,)
        self.show(self.current)
        self._update_topics()

    def _on_result(self, view, result):
        super()._on_result(view, result)
        self._update_topics()

    def topic_scores(self) -> list[dict]:
        """One row per topic, pointing at the notebook that teaches it."""
        rows: dict[str, dict] = {}
        for i, q in enumerate(self.questions):
            v = self._views[i]
            row = rows.setdefault(
                q.topic, {"topic": q.topic, "notebook": q.notebook, "questions": 0, "answered": 0, "correct": 0}
            )
            row["questions"] += 1
            if v is not None and v.answered:
                row["answered"] += 1
                row["correct"] += v.correct
        return list(rows.values())

    def _update_topics(self):
        if not hasattr(self, "topics"):
            return
        rows = self.topic_scores()
        body = [(r["topic"], f"{r['correct']} of {r['questions']}", Markup(self._next_step(r))) for r in rows]
        revisit = [r for r in rows if r["answered"] > r["correct"]]
        tail = (
            "<p><strong>Worth revisiting:</strong> "
            + "; ".join(
                f"{safe_html(self._titles.get(r['notebook'], r['notebook']))} (<code>{r['notebook']}.ipynb</code>)"
                for r in revisit
            )
            + ".</p>"
            if revisit
            else "<p>Answer questions to see which notebooks are worth revisiting.</p>"
        )
        self.topics.value = (
            table(
                ["Topic", "Correct", "Next step"],
                body,
                caption=Markup("<strong>Score per topic</strong>"),
                cls="gc-topic-scores",
            )
            + tail
        )

    def _next_step(self, r: dict) -> str:
        if r["answered"] == r["questions"] and r["correct"] == r["questions"]:
            return "✔ well done"
        if r["answered"] > r["correct"]:
            title = self._titles.get(r["notebook"], r["notebook"])
            return f"↺ revisit {safe_html(title)} ({safe_html(r['notebook'])})"
        return ""


def final_quiz(store=None, start: bool = False, history=None):
    """The course's final quiz: questions from every topic, chosen by the blueprint in
    ``data/final-quiz.json`` from those you have not answered yet where possible, with a
    score per topic (behind a *Start the quiz* button unless ``start=True``). The choice
    is made when you press Start, from the answers saved by then."""
    launcher = QuizLauncher(
        lambda: FinalQuiz(store=store, history=history), "Final quiz: every topic", total(blueprint())
    )
    if start:
        launcher.start()
    return launcher
