"""The quiz widget, driven headless: set values, click, read the feedback widgets."""

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


def view(quiz, qid):
    return next(v for v in quiz.views if v.question.id == qid)


def test_right_answer_shows_feedback_explanation_source_and_scores(quiz, store):
    v = view(quiz, "q-single")
    assert "Score: 0 of 4 correct" in quiz.score.value
    v.input.value = "b"
    v.check_button.click()
    assert "Correct" in v.feedback.value
    assert "B is right." in v.feedback.value
    assert "Because B." in v.feedback.value
    assert "NICE NG59" in v.feedback.value  # the source is named
    assert "Score: 1 of 4 correct" in quiz.score.value and "(1 answered)" in quiz.score.value
    assert store.attempts[-1]["question"] == "q-single" and store.attempts[-1]["correct"] is True
    # Saved at once: a new store reading the same file sees it.
    assert ProgressStore(store.path).attempts[-1]["question"] == "q-single"


def test_wrong_answer_then_try_again_then_right(quiz, store):
    v = view(quiz, "q-single")
    v.input.value = "a"
    v.check_button.click()
    assert "Not quite" in v.feedback.value and "A is wrong because..." in v.feedback.value
    assert "Because B." not in v.feedback.value  # the explanation is kept until it is earned
    assert "Score: 0 of 4 correct" in quiz.score.value and "(1 answered)" in quiz.score.value
    assert v.check_button.disabled and v.input.disabled
    v.retry_button.click()
    assert v.feedback.value == "" and v.input.value is None and not v.check_button.disabled
    v.input.value = "b"
    v.check_button.click()
    assert "Score: 1 of 4 correct" in quiz.score.value
    assert [a["correct"] for a in store.attempts] == [False, True]


def test_show_answer_reveals_and_does_not_score(quiz):
    v = view(quiz, "q-multi")
    v.reveal_button.click()
    assert "The answer is: <strong>A; C</strong>" in v.feedback.value
    v.checkboxes["a"].value = True
    v.checkboxes["c"].value = True
    v.check_button.click()
    assert "Correct" in v.feedback.value
    assert "Score: 0 of 4 correct" in quiz.score.value


def test_multiple_checkboxes(quiz):
    v = view(quiz, "q-multi")
    v.checkboxes["a"].value = True
    v.check_button.click()
    assert "not ticked" in v.feedback.value


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
    assert store.attempts == []  # nothing recorded for unreadable input
    v.input.value = "6"
    v.check_button.click()
    assert "Correct" in v.feedback.value


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
            assert control.tooltip or control.description


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
    assert store.attempts[-1]["bank"] == q.bank_id
    assert store.attempts[-1]["notebook"] == quiz._banks[q.bank_id].notebook  # counted where the bank belongs
