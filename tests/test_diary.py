"""The pain diary: validation a reader would notice, safe saving, edit/delete,
export/import, the rolling mean, and the widget driven headless."""

import datetime as dt
import os
import warnings

import pytest

from glutecourse import diary as dy
from glutecourse.errors import CourseWarning

TODAY = dt.date(2026, 3, 10)
D = dt.date


def entry(day, pain=4, minutes=20, note=""):
    return dy.validate_entry(day, pain, minutes, note, today=TODAY)


# --- validation ---------------------------------------------------------------------

def test_good_input_is_cleaned():
    e = dy.validate_entry(" 2026-03-09 ", " 4 ", "30", "  walked   to work\n", today=TODAY)
    assert e == dy.Entry(D(2026, 3, 9), 4, 30, "walked to work")
    assert dy.validate_entry(D(2026, 3, 10), 0, "", today=TODAY).minutes == 0  # empty minutes mean none


@pytest.mark.parametrize("pain, needle", [
    ("11", "from 0 to 10"), (11, "11 is outside"), ("-1", "-1 is outside"), ("five", "“five” is not a number"),
    ("", "Please enter pain"), ("4.5", "has a fraction"), (True, "whole number"),
])
def test_bad_pain_gets_a_clear_message(pain, needle):
    with pytest.raises(dy.EntryError, match=needle) as err:
        dy.validate_entry("2026-03-09", pain, 10, today=TODAY)
    assert err.value.field == "pain"


@pytest.mark.parametrize("date, needle", [
    ("2026-03-11", "in the future"), ("2027-01-01", "in the future"), ("14/03/2026", "year-month-day"),
    ("yesterday", "not a date"), ("2026-02-30", "not a date"), ("", "Please enter a date"), (None, "Please enter a date"),
])
def test_bad_dates_get_a_clear_message(date, needle):
    with pytest.raises(dy.EntryError, match=needle) as err:
        dy.validate_entry(date, 3, 10, today=TODAY)
    assert err.value.field == "date"


@pytest.mark.parametrize("minutes, needle", [("-5", "-5 is outside"), ("2000", "1,440 minutes"), ("half an hour", "not a number")])
def test_bad_minutes_get_a_clear_message(minutes, needle):
    with pytest.raises(dy.EntryError, match=needle) as err:
        dy.validate_entry("2026-03-09", 3, minutes, today=TODAY)
    assert err.value.field == "minutes"


def test_overlong_note_is_refused():
    with pytest.raises(dy.EntryError, match="keep it to 200"):
        dy.validate_entry("2026-03-09", 3, 10, "x" * 201, today=TODAY)


# --- persistence --------------------------------------------------------------------

@pytest.fixture
def diary(tmp_path):
    return dy.Diary(tmp_path / "pain-diary.csv", today=TODAY)


def test_default_location_is_the_reader_folder_outside_the_repository(home):
    from glutecourse.paths import repo_root

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


@pytest.mark.parametrize("content", [
    "this is not a diary\n", "date,pain,minutes,note\n2026-03-01,eleven,0,\n", b"\xff\xfe\x00garbage",
    "date,pain,minutes,note\n2026-03-01,3,0,\n2026-03-01,4,0,\n",
])
def test_a_corrupted_file_is_moved_aside_with_a_warning(tmp_path, content):
    path = tmp_path / "pain-diary.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.warns(CourseWarning, match="moved to"):
        d = dy.Diary(path, today=TODAY)
    assert len(d) == 0 and "moved to" in d.warning
    moved = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(moved) == 1 and moved[0].read_bytes() == (content if isinstance(content, bytes) else content.encode())
    d.add(entry("2026-03-09"))
    assert len(dy.Diary(path)) == 1


# --- export / import ----------------------------------------------------------------

def test_export_import_round_trip(diary, tmp_path):
    for i, pain in enumerate([6, 5, 5, 3]):
        diary.add(entry(D(2026, 3, 1) + dt.timedelta(days=i), pain, 10 * i, "note, with comma" if i == 2 else ""))
    out = diary.export_csv(tmp_path / "export.csv")
    fresh = dy.Diary(tmp_path / "other.csv", today=TODAY)
    assert fresh.import_csv(out) == {"added": 4, "updated": 0}
    assert fresh.sorted() == diary.sorted()
    assert dy.Diary(fresh.path).sorted() == diary.sorted()


def test_import_merges_and_updates_existing_dates(diary, tmp_path):
    diary.add(entry("2026-03-01", 7))
    src = tmp_path / "in.csv"
    src.write_text("date,pain,minutes,note\n2026-03-01,4,15,better\n2026-03-02,3,20,\n")
    assert diary.import_csv(src) == {"added": 1, "updated": 1}
    assert diary.get("2026-03-01").pain == 4


def test_bad_rows_are_reported_by_line_and_nothing_is_saved(diary, tmp_path):
    diary.add(entry("2026-03-01", 7))
    before = diary.path.read_bytes()
    src = tmp_path / "bad.csv"
    src.write_text(
        "date,pain,minutes,note\n"
        "2026-03-02,3,20,fine\n"
        "2026-03-03,11,20,\n"          # line 3: pain out of range
        "03/04/2026,2,10,\n"           # line 4: bad date
        "2026-03-05,2,lots,\n"         # line 5: minutes not a number
        "2026-03-02,2,10,\n"           # line 6: duplicate date
        "2099-01-01,2,10,\n"           # line 7: future
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
    entries = [entry("2026-03-01", 8), entry("2026-03-02", 6), entry("2026-03-07", 4), entry("2026-03-08", 2),
               entry("2026-03-10", 3)]
    got = {d.isoformat(): (round(m, 3), n) for d, m, n in dy.rolling_mean(entries)}
    assert got["2026-03-01"] == (8, 1)
    assert got["2026-03-07"] == (6, 3)        # 1st, 2nd and 7th are within 7 days
    assert got["2026-03-08"] == (4, 3)        # the 1st has dropped out: (6 + 4 + 2) / 3
    assert got["2026-03-10"] == (3, 3)        # 4th-10th: (4 + 2 + 3) / 3; missing days are not zeros


def test_example_curve_is_the_acute_average_on_a_0_to_10_scale():
    curve = dict(dy.example_curve(60))
    assert curve[0] == pytest.approx(5.2) and curve[42] == pytest.approx(2.3)


def test_diary_chart_labels_the_example_as_not_a_target():
    from glutecourse.plots import figure_svg

    svg = figure_svg(dy.diary_figure([entry("2026-03-01", 6), entry("2026-03-02", 5)]))
    assert "example average, not a target" in svg and "7-day rolling mean" in svg


# --- widget -------------------------------------------------------------------------

@pytest.fixture
def widget(diary):
    return dy.diary_widget(diary)


def fill(w, date="2026-03-09", pain="4", minutes="20", note=""):
    w.date.value, w.pain.value, w.minutes.value, w.note.value = date, pain, minutes, note


def test_every_control_is_labelled(widget):
    widget.show_transfer()
    for control in (widget.date, widget.pain, widget.minutes, widget.note, widget.entry_list,
                    widget.export_path, widget.import_path):
        assert control.description
    for button in (widget.save_button, widget.edit_button, widget.delete_button, widget.draw_button,
                   widget.export_button, widget.import_button, widget.transfer_button):
        assert button.description and button.tooltip


def test_widget_adds_an_entry_and_shows_it(widget):
    assert str(widget.diary.path) in widget.info.value
    fill(widget, pain="4", minutes="20", note="<b>walk</b>")
    widget.save_button.click()
    assert "Saved" in widget.message.value and "2026-03-09" in widget.message.value
    assert widget.entry_list.options[0][1] == "2026-03-09" and "pain 4/10" in widget.entry_list.options[0][0]
    assert dy.Diary(widget.diary.path).get("2026-03-09").note == "<b>walk</b>"
    assert widget.pain.value == ""  # form cleared for the next entry


@pytest.mark.parametrize("field, value, needle", [
    ("pain", "11", "from 0 to 10"), ("pain", "five", "not a number"), ("date", "2026-03-11", "in the future"),
    ("minutes", "ten", "not a number"), ("date", "next week", "not a date"),
])
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
        w = dy.diary_widget(dy.Diary(path, today=TODAY))
    assert "moved to" in w.message.value


def test_widget_write_failure_is_a_message_not_a_traceback(widget, monkeypatch):
    def crash(*a, **k):
        raise OSError("read-only disk (simulated)")

    monkeypatch.setattr(dy, "atomic_write_text", crash)
    fill(widget)
    widget.save_button.click()
    assert "could not be written" in widget.message.value and widget.entry_list.options == ()
