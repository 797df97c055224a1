"""grade() is pure: these tests need no widgets and no files."""

import pytest

from glutecourse.topics.quizzes import grade, parse_bank


@pytest.fixture
def bank(bank_dict):
    return parse_bank(bank_dict, "test-bank.json")


def q(bank, qid):
    return bank.question(qid)


def test_single_right_wrong_and_feedback(bank):
    assert grade(q(bank, "q-single"), "b").status == "correct"
    wrong = grade(q(bank, "q-single"), "a")
    assert wrong.status == "incorrect"
    assert wrong.message == "A is wrong because..."


@pytest.mark.parametrize("response", [None, "", "zzz"])
def test_single_invalid(bank, response):
    result = grade(q(bank, "q-single"), response)
    assert result.status == "invalid" and result.message


def test_multiple_exact_set_required(bank):
    question = q(bank, "q-multi")
    assert grade(question, ["c", "a"]).correct
    partial = grade(question, ["a"])
    assert not partial.correct and "1 correct answer is not ticked" in partial.message
    extra = grade(question, ["a", "b", "c"])
    assert not extra.correct and "B is a distractor." in extra.message
    assert grade(question, []).status == "invalid"


def test_truefalse(bank):
    question = q(bank, "q-tf")
    assert grade(question, True).correct
    wrong = grade(question, False)
    assert wrong.status == "incorrect" and wrong.message == "It is true."
    assert grade(question, None).status == "invalid"
    assert grade(question, "True").status == "invalid"  # a string is not a bool


@pytest.mark.parametrize(
    "typed,status",
    [
        ("6", "correct"),
        ("6.4", "correct"),
        (" 5,5 ", "correct"),
        (6, "correct"),
        ("6.6", "incorrect"),
        ("-6", "incorrect"),
        ("six", "invalid"),
        ("", "invalid"),
        ("   ", "invalid"),
        ("nan", "invalid"),
        ("inf", "invalid"),
        (None, "invalid"),
    ],
)
def test_numeric_with_tolerance(bank, typed, status):
    assert grade(q(bank, "q-num"), typed).status == status


def test_numeric_invalid_message_quotes_input(bank):
    result = grade(q(bank, "q-num"), "six weeks")
    assert "“six weeks” is not a number" in result.message


@pytest.mark.parametrize(
    "typed, needle",
    [
        ("1,000", "ambiguous: type 1000"),
        ("1e1", "not a plain number"),
        ("1_0", "leave out the _"),
        ("٦", "digits the course cannot read"),
        ("NaN", "not a number"),
        ("inf", "not a number"),
        (10**400, "too large"),
        (float("nan"), "NaN is not a number"),
        ([[1]], "not a number"),
    ],
)
def test_numeric_answers_the_course_cannot_read_are_invalid_with_a_reason(bank, typed, needle):
    result = grade(q(bank, "q-num"), typed)
    assert result.status == "invalid" and needle in result.message


@pytest.mark.parametrize(
    "qid, response",
    [
        ("q-single", 5),
        ("q-single", [[1]]),
        ("q-single", ["a"]),
        ("q-multi", 5),
        ("q-multi", [[1]]),
        ("q-multi", "ac"),
        ("q-multi", {"a": 1}),
        ("q-multi", [1, 2]),
        ("q-tf", "yes"),
        ("q-tf", 1),
    ],
)
def test_odd_types_from_direct_calls_are_invalid_not_exceptions(bank, qid, response):
    result = grade(q(bank, qid), response)
    assert result.status == "invalid" and result.message


def test_answer_text_for_show_answer(bank):
    assert q(bank, "q-single").answer_text() == "Option B"
    assert q(bank, "q-multi").answer_text() == "A; C"
    assert q(bank, "q-tf").answer_text() == "True"
    assert q(bank, "q-num").answer_text() == "6 weeks (within ±0.5)"


def test_shuffle_is_seeded_per_question(bank, bank_dict):
    first = [o.id for o in q(bank, "q-single").ordered_options()]
    again = [o.id for o in parse_bank(bank_dict, "test-bank.json").question("q-single").ordered_options()]
    assert first == again
    assert sorted(first) == ["a", "b", "c"]
    bank_dict["questions"][0]["shuffle"] = False
    fixed = parse_bank(bank_dict, "test-bank.json").question("q-single").ordered_options()
    assert [o.id for o in fixed] == ["a", "b", "c"]


def test_shuffle_actually_shuffles_some_questions(bank_dict):
    # With a fixed seed per question id, at least one of several ids gives a new order.
    orders = set()
    for i in range(8):
        bank_dict["questions"][0]["id"] = f"q{i}"
        question = parse_bank(bank_dict, "test-bank.json").questions[0]
        orders.add(tuple(o.id for o in question.ordered_options()))
    assert len(orders) > 1


# ------------------------------------------------------------ saved answers (pure)


def some_responses(bank):
    """A valid response of each question type, right or wrong, taken from the bank."""
    return {
        "q-single": [o.id for o in q(bank, "q-single").options],
        "q-multi": [[o.id] for o in q(bank, "q-multi").options] + [list(q(bank, "q-multi").answer)],
        "q-tf": [True, False],
        "q-num": ["6", "5.5", "-3", "1,5"],
    }


def test_an_encoded_answer_decodes_to_a_response_graded_the_same(bank):
    from glutecourse.topics.quizzes import decode_response, encode_response

    for qid, responses in some_responses(bank).items():
        for response in responses:
            question = q(bank, qid)
            text = encode_response(question, response)
            assert isinstance(text, str) and len(text) <= 200
            back = decode_response(question, text)
            assert grade(question, back) == grade(question, response), (qid, response, text)


@pytest.mark.parametrize(
    "qid, text",
    [("q-single", "gone"), ("q-multi", "a,zz"), ("q-multi", "a,a"), ("q-tf", "yes"), ("q-num", "six"), ("q-single", 3)],
)
def test_a_saved_answer_that_no_longer_fits_decodes_to_none(bank, qid, text):
    from glutecourse.topics.quizzes import decode_response

    assert decode_response(q(bank, qid), text) is None


def test_saved_answers_keep_the_latest_attempt_of_each_question_of_the_bank(bank):
    from glutecourse.topics.progress import Attempt
    from glutecourse.topics.quizzes import SavedAnswer, saved_answers

    attempts = [
        Attempt("nb", bank.id, "q-single", False, answer="a", at="t1"),
        Attempt("nb", "other-bank", "q-tf", True, answer="true"),
        Attempt("nb", bank.id, "q-single", True, answer="b", at="t2"),
        Attempt("nb", bank.id, "q-tf", False),  # an old attempt: no answer kept
    ]
    saved = saved_answers(attempts, bank.questions)
    assert saved == {
        "q-single": SavedAnswer("q-single", True, "b", "t2"),
        "q-tf": SavedAnswer("q-tf", False, None, ""),
    }
