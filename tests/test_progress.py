"""Quiz progress: one storage layer (lock, re-read, merge by id, atomic replace), hostile
and damaged files refused without a traceback, unwritable places reported in words, and
exports that never overwrite a reader's work."""

import errno
import json
import multiprocessing
import os
import time
from pathlib import Path

import pytest

from glutecourse.catalog.course import notebook_info, notebook_stems
from glutecourse.core import storage
from glutecourse.core.errors import CourseWarning
from glutecourse.core.storage import atomic_write_text
from glutecourse.topics.progress import NotebookProgress, ProgressStore, export_progress, start_here
from glutecourse.topics.quizzes import all_banks
from glutecourse.ui.progress import progress_dashboard, progress_summary, summary_html

ROOT = Path(__file__).resolve().parents[1]


def record(store, question="glute-count", correct=True, bank="00-warm-up", notebook="00-start-here"):
    return store.record(notebook=notebook, bank=bank, question=question, correct=correct)


def test_default_location_honours_environment(home):
    store = ProgressStore()
    assert store.path == home / "progress.json"


def test_record_then_reload(tmp_path):
    store = ProgressStore(tmp_path / "p.json")
    first = record(store)
    again = ProgressStore(tmp_path / "p.json")
    assert again.attempts[0].question == "glute-count" and again.attempts[0].id == first.id
    assert again.reader == store.reader


def test_two_open_notebooks_do_not_overwrite_each_other(tmp_path):
    a = ProgressStore(tmp_path / "p.json")
    b = ProgressStore(tmp_path / "p.json")
    record(a, "q1")
    record(b, "q2")
    record(a, "q3")
    assert [x.question for x in ProgressStore(tmp_path / "p.json").attempts] == ["q1", "q2", "q3"]
    assert a.reader == b.reader  # the second window adopts the reader id already on disk


# ------------------------------------------------------------ four writers at once


def _writer(path, worker, count):
    store = ProgressStore(path)
    for i in range(count):
        store.record(notebook="00-start-here", bank="00-warm-up", question=f"w{worker}-{i}", correct=i % 2 == 0)
    # A save that waited longer than the lock's timeout (a starved machine) keeps its answers
    # pending and says so; the next save merges them. A reader's next Check saves them; here
    # the writer saves again, a few times at most, when its last save was the one refused.
    for _press in range(5):
        if not store.problem:
            break
        assert "busy" in store.problem, store.problem
        store.save()
    return getattr(store, "problem", "")


def four_writers(folder: Path, count: int = 200) -> list[dict]:
    path = folder / "progress.json"
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(4) as pool:
        problems = pool.starmap(_writer, [(path, w, count) for w in range(4)])
    assert problems == ["", "", "", ""]
    return ProgressStore(path).attempts


@pytest.fixture
def fast_dir(tmp_path):
    """A folder in memory (tmpfs) when the machine has one: the test is about merging
    under contention, and 2,400 fsyncs on a real disk would take ten seconds or more."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        import tempfile

        d = Path(tempfile.mkdtemp(prefix="glutecourse-test-", dir=shm))
        yield d
        import shutil

        shutil.rmtree(d, ignore_errors=True)
    else:
        yield tmp_path


@pytest.mark.parametrize("repetition", [1, 2, 3])
def test_four_processes_recording_200_answers_each_keep_all_800(fast_dir, repetition):
    folder = fast_dir / f"rep{repetition}"
    folder.mkdir()
    attempts = four_writers(folder)
    assert len({a.question for a in attempts}) == 800  # every answer kept ...
    assert len(attempts) == 800 and len({a.id for a in attempts}) == 800  # ... once


# ------------------------------------------------------------ crashes and leftovers


def test_crash_mid_write_keeps_the_old_file_and_the_answer(tmp_path, monkeypatch):
    path = tmp_path / "p.json"
    store = ProgressStore(path)
    record(store, "q1")
    before = path.read_text()

    def crash(*args, **kwargs):
        raise OSError(errno.EIO, "power cut")

    monkeypatch.setattr(os, "replace", crash)
    lost = record(store, "q2")  # no exception: the quiz keeps working
    monkeypatch.undo()
    assert path.read_text() == before
    assert store.problem and not storage.temp_files(path)  # no temporary file left behind
    assert [a.question for a in store.attempts] == ["q1", "q2"]  # kept in memory
    record(store, "q3")  # the next save succeeds and brings the unsaved answer along, once
    assert [a.id for a in ProgressStore(path).attempts][1] == lost.id
    assert [a.question for a in ProgressStore(path).attempts] == ["q1", "q2", "q3"] and not store.problem


def test_crash_while_writing_bytes_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "f.txt"
    atomic_write_text(path, "old")
    real_fdopen = os.fdopen

    class Exploding:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[:3])
            raise KeyboardInterrupt  # the kernel is interrupted half-way

    monkeypatch.setattr(os, "fdopen", lambda *a, **k: Exploding(real_fdopen(*a, **k)))
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(path, "new content")
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.txt"]


def test_leftover_temporary_files_are_cleaned_on_the_next_start(tmp_path):
    path = tmp_path / "progress.json"
    old = tmp_path / ".progress.json.k3j4h5g6.tmp"  # a crashed write of this course, an hour ago
    young = tmp_path / ".progress.json.a1b2c3d4.tmp"  # could belong to a writer still running
    other = tmp_path / ".notes.txt.k3j4h5g6.tmp"  # not this course's file
    for p in (old, young, other):
        p.write_text("{half")
    stale = time.time() - 3600
    os.utime(old, (stale, stale))
    os.utime(other, (stale, stale))
    ProgressStore(path)  # opening the store is enough: no answer needs to be saved
    assert not old.exists() and young.exists() and other.exists()
    record(ProgressStore(path))
    assert young.exists()  # still too young to be a leftover


# ------------------------------------------------------------ damaged and hostile files

HOSTILE = {
    "not JSON": b"{not json",
    "2 KB of nested brackets, depth 1,000": b"[" * 1000 + b"]" * 1000,
    "nested objects, depth 1,000": b'{"a":' * 1000 + b"1" + b"}" * 1000,
    "huge number (1e999)": b'{"format": "glutecourse-progress", "version": 1e999, "reader": "abcdef12", "attempts": []}',
    "a 5,000-digit integer": b'{"format": "glutecourse-progress", "version": '
    + b"9" * 5000
    + b', "reader": "abcdef12", "attempts": []}',
    "NaN": b'{"format": "glutecourse-progress", "version": NaN, "reader": "abcdef12", "attempts": []}',
    "another format": b'{"format": "something-else"}',
    "attempts not a list": b'{"format": "glutecourse-progress", "version": 1, "reader": "abcdef12", "attempts": 3}',
    "a missing reader": b'{"format": "glutecourse-progress", "version": 1, "attempts": []}',
    "a reader id that is a path": b'{"format": "glutecourse-progress", "version": 1, "reader": "../../x", "attempts": []}',
    "version true": b'{"format": "glutecourse-progress", "version": true, "reader": "abcdef12", "attempts": []}',
    "a JSON list": b"[]",
    "not UTF-8": b"\xff\xfe\x00garbage",
    "a lone surrogate": '{"x": "\udcff"}'.encode("utf-8", "surrogateescape"),
    "empty": b"",
    "over 16 MB": b'{"pad": "' + b"x" * (16 * 1024 * 1024) + b'"}',
}


@pytest.mark.parametrize("name", HOSTILE)
def test_damaged_or_hostile_file_is_moved_aside_with_a_warning(tmp_path, name):
    content = HOSTILE[name]
    path = tmp_path / "progress.json"
    path.write_bytes(content)
    with pytest.warns(CourseWarning, match="moved to progress.json.corrupt-"):
        store = ProgressStore(path)
    assert store.attempts == () and "moved to" in store.notice and not store.problem
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("progress.json.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == content  # nothing lost
    record(store, "q")
    assert json.loads(path.read_text())["attempts"][0]["question"] == "q"


def good_attempt(**changes):
    attempt = {
        "notebook": "00-start-here",
        "bank": "00-warm-up",
        "question": "glute-count",
        "topic": "Getting started",
        "correct": True,
        "at": "2026-03-01T10:00:00+00:00",
    }
    attempt.update(changes)
    return {k: v for k, v in attempt.items() if v is not ...}


WRONG_TYPES = {
    "correct is the text no": good_attempt(correct="no"),
    "correct is 1": good_attempt(correct=1),
    "bank is a list": good_attempt(bank=["00-warm-up"]),
    "notebook is null": good_attempt(notebook=None),
    "question missing": good_attempt(question=...),
    "an attempt that is a number": 7,
    "a huge number as topic": good_attempt(topic=10**30),
    "an unknown field": good_attempt(extra="x"),
}


@pytest.mark.parametrize("name", WRONG_TYPES)
def test_attempts_with_wrong_types_are_set_aside_not_counted(tmp_path, name):
    bad = WRONG_TYPES[name]
    good = good_attempt(question="emergency-sign", correct=False)
    path = tmp_path / "progress.json"
    path.write_text(
        json.dumps({"format": "glutecourse-progress", "version": 1, "reader": "abcdef123456", "attempts": [good, bad]})
    )
    with pytest.warns(CourseWarning, match="set aside"):
        store = ProgressStore(path)
    assert [a.question for a in store.attempts] == ["emergency-sign"]
    row = next(r for r in progress_summary(store) if r.notebook == "00-start-here")
    assert row.answered == 1 and row.correct == 0  # "no" (or 1) was never counted as correct
    assert "number 2" in store.notice
    side = [p for p in tmp_path.iterdir() if ".set-aside-" in p.name]
    assert len(side) == 1 and json.loads(side[0].read_text())["attempts"][0]["attempt"] == bad  # nothing lost
    assert len(json.loads(path.read_text())["attempts"]) == 1


def test_an_older_file_without_ids_gets_them_and_keeps_every_answer(tmp_path):
    path = tmp_path / "progress.json"
    path.write_text(
        json.dumps(
            {
                "format": "glutecourse-progress",
                "version": 1,
                "reader": "abcdef123456",
                "attempts": [good_attempt(), good_attempt(question="emergency-sign")],
            },
            indent=1,
        )
    )
    store = ProgressStore(path)
    record(store, "specific-cause")
    saved = ProgressStore(path).attempts
    assert [a.question for a in saved] == ["glute-count", "emergency-sign", "specific-cause"]
    assert all(a.id for a in saved) and store.reader == "abcdef123456"


# ------------------------------------------------------------ places that cannot be written


def _no_permission(monkeypatch, path):
    def refuse(*a, **k):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(storage.tempfile, "mkstemp", refuse)


def _read_only(monkeypatch, path):
    def refuse(*a, **k):
        raise OSError(errno.EROFS, "Read-only file system", str(path.parent))

    monkeypatch.setattr(storage.tempfile, "mkstemp", refuse)


def _disk_full(monkeypatch, path):
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


def _folder_in_the_way(monkeypatch, path):
    path.mkdir()


def _unreadable(monkeypatch, path):
    def refuse(p):
        raise PermissionError(errno.EACCES, "Permission denied", str(p))

    monkeypatch.setattr(storage, "read_bytes", refuse)


PLACES = {
    "no permission": (_no_permission, "permission"),
    "read-only folder": (_read_only, "read-only"),
    "disk full": (_disk_full, "disk is full"),
    "a folder where the file should be": (_folder_in_the_way, "is a folder"),
    "a file that cannot be read": (_unreadable, "permission"),
}


@pytest.mark.parametrize("place", PLACES)
def test_an_unwritable_progress_file_gives_one_message_and_the_quiz_keeps_working(
    tmp_path, monkeypatch, bank_dict, place
):
    from glutecourse.topics.quizzes import parse_bank
    from glutecourse.ui.quizzes import QuizWidget

    path = tmp_path / "progress.json"
    breaker, words = PLACES[place]
    breaker(monkeypatch, path)
    store = ProgressStore(path)
    quiz = QuizWidget(parse_bank(bank_dict, "test-bank.json"), store=store)
    for qid, answer in (("q-single", "b"), ("q-tf", True)):
        v = next(v for v in quiz.views if v.question.id == qid)
        v.input.value = answer
        v.check_button.click()  # must not raise
        assert v.verdict == "✓ Correct"
    assert "Score: 2 of 4 correct" in quiz.score.value  # the score still moves
    assert quiz.score.value.count("Your answers cannot be saved:") == 1
    assert "the quiz still works" in quiz.score.value and words in quiz.score.value
    dash = progress_dashboard(store)  # the dashboard works too, and says why
    assert "cannot be saved" in dash.message.value and words in dash.message.value


def test_glutecourse_home_pointing_at_a_file(tmp_path, monkeypatch, bank_dict):
    from glutecourse.topics.quizzes import parse_bank
    from glutecourse.ui.quizzes import QuizWidget

    afile = tmp_path / "not-a-folder"
    afile.write_text("hello")
    monkeypatch.setenv("GLUTECOURSE_HOME", str(afile))
    quiz = QuizWidget(parse_bank(bank_dict, "test-bank.json"))  # the store is made on the first Check
    v = next(v for v in quiz.views if v.question.id == "q-single")
    v.input.value = "b"
    v.check_button.click()
    assert "Score: 1 of 4 correct" in quiz.score.value
    assert "Your answers cannot be saved:" in quiz.score.value and "not a folder" in quiz.score.value
    assert afile.read_text() == "hello"
    assert "not a folder" in progress_dashboard().message.value


# ------------------------------------------------------------ summary and dashboard


def test_summary_counts_latest_attempt_per_question(tmp_path):
    store = ProgressStore(tmp_path / "p.json")
    record(store, "glute-count", False)
    record(store, "glute-count", True)
    record(store, "emergency-sign", False)
    row = next(r for r in progress_summary(store) if r.notebook == "00-start-here")
    questions = len(next(b for b in all_banks() if b.notebook == "00-start-here").questions)
    assert row == NotebookProgress("00-start-here", questions, 2, 1)
    assert row.text == f"2 of {questions} answered, 1 correct" and not row.finished


def _bank_of(stem):
    return next(b for b in all_banks() if b.notebook == stem)


def _row_html(html, stem):
    """The dashboard's row for one notebook (its <li>)."""
    import re

    found = re.search(rf"<li class='gc-progress-row[^']*'><a [^>]*href='{stem}.ipynb'.*?</li>", html)
    assert found, f"no row with a link to {stem}.ipynb"
    return found.group(0)


def test_dashboard_without_answers_lists_every_notebook_and_starts_at_the_first(tmp_path):
    dash = progress_dashboard(ProgressStore(tmp_path / "p.json"))
    assert "No answers saved yet" in dash.message.value
    rows = progress_summary(ProgressStore(tmp_path / "p.json"))
    first = next(r for r in rows if r.questions)
    assert dash.bars_html.count("<li ") == len(rows)
    assert dash.bars_html.count("gc-progress-cue") == 1 and "gc-progress-cue" in _row_html(
        dash.bars_html, first.notebook
    )
    title = notebook_info(first.notebook).title
    assert title in _row_html(dash.bars_html, first.notebook)
    # The bars are an HTML output the front end renders (links open notebooks in JupyterLab).
    (output,) = dash.bars.outputs
    assert output["data"]["text/html"] == dash.bars_html


def test_each_bar_is_announced_with_its_counts_in_words(tmp_path):
    store = ProgressStore(tmp_path / "p.json")
    record(store, "glute-count")
    record(store, "emergency-sign", False)
    dash = progress_dashboard(store)
    row = next(r for r in dash.rows if r.notebook == "00-start-here")
    html = _row_html(dash.bars_html, "00-start-here")
    assert f"{row.answered} of {row.questions} answered, {row.correct} correct" in html
    assert "role='progressbar'" in html and f"aria-valuenow='{row.answered}'" in html
    assert f"aria-valuemax='{row.questions}'" in html and f"aria-valuetext='{row.text}'" in html
    # The bar is drawn to scale: answered and correct as shares of the questions.
    assert f"class='gc-bar-answered' width='{100 * row.answered / row.questions:.4g}'" in html
    assert f"class='gc-bar-correct' width='{100 * row.correct / row.questions:.4g}'" in html
    # Refresh picks up answers given after the dashboard was drawn.
    record(store, "emergency-sign")
    dash.refresh_button.click()
    again = next(r for r in dash.rows if r.notebook == "00-start-here")
    assert again.correct == row.correct + 1 and again.text in _row_html(dash.bars_html, "00-start-here")


def test_start_here_moves_to_the_next_unfinished_notebook(tmp_path):
    store = ProgressStore(tmp_path / "p.json")
    first = _bank_of("00-start-here")
    for q in first.questions:
        record(store, q.id, notebook="00-start-here", bank=first.id)
    rows = progress_summary(store)
    assert start_here(rows, notebook_stems()) == next(r.notebook for r in rows if r.notebook != "00-start-here")
    html = summary_html(rows)
    assert "gc-progress-cue" not in _row_html(html, "00-start-here") and "gc-progress-done" in _row_html(
        html, "00-start-here"
    )
    nxt = start_here(rows, notebook_stems())
    assert "gc-progress-cue" in _row_html(html, nxt)
    done = [NotebookProgress(r.notebook, r.questions, r.questions, 0) for r in rows]
    assert start_here(done, notebook_stems()) is None and "gc-progress-cue" not in summary_html(done)


def test_links_lead_to_the_notebooks_from_where_the_dashboard_is(tmp_path):
    rows = progress_summary(ProgressStore(tmp_path / "p.json"))
    for stem in notebook_stems():
        if any(r.notebook == stem for r in rows):
            assert (ROOT / "notebooks" / f"{stem}.ipynb").is_file()
            assert f"href='{stem}.ipynb'" in summary_html(rows)
            assert f"href='../{stem}.ipynb'" in summary_html(rows, folder="../")


def test_the_static_site_points_the_links_at_the_notebooks_pages(tmp_path):
    """The same relative link works in the static site: its build retargets it."""
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from coursebuild import Retarget

    rows = progress_summary(ProgressStore(tmp_path / "p.json"))
    src = ROOT / "notebooks" / "00-start-here.ipynb"
    pages = {ROOT / "notebooks" / f"{r.notebook}.ipynb": tmp_path / f"{r.notebook}.html" for r in rows}
    out = Retarget(src, tmp_path, tmp_path, pages).html(summary_html(rows))
    for r in rows:
        if (ROOT / "notebooks" / f"{r.notebook}.ipynb").is_file():
            assert f"href='{r.notebook}.html'" in out


def test_dashboard_escapes_everything_from_progress_json(tmp_path):
    hostile = "<img src=x onerror=alert(1)>"
    path = tmp_path / "<b>folder</b>" / "p.json"
    store = ProgressStore(path)
    record(store, "q1", notebook=hostile)
    record(store, "q2", notebook="$\\frac{1}{0}$ mathtext")
    dash = progress_dashboard(store)
    assert hostile not in dash.bars_html and "&lt;img src=x onerror=alert(1)&gt;" in dash.bars_html
    assert "<b>folder</b>" not in dash.message.value and "&lt;b&gt;folder&lt;/b&gt;" in dash.message.value
    assert "href='%3Cimg" not in dash.bars_html  # a name from the file is text, never a link
    assert "<script>" not in summary_html([NotebookProgress("<script>", 1, 0, 0)])


# ------------------------------------------------------------ exports


def test_export_never_overwrites_without_an_explicit_choice(tmp_path):
    store = ProgressStore(tmp_path / "progress.json")
    record(store)
    first = export_progress(store, "Ana", tmp_path / "out")
    before = first.read_bytes()
    with pytest.raises(FileExistsError, match="already a file"):
        export_progress(store, "Ana", tmp_path / "out")
    assert first.read_bytes() == before
    record(store, "emergency-sign")
    again = export_progress(store, "Ana", tmp_path / "out", overwrite=True)
    assert again == first and len(json.loads(again.read_text())["attempts"]) == 2


def test_export_refuses_the_course_data_folder_and_the_reader_own_files(tmp_path):
    from glutecourse.core.paths import data_dir

    store = ProgressStore(tmp_path / "progress.json")
    record(store)
    before = sorted(p.name for p in data_dir().iterdir())
    with pytest.raises(PermissionError, match="course's own data folder"):
        export_progress(store, "x", data_dir(), overwrite=True)
    with pytest.raises(PermissionError, match="course's own data folder"):
        export_progress(store, "x", data_dir() / "quizzes", overwrite=True)
    assert sorted(p.name for p in data_dir().iterdir()) == before
    with pytest.raises(PermissionError, match="where the course keeps your own work"):
        storage.check_export_target(store.path, overwrite=True, protected=(store.path,))


def test_dashboard_asks_before_replacing_an_export(tmp_path):
    store = ProgressStore(tmp_path / "progress.json")
    record(store)
    dash = progress_dashboard(store)
    first = dash.export()
    assert first is not None and "Saved" in dash.export_message.value
    record(store, "emergency-sign")
    assert dash.export() is None and "already exists" in dash.export_message.value
    assert len(json.loads(first.read_text())["attempts"]) == 1  # not replaced yet
    assert dash.export() == first  # pressed again: replaced
    assert len(json.loads(first.read_text())["attempts"]) == 2


def test_export_validates_against_the_export_schema_and_the_sample_class_does_too():
    import jsonschema

    from glutecourse.core.data import schema_path
    from glutecourse.core.paths import data_dir
    from glutecourse.topics.progress import check_export

    schema = json.loads(schema_path("progress-export").read_text())
    for path in sorted((data_dir() / "classroom-sample").glob("progress-export-student-*.json")):
        data = json.loads(path.read_text())
        jsonschema.validate(data, schema)
        assert check_export(data) == []
    first = sorted((data_dir() / "classroom-sample").glob("progress-export-student-*.json"))[0]
    broken = json.loads(first.read_text())
    broken["attempts"][0]["correct"] = "no"
    assert check_export(broken) and "correct" in check_export(broken)[0]


def test_written_exports_validate(tmp_path):
    import jsonschema

    from glutecourse.core.data import schema_path

    store = ProgressStore(tmp_path / "progress.json")
    record(store)
    data = json.loads(export_progress(store, "Ana", tmp_path).read_text())
    jsonschema.validate(data, json.loads(schema_path("progress-export").read_text()))
    assert data["attempts"][0]["id"] and {"format", "version", "reader", "name", "exported_at", "attempts"} <= set(data)


def test_exports_work_on_a_file_system_without_hard_links(tmp_path, monkeypatch):
    store = ProgressStore(tmp_path / "progress.json")
    record(store)

    def no_links(*a, **k):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    path = export_progress(store, "Ana", tmp_path / "out")
    assert json.loads(path.read_text())["attempts"][0]["question"] == "glute-count"
    with pytest.raises(FileExistsError):
        export_progress(store, "Ana", tmp_path / "out")
    assert not storage.temp_files(path)


def test_the_final_quiz_keeps_working_when_answers_cannot_be_saved(tmp_path, monkeypatch):
    from glutecourse.ui.final_quiz import FinalQuiz

    (tmp_path / "progress.json").mkdir()  # a folder where the file should be
    quiz = FinalQuiz(store=ProgressStore(tmp_path / "progress.json"))
    view = quiz.view(0)
    q = view.question
    if q.type == "multiple":
        view.checkboxes[q.options[0].id].value = True
    else:
        view.input.value = {"single": q.options[0].id if q.options else None, "truefalse": True, "numeric": "1"}[q.type]
    view.check_button.click()  # must not raise
    assert "(1 answered)" in quiz.score.value
    assert "Your answers cannot be saved:" in quiz.score.value and "is a folder" in quiz.score.value


def test_attempts_are_records_built_from_the_file_and_written_back_as_it_held_them(tmp_path):
    """The store hands out frozen records; the one converter gives back exactly the JSON the
    file held, for a new attempt and for one from an older file (no id, topic, time or answer)."""
    from glutecourse.topics.progress import Attempt, attempt_json, to_attempt

    old = {"notebook": "00-start-here", "bank": "00-warm-up", "question": "q-old", "correct": False}
    path = tmp_path / "progress.json"
    path.write_text(
        json.dumps({"format": "glutecourse-progress", "version": 1, "reader": "abcdef123456", "attempts": [old]})
    )
    store = ProgressStore(path)
    new = store.record(notebook="01-glute-anatomy", bank="01-glute-anatomy", question="q", correct=True, answer="b")
    assert isinstance(new, Attempt) and store.attempts[-1] == new and new.key == ("01-glute-anatomy", "q")
    with pytest.raises(AttributeError, match="immutable"):
        new.correct = False
    on_disk = json.loads(path.read_text())["attempts"]
    assert [attempt_json(a) for a in ProgressStore(path).attempts] == on_disk
    assert list(on_disk[1]) == ["id", "notebook", "bank", "question", "topic", "correct", "at", "answer"]
    assert {k: v for k, v in on_disk[0].items() if k != "id"} == old  # the older attempt only gained its id
    assert attempt_json(to_attempt(old)) == old
