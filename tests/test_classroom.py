"""Classroom kit: progress export, class results, answer keys, slides, static site, Voila."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, course_notebooks
from glutecourse.topics.classroom import (
    TopicStrength,
    load_class,
    most_missed,
    question_stats,
    reader_scores,
    score_bins,
    topic_strengths,
)
from glutecourse.topics.progress import ProgressStore, export_progress
from glutecourse.ui.classroom import ClassReport, class_results
from glutecourse.ui.progress import progress_dashboard


def make_reader(tmp_path, name, answers):
    store = ProgressStore(tmp_path / f"{name}-progress.json")
    for qid, ok in answers:
        store.record(notebook="00-start-here", bank="00-warm-up", question=qid, correct=ok, topic="Getting started")
    return store


@pytest.fixture
def small_class(tmp_path):
    folder = tmp_path / "class"
    a = make_reader(
        tmp_path,
        "a",
        [("emergency-sign", True), ("specific-cause", False), ("specific-cause", True), ("glute-count", False)],
    )
    b = make_reader(tmp_path, "b", [("emergency-sign", True), ("glute-count", False)])
    export_progress(a, "Ana", folder)
    export_progress(b, "", folder)
    return folder


def test_export_then_load_gives_exact_numbers(small_class):
    cls = load_class(small_class)
    assert len(cls.readers) == 2 and cls.skipped == ()
    scores = {r.reader: r for r in reader_scores(cls)}
    ana = scores["Ana"]
    assert (ana.answered, ana.correct, ana.percent) == (3, 2, 67) and ana.file.startswith("progress-export-ana-")
    anon = next(v for k, v in scores.items() if k != "Ana")
    assert anon.answered == 2 and anon.correct == 1 and anon.reader.startswith("reader ")
    per_q = {r.question: r for r in question_stats(cls)}
    assert per_q["emergency-sign"].percent == 100
    assert per_q["glute-count"].percent == 0 and per_q["glute-count"].answered == 2
    assert per_q["specific-cause"].answered == 1  # latest try counts (wrong, then right)
    assert most_missed(cls, n=1, min_answers=2)[0].question == "glute-count"
    assert topic_strengths(cls) == [TopicStrength("Getting started", 5, 3, 60)]
    assert sum(b.readers for b in score_bins(cls)) == 2


def test_bad_files_are_listed_and_skipped(small_class):
    (small_class / "broken.json").write_text('{"format": "glutecourse-progress-export", "reader": ')
    (small_class / "foreign.json").write_text(json.dumps({"students": [1, 2]}))
    (small_class / "notes.txt").write_text("hello")
    first = next(small_class.glob("progress-export-ana-*.json"))
    older = json.loads(first.read_text())
    older["exported_at"] = "2000-01-01T00:00:00+00:00"
    (small_class / "ana-old.json").write_text(json.dumps(older))
    odd = dict(older, reader="zzz", attempts=[{"bank": "00-warm-up", "question": "q", "correct": "yes"}])
    (small_class / "malformed.json").write_text(json.dumps(odd))
    unknown = dict(
        older,
        reader="yyy",
        attempts=[
            {
                "notebook": "00-start-here",
                "bank": "retired",
                "question": "q",
                "topic": "",
                "correct": True,
                "at": older["exported_at"],
            }
        ],
    )
    (small_class / "unknown.json").write_text(json.dumps(unknown))
    cls = load_class(small_class)
    reasons = cls.reasons
    assert len(cls.readers) == 2
    assert "not valid JSON" in reasons["broken.json"]
    assert "foreign" in reasons["foreign.json"]
    assert "not a .json export" in reasons["notes.txt"]
    assert "duplicate" in reasons["ana-old.json"]
    assert "malformed" in reasons["malformed.json"]
    assert "foreign" in reasons["unknown.json"]
    html = ClassReport(small_class).html()
    for name in reasons:
        assert name in html


def valid_export(small_class, **changes) -> dict:
    """A copy of one real export in the class folder (Ana's), with fields changed."""
    data = json.loads(next(small_class.glob("progress-export-ana-*.json")).read_text())
    return {**data, **changes}


def run_with_deadline(func, seconds=60):
    """Run func in a thread; fail (instead of hanging the suite) if it blocks, for
    example on a named pipe."""
    import threading

    box = {}

    def run():
        try:
            box["value"] = func()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread below
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "load_class blocked (did it open a named pipe?)"
    if "error" in box:
        raise box["error"]
    return box["value"]


def shown(cls):
    """Every entry the report accounts for: loaded files and skipped entries."""
    return [r.file for r in cls.readers] + [s.name for s in cls.skipped]


def test_links_are_never_followed(small_class, tmp_path):
    """A link to a valid export outside the folder is listed, not loaded; so is a link to
    a file inside it (the file itself is loaded once, under its own name)."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    secret = outside / "someone-else.json"
    secret.write_text(json.dumps(valid_export(small_class, reader="outsider", name="Outsider")))
    (small_class / "outside-link.json").symlink_to(secret)
    inside_target = next(small_class.glob("progress-export-ana-*.json"))
    (small_class / "inside-link.json").symlink_to(inside_target.name)
    (small_class / "broken-link.json").symlink_to(tmp_path / "gone.json")
    (small_class / "loop-link.json").symlink_to("loop-link.json")
    cls = load_class(small_class)
    reasons = cls.reasons
    assert "Outsider" not in [r.name for r in cls.readers]
    assert "outside this folder" in reasons["outside-link.json"] and "not followed" in reasons["outside-link.json"]
    assert inside_target.name in reasons["inside-link.json"] and "not followed" in reasons["inside-link.json"]
    assert "broken link" in reasons["broken-link.json"] and "broken link" in reasons["loop-link.json"]
    assert sorted(r.file for r in cls.readers) == sorted(p.name for p in small_class.glob("progress-export-*.json"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
def test_every_entry_is_loaded_or_listed_with_a_reason(small_class, tmp_path, monkeypatch):
    folder = small_class
    (folder / ".hidden-export.json").write_text(json.dumps(valid_export(folder, reader="hidden")))
    (folder / ".ipynb_checkpoints").mkdir()
    (folder / "group-b").mkdir()
    (folder / "group-b" / "x.json").write_text(json.dumps(valid_export(folder, reader="nested")))
    os.mkfifo(folder / "pipe.json")
    (folder / "device-link.json").symlink_to(os.devnull)
    (folder / "folder-link").symlink_to(tmp_path)
    (folder / "locked.json").write_text(json.dumps(valid_export(folder, reader="locked")))
    (folder / "notes.txt").write_text("hello")
    (folder / "foreign.json").write_text(json.dumps({"students": [1, 2]}))
    (folder / "broken.json").write_text('{"format": "glutecourse-progress-export", "reader": ')
    (folder / "invalid.json").write_text(json.dumps(valid_export(folder, reader="zzz", version="one")))
    (folder / "ana-again.json").write_text(json.dumps(valid_export(folder, exported_at="2000-01-01T00:00:00+00:00")))
    (folder / "own-progress.json").write_text(
        json.dumps({"format": "glutecourse-progress", "version": 1, "reader": "abc", "attempts": []})
    )
    # The tests run as root here, where file permissions do not stop reading: refuse the
    # open the way the system would for a file the teacher may not read.
    real_open = os.open

    def deny(path, *args, **kwargs):
        if os.fspath(path).endswith("locked.json"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    cls = run_with_deadline(lambda: load_class(folder))
    on_disk = sorted(os.listdir(folder))
    assert sorted(shown(cls)) == on_disk, "every entry appears exactly once, loaded or skipped"
    reasons = cls.reasons
    expected = {
        ".hidden-export.json": "hidden",
        ".ipynb_checkpoints": "hidden",
        "group-b": "subfolder",
        "pipe.json": "named pipe",
        "device-link.json": "link to a device",
        "folder-link": "link to a folder",
        "locked.json": "permission denied",
        "notes.txt": "not a .json export",
        "foreign.json": "foreign",
        "broken.json": "not valid JSON",
        "invalid.json": "malformed export",
        "ana-again.json": "duplicate",
        "own-progress.json": "own progress file",
    }
    for name, words in expected.items():
        assert words in reasons[name], (name, reasons[name])
    assert "version" in reasons["invalid.json"]
    html = ClassReport(folder).html()
    for name in on_disk:
        assert f"<code>{name}</code>" in html, name


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


HOSTILE = {
    # name: (file content, words the reason must contain)
    "deep-brackets.json": (nested(1000), "nested more than"),
    "deep-inside-export.json": (
        '{"format": "glutecourse-progress-export", "reader": "d", "attempts": ' + nested(1000) + "}",
        "nested more than",
    ),
    "deep-objects.json": ('{"a":' * 1000 + "1" + "}" * 1000, "nested more than"),
    "huge-float.json": (None, "out of range"),
    "huge-int.json": (None, "digits"),
    "nan.json": (None, "NaN"),
    "correct-is-text.json": (None, "correct"),
    "bank-is-a-list.json": (None, "bank"),
    "notebook-is-null.json": (None, "notebook"),
    "no-reader.json": (None, "reader"),
    "attempts-not-a-list.json": (None, "attempts"),
    "not-utf8.json": (b'{"name": "\xff\xfe"}', "not UTF-8"),
    "empty.json": ("", "not valid JSON"),
}


def hostile_files(folder, base: dict):
    attempt = base["attempts"][0]
    contents = {
        "huge-float.json": json.dumps({**base, "reader": "f"}).replace('"version": 1', '"version": 1e400'),
        "huge-int.json": json.dumps({**base, "reader": "i"}).replace('"version": 1', '"version": 1' + "0" * 5000),
        "nan.json": json.dumps({**base, "reader": "n", "version": float("nan")}),
        "correct-is-text.json": json.dumps({**base, "reader": "c", "attempts": [{**attempt, "correct": "no"}]}),
        "bank-is-a-list.json": json.dumps({**base, "reader": "b", "attempts": [{**attempt, "bank": ["00-warm-up"]}]}),
        "notebook-is-null.json": json.dumps({**base, "reader": "nb", "attempts": [{**attempt, "notebook": None}]}),
        "no-reader.json": json.dumps({k: v for k, v in base.items() if k != "reader"}),
        "attempts-not-a-list.json": json.dumps({**base, "reader": "a", "attempts": {"0": attempt}}),
    }
    for name, (content, _) in HOSTILE.items():
        content = contents.get(name, content)
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def test_hostile_json_is_skipped_with_a_reason_and_never_crashes(small_class):
    hostile_files(small_class, valid_export(small_class))
    assert len((small_class / "deep-brackets.json").read_bytes()) <= 2048  # the 2 KB file of the issue
    cls = run_with_deadline(lambda: load_class(small_class))
    reasons = cls.reasons
    assert len(cls.readers) == 2
    for name, (_, words) in HOSTILE.items():
        assert words in reasons[name], (name, reasons[name])
    html = ClassReport(small_class).html()
    assert "Traceback" not in html and all(f"<code>{name}</code>" in html for name in reasons)


def test_a_file_over_the_size_cap_is_skipped(small_class):
    from glutecourse.topics.classroom import MAX_EXPORT_BYTES

    with open(small_class / "huge.json", "wb") as handle:  # sparse: costs no disk space
        handle.truncate(MAX_EXPORT_BYTES + 1)
    cls = load_class(small_class)
    assert "too large" in cls.reasons["huge.json"] and len(cls.readers) == 2


def test_export_with_no_answers_is_listed_not_counted_as_zero(small_class):
    before = load_class(small_class)
    expected_mean = sum(r.percent for r in reader_scores(before)) / len(before.readers)
    (small_class / "new-reader.json").write_text(
        json.dumps(valid_export(small_class, reader="fresh", name="Fresh", attempts=[]))
    )
    cls = load_class(small_class)
    assert "Fresh" in [r.name for r in cls.readers]
    fresh = next(r for r in reader_scores(cls) if r.reader == "Fresh")
    assert fresh.answered == 0 and fresh.percent is None
    html = ClassReport(small_class).html()
    assert f"mean score {expected_mean:.0f}%" in html
    assert "1 of them with no answers yet" in html
    row = re.search(r"<tr><td[^>]*>Fresh</td>.*?</tr>", html).group(0)
    assert "no answers yet" in row and "0%" not in row
    assert sum(b.readers for b in score_bins(cls)) == len(before.readers)


def test_names_and_file_names_with_markup_show_as_text(small_class):
    from glutecourse.charts.classroom import class_figure

    hostile_name = "<strong>Bo</strong> <script>alert(1)</script> \u202eevil\ud800"
    export = valid_export(small_class, reader="bo", name=hostile_name)
    (small_class / "<b>bold.json").write_text(json.dumps(export))
    (small_class / "<img src=x onerror=alert(1)>.txt").write_text("x")
    with open(os.path.join(os.fsencode(small_class), b"not-utf8-\xff\xe2\x80\xae.json"), "wb") as handle:
        handle.write(b"{}")  # a file name that is not UTF-8, and a right-to-left override
    report = ClassReport(small_class)
    html = report.html()
    assert "<strong>Bo" not in html and "<script>" not in html and "<b>bold" not in html and "<img" not in html
    html.encode("utf-8")  # no lone surrogate reaches the page (the notebook could not send it)
    assert "&lt;strong&gt;Bo&lt;/strong&gt; &lt;script&gt;" in html
    assert "<code>&lt;b&gt;bold.json</code>" in html and "<code>&lt;img src=x onerror=alert(1)&gt;.txt</code>" in html
    assert "\u202e" not in html and "<code>not-utf8-\\xff\\u202e.json</code>" in html
    fig = class_figure(report.data, title="Class $x$ <b>")
    texts = [t for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    drawn = " ".join(t.get_text() for t in texts)
    assert "Bo" not in drawn and "script" not in drawn  # reader names never reach the chart
    title = next(t for t in texts if t.get_text() == "Class $x$ <b>")
    assert title.get_parse_math() is False


def test_missing_folder_is_reported_not_raised(tmp_path):
    cls = load_class(tmp_path / "nope")
    assert cls.readers == () and cls.problem == "folder not found"
    assert "Nothing loaded from" in ClassReport(tmp_path / "nope").html()


def test_dashboard_export_button_writes_a_loadable_file(tmp_path, home):
    store = make_reader(tmp_path, "c", [("glute-count", True)])
    dash = progress_dashboard(store)
    dash.name.value = "Sam <script>"
    dash.export_button.click()
    assert "Saved" in dash.export_message.value and "<script>" not in dash.export_message.value
    path = next((store.path.parent / "exports").glob("progress-export-sam-script-*.json"))
    cls = load_class(path.parent)
    assert cls.readers[0].name == "Sam <script>"
    assert "Sam &lt;script&gt;" in ClassReport(path.parent).html()


def test_draw_button_draws_a_chart(small_class):
    view = class_results(small_class)
    view.draw_button.click()
    assert view.chart.value[:4] == b"\x89PNG" and view.chart.layout.display is None


# ------------------------------------------------------------------ the notebook's controls (issue 13)


def upload_value(folder, names):
    """What an ipywidgets FileUpload holds after a teacher chose these files."""
    import datetime

    return tuple(
        {
            "name": n,
            "type": "application/json",
            "size": (folder / n).stat().st_size,
            "last_modified": datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc),
            "content": memoryview((folder / n).read_bytes()),
        }
        for n in names
    )


def test_question_rows_show_the_question_text_with_its_id_in_small_type():
    from html import escape

    from glutecourse.topics.classroom import QUESTION_TEXT_CHARS, known_questions, sample_class_folder

    report = ClassReport(sample_class_folder())
    html = report.html()
    table = html[html.index("Percent correct per question") :]
    stats = question_stats(report.data)
    known = known_questions()
    shortened = 0
    for q in stats:
        whole = " ".join(re.sub(r"<[^>]+>", "", known[(q.bank, q.question)].prompt).split())
        assert len(q.text) <= QUESTION_TEXT_CHARS and whole.startswith(q.text.rstrip("…"))
        shortened += q.text != whole
        cell = f"<span class='gc-qtext' title='{escape(whole)}'>{escape(q.text)}</span>"
        assert cell in table, q.qid
        assert f"<span class='gc-small gc-qid'><code>{q.bank}/{q.question}</code></span>" in table
    assert shortened, "the sample class has long questions: some rows must be shortened"
    assert all(not q.text.endswith(" …") for q in stats), "cut at a word, not after a space"
    # course order, as before: bank, then question id
    assert [(q.bank, q.question) for q in stats] == sorted((q.bank, q.question) for q in stats)


@pytest.mark.parametrize(
    "typed,words",
    [
        ("", "Type the path"),
        ("no-such-folder", "There is no folder at"),
        ("a-file.json", "is a file, not a folder: to load single exports, use the upload button"),
        ("empty", "No exports found"),
        ("only-bad", "No usable exports found"),
    ],
)
def test_the_path_box_answers_bad_input_with_a_message(tmp_path, typed, words, home):
    (tmp_path / "a-file.json").write_text("{}")
    (tmp_path / "empty").mkdir()
    (tmp_path / "only-bad").mkdir()
    (tmp_path / "only-bad" / "broken.json").write_text('{"format": ')
    view = class_results()
    before = view.report.value
    sample = view.data
    view.path.value = str(tmp_path / typed) if typed else ""
    message = view.message.value
    assert words in message and "Traceback" not in message
    assert "gc-error" in message or "gc-warning" in message
    if typed in ("no-such-folder", "a-file.json", ""):
        # nothing loaded: the sample's results stay, and the message says so
        assert view.data is sample and view.report.value == before
        assert "still those of" in message or typed == ""
    if typed == "only-bad":
        assert "broken.json (not valid JSON" in message  # the damaged file, named with its reason
        assert "<code>broken.json</code>: not valid JSON" in view.report.value


def test_load_button_reloads_the_typed_folder(small_class, home):
    view = class_results(small_class)
    first = {r.file for r in view.data.readers}
    (small_class / "late.json").write_text(json.dumps(valid_export(small_class, reader="late", name="Late")))
    (small_class / "broken.json").write_text("{")
    view.load_button.click()
    assert {r.file for r in view.data.readers} == first | {"late.json"}
    assert "Loaded 3 readers" in view.message.value and "Late" in view.report.value
    assert "Skipped 1 entry, listed below with the reason" in view.message.value
    assert "<li><code>broken.json</code>: not valid JSON" in view.report.value


def test_uploads_load_like_the_same_files_in_a_folder(small_class, home):
    (small_class / "broken.json").write_text('{"format": "glutecourse-progress-export", "reader": ')
    (small_class / "notes.txt").write_text("hello")
    names = sorted(p.name for p in small_class.iterdir())
    view = class_results(small_class)
    from_folder = view.data
    view.upload.value = upload_value(small_class, names)
    uploaded = view.data
    assert uploaded.uploaded and uploaded is not from_folder
    assert reader_scores(uploaded) == reader_scores(from_folder)
    assert uploaded.reasons == from_folder.reasons  # every file loaded or skipped, for the same reason
    message = view.message.value
    assert f"Loaded 2 readers from {len(names)} uploaded files" in message
    assert "broken.json (not valid JSON" in message and "notes.txt (not a .json export)" in message
    assert "Skipped 2 uploaded files" in view.report.value


def test_an_uploaded_file_with_markup_in_its_name_shows_as_text(small_class, home):
    from glutecourse.topics.classroom import load_uploads

    cls = load_uploads([("<img src=x onerror=alert(1)>.json", b"[1]"), ("=cmd.json", b"{}")])
    html = ClassReport(cls).html()
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;.json" in html
    assert set(cls.reasons) == {"<img src=x onerror=alert(1)>.json", "=cmd.json"}


def read_csv(path):
    import csv

    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_save_button_writes_the_summary_escaped_and_never_overwrites(small_class, tmp_path, home):
    from glutecourse.topics.classroom import SUMMARY_COLUMNS, topic_strengths

    (small_class / "formula.json").write_text(
        json.dumps(valid_export(small_class, reader="eve", name='=HYPERLINK("http://x")'))
    )
    view = class_results(small_class)
    cls = view.data
    target = tmp_path / "out" / "summary.csv"
    view.export_path.value = str(target)
    view.export_button.click()
    assert target.is_file() and str(target) in view.export_message.value and "gc-ok" in view.export_message.value
    rows = read_csv(target)
    assert tuple(rows[0]) == SUMMARY_COLUMNS
    sections = [r[0] for r in rows[1:]]
    assert sections.count("reader") == len(cls.readers)
    assert sections.count("question") == len(question_stats(cls))
    assert sections.count("topic") == len(topic_strengths(cls))
    eve = next(r for r in rows if r[0] == "reader" and "HYPERLINK" in r[1])
    assert eve[1] == '\'=HYPERLINK("http://x")'  # a spreadsheet shows it as text, never runs it
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    by_reader = {r[1]: r for r in rows if r[0] == "reader"}
    for score in reader_scores(cls):
        key = "'" + score.reader if score.reader.startswith("=") else score.reader
        assert by_reader[key][4:] == [str(score.answered), str(score.correct), str(score.percent)]
    # an existing file is never replaced silently: the second press asks, the third replaces
    target.write_text("the teacher's own notes\n")
    view.export_button.click()
    assert "already a file" in view.export_message.value and "again to replace" in view.export_message.value
    assert target.read_text() == "the teacher's own notes\n"
    view.export_button.click()
    assert read_csv(target) == rows


@pytest.mark.parametrize("where", ["data", "export", "progress", "not-csv"])
def test_save_refuses_the_course_data_the_class_files_and_the_readers_own_files(small_class, tmp_path, home, where):
    from glutecourse.core.paths import data_dir

    view = class_results(small_class)
    export = next(small_class.glob("progress-export-ana-*.json"))
    before = export.read_bytes()
    target = {
        "data": data_dir() / "class-summary.csv",
        "export": export,
        "progress": home / "progress.json",
        "not-csv": tmp_path / "summary.txt",
    }[where]
    view.export_path.value = str(target)
    for _ in range(2):  # pressing twice never confirms a refused target
        view.export_button.click()
        assert "Not saved" in view.export_message.value
    assert not (data_dir() / "class-summary.csv").exists() and not (tmp_path / "summary.txt").exists()
    assert export.read_bytes() == before and not (home / "progress.json").exists()


def test_the_default_summary_path_is_in_the_readers_folder_not_the_course(home):
    from glutecourse.core.paths import course_folders

    view = class_results()
    path = Path(view.export_path.value)
    assert path.parent == home / "exports" and path.suffix == ".csv"
    assert not any(folder in path.parents for folder in course_folders())
    view.export_button.click()
    assert path.is_file() and str(path) in view.export_message.value


def test_class_records_are_frozen_and_no_function_hands_out_a_dict():
    """Issue 12: the class results' records are typed and immutable; only lookups (by name
    or by question) are dicts, on a reasoned allow-list."""
    import inspect

    import msgspec

    from glutecourse.topics import classroom

    cls = load_class(ROOT / "data" / "classroom-sample")
    records = [cls, cls.readers[0], cls.skipped[0], reader_scores(cls)[0], question_stats(cls)[0]]
    records += [topic_strengths(cls)[0], score_bins(cls)[0]]
    for record in records:
        field = msgspec.structs.fields(record)[0].name
        with pytest.raises(AttributeError, match="immutable"):
            setattr(record, field, None)
    with pytest.raises(TypeError):
        cls.readers[0].latest[("x", "y")] = True  # read-only mapping
    allowed = {"known_questions": "a lookup of every question by (bank, question) id"}
    handing_out_dicts = [
        name
        for name, func in inspect.getmembers(classroom, inspect.isfunction)
        if func.__module__ == classroom.__name__
        and re.match(r"(list\[)?dict\b", str(inspect.signature(func).return_annotation))
        and name not in allowed
    ]
    assert handing_out_dicts == []


def test_sample_class_loads():
    # Whether it is up to date: tests/test_generated.py (every generator in check mode).
    cls = load_class(ROOT / "data" / "classroom-sample")
    assert len(cls.readers) == 24
    assert len(cls.skipped) == 4


def test_answer_keys_cover_every_question():
    from glutecourse.topics.quizzes import all_banks

    text = (ROOT / "instructor" / "answer-keys.md").read_text()
    for bank in all_banks():
        for q in bank.questions:
            assert f"id `{q.id}`" in text


CONTENT = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


@pytest.mark.parametrize("path", CONTENT, ids=lambda p: p.stem)
def test_every_content_cell_has_slide_metadata(path):
    nb = json.loads(path.read_text())
    kinds = [c.get("metadata", {}).get("slideshow", {}).get("slide_type") for c in nb["cells"]]
    assert None not in kinds, f"{path.name}: a cell has no slideshow metadata (build with scripts/nbtool.py)"
    assert kinds.count("slide") >= 3


def test_slides_build_one_deck(built_decks):
    deck = (built_decks / "00-start-here.slides.html").read_text()
    assert "reveal" in deck.lower()
    headings = sum(
        1
        for c in json.loads((ROOT / "notebooks" / "00-start-here.ipynb").read_text())["cells"]
        if c.get("metadata", {}).get("slideshow", {}).get("slide_type") == "slide"
    )
    assert deck.count("<section") >= headings
    assert "Traceback" not in deck


@pytest.mark.slow
def test_static_site_builds_every_page_with_images_and_no_errors(built_site):
    site = built_site
    index = (site / "index.html").read_text()
    for nb in course_notebooks():
        page = site / nb.relative_to(ROOT).with_suffix(".html")
        assert page.is_file(), page
        html = page.read_text()
        assert "Traceback" not in html and "jp-OutputArea-output" in html
        stderr = re.findall(r'data-mime-type="application/vnd.jupyter.stderr"[^>]*>(.{0,400})', html, re.S)
        assert not stderr, f"{page.name} shows an error output: {stderr}"
        assert "Course home" in html
        assert not re.search(r'<script[^>]+src="https?://', html), f"{page.name} loads a script from the network"
        for src in re.findall(r'<img[^>]+src="([^"]+)"', html):
            if not src.startswith("data:"):
                assert (page.parent / src).resolve().is_file(), f"{page.name}: {src} missing"
        if nb.parent.name == "notebooks":
            assert nb.with_suffix(".html").name in index
    images = [p.name for p in (ROOT / "images").glob("*.svg")]
    assert sorted(p.name for p in (site / "images").glob("*.svg")) == sorted(images)
    assert "gc-interactive" in (site / "notebooks" / "00-start-here.html").read_text()
    assert "instructor/class-results.html" in index


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_voila_serves_the_self_check_and_quizzes(tmp_path):
    app = ROOT / "notebooks" / "apps" / "self-check-and-quizzes.ipynb"
    port = free_port()
    env = dict(os.environ, GLUTECOURSE_HOME=str(tmp_path), JUPYTER_RUNTIME_DIR=str(tmp_path / "rt"))
    sys.path.insert(0, str(ROOT / "scripts"))
    import voila_app

    voila = voila_app.command([f"--port={port}", "--Voila.port_retries=0"])  # what make voila runs
    assert voila[-1] == str(app)
    env = voila_app.environment(env)
    proc = subprocess.Popen(voila, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        page = ""
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60) as r:
                    assert r.status == 200
                    page = r.read().decode()
                break
            except OSError:
                time.sleep(0.5)
        assert "application/vnd.jupyter.widget-view+json" in page, page[:500]
        assert "Symptom self-check" in page and "Educational only" in page
        assert "Traceback" not in page and "ename" not in page
        # the course's template: no stylesheet or script from a CDN, no maintainer's notes
        assert "voila-style.js" in page and "cdn.jsdelivr.net" not in page and "cdnjs" not in page
        assert "make voila" not in page
    finally:
        # Stopping is not what this test checks: a loaded machine may take a while to shut the
        # server and its kernel down, so give it time, then kill it rather than fail.
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)
