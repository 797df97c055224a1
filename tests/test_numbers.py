"""The course's one number parser (glutecourse.core.numbers) and where it is used.

Each refused input must get a message naming the problem; each accepted form must give
the number a reader meant. The last tests check that the diary, the sitting calculator,
the quiz and the timeline all give the same answer for the same typed text."""

import datetime as dt

import pytest

from glutecourse.core import numbers as nm


@pytest.mark.parametrize(
    "typed, value",
    [
        ("6", 6),
        (" 6.5 ", 6.5),
        ("6,5", 6.5),
        ("0,125", 0.125),
        ("1 000", 1000),
        ("12\u00a0345.5", 12345.5),
        ("1\u2009000,5", 1000.5),
        ("-3", -3),
        ("+3", 3),
        (".5", 0.5),
        ("5.", 5),
        (7, 7),
        (2.5, 2.5),
        ("999 999 999 999", 999_999_999_999),
    ],
)
def test_accepted_forms(typed, value):
    assert nm.parse_number(typed) == value


@pytest.mark.parametrize(
    "typed, needle",
    [
        ("1,000", "ambiguous: type 1000"),
        ("-2,500", "ambiguous: type -2500"),
        ("1,000.5", "more than one decimal mark"),
        ("1.000.000", "more than one decimal mark"),
        ("1_0", "leave out the _ (type 10)"),
        ("1e1", "no exponents): type 10"),
        ("1E3", "type 1000"),
        ("\u0665", "digits the course cannot read"),
        ("\u0661\u0660", "(type 10)"),
        ("\uff15", "(type 5)"),
        ("NaN", "“NaN” is not a number"),
        ("nan", "“NaN” is not a number"),
        ("inf", "is not a number"),
        ("-Infinity", "is not a number"),
        ("1/2", "not a plain number"),
        ("58%", "without units"),
        ("0x1F", "base ten"),
        ("12 34", "groups of three digits"),
        ("five", "is not a number"),
        ("1" * 31, "too long"),
        ("9" * 14, "too large"),
        (10**400, "too large"),
        (float("inf"), "not a number"),
        (float("nan"), "NaN is not a number"),
        (True, "not a number"),
        ([[1]], "not a number"),
        ("\udcff", "not a number"),
    ],
)
def test_refusals_name_the_problem(typed, needle):
    with pytest.raises(nm.NumberError) as err:
        nm.parse_number(typed)
    assert needle in str(err.value)
    str(err.value).encode("utf-8")  # a message can always be shown, even for a lone surrogate


def test_whole_numbers_and_ranges():
    kw = dict(what="Pain", whole=True, low=0, high=10)
    assert nm.parse_number("7", **kw) == 7 and isinstance(nm.parse_number("7.0", **kw), int)
    with pytest.raises(nm.NumberError, match="Pain must be a whole number from 0 to 10; 4.5 has a fraction"):
        nm.parse_number("4.5", **kw)
    with pytest.raises(nm.NumberError, match="Pain must be a whole number from 0 to 10; 11 is outside"):
        nm.parse_number("11", **kw)
    with pytest.raises(nm.NumberError, match="Please enter pain: a whole number from 0 to 10"):
        nm.parse_number(" ", **kw)
    assert nm.parse_number("", empty=0, **kw) == 0


def test_formatters_never_use_exponents_and_round_trip_through_the_parser():
    for value in (1e6, 11166, 0.1 + 0.2, 2.50, 1234567.25, -3.0):
        text = nm.format_number(value)
        assert "e" not in text and nm.parse_number(text) == pytest.approx(value)
    assert nm.format_number(11166, thousands=",") == "11,166"
    assert nm.format_hours(1) == "1 hour" and nm.format_hours(2.45) == "2.5 hours"
    assert nm.format_duration(150) == "2 min 30 s" and nm.format_duration(45) == "45 s"


# ----------------------------------------------------- every typed number uses it


@pytest.mark.parametrize("typed", ["1,000", "1_0", "1e1", "\u0665", "1e3", "NaN", "inf", "99999999999999"])
def test_diary_pain_and_minutes_refuse_what_the_parser_refuses(typed):
    from glutecourse.topics import diary as dy

    today = dt.date(2026, 3, 10)
    for field, args in (("pain", (typed, "10")), ("minutes", ("4", typed))):
        with pytest.raises(dy.EntryError) as err:
            dy.validate_entry("2026-03-09", *args, today=today)
        assert err.value.field == field
        with pytest.raises(nm.NumberError) as same:
            nm.parse_number(typed)
        assert str(same.value).split(":")[0] in str(err.value)


def test_diary_minutes_1e3_is_not_read_as_a_thousand():
    from glutecourse.topics import diary as dy

    with pytest.raises(dy.EntryError, match="not a plain number"):
        dy.validate_entry("2026-03-09", "4", "1e3", today=dt.date(2026, 3, 10))


@pytest.mark.parametrize("typed", ["1,000", "1_0", "1e1", "\u0665", "NaN"])
def test_sitting_calculator_refuses_what_the_parser_refuses(typed):
    from glutecourse.topics.causes import parse_hours

    value, message = parse_hours(typed, "Work")
    assert value is None and message.startswith("Work:")
    assert nm.try_number(typed)[1] in message


def test_the_old_copies_are_gone():
    from glutecourse.topics import causes, diary, quizzes

    assert not hasattr(quizzes, "_fmt_number")
    assert quizzes.parse_number is nm.parse_number
    import inspect

    for module in (quizzes, diary, causes):
        source = inspect.getsource(module)
        assert "float(text" not in source and "float(cleaned" not in source and 'replace(",", ".")' not in source


@pytest.mark.parametrize("text", ["1e1000000", "-9.5E+999999999", "1e-1000000"])
def test_an_exponent_past_decimals_range_gets_a_message_not_a_traceback(text):
    # once raised decimal.Overflow out of the quiz's Check (found by the static-quiz test)
    with pytest.raises(nm.NumberError, match="no exponents"):
        nm.parse_number(text)
