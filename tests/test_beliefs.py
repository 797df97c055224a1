"""The beliefs check (issue 14, "What learners believed"): the statements' data, a rating
typed by a reader, saving through the progress store (lock, re-read, merge, atomic
replace), the export a teacher loads, the widget, and the class's change from the sample
class."""

from __future__ import annotations

import importlib.util
import json
import multiprocessing
import statistics

import msgspec
import pytest

from conftest import ROOT
from glutecourse.core.errors import CourseDataError
from glutecourse.topics import beliefs as bl
from glutecourse.topics.myths import myths
from glutecourse.topics.progress import ProgressStore, check_export, export_data, export_progress
from glutecourse.topics.quizzes import all_banks


def _answer(store):
    """One real answer (the class results skip exports answering no question of the course)."""
    bank = all_banks()[0]
    store.record(notebook=bank.notebook, bank=bank.id, question=bank.questions[0].id, correct=True)


# ------------------------------------------------------------------ the data


def test_each_statement_points_at_a_myth_of_the_course_and_cites_its_sources():
    by_id = {m.id: m for m in myths()}
    sts = bl.statements()
    assert sts[0].text.lower().startswith("tight glutes cause most back pain")
    assert 3 <= len(sts) <= 4  # the headline statement and two or three more myths
    for st in sts:
        myth = by_id[st.myth]
        assert set(st.refs) & set(myth.refs), f"{st.id}: none of its sources is the myth's"
        assert st.strength in bl.STRENGTH_WORDS and st.strength_why
        assert st.evidence_says in ("false", "true")


def test_a_statement_naming_an_unknown_myth_is_reported_by_file_and_item(monkeypatch):
    data = json.loads((ROOT / "data" / "beliefs.json").read_text(encoding="utf-8"))
    data["statements"][1]["myth"] = "no-such-myth"
    monkeypatch.setattr(bl, "load", lambda *a, **k: data)
    bl.beliefs_data.cache_clear()
    try:
        with pytest.raises(CourseDataError, match=r"beliefs\.json.*statement 'posture'.*no-such-myth"):
            bl.beliefs_data()
    finally:
        bl.beliefs_data.cache_clear()


# ------------------------------------------------------------------ a typed rating


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("11", "11 is outside that range"),
        ("-1", "-1 is outside that range"),
        ("7.5", "has a fraction"),
        ("eight", "“eight” is not a number"),
        ("", "Please enter your rating"),
        ("1e1", "is not a number"),
    ],
)
def test_a_rating_off_the_scale_or_not_a_number_gets_a_message(typed, words):
    rating, message = bl.parse_rating(typed)
    assert rating is None and words in message
    sc = bl.scale()
    assert sc.hint in message  # the scale in words, both ends


def test_a_whole_number_on_the_scale_is_taken():
    sc = bl.scale()
    for typed, expected in ((f" {sc.low} ", sc.low), (str(sc.high), sc.high), ("6", 6)):
        assert bl.parse_rating(typed) == (expected, None)


def test_save_rating_never_raises_for_bad_input(tmp_path):
    store = ProgressStore(tmp_path / "progress.json")
    first = bl.statements()[0].id
    for statement, phase, value in [("nope", "before", 5), (first, "during", 5), (first, "before", "lots")]:
        saved = bl.save_rating(store, statement, phase, value)
        assert saved.rating is None and saved.message
    assert store.beliefs == [] and not (tmp_path / "progress.json").exists()


# ------------------------------------------------------------------ saving


def test_ratings_are_saved_in_the_readers_file_and_a_reopened_store_reads_them(tmp_path):
    path = tmp_path / "progress.json"
    store = ProgressStore(path)
    sts = bl.statements()
    assert bl.save_rating(store, sts[0].id, "before", "8").ok
    assert bl.save_rating(store, sts[1].id, "before", 3).ok
    assert bl.save_rating(store, sts[0].id, "before", "7").ok  # changed their mind: the latest counts
    on_disk = json.loads(path.read_text(encoding="utf-8"))
    import jsonschema

    jsonschema.validate(on_disk, json.loads((ROOT / "src/glutecourse/schemas/progress.schema.json").read_text()))
    assert [b["rating"] for b in on_disk["beliefs"]] == [8, 3, 7]
    latest = bl.latest_ratings(ProgressStore(path).beliefs)
    assert latest == {(sts[0].id, "before"): 7, (sts[1].id, "before"): 3}


def test_two_notebooks_open_at_once_lose_nothing(tmp_path):
    """00 and 10 open together, each with its own store read before the other wrote: every
    rating and every answer is kept (the store re-reads and merges under the lock)."""
    path = tmp_path / "progress.json"
    in_00, in_10 = ProgressStore(path), ProgressStore(path)
    sts = bl.statements()
    bl.save_rating(in_00, sts[0].id, "before", 9)
    bl.save_rating(in_10, sts[0].id, "after", 2)
    in_00.record(notebook="00-start-here", bank="00-warm-up", question="q1", correct=True)
    bl.save_rating(in_10, sts[1].id, "after", 4)
    fresh = ProgressStore(path)
    assert bl.latest_ratings(fresh.beliefs) == {
        (sts[0].id, "before"): 9,
        (sts[0].id, "after"): 2,
        (sts[1].id, "after"): 4,
    }
    assert len(fresh.attempts) == 1


def _rater(path, worker, count):
    store = ProgressStore(path)
    ids = bl.statement_ids()
    for i in range(count):
        bl.save_rating(store, ids[i % len(ids)], "before" if worker == 0 else "after", i % 11)
    return store.problem


def test_two_processes_rating_at_once_keep_every_rating(tmp_path):
    path = tmp_path / "progress.json"
    with multiprocessing.get_context("fork").Pool(2) as pool:
        assert pool.starmap(_rater, [(path, 0, 25), (path, 1, 25)]) == ["", ""]
    kept = ProgressStore(path).beliefs
    assert len(kept) == 50 and len({b["id"] for b in kept}) == 50
    assert sorted(b["phase"] for b in kept) == ["after"] * 25 + ["before"] * 25


def test_a_malformed_rating_in_the_file_is_set_aside_and_the_rest_kept(tmp_path):
    path = tmp_path / "progress.json"
    store = ProgressStore(path)
    first = bl.statements()[0].id
    bl.save_rating(store, first, "before", 6)
    store.record(notebook="00-start-here", bank="00-warm-up", question="q1", correct=False)
    data = json.loads(path.read_text(encoding="utf-8"))
    bad = {**data["beliefs"][0], "id": "0123456789abcdef", "rating": 11}
    data["beliefs"].append(bad)
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.warns(Warning, match="rating"):
        reopened = ProgressStore(path)
    assert [b["rating"] for b in reopened.beliefs] == [6] and len(reopened.attempts) == 1
    assert "set aside" in reopened.notice
    side = [p for p in tmp_path.iterdir() if p.name != "progress.json" and p.suffix == ".json"]
    assert side and any(json.loads(p.read_text())["beliefs"][0]["rating"] == bad for p in side)


def test_the_export_holds_the_latest_rating_per_statement_and_phase_and_loads_in_class_results(tmp_path):
    from glutecourse.topics.classroom import load_class

    store = ProgressStore(tmp_path / "home" / "progress.json")
    sts = bl.statements()
    bl.save_rating(store, sts[0].id, "before", 9)
    bl.save_rating(store, sts[0].id, "before", 8)
    bl.save_rating(store, sts[0].id, "after", 3)
    _answer(store)
    data = export_data(store, "Ana")
    assert check_export(data) == []
    assert {(b["statement"], b["phase"]): b["rating"] for b in data["beliefs"]} == {
        (sts[0].id, "before"): 8,
        (sts[0].id, "after"): 3,
    }
    export_progress(store, "Ana", tmp_path / "class")
    (reader,) = load_class(tmp_path / "class").readers
    assert dict(reader.beliefs) == {(sts[0].id, "before"): 8, (sts[0].id, "after"): 3}


def test_an_export_with_a_rating_off_the_scale_is_skipped_with_the_reason(tmp_path):
    from glutecourse.topics.classroom import load_class

    store = ProgressStore(tmp_path / "home" / "progress.json")
    _answer(store)
    path = export_progress(store, "Bo", tmp_path / "class")
    data = json.loads(path.read_text())
    data["beliefs"] = [{"statement": bl.statements()[0].id, "phase": "before", "rating": 42}]
    path.write_text(json.dumps(data))
    cls = load_class(tmp_path / "class")
    assert not cls.readers and "malformed export" in cls.skipped[0].reason and "rating" in cls.skipped[0].reason


# ------------------------------------------------------------------ a reader's change and the class's


def test_a_readers_change_is_said_in_words_towards_or_away_from_the_evidence():
    st = bl.statements()[0]
    assert st.evidence_says == "false"
    towards = bl.ReaderChange(st, 8, 3)
    assert towards.direction == "towards" and "5 points towards the evidence" in towards.text
    away = bl.ReaderChange(st, 2, 4)
    assert away.direction == "away" and "2 points away from the evidence" in away.text
    assert bl.ReaderChange(st, 5, 5).direction == "same" and "no change" in bl.ReaderChange(st, 5, 5).text
    assert "Rate it again" in bl.ReaderChange(st, 7, None).text
    assert "no change to show" in bl.ReaderChange(st, None, 2).text


def test_the_class_change_uses_only_readers_with_both_ratings_and_lists_the_others():
    sts = bl.statements()
    a, b = sts[0].id, sts[1].id
    readers = [
        ("Ana", {(a, "before"): 8, (a, "after"): 2}),
        ("Bo", {(a, "before"): 6, (a, "after"): 7, (b, "before"): 5}),
        ("Cy", {(a, "before"): 9}),
        ("Di", {(a, "after"): 1, (b, "before"): 4, (b, "after"): 4}),
    ]
    first, second = bl.class_changes(readers)[:2]
    assert first.paired == 2 and first.mean_before == statistics.fmean([8, 6]) and first.mean_after == 4.5
    assert (first.towards, first.away, first.same) == (1, 1, 0)
    assert first.only_before == ("Cy",) and first.only_after == ("Di",)
    assert second.paired == 1 and second.same == 1 and second.only_before == ("Bo",)
    assert "2 readers rated it both times" in first.text


# ------------------------------------------------------------------ the widget


def test_the_widget_answers_bad_input_with_a_message_and_saves_the_good_ratings(tmp_path):
    from glutecourse.ui.beliefs import BeliefsCheck

    path = tmp_path / "progress.json"
    view = BeliefsCheck("before", ProgressStore(path))
    ids = list(view.boxes)
    view.boxes[ids[0]].value = "8"
    view.boxes[ids[1]].value = "twelve"
    view.boxes[ids[2]].value = "12"
    results = view.save()
    assert [r.rating for r in results] == [8, None, None]
    assert "is not a number" in view.messages[ids[1]].value and "outside that range" in view.messages[ids[2]].value
    assert view.messages[ids[0]].value == ""
    assert "Saved 1 rating" in view.message.value and "right or wrong" in view.message.value
    assert "gc-beliefs" not in view.message.value  # no before/after table in 00: it is a baseline
    assert bl.latest_ratings(ProgressStore(path).beliefs) == {(ids[0], "before"): 8}
    again = BeliefsCheck("before", ProgressStore(path))  # reopened: the rating is in its box
    assert again.boxes[ids[0]].value == "8" and again.boxes[ids[1]].value == ""


def test_the_widget_in_10_shows_before_and_after_beside_the_evidence(tmp_path):
    from glutecourse.catalog.references import short_citations
    from glutecourse.ui.beliefs import BeliefsCheck

    path = tmp_path / "progress.json"
    sts = bl.statements()
    start = BeliefsCheck("before", ProgressStore(path))  # notebook 00 open ...
    end = BeliefsCheck("after", ProgressStore(path))  # ... and notebook 10, at once
    start.boxes[sts[0].id].value = "9"
    start.save()
    end.boxes[sts[0].id].value = "2"
    end.save()
    shown = end.message.value
    change = bl.ReaderChange(sts[0], 9, 2)
    assert change.text in shown
    assert sts[0].evidence in shown and sts[0].strength_words in shown
    for ref in sts[0].refs:
        assert short_citations()[ref].split(" (")[0] in shown
    reopened = BeliefsCheck("after", ProgressStore(path))
    assert change.text in reopened.message.value


# ------------------------------------------------------------------ the sample class


def _sample_tool():
    spec = importlib.util.spec_from_file_location("make_sample_class", ROOT / "scripts" / "make_sample_class.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


def test_the_class_results_show_the_sample_classs_change_computed_from_its_files():
    from glutecourse.core.numbers import format_number
    from glutecourse.topics.classroom import belief_changes, load_class, sample_class_folder
    from glutecourse.ui.classroom import beliefs_html

    folder = sample_class_folder()
    cls = load_class(folder)
    # Straight from the files the class loaded (the newest export per reader).
    ratings = {}
    for r in cls.readers:
        data = json.loads((folder / r.file).read_text())
        ratings[r.label] = {(b["statement"], b["phase"]): b["rating"] for b in data.get("beliefs", [])}
    html = beliefs_html(cls)
    for row in belief_changes(cls):
        sid = row.statement.id
        both = [
            (v[(sid, "before")], v[(sid, "after")])
            for v in ratings.values()
            if (sid, "before") in v and (sid, "after") in v
        ]
        assert row.paired == len(both) > 0
        assert row.mean_before == pytest.approx(statistics.fmean(b for b, _ in both))
        assert row.median_after == statistics.median(a for _, a in both)
        assert row.towards == sum(a < b for b, a in both)  # every statement is a myth the evidence says is false
        only = sorted(n for n, v in ratings.items() if (sid, "before") in v and (sid, "after") not in v)
        assert sorted(row.only_before) == only
        assert f"{format_number(row.mean_before, 1)} → {format_number(row.mean_after, 1)}" in html
        for name in row.only_before + row.only_after:
            assert name in html
    assert "left out of the means" in html


def test_adding_a_statement_changes_only_the_ratings_of_that_statement(tmp_path):
    tool = _sample_tool()
    sts = bl.statements()
    grown = (*sts[:1], msgspec.structs.replace(sts[0], id="a-statement-added-later"), *sts[1:])
    tool.build(tmp_path / "before", statements=sts)
    tool.build(tmp_path / "after", statements=grown)
    added = 0
    for path in (tmp_path / "before").glob("progress-export-student-*.json"):
        old = json.loads(path.read_text())
        new = json.loads((tmp_path / "after" / path.name).read_text())
        kept = [b for b in new["beliefs"] if b["statement"] != "a-statement-added-later"]
        assert kept == old["beliefs"] and new["attempts"] == old["attempts"]
        added += len(new["beliefs"]) - len(kept)
    assert added > 0


def test_the_committed_sample_holds_the_keyed_ratings():
    tool = _sample_tool()
    folder = ROOT / "data" / "classroom-sample"
    for n in range(1, tool.READERS + 1):
        reader = tool.reader_id(n)
        (path,) = folder.glob(f"progress-export-student-{n:02d}-{reader}.json")
        assert json.loads(path.read_text())["beliefs"] == tool.beliefs_of(reader, n, bl.statements())
