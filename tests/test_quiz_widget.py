"""The quiz widget, driven headless: set values, click, read the feedback widgets."""

import re

import pytest

from glutecourse.topics.progress import ProgressStore
from glutecourse.topics.quizzes import parse_bank
from glutecourse.ui.quizzes import QuizWidget


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress.json")


@pytest.fixture
def quiz(bank_dict, store):
    return QuizWidget(parse_bank(bank_dict, "test-bank.json"), store=store)


def shown_text(html: str) -> str:
    """What a reader sees of an HTML fragment: its text without any tags (a symbol hidden
    from screen readers is still shown)."""
    return re.sub(r"<[^>]+>", "", html)


def view(quiz, qid):
    return next(v for v in quiz.views if v.question.id == qid)


def test_right_answer_shows_feedback_explanation_source_and_scores(quiz, store):
    v = view(quiz, "q-single")
    assert "Score: 0 of 4 correct" in quiz.score.value
    v.input.value = "b"
    v.check_button.click()
    # The verdict is said once: beside the chosen answer (a word and a symbol), not again below.
    assert v.choices.marks == {"b": "correct"} and v.verdict == "✓ Correct"
    assert "Correct" not in v.feedback.value
    assert "B is right." in v.feedback.value
    assert "Because B." in v.feedback.value
    assert "NICE NG59" in v.feedback.value  # the source is named
    assert "Score: 1 of 4 correct" in quiz.score.value and "(1 answered)" in quiz.score.value
    assert store.attempts[-1].question == "q-single" and store.attempts[-1].correct is True
    # Saved at once: a new store reading the same file sees it.
    assert ProgressStore(store.path).attempts[-1].question == "q-single"


def test_wrong_answer_then_try_again_then_right(quiz, store):
    v = view(quiz, "q-single")
    v.input.value = "a"
    v.check_button.click()
    assert v.choices.marks == {"a": "incorrect"} and v.verdict == "✗ Not quite"
    assert "A is wrong because..." in v.feedback.value
    assert "Because B." not in v.feedback.value  # the explanation is kept until it is earned
    assert "Score: 0 of 4 correct" in quiz.score.value and "(1 answered)" in quiz.score.value
    assert v.check_button.disabled and v.input.disabled
    v.retry_button.click()
    assert v.feedback.value == "" and v.input.value is None and not v.check_button.disabled
    assert v.choices.marks == {} and not v.input.disabled and v.verdict == ""
    v.input.value = "b"
    v.check_button.click()
    assert "Score: 1 of 4 correct" in quiz.score.value
    assert [a.correct for a in store.attempts] == [False, True]


def test_show_answer_reveals_and_does_not_score(quiz):
    v = view(quiz, "q-multi")
    v.reveal_button.click()
    assert "The answer is: <strong>A; C</strong>" in v.feedback.value
    v.checkboxes["a"].value = True
    v.checkboxes["c"].value = True
    v.check_button.click()
    assert v.verdict == "✓ Correct" and v.feedback.value.count("Correct") == 1
    assert "Score: 0 of 4 correct" in quiz.score.value


def test_multiple_checkboxes(quiz):
    v = view(quiz, "q-multi")
    v.checkboxes["a"].value = True
    v.checkboxes["b"].value = True
    v.check_button.click()
    assert "not ticked" in v.feedback.value
    # Each ticked answer is marked right or wrong; the verdict is said once, in the feedback.
    assert v.choices.marks == {"a": "right", "b": "wrong"}
    assert v.feedback.value.count("Not quite") == 1 and "Correct" not in v.feedback.value


def test_truefalse_radio(quiz):
    v = view(quiz, "q-tf")
    v.input.value = False
    v.check_button.click()
    assert "It is true." in v.feedback.value


def test_numeric_bad_input_gets_a_message_not_a_traceback(quiz, store):
    v = view(quiz, "q-num")
    v.input.value = "six"
    v.check_button.click()
    assert "is not a number" in v.feedback.value
    assert not v.check_button.disabled  # the reader can simply correct it
    assert store.attempts == ()  # nothing recorded for unreadable input
    v.input.value = "6"
    v.check_button.click()
    assert shown_text(v.feedback.value).count("✓ Correct") == 1  # no list of answers: the feedback says it


def test_nothing_chosen_gets_a_message(quiz):
    v = view(quiz, "q-single")
    v.check_button.click()
    assert "Choose one answer first" in v.feedback.value


def test_text_from_data_is_escaped_but_emphasis_allowed(quiz):
    v = view(quiz, "q-single")
    assert "<script>" not in v.prompt.value
    assert "&lt;script&gt;" in v.prompt.value
    assert "<em>b</em>" in v.prompt.value


def test_every_control_has_a_readable_label(quiz):
    for v in quiz.views:
        for button in (v.check_button, v.retry_button, v.reveal_button):
            assert button.description and button.tooltip
        for control in v._controls:
            assert getattr(control, "label", "") or control.tooltip or control.description
        if v.choices is not None:
            # the answers are one group named by its question (the prompt's element id)
            assert v.choices.labelledby == v.prompt_id and f'id="{v.prompt_id}"' in v.prompt.value
            assert v.choices.label.startswith("Question ") and v.choices.multiple == (v.question.type == "multiple")


def test_options_display_in_seeded_order(quiz, bank_dict):
    v = view(quiz, "q-single")
    labels = [label for label, _ in v.input.options]
    again = QuizWidget(parse_bank(bank_dict, "test-bank.json"), record=False)
    assert labels == [label for label, _ in view(again, "q-single").input.options]


def test_quiz_helper_loads_a_shipped_bank(home):
    from glutecourse import quiz
    from glutecourse.topics.quizzes import load_bank

    bank = load_bank("00-warm-up")
    launcher = quiz("00-warm-up")
    assert launcher.quiz is None and f"{len(bank.questions)} questions" in launcher.intro.value  # nothing built yet
    launcher.start_button.click()
    widget = launcher.quiz
    assert launcher.widget.children == (widget.widget,)
    assert len(widget.views) == len(bank.questions)
    assert {v.question.type for v in widget.views} == {q.type for q in bank.questions}


def test_one_question_at_a_time_with_previous_and_next(quiz):
    assert quiz.widget.children[-1] is quiz.view(0).widget
    assert quiz.prev_button.disabled and not quiz.next_button.disabled
    assert "Question 1 of 4" in quiz.position.value
    quiz.next_button.click()
    assert quiz.widget.children[-1] is quiz.view(1).widget
    assert "Question 2 of 4" in quiz.position.value
    for _ in range(5):
        quiz.next_button.click()
    assert quiz.current == 3 and quiz.next_button.disabled
    quiz.prev_button.click()
    assert quiz.current == 2


def test_questions_are_built_only_when_shown(bank_dict, store):
    widget = QuizWidget(parse_bank(bank_dict, "test-bank.json"), store=store)
    assert widget._views[0] is not None and all(v is None for v in widget._views[1:])
    widget.next_button.click()
    assert widget._views[1] is not None


def test_position_counts_answers(quiz):
    v = quiz.view(0)
    v.reveal_button.click()
    v.input.value = v.question.answer
    v.check_button.click()
    assert "1 answered" in quiz.position.value


def test_final_quiz_follows_the_blueprint_and_scores_per_topic(store):
    from glutecourse.topics.final_quiz import blueprint, final_questions
    from glutecourse.topics.quizzes import answered
    from glutecourse.ui.final_quiz import final_quiz

    store.record(
        notebook="05-when-to-see-a-doctor", bank="05-when-to-see-a-doctor", question="fever-action", correct=True
    )
    quiz = final_quiz(store=store, start=True).quiz
    plan = blueprint()
    assert len(quiz.questions) == sum(t.count for t in plan.topics)
    for topic in plan.topics:
        assert sum(q.notebook == topic.notebook for q in quiz.questions) == topic.count, topic
    assert ("05-when-to-see-a-doctor", "fever-action") not in {(q.bank_id, q.id) for q in quiz.questions}
    # The history comes from the store (read only), and the same history gives the same quiz.
    assert [q.id for q in final_questions(answered(store))] == [q.id for q in quiz.questions]
    assert len(store.attempts) == 1
    v = quiz.view(0)
    v.reveal_button.click()  # reveal, then answer wrongly on purpose
    q = v.question
    if q.type == "multiple":
        for box in v.checkboxes.values():
            box.value = True
        if set(q.answer) == set(v.checkboxes):
            pytest.skip("first question has every option correct")
    elif q.type == "single":
        v.input.value = next(o.id for o in q.options if o.id != q.answer)
    elif q.type == "truefalse":
        v.input.value = not q.answer
    else:
        v.input.value = str(float(q.answer) + q.tolerance + 100)
    v.check_button.click()
    assert "revisit" in quiz.topics.value
    assert f"{q.notebook}.ipynb" in quiz.topics.value  # points to the notebook that teaches it
    assert store.attempts[-1].bank == q.bank_id
    assert store.attempts[-1].notebook == quiz._banks[q.bank_id].notebook  # counted where the bank belongs


# ------------------------------------------------------------ keyboard focus


def test_focus_stays_in_the_question_after_check_and_try_again(quiz, monkeypatch):
    """Check and Try again disable themselves; the focus is moved, not dropped: after Check
    to the chosen answer (or to Try again for a typed number), after Try again back to the
    answers."""
    sent = []
    for v in quiz.views:
        for w in (v.input, v.retry_button):
            monkeypatch.setattr(w, "focus", lambda w=w: sent.append(w))
    v = view(quiz, "q-single")
    v.input.value = "a"
    v.check_button.click()
    assert sent == [v.input]
    v.retry_button.click()
    assert sent == [v.input, v.input]
    n = view(quiz, "q-num")
    n.input.value = "6"
    n.check_button.click()
    assert sent[-1] is n.retry_button
    n.retry_button.click()
    assert sent[-1] is n.input


def test_answers_carry_the_attribute_that_keeps_jupyterlab_shortcuts_off():
    """Lumino checks the attribute on the focused element itself (the shortcut selectors end
    in ':focus'), so each answer must carry it, and the arrow keys must be handled."""
    from glutecourse.ui.quizzes import _CHOICES_ESM

    assert 'input.setAttribute("data-lm-suppress-shortcuts", "true")' in _CHOICES_ESM
    assert 'group.setAttribute("role", multiple ? "group" : "radiogroup")' in _CHOICES_ESM
    assert "ArrowDown" in _CHOICES_ESM and 'msg.type === "focus"' in _CHOICES_ESM


# ------------------------------------------------------------ a reopened quiz remembers


def reopen(bank_dict, **kwargs):
    """The quiz as a reader sees it after reopening the notebook: a new widget, its store
    read from the reader's own folder (GLUTECOURSE_HOME)."""
    return QuizWidget(parse_bank(bank_dict, "test-bank.json"), **kwargs)


def answer_all(quiz):
    """Answer every question: q-single right, q-multi wrong, q-tf right, q-num wrong."""
    view(quiz, "q-single").input.value = "b"
    view(quiz, "q-multi").checkboxes["b"].value = True
    view(quiz, "q-tf").input.value = True
    view(quiz, "q-num").input.value = "9"
    for v in quiz.views:
        v.check_button.click()
    return {v.question.id: (v.response(), v.correct) for v in quiz.views}


def test_a_reopened_quiz_shows_every_answer_given_before(home, bank_dict):
    first = reopen(bank_dict)
    given = answer_all(first)
    correct = sum(ok for _, ok in given.values())
    again = reopen(bank_dict)
    # Nothing built yet beyond the first question, and the score already counts them all.
    assert f"Score: {correct} of 4 correct</strong> (4 answered)" in again.score.value
    assert "4 answered" in again.position.value
    for v in again.views:
        response, ok = given[v.question.id]
        assert v.answered and v.correct == ok and v.response() == response
        assert v.check_button.disabled and not v.retry_button.disabled and v.input.disabled
        assert "You answered this before." in v.feedback.value
    assert view(again, "q-single").choices.marks == {"b": "correct"}
    assert view(again, "q-multi").choices.marks == {"b": "wrong"}
    assert "Because B." in view(again, "q-single").feedback.value  # the explanation is kept
    # Try again works on a remembered answer, and the new answer is what counts.
    v = view(again, "q-num")
    v.retry_button.click()
    v.input.value = "6"
    v.check_button.click()
    assert f"Score: {correct + 1} of 4 correct" in again.score.value
    assert reopen(bank_dict).saved["q-num"].response == "6"


def test_a_progress_file_from_before_answers_were_kept_says_right_or_wrong(home, bank_dict):
    """Old attempts (no ``answer``) are still valid and still shown: right or wrong."""
    store = ProgressStore()
    store.record(notebook="00-start-here", bank="test-bank", question="q-single", correct=True)
    store.record(notebook="00-start-here", bank="test-bank", question="q-tf", correct=False)
    assert store.attempts[0].answer is None
    quiz = reopen(bank_dict)
    assert "Score: 1 of 4 correct</strong> (2 answered)" in quiz.score.value
    v = view(quiz, "q-single")
    assert v.input.value is None and v.choices.marks == {}
    assert "Answered before: ✓ Correct." in shown_text(v.feedback.value) and "Because B." in v.feedback.value
    assert "Answered before: ✗ Not quite." in shown_text(view(quiz, "q-tf").feedback.value)


def test_a_saved_answer_that_no_longer_fits_the_bank_is_not_shown(home, bank_dict):
    """An option removed from the bank since: the answer is not put back, the verdict is."""
    ProgressStore().record(
        notebook="00-start-here", bank="test-bank", question="q-single", correct=False, answer="gone"
    )
    v = view(reopen(bank_dict), "q-single")
    assert v.input.value is None and "Answered before: ✗ Not quite." in shown_text(v.feedback.value)


def test_the_answer_is_saved_in_the_progress_file_and_valid_under_its_schema(home, bank_dict):
    from glutecourse.topics.progress import check_attempt, export_data

    answer_all(reopen(bank_dict))
    saved = {a.question: a.answer for a in ProgressStore().attempts}
    assert saved == {"q-single": "b", "q-multi": "b", "q-tf": "true", "q-num": "9"}
    assert all(check_attempt(a) is None for a in ProgressStore().data["attempts"])  # the file as saved
    # exports for a teacher keep their own schema (no answer texts)
    assert all("answer" not in a for a in export_data(ProgressStore())["attempts"])


def test_a_quiz_that_does_not_remember_and_a_review_start_fresh(home, bank_dict):
    answer_all(reopen(bank_dict))
    assert "(0 answered)" in reopen(bank_dict, remember=False).score.value
    assert "(0 answered)" in reopen(bank_dict, record=False).score.value
