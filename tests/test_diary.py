"""The pain diary: validation a reader would notice, safe saving, edit/delete,
export/import, the rolling mean, and the widget driven headless."""

import datetime as dt
import os
import time
import warnings
from pathlib import Path

import pytest

from glutecourse.charts import diary as dy_charts
from glutecourse.core.errors import CourseWarning
from glutecourse.topics import diary as dy
from glutecourse.ui import diary as dy_ui

TODAY = dt.date(2026, 3, 10)
D = dt.date


def entry(day, pain=4, minutes=20, note=""):
    return dy.validate_entry(day, pain, minutes, note, today=TODAY)


# --- validation ---------------------------------------------------------------------


def test_good_input_is_cleaned():
    e = dy.validate_entry(" 2026-03-09 ", " 4 ", "30", "  walked   to work\n", today=TODAY)
    assert e == dy.Entry(D(2026, 3, 9), 4, 30, "walked to work")
    assert dy.validate_entry(D(2026, 3, 10), 0, "", today=TODAY).minutes == 0  # empty minutes mean none


@pytest.mark.parametrize(
    "pain, needle",
    [
        ("11", "from 0 to 10"),
        (11, "11 is outside"),
        ("-1", "-1 is outside"),
        ("five", "“five” is not a number"),
        ("", "Please enter pain"),
        ("4.5", "has a fraction"),
        (True, "whole number"),
    ],
)
def test_bad_pain_gets_a_clear_message(pain, needle):
    with pytest.raises(dy.EntryError, match=needle) as err:
        dy.validate_entry("2026-03-09", pain, 10, today=TODAY)
    assert err.value.field == "pain"


@pytest.mark.parametrize(
    "date, needle",
    [
        ("2026-03-11", "in the future"),
        ("2027-01-01", "in the future"),
        ("14/03/2026", "year-month-day"),
        ("yesterday", "not a date"),
        ("2026-02-30", "not a date"),
        ("", "Please enter a date"),
        (None, "Please enter a date"),
    ],
)
def test_bad_dates_get_a_clear_message(date, needle):
    with pytest.raises(dy.EntryError, match=needle) as err:
        dy.validate_entry(date, 3, 10, today=TODAY)
    assert err.value.field == "date"


@pytest.mark.parametrize(
    "minutes, needle", [("-5", "-5 is outside"), ("2000", "1440 minutes"), ("half an hour", "not a number")]
)
def test_bad_minutes_get_a_clear_message(minutes, needle):
    with pytest.raises(dy.EntryError, match=needle) as err:
        dy.validate_entry("2026-03-09", 3, minutes, today=TODAY)
    assert err.value.field == "minutes"


def test_overlong_note_is_refused():
    with pytest.raises(dy.EntryError, match="keep it to 200"):
        dy.validate_entry("2026-03-09", 3, 10, "x" * 201, today=TODAY)


# --- persistence --------------------------------------------------------------------


@pytest.fixture
def fast_dir(tmp_path):
    """A folder in memory (tmpfs) when the machine has one: the four-writer test is about
    merging under contention, and 2,400 fsyncs on a real disk would take ten seconds."""
    import shutil
    import tempfile

    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    d = Path(tempfile.mkdtemp(prefix="glutecourse-test-", dir=shm))
    yield d
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture
def diary(tmp_path):
    return dy.Diary(tmp_path / "pain-diary.csv", today=TODAY)


def test_default_location_is_the_reader_folder_outside_the_repository(home):
    from glutecourse.core.paths import repo_root

    d = dy.Diary()
    assert d.path == home / "pain-diary.csv"
    assert repo_root() not in d.path.parents


def test_entries_are_saved_at_once_and_reload(diary):
    diary.add(entry("2026-03-08", 5, 10, "stiff, after a drive"))
    diary.add(entry("2026-03-09", 3, 25))
    again = dy.Diary(diary.path, today=TODAY)
    assert again.sorted() == [entry("2026-03-08", 5, 10, "stiff, after a drive"), entry("2026-03-09", 3, 25)]
    assert diary.path.read_text().splitlines()[0] == "date,pain,minutes,note"


def test_one_entry_per_date(diary):
    diary.add(entry("2026-03-08", 5))
    with pytest.raises(dy.EntryError, match="already an entry for 2026-03-08"):
        diary.add(entry("2026-03-08", 2))
    assert diary.get("2026-03-08").pain == 5


def test_edit_and_delete(diary):
    diary.add(entry("2026-03-08", 5))
    diary.add(entry("2026-03-09", 4))
    diary.update("2026-03-08", entry("2026-03-08", 6, 0, "bad night"))
    assert dy.Diary(diary.path).get("2026-03-08").note == "bad night"
    diary.update("2026-03-08", entry("2026-03-07", 6))  # moving the date
    assert [e.date for e in dy.Diary(diary.path).sorted()] == [D(2026, 3, 7), D(2026, 3, 9)]
    with pytest.raises(dy.EntryError, match="already an entry for 2026-03-09"):
        diary.update("2026-03-07", entry("2026-03-09", 1))
    diary.delete("2026-03-07")
    assert [e.date for e in dy.Diary(diary.path).sorted()] == [D(2026, 3, 9)]
    with pytest.raises(dy.EntryError, match="no entry for 2026-03-07"):
        diary.delete("2026-03-07")


def test_a_crash_during_the_write_leaves_the_old_file_intact(diary, monkeypatch):
    diary.add(entry("2026-03-08", 5))
    before = diary.path.read_bytes()

    def crash(src, dst):
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="simulated"):
        diary.add(entry("2026-03-09", 2))
    monkeypatch.undo()
    assert diary.path.read_bytes() == before
    assert list(diary.entries) == [D(2026, 3, 8)], "memory must match the file after a failed write"
    assert not [p for p in diary.path.parent.iterdir() if p.name.endswith(".tmp")], "temporary file left behind"


@pytest.mark.parametrize("content", ["this is not a diary\n", b"\xff\xfe\x00garbage", "day;score\n2026-03-01;4\n"])
def test_a_file_that_is_not_a_diary_is_moved_aside_with_a_warning(tmp_path, content):
    path = tmp_path / "pain-diary.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.warns(CourseWarning, match="moved to"):
        d = dy.Diary(path, today=TODAY)
    assert len(d) == 0 and "moved to" in d.warning
    moved = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(moved) == 1 and moved[0].read_bytes() == (content if isinstance(content, bytes) else content.encode())
    d.add(entry("2026-03-09"))
    assert len(dy.Diary(path)) == 1


def test_bad_rows_are_set_aside_and_the_good_ones_kept(tmp_path):
    path = tmp_path / "pain-diary.csv"
    lines = [
        "date,pain,minutes,note",
        "2026-03-01,4,10,fine",
        "2026-03-02,eleven,0,",
        "2026-03-03,3,20,",
        '2026-03-04,2,0,"a quote that never closes',
        "2026-03-05,2,15,ok",
        "2026-03-03,9,0,twice",
    ]
    path.write_text("\n".join(lines) + "\n")
    with pytest.warns(CourseWarning, match="Lines 3, 5, 7 of your diary file"):
        d = dy.Diary(path, today=TODAY)
    assert [e.date.day for e in d.sorted()] == [1, 3, 5]  # the good rows, including those after the bad ones
    assert "set aside" in d.warning and "nothing is lost" in d.warning and "other 3 entries are kept" in d.warning
    side = [p for p in tmp_path.iterdir() if ".set-aside-" in p.name]
    assert len(side) == 1
    assert side[0].read_text().splitlines() == [lines[0], lines[2], lines[4], lines[6]]  # every bad row, verbatim
    assert [e.date.day for e in dy.Diary(path).sorted()] == [1, 3, 5]  # no warning the second time
    w = dy_ui.diary_widget(dy.Diary(path, today=TODAY))
    assert "Please note" not in w.message.value


def test_leftover_temporary_files_are_cleaned_on_the_next_start(diary):
    old = diary.path.with_name(".pain-diary.csv.x1y2z3.tmp")
    young = diary.path.with_name(".pain-diary.csv.a1b2c3.tmp")
    mine = diary.path.with_name(".my-notes.csv.x1y2z3.tmp")
    for p in (old, young, mine):
        p.write_text("half")
        os.utime(p, (time.time() - 3600, time.time() - 3600))
    os.utime(young, None)
    dy.Diary(diary.path, today=TODAY)
    assert not old.exists() and young.exists() and mine.exists()
    diary.add(entry("2026-03-08"))
    assert young.exists()


# --- two windows, four processes ----------------------------------------------------


def test_two_diaries_open_at_once_keep_both_entries(tmp_path):
    a = dy.Diary(tmp_path / "pain-diary.csv", today=TODAY)
    b = dy.Diary(tmp_path / "pain-diary.csv", today=TODAY)
    a.add(entry("2026-03-08", 5))
    b.add(entry("2026-03-09", 3))
    assert [e.date.day for e in dy.Diary(a.path).sorted()] == [8, 9]
    assert [e.date.day for e in b.sorted()] == [8, 9]  # b now shows a's entry too


def test_two_widgets_keep_both_entries(tmp_path):
    path = tmp_path / "pain-diary.csv"
    one, two = dy_ui.diary_widget(dy.Diary(path, today=TODAY)), dy_ui.diary_widget(dy.Diary(path, today=TODAY))
    fill(one, date="2026-03-08", pain="5")
    one.save_button.click()
    fill(two, date="2026-03-09", pain="3")
    two.save_button.click()
    assert "Saved" in one.message.value and "Saved" in two.message.value
    assert [e.date.day for e in dy.Diary(path).sorted()] == [8, 9]
    assert [v for _, v in two.entry_list.options] == ["2026-03-09", "2026-03-08"]


def test_widget_edit_conflict_is_shown_and_a_second_press_decides(tmp_path):
    path = tmp_path / "pain-diary.csv"
    mine = dy_ui.diary_widget(dy.Diary(path, today=TODAY))
    fill(mine, date="2026-03-08", pain="5")
    mine.save_button.click()
    mine.entry_list.value = "2026-03-08"
    mine.edit_button.click()
    other = dy.Diary(path, today=TODAY)
    other.update("2026-03-08", entry("2026-03-08", 7, 0, "from the other window"))
    mine.note.value = "mine"
    mine.save_button.click()
    assert "changed in another window" in mine.message.value and "Press Save changes again" in mine.message.value
    assert dy.Diary(path).get("2026-03-08").note == "from the other window"  # nothing overwritten
    assert "from the other window" in mine.entry_list.options[0][0]  # the list shows it
    mine.save_button.click()
    assert "changed" in mine.message.value and dy.Diary(path).get("2026-03-08").note == "mine"


def test_one_window_edits_while_the_other_adds(tmp_path):
    a = dy.Diary(tmp_path / "pain-diary.csv", today=TODAY)
    a.add(entry("2026-03-08", 5))
    b = dy.Diary(a.path, today=TODAY)
    a.update("2026-03-08", entry("2026-03-08", 6, 0, "edited"))
    b.add(entry("2026-03-09", 3))
    final = dy.Diary(a.path)
    assert final.get("2026-03-08").note == "edited" and final.get("2026-03-09").pain == 3


def test_a_stale_edit_or_delete_never_overwrites_the_other_window(tmp_path):
    a = dy.Diary(tmp_path / "pain-diary.csv", today=TODAY)
    a.add(entry("2026-03-08", 5))
    b = dy.Diary(a.path, today=TODAY)  # b and c have seen pain 5
    c = dy.Diary(a.path, today=TODAY)
    a.update("2026-03-08", entry("2026-03-08", 7, 0, "from a"))
    with pytest.raises(dy.EntryError, match="changed in another window"):
        b.update("2026-03-08", entry("2026-03-08", 1, 0, "from b"))
    with pytest.raises(dy.EntryError, match="changed in another window"):
        c.delete("2026-03-08")
    assert dy.Diary(a.path).get("2026-03-08").note == "from a"
    assert b.get("2026-03-08").note == "from a"  # b now shows what is on disk
    a.delete("2026-03-08")
    b.add(entry("2026-03-09", 2))  # b's add does not bring back a's deleted entry
    assert [e.date.day for e in dy.Diary(a.path).sorted()] == [9]
    with pytest.raises(dy.EntryError, match="no entry for 2026-03-08"):
        b.update("2026-03-08", entry("2026-03-08", 4))


def _diary_writer(path, worker, count):
    from filelock import Timeout

    d = dy.Diary(path)
    start = D(2019, 1, 1)
    for i in range(count):  # 4 workers interleave days: 800 distinct days over more than two years
        day = start + dt.timedelta(days=i * 4 + worker)
        entry = dy.Entry(day, (i + worker) % 11, i % 90, f"worker {worker} entry {i}")
        # On a starved machine (CI beside CPU hogs) a writer can wait longer than the lock's
        # timeout: the add then raises and saves nothing, and the widget says the file was
        # busy. A reader presses Add again; so does this writer (a few times at most).
        for _press in range(5):
            try:
                d.add(entry)
                break
            except Timeout:
                assert "busy" in d.problem, d.problem
    return getattr(d, "problem", "")


@pytest.mark.parametrize("repetition", [1, 2, 3])
def test_four_processes_adding_200_entries_each_keep_all_800(fast_dir, repetition):
    import multiprocessing

    path = fast_dir / f"rep{repetition}" / "pain-diary.csv"
    path.parent.mkdir()
    with multiprocessing.get_context("fork").Pool(4) as pool:
        problems = pool.starmap(_diary_writer, [(path, w, 200) for w in range(4)])
    assert problems == ["", "", "", ""]
    kept = dy.Diary(path).sorted()
    assert len(kept) == 800 and len({e.note for e in kept}) == 800
    assert (kept[-1].date - kept[0].date).days == 799


# --- export / import ----------------------------------------------------------------


def test_export_import_round_trip(diary, tmp_path):
    for i, pain in enumerate([6, 5, 5, 3]):
        diary.add(entry(D(2026, 3, 1) + dt.timedelta(days=i), pain, 10 * i, "note, with comma" if i == 2 else ""))
    out = diary.export_csv(tmp_path / "export.csv")
    fresh = dy.Diary(tmp_path / "other.csv", today=TODAY)
    assert fresh.import_csv(out) == dy.Imported(added=4, updated=0)
    assert fresh.sorted() == diary.sorted()
    assert dy.Diary(fresh.path).sorted() == diary.sorted()


def test_import_merges_and_updates_existing_dates(diary, tmp_path):
    diary.add(entry("2026-03-01", 7))
    src = tmp_path / "in.csv"
    src.write_text("date,pain,minutes,note\n2026-03-01,4,15,better\n2026-03-02,3,20,\n")
    assert diary.import_csv(src) == dy.Imported(added=1, updated=1)
    assert diary.get("2026-03-01").pain == 4


def test_bad_rows_are_reported_by_line_and_nothing_is_saved(diary, tmp_path):
    diary.add(entry("2026-03-01", 7))
    before = diary.path.read_bytes()
    src = tmp_path / "bad.csv"
    src.write_text(
        "date,pain,minutes,note\n"
        "2026-03-02,3,20,fine\n"
        "2026-03-03,11,20,\n"  # line 3: pain out of range
        "03/04/2026,2,10,\n"  # line 4: bad date
        "2026-03-05,2,lots,\n"  # line 5: minutes not a number
        "2026-03-02,2,10,\n"  # line 6: duplicate date
        "2099-01-01,2,10,\n"  # line 7: future
    )
    with pytest.raises(dy.ImportProblem) as err:
        diary.import_csv(src)
    assert [n for n, _ in err.value.problems] == [3, 4, 5, 6, 7]
    assert "line 3" in str(err.value) and "nothing was imported" in str(err.value)
    assert diary.path.read_bytes() == before and len(diary) == 1


def test_import_with_wrong_columns_is_refused(diary, tmp_path):
    src = tmp_path / "x.csv"
    src.write_text("day,score\n2026-03-02,3\n")
    with pytest.raises(dy.ImportProblem, match="line 1.*date, pain, minutes"):
        diary.import_csv(src)


def test_sample_diary_is_valid_and_about_eight_weeks():
    entries = dy.sample_entries()
    span = (entries[-1].date - entries[0].date).days
    assert 49 <= span <= 63 and len(entries) >= 40
    assert all(e.note == "" or e.note.startswith("sample:") for e in entries)


# --- rolling mean -------------------------------------------------------------------


def test_rolling_mean_is_by_calendar_not_by_count():
    entries = [
        entry("2026-03-01", 8),
        entry("2026-03-02", 6),
        entry("2026-03-07", 4),
        entry("2026-03-08", 2),
        entry("2026-03-10", 3),
    ]
    got = {d.isoformat(): (round(m, 3), n) for d, m, n in dy.rolling_mean(entries)}
    assert got["2026-03-01"] == (8, 1)
    assert got["2026-03-07"] == (6, 3)  # 1st, 2nd and 7th are within 7 days
    assert got["2026-03-08"] == (4, 3)  # the 1st has dropped out: (6 + 4 + 2) / 3
    assert got["2026-03-10"] == (3, 3)  # 4th-10th: (4 + 2 + 3) / 3; missing days are not zeros


def test_example_curve_is_the_acute_average_on_a_0_to_10_scale():
    curve = dict(dy.example_curve(60))
    assert curve[0] == pytest.approx(5.2) and curve[42] == pytest.approx(2.3)


def test_diary_chart_labels_the_example_as_not_a_target():
    from glutecourse.charts.plotting import figure_svg

    recent = dy.Settings(pain_began=D(2026, 2, 25))
    svg = figure_svg(dy_charts.diary_figure([entry("2026-03-01", 6), entry("2026-03-02", 5)], settings=recent))
    assert "example average, not a target" in svg and "7-day rolling mean" in svg


def test_the_acute_average_is_used_only_for_recent_pain_anchored_to_its_start():
    entries = [entry("2026-03-01", 6), entry("2026-03-02", 4), entry("2026-03-09", 3)]
    recent = dy.comparison(entries, dy.Settings(pain_began=D(2026, 2, 20)))
    assert recent == dy.Comparison("acute", offset=9)
    # Anchored: the first entry sits 9 days into the published curve, not at its start.
    assert dict(dy.example_curve(40, start=9))[9] == pytest.approx(dict(dy.example_curve(40))[9])
    assert dict(dy.example_curve(40))[9] < dict(dy.example_curve(40))[0]
    limit = D(2026, 3, 1) - dt.timedelta(weeks=dy.RECENT_WEEKS)
    assert dy.comparison(entries, dy.Settings(pain_began=limit)).kind == "acute"
    for began, why in ((None, "not said"), (limit - dt.timedelta(days=1), "more than"), (D(2026, 3, 5), "after")):
        own = dy.comparison(entries, dy.Settings(pain_began=began))
        assert own.kind == "own" and why in own.reason
        assert own.first_week == pytest.approx((6 + 4) / 2)  # the entries within 7 days of the first


def test_long_standing_pain_is_compared_with_its_own_first_week_and_goals():
    from glutecourse.charts.plotting import figure_svg

    entries = [entry("2026-03-01", 6), entry("2026-03-02", 4), entry("2026-03-09", 3)]
    svg = figure_svg(dy_charts.diary_figure(entries, settings=dy.Settings(D(2025, 6, 1), goal_pain=2, goal_minutes=30)))
    assert "example average" not in svg and "your first week" in svg and "your pain goal (2)" in svg


def test_widget_asks_when_the_pain_began_and_saves_goals(widget):
    for day, pain in (("2026-03-01", "6"), ("2026-03-02", "4")):
        fill(widget, date=day, pain=pain)
        widget.save_button.click()
    widget.draw_button.click()
    assert "your own first week" in widget.chart_caption.value and "not said" in widget.chart_caption.value
    widget.pain_began.value = "2026-02-27"
    widget.goal_pain.value = "1,000"
    widget.settings_button.click()
    assert "Not saved" in widget.message.value and "ambiguous" in widget.message.value
    widget.goal_pain.value = "2"
    widget.settings_button.click()
    assert "settings are saved" in widget.message.value
    assert "began on 2026-02-27, recently" in widget.chart_caption.value and "goals" in widget.chart_caption.value
    assert widget.diary.settings() == dy.Settings(D(2026, 2, 27), 2, None)
    again = dy_ui.diary_widget(dy.Diary(widget.diary.path, today=TODAY))
    again.draw_button.click()
    assert again.pain_began.value == "2026-02-27" and "recently" in again.chart_caption.value


def test_a_damaged_settings_file_is_moved_aside(diary):
    diary.settings_path.write_text('{"format": "glutecourse-diary-settings", "version": 1, "goal_pain": "low"}')
    with pytest.warns(CourseWarning, match="moved to"):
        assert diary.settings() == dy.Settings()


# --- widget -------------------------------------------------------------------------


@pytest.fixture
def widget(diary):
    return dy_ui.diary_widget(diary)


def fill(w, date="2026-03-09", pain="4", minutes="20", note=""):
    w.date.value, w.pain.value, w.minutes.value, w.note.value = date, pain, minutes, note


def test_every_control_is_labelled(widget):
    widget.show_transfer()
    for control in (
        widget.date,
        widget.pain,
        widget.minutes,
        widget.note,
        widget.entry_list,
        widget.export_path,
        widget.import_path,
    ):
        assert control.description
    for button in (
        widget.save_button,
        widget.edit_button,
        widget.delete_button,
        widget.draw_button,
        widget.export_button,
        widget.import_button,
        widget.transfer_button,
    ):
        assert button.description and button.tooltip


def test_widget_adds_an_entry_and_shows_it(widget):
    assert str(widget.diary.path) in widget.info.value
    fill(widget, pain="4", minutes="20", note="<b>walk</b>")
    widget.save_button.click()
    assert "Saved" in widget.message.value and "2026-03-09" in widget.message.value
    assert widget.entry_list.options[0][1] == "2026-03-09" and "pain 4/10" in widget.entry_list.options[0][0]
    assert dy.Diary(widget.diary.path).get("2026-03-09").note == "<b>walk</b>"
    assert widget.pain.value == ""  # form cleared for the next entry


@pytest.mark.parametrize(
    "field, value, needle",
    [
        ("pain", "11", "from 0 to 10"),
        ("pain", "five", "not a number"),
        ("date", "2026-03-11", "in the future"),
        ("minutes", "ten", "not a number"),
        ("date", "next week", "not a date"),
    ],
)
def test_widget_bad_input_gives_a_message_and_saves_nothing(widget, field, value, needle):
    fill(widget)
    getattr(widget, field).value = value
    widget.save_button.click()
    assert "Not saved" in widget.message.value and needle in widget.message.value
    assert not widget.diary.path.exists() and widget.entry_list.options == ()


def test_widget_existing_date_opens_it_for_editing(widget):
    fill(widget, pain="6")
    widget.save_button.click()
    fill(widget, pain="2")
    widget.save_button.click()
    assert "already an entry" in widget.message.value
    assert widget.save_button.description == "Save changes" and widget.pain.value == "6"
    widget.pain.value = "3"
    widget.save_button.click()
    assert dy.Diary(widget.diary.path).get("2026-03-09").pain == 3
    assert widget.save_button.description == "Add entry"


def test_widget_edit_and_delete_selected(widget):
    fill(widget, date="2026-03-08", pain="5")
    widget.save_button.click()
    fill(widget, date="2026-03-09", pain="4")
    widget.save_button.click()
    widget.entry_list.value = "2026-03-08"
    widget.edit_button.click()
    assert widget.pain.value == "5" and widget.date.value == "2026-03-08"
    widget.note.value = "edited"
    widget.save_button.click()
    assert dy.Diary(widget.diary.path).get("2026-03-08").note == "edited"

    widget.entry_list.value = "2026-03-09"
    widget.delete_button.click()
    assert "again" in widget.message.value and len(dy.Diary(widget.diary.path)) == 2  # asks first
    widget.delete_button.click()
    assert "Deleted" in widget.message.value
    assert [v for _, v in widget.entry_list.options] == ["2026-03-08"]


def test_widget_export_and_import(widget, tmp_path):
    fill(widget, date="2026-03-08", pain="5")
    widget.save_button.click()
    widget.show_transfer()
    target = tmp_path / "mine.csv"
    widget.export_path.value = str(target)
    widget.export_button.click()
    assert str(target) in widget.message.value and target.read_text().count("\n") == 2

    bad = tmp_path / "bad.csv"
    bad.write_text("date,pain,minutes,note\n2026-03-01,3,0,\n2026-03-02,12,0,\n")
    widget.import_path.value = str(bad)
    widget.import_button.click()
    assert "Nothing was imported" in widget.message.value and "line 3" in widget.message.value
    assert len(widget.diary) == 1

    good = tmp_path / "good.csv"
    good.write_text("date,pain,minutes,note\n2026-03-01,3,0,\n")
    widget.import_path.value = str(good)
    widget.import_button.click()
    assert "1 new" in widget.message.value and len(widget.entry_list.options) == 2

    widget.import_path.value = str(tmp_path / "missing.csv")
    widget.import_button.click()
    assert "no file" in widget.message.value


def test_widget_draw_shows_sample_without_entries_and_yours_with(widget):
    widget.draw_button.click()
    assert "sample" in widget.chart_caption.value and bytes(widget.chart.value).startswith(b"<?xml")
    fill(widget, pain="4")
    widget.save_button.click()
    widget.draw_button.click()
    assert "1 entries" in widget.chart_caption.value
    assert b"Your pain diary" in bytes(widget.chart.value)


def test_widget_reports_a_corrupt_file(tmp_path):
    path = tmp_path / "pain-diary.csv"
    path.write_text("garbage\n1,2\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CourseWarning)
        w = dy_ui.diary_widget(dy.Diary(path, today=TODAY))
    assert "moved to" in w.message.value


def test_widget_write_failure_is_a_message_not_a_traceback(widget, monkeypatch):
    import errno

    def crash(*a, **k):
        raise OSError(errno.EROFS, "read-only disk (simulated)")

    monkeypatch.setattr(dy.storage, "atomic_write_text", crash)
    fill(widget)
    widget.save_button.click()
    assert "could not be written" in widget.message.value and "read-only" in widget.message.value
    assert widget.entry_list.options == ()


def test_disk_full_is_a_message_and_nothing_is_lost(widget, monkeypatch):
    import errno

    fill(widget, date="2026-03-08")
    widget.save_button.click()
    before = widget.diary.path.read_bytes()
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda *a, **k: Full(real_fdopen(*a, **k)))
    fill(widget, date="2026-03-09")
    widget.save_button.click()
    monkeypatch.undo()
    assert "Not saved" in widget.message.value and "disk is full" in widget.message.value
    assert widget.diary.path.read_bytes() == before and len(widget.entry_list.options) == 1


def test_home_pointing_at_a_file_or_a_folder_in_the_way(tmp_path, monkeypatch):
    afile = tmp_path / "not-a-folder"
    afile.write_text("hello")
    monkeypatch.setenv("GLUTECOURSE_HOME", str(afile))
    w = dy_ui.diary_widget()  # no exception
    assert "Not saved" in w.message.value and "not a folder" in w.message.value
    fill(w)
    w.save_button.click()
    assert "could not be written" in w.message.value and afile.read_text() == "hello"

    folder = tmp_path / "home"
    (folder / "pain-diary.csv").mkdir(parents=True)
    monkeypatch.setenv("GLUTECOURSE_HOME", str(folder))
    w = dy_ui.diary_widget()
    assert "cannot be read" in w.message.value and "is a folder" in w.message.value
    fill(w)
    w.save_button.click()
    assert "could not be written" in w.message.value and (folder / "pain-diary.csv").is_dir()


def test_a_lone_surrogate_in_a_note_is_refused_and_no_stale_saved_stays(widget):
    fill(widget, date="2026-03-08", note="first")
    widget.save_button.click()
    assert "Saved" in widget.message.value
    before = widget.diary.path.read_bytes()
    fill(widget, date="2026-03-09", note="broken \udcff paste")
    widget.save_button.click()
    assert "Saved." not in widget.message.value and "Not saved" in widget.message.value
    assert "cannot be saved" in widget.message.value
    widget.message.value.encode("utf-8")  # the message itself can be sent to the browser
    assert widget.diary.path.read_bytes() == before
    with pytest.raises(dy.EntryError) as err:
        dy.validate_entry("2026-03-09", 3, 0, "x\udcffy", today=TODAY)
    assert err.value.field == "note"


# --- injection and hostile CSV -------------------------------------------------------

FORMULAS = [
    "=1+1",
    "+44 20 7946 0000",
    "-2 since yesterday",
    "@SUM(A1:A3)",
    '=HYPERLINK("http://x")',
    "'quoted already",
    "'=already protected?",
]


def test_formula_notes_are_neutralised_on_export_and_restored_on_import(diary, tmp_path):
    import csv
    import io

    for i, note in enumerate(FORMULAS):
        diary.add(entry(D(2026, 3, 1) + dt.timedelta(days=i), 3, 0, note))
    out = diary.export_csv(tmp_path / "export.csv")
    cells = [row["note"] for row in csv.DictReader(io.StringIO(out.read_text()))]
    assert all(not c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)  # a spreadsheet runs none
    assert cells == ["'" + n for n in FORMULAS]
    fresh = dy.Diary(tmp_path / "other.csv", today=TODAY)
    fresh.import_csv(out)
    assert [e.note for e in fresh.sorted()] == FORMULAS  # the reader's text, intact
    assert [e.note for e in dy.Diary(diary.path).sorted()] == FORMULAS  # the saved diary too


@pytest.mark.parametrize("note", ["\t=1+1", "\r=1+1", "\t+1", "=cmd|' /C calc'!A0"])
def test_tab_or_carriage_return_before_a_formula_is_neutralised_too(note):
    assert dy.protect_note(note) == "'" + note and dy.restore_note(dy.protect_note(note)) == note


def test_entries_that_validation_would_refuse_cannot_be_saved_through_the_api(diary):
    for bad in ("\r=1+1", "two\nlines", "x\udcffy"):
        with pytest.raises(dy.EntryError):
            diary.add(dy.Entry(D(2026, 3, 1), 3, 0, bad))
    with pytest.raises(dy.EntryError):
        diary.add(dy.Entry(D(2026, 3, 1), 11, 0, ""))
    assert len(dy.Diary(diary.path)) == 0


def test_an_unterminated_quote_is_refused_by_line_and_swallows_nothing(diary, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(
        'date,pain,minutes,note\n2026-03-01,3,0,fine\n2026-03-02,4,0,"oops\n'
        "2026-03-03,5,0,after\n2026-03-04,2,0,also after\n"
    )
    with pytest.raises(dy.ImportProblem) as err:
        diary.import_csv(src)
    assert [n for n, _ in err.value.problems] == [3] and "quote" in err.value.problems[0][1]
    assert len(diary) == 0
    entries, problems = dy.parse_csv(src.read_text(), today=TODAY)
    assert [e.date.day for e in entries] == [1, 3, 4]  # the rows after the bad line are rows, not a note


# --- exports never destroy anything ---------------------------------------------------


def test_export_never_overwrites_without_an_explicit_choice(diary, tmp_path):
    diary.add(entry("2026-03-08"))
    target = tmp_path / "mine.csv"
    target.write_text("my own spreadsheet")
    with pytest.raises(FileExistsError, match="already a file"):
        diary.export_csv(target)
    assert target.read_text() == "my own spreadsheet"
    diary.export_csv(target, overwrite=True)
    assert target.read_text().startswith("date,pain,minutes,note")


def test_export_refuses_the_reader_own_files_and_the_course_data(home):
    from glutecourse.core.paths import data_dir
    from glutecourse.topics.progress import ProgressStore

    d = dy.Diary(today=TODAY)
    d.add(entry("2026-03-08"))
    store = ProgressStore()
    store.record(notebook="00-start-here", bank="00-warm-up", question="glute-count", correct=True)
    saved = {p: p.read_bytes() for p in (d.path, store.path)}
    for target in (d.path, store.path, home / "pain-diary.csv.lock"):
        with pytest.raises(PermissionError, match="where the course keeps your own work"):
            d.export_csv(target, overwrite=True)
    for target in (data_dir() / "pain.csv", data_dir() / "diary-sample.csv", data_dir()):
        with pytest.raises(PermissionError, match="course's own data folder"):
            d.export_csv(target, overwrite=True)
    assert {p: p.read_bytes() for p in saved} == saved
    assert not (data_dir() / "pain.csv").exists()


def test_widget_asks_before_replacing_a_file(widget, tmp_path):
    fill(widget, date="2026-03-08")
    widget.save_button.click()
    widget.show_transfer()
    target = tmp_path / "mine.csv"
    target.write_text("keep me")
    widget.export_path.value = str(target)
    widget.export_button.click()
    assert "Press Export CSV again to replace it" in widget.message.value and target.read_text() == "keep me"
    widget.export_button.click()
    assert "Exported 1 entries" in widget.message.value and target.read_text().startswith("date,")
    widget.export_path.value = str(widget.diary.path)
    widget.export_button.click()
    widget.export_button.click()
    assert "Not exported" in widget.message.value and len(dy.Diary(widget.diary.path)) == 1


# --- notebook 09 ----------------------------------------------------------------------


def _notebook_text():
    import nbformat

    from conftest import NOTEBOOKS

    nb = nbformat.read(NOTEBOOKS / "09-pain-diary.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_notebook_09_gives_recurrence_with_its_definitions_from_the_data():
    from glutecourse.topics.timeline import prognosis

    text = _notebook_text()
    figures = [
        f for f in prognosis().findings if f.ref == "da-silva-2019" and f.group == "recurrence" and f.unit == "%"
    ]
    assert len(figures) == 3  # any recurrence, activity-limiting, sought care
    for f in figures:
        assert f"{f.value}%" in text
    assert "more than two thirds" not in text  # the largest figure is never given alone


def test_notebook_09_uses_the_public_advice_on_when_to_see_a_gp():
    text = _notebook_text()
    assert "not improving after a few weeks of home care" in text
    import re

    for sentence in re.split(r"(?<=[.;:])\s", text):  # no GP or doctor advice with a few-days threshold
        assert not ("few days" in sentence and re.search(r"\b(GP|doctor|physiotherapist)\b", sentence)), sentence
    assert "began recently" in text and "your own first week" in text.lower()


@pytest.mark.parametrize("began_days_before", [None, 3])
def test_chart_axis_ends_today_or_at_the_last_entry(began_days_before):
    """Nothing is drawn after today: the axis ends at the ``today`` passed in, or at the last
    entry; the example average stops there too."""
    from matplotlib.dates import date2num

    first = dt.date(2026, 3, 1)
    entries = [dy.Entry(first + dt.timedelta(days=i), 7 - i // 2, 10, "") for i in range(10)]
    began = first - dt.timedelta(days=began_days_before) if began_days_before else None
    settings = dy.Settings(pain_began=began) if began else dy.Settings()
    last = entries[-1].date
    for today, end in ((None, last), (last + dt.timedelta(days=5), last + dt.timedelta(days=5))):
        fig = dy_charts.diary_figure(entries, settings=settings, today=today)
        ax = fig.axes[0]
        assert ax.get_xlim()[1] == date2num(end + dt.timedelta(days=1))
        for line in ax.get_lines():
            xs = [date2num(x) if isinstance(x, dt.date) else x for x in line.get_xdata()]
            assert max(xs) <= date2num(end), "a line runs past the chart's end"


# --- the editor, without widgets (glutecourse.topics.diary.Editor) -----------------------


def test_editor_adds_then_loads_an_existing_date_instead_of_overwriting(diary):
    ed = dy.Editor(diary)
    added = ed.save("2026-03-09", "4", "20", "")
    assert added.kind == "ok" and added.form == "clear" and added.select == dt.date(2026, 3, 9)
    again = ed.save("2026-03-09", "7", "0", "")
    assert again.kind == "info" and again.form == "load" and "already an entry" in again.text
    assert ed.editing == dt.date(2026, 3, 9) and ed.editing_entry.pain == 4
    assert dy.Diary(diary.path).get("2026-03-09").pain == 4  # nothing overwritten
    changed = ed.save("2026-03-09", "7", "0", "")
    assert changed.kind == "ok" and "changed" in changed.text and dy.Diary(diary.path).get("2026-03-09").pain == 7
    assert ed.editing is None


def test_editor_reports_a_bad_entry_and_asks_twice_before_deleting(diary):
    ed = dy.Editor(diary)
    bad = ed.save("2026-03-09", "11", "0", "")
    assert bad.kind == "error" and bad.form is None and len(dy.Diary(diary.path)) == 0
    ed.save("2026-03-09", "4", "20", "")
    assert ed.delete(None).text == "Choose an entry in the list first."
    first = ed.delete("2026-03-09")
    assert first.kind == "info" and "again" in first.text and len(dy.Diary(diary.path)) == 1
    second = ed.delete("2026-03-09")
    assert second.kind == "ok" and len(dy.Diary(diary.path)) == 0


def test_editor_export_asks_before_replacing_and_import_lists_bad_rows(diary, tmp_path):
    ed = dy.Editor(diary)
    ed.save("2026-03-09", "4", "20", "")
    target = tmp_path / "out.csv"
    target.write_text("keep me")
    asked = ed.export(str(target))
    assert asked.kind == "info" and target.read_text() == "keep me"
    done = ed.export(str(target))
    assert done.kind == "ok" and target.read_text().startswith("date,")
    bad = tmp_path / "bad.csv"
    bad.write_text("date,pain,minutes,note\n2026-03-01,4,10,\n2026-03-02,eleven,10,\n")
    out = ed.import_(str(bad))
    assert out.kind == "error" and out.problems and out.problems[0][0] == 3 and out.path == str(bad)
    assert len(dy.Diary(diary.path)) == 1  # one bad row imports nothing


def test_editor_says_what_the_form_the_list_and_the_chart_show(diary):
    """The view copies these across: the form's boxes and button, the list, the chart."""
    ed = dy.Editor(diary)
    empty = ed.chart(today=TODAY)
    assert empty.sample and empty.caption == dy.SAMPLE_CAPTION
    assert ed.form() == dy.Form((("pain", ""), ("minutes", ""), ("note", "")), editing=False)
    assert ed.form().save_label == "Add entry"
    for day, pain in (("2026-03-01", "6"), ("2026-03-02", "4")):
        ed.save(day, pain, "10", "")
    saved = diary.sorted()
    assert ed.choices() == [(e.label(), e.date.isoformat()) for e in reversed(saved)]
    assert str(diary.path) in ed.info() and f"{len(saved)} entries" in ed.info()
    ed.edit(saved[0].date.isoformat())
    form = ed.form()
    assert form.editing and form.save_label == "Save changes"
    first = saved[0]
    assert dict(form.values) == {
        "date": first.date.isoformat(),
        "pain": str(first.pain),
        "minutes": str(first.minutes),
        "note": first.note,
    }
    ed.cancel()
    assert not ed.form().editing
    plan = ed.chart(today=TODAY)
    assert not plan.sample and plan.entries == tuple(saved) and plan.today == TODAY
    assert plan.caption == dy.caption(saved, plan.settings)
    assert f"{len(saved)} entries" in plan.caption and "not said" in plan.caption
    assert ed.settings_form() == dy.SettingsBoxes(pain_began="", goal_pain="", goal_minutes="")
    ed.save_settings("2026-02-27", "2", "")
    assert ed.settings_form() == dy.SettingsBoxes(pain_began="2026-02-27", goal_pain="2", goal_minutes="")
    recent = ed.chart(today=TODAY)
    assert "began on 2026-02-27, recently" in recent.caption and "goals" in recent.caption
    assert ed.default_export().endswith("pain-diary-export.csv")


def test_an_import_lists_at_most_twenty_bad_rows_then_counts_the_rest():
    problems = tuple((n, "pain must be 0-10") for n in range(2, 2 + dy.Outcome.SHOWN_PROBLEMS + 5))
    lines = dy.Outcome("error", "Nothing was imported.", problems=problems).problem_lines()
    assert len(lines) == dy.Outcome.SHOWN_PROBLEMS + 1 and lines[0] == "line 2: pain must be 0-10"
    assert lines[-1] == "… and 5 more"
