"""Every shipped bank is valid, and every kind of malformed bank gives one clear error
naming the file, the question and the problem."""

import copy
import json

import pytest

from glutecourse.catalog.references import reference_keys
from glutecourse.core.errors import CourseDataError
from glutecourse.topics.quizzes import all_banks, load_bank


def test_shipped_banks_load():
    banks = all_banks()
    assert banks, "no quiz banks found in data/quizzes"
    ids = [b.id for b in banks]
    assert len(ids) == len(set(ids))
    for bank in banks:
        for question in bank.questions:
            assert question.ref in reference_keys()


def broken(bank_dict, mutate):
    data = copy.deepcopy(bank_dict)
    mutate(data)
    return data


CASES = {
    "missing answer": (lambda d: d["questions"][0].pop("answer"), "q-single", "answer"),
    "answer not among options": (lambda d: d["questions"][0].update(answer="z"), "q-single", "not among the options"),
    "multiple answer unknown": (
        lambda d: d["questions"][1].update(answer=["a", "z"]),
        "q-multi",
        "not among the options",
    ),
    "duplicate question ids": (lambda d: d["questions"][1].update(id="q-single"), "q-single", "duplicate question id"),
    "empty options": (lambda d: d["questions"][0].update(options=[]), "q-single", "options"),
    "options wrong type": (lambda d: d["questions"][0].update(options="a,b"), "q-single", "options"),
    "prompt wrong type": (lambda d: d["questions"][2].update(prompt=42), "q-tf", "prompt"),
    "truefalse answer not bool": (lambda d: d["questions"][2].update(answer="yes"), "q-tf", "answer"),
    "numeric answer is text": (lambda d: d["questions"][3].update(answer="six"), "q-num", "answer"),
    "numeric without tolerance": (lambda d: d["questions"][3].pop("tolerance"), "q-num", "tolerance"),
    "unknown question type": (lambda d: d["questions"][3].update(type="essay"), "q-num", "type"),
    "unknown reference key": (lambda d: d["questions"][2].update(ref="no-such-paper"), "q-tf", "no-such-paper"),
    "duplicate option ids": (lambda d: d["questions"][0]["options"][1].update(id="a"), "q-single", "duplicate option"),
    "unexpected field": (lambda d: d["questions"][0].update(answr="b"), "q-single", "answr"),
    "missing explanation": (lambda d: d["questions"][3].pop("explanation"), "q-num", "explanation"),
    "missing concept": (lambda d: d["questions"][0].pop("concept"), "q-single", "concept"),
    "unknown kind": (lambda d: d["questions"][1].update(kind="guess"), "q-multi", "kind"),
    "option without feedback": (lambda d: d["questions"][0]["options"][2].pop("feedback"), "q-single", "feedback"),
    "truefalse without false feedback": (lambda d: d["questions"][2]["feedback"].pop("false"), "q-tf", "feedback"),
    "unknown case": (lambda d: d["questions"][0].update(case="nobody"), "q-single", "'nobody' is not a person"),
    "unknown tag": (lambda d: d["questions"][2].update(tags=["scary-sign"]), "q-tf", "tags #1 must be one of"),
    "topic question naming another notebook": (
        lambda d: d["questions"][3].update(notebook="05-when-to-see-a-doctor"),
        "q-num",
        "only a final pool",
    ),
    "pool question without its notebook": (
        lambda d: d.update(pool="final"),
        "q-single",
        "needs 'notebook' and 'topic'",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_bank_names_file_question_and_problem(case, bank_dict, write_bank):
    mutate, qid, needle = CASES[case]
    path = write_bank(broken(bank_dict, mutate))
    with pytest.raises(CourseDataError) as err:
        load_bank(path)
    message = str(err.value)
    assert str(path) in message
    assert qid in message
    assert needle in message


def _touch_later(path):
    """Move the file's modification time on, as a later save would (a rewrite within the
    same clock tick keeps the same time)."""
    import os

    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_a_bank_edited_on_disk_is_read_again(bank_dict, write_bank):
    """An author who edits a bank while a notebook runs sees the new text in the next quiz."""
    path = write_bank(bank_dict)
    before = load_bank(path)
    edited = copy.deepcopy(bank_dict)
    edited["questions"][0]["prompt"] = before.questions[0].prompt + " (edited)"
    write_bank(edited)
    _touch_later(path)
    after = load_bank(path)
    assert after.questions[0].prompt == edited["questions"][0]["prompt"]


def test_a_bank_broken_on_disk_fails_at_once_and_a_fixed_one_loads(bank_dict, write_bank):
    """A bank read before is no excuse: breaking it on disk gives the clear error on the
    next load, and mending it loads it again (a failed read is never kept)."""
    path = write_bank(bank_dict)
    good = load_bank(path)
    mutate, qid, needle = CASES["answer not among options"]
    write_bank(broken(bank_dict, mutate))
    _touch_later(path)
    for _ in range(2):
        with pytest.raises(CourseDataError) as err:
            load_bank(path)
        assert str(path) in str(err.value) and qid in str(err.value) and needle in str(err.value)
    write_bank(bank_dict)
    _touch_later(path)
    assert load_bank(path) == good


def test_an_unchanged_bank_is_checked_once(bank_dict, write_bank, monkeypatch):
    """Every view that lists the banks (progress bars, review, final quiz, class results)
    asks for all of them; a bank not changed on disk is checked and built once."""
    import glutecourse.topics.quizzes as quizzes

    reads = []
    real = quizzes.load_validated
    monkeypatch.setattr(quizzes, "_READ", {})  # as in a new kernel: nothing read yet
    monkeypatch.setattr(quizzes, "load_validated", lambda *a, **k: reads.append(a[0]) or real(*a, **k))
    path = write_bank(bank_dict)
    first = load_bank(path)
    assert load_bank(path) is first and load_bank(str(path)) is first
    assert reads == [path]
    banks = all_banks()
    assert all_banks() == banks and len(reads) == 1 + len(banks)


def test_invalid_json_names_line(write_bank):
    path = write_bank('{"id": "test-bank", "questions": [ {"id": "q1",, } ]}')
    with pytest.raises(CourseDataError) as err:
        load_bank(path)
    assert str(path) in str(err.value) and "not valid JSON (line 1" in str(err.value)


def test_missing_bank_file(tmp_path):
    with pytest.raises(CourseDataError, match="file not found"):
        load_bank(tmp_path / "nope.json")


def test_bank_id_must_match_file_name(bank_dict, write_bank):
    path = write_bank(bank_dict, name="other-name")
    with pytest.raises(CourseDataError, match="does not match the file name"):
        load_bank(path)


def test_error_renders_as_short_message_in_jupyter(bank_dict, write_bank):
    path = write_bank(broken(bank_dict, lambda d: d["questions"][0].update(answer="z")))
    with pytest.raises(CourseDataError) as err:
        load_bank(path)
    lines = err.value._render_traceback_()
    assert len(lines) == 2 and str(path) in lines[0] and "q-single" in lines[0]


def test_the_error_is_raised_from_quiz_in_a_kernel_as_short_text(bank_dict, write_bank, tmp_path):
    """In a real kernel a reader sees the short message, not the package's traceback."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    path = write_bank(broken(bank_dict, lambda d: d["questions"][1].update(answer=["z"])))
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(f"from glutecourse.topics.quizzes import load_bank\nload_bank({str(path)!r})")
    ]
    with pytest.raises(CellExecutionError):
        NotebookClient(nb, timeout=60, kernel_name="python3", shutdown_kernel="immediate").execute()
    tb = "\n".join(nb.cells[0].outputs[0]["traceback"])
    assert "q-multi" in tb and "Course data problem" in tb
    assert "parse_bank" not in tb and "File " not in tb


def test_shipped_bank_text_is_valid_json_with_unique_ids(tmp_path):
    from glutecourse.core.paths import data_dir

    for path in (data_dir() / "quizzes").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        ids = [q["id"] for q in data["questions"]]
        assert len(ids) == len(set(ids)), path
