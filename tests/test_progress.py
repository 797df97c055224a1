"""Progress is saved atomically; a corrupt file is moved aside with a warning; summaries."""

import json
import os

import pytest

from glutecourse.errors import CourseWarning
from glutecourse.progress import ProgressStore, progress_dashboard
from glutecourse.storage import atomic_write_text


def test_default_location_honours_environment(home):
    store = ProgressStore()
    assert store.path == home / "progress.json"


def test_record_then_reload(tmp_path):
    store = ProgressStore(tmp_path / "p.json")
    store.record(notebook="00-start-here", bank="00-warm-up", question="glute-count", correct=True)
    again = ProgressStore(tmp_path / "p.json")
    assert again.attempts[0]["question"] == "glute-count"
    assert again.reader == store.reader


def test_two_open_notebooks_do_not_overwrite_each_other(tmp_path):
    a = ProgressStore(tmp_path / "p.json")
    b = ProgressStore(tmp_path / "p.json")
    a.record(notebook="00-start-here", bank="00-warm-up", question="q1", correct=True)
    b.record(notebook="00-start-here", bank="00-warm-up", question="q2", correct=False)
    assert [x["question"] for x in ProgressStore(tmp_path / "p.json").attempts] == ["q1", "q2"]


def test_crash_mid_write_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "p.json"
    store = ProgressStore(path)
    store.record(notebook="00-start-here", bank="b", question="q1", correct=True)
    before = path.read_text()

    def crash(*args, **kwargs):
        raise OSError("power cut")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        store.record(notebook="00-start-here", bank="b", question="q2", correct=True)
    monkeypatch.undo()
    assert path.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["p.json"]  # no temp file left behind


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

        def write(self, text):
            self.handle.write(text[:3])
            raise KeyboardInterrupt  # the kernel is interrupted half-way

    monkeypatch.setattr(os, "fdopen", lambda *a, **k: Exploding(real_fdopen(*a, **k)))
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(path, "new content")
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.txt"]


@pytest.mark.parametrize("content", ["{not json", '{"format": "something-else"}', '{"format": "glutecourse-progress", "attempts": 3}', "\udcff"])
def test_corrupt_file_is_moved_aside_with_a_warning(tmp_path, content):
    path = tmp_path / "progress.json"
    path.write_text(content, encoding="utf-8", errors="surrogateescape")
    with pytest.warns(CourseWarning, match="moved to progress.json.corrupt-"):
        store = ProgressStore(path)
    assert store.attempts == []
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("progress.json.corrupt-")]
    assert len(aside) == 1
    assert aside[0].read_bytes() == content.encode("utf-8", "surrogateescape")  # nothing lost
    store.record(notebook="00-start-here", bank="b", question="q", correct=True)
    assert json.loads(path.read_text())["attempts"][0]["question"] == "q"


def test_summary_counts_latest_attempt_per_question(tmp_path):
    store = ProgressStore(tmp_path / "p.json")
    store.record(notebook="00-start-here", bank="00-warm-up", question="glute-count", correct=False)
    store.record(notebook="00-start-here", bank="00-warm-up", question="glute-count", correct=True)
    store.record(notebook="00-start-here", bank="00-warm-up", question="emergency-sign", correct=False)
    row = next(r for r in store.summary() if r["notebook"] == "00-start-here")
    assert row == {"notebook": "00-start-here", "questions": 3, "answered": 2, "correct": 1}


def test_dashboard_without_answers_draws_no_chart(tmp_path):
    dash = progress_dashboard(ProgressStore(tmp_path / "p.json"))
    assert "No answers saved yet" in dash.message.value
    assert dash.chart.layout.display == "none"
    assert "00-start-here" in dash.table.value


def test_dashboard_with_answers_shows_table_and_chart(tmp_path):
    store = ProgressStore(tmp_path / "p.json")
    store.record(notebook="00-start-here", bank="00-warm-up", question="glute-count", correct=True)
    dash = progress_dashboard(store)
    assert "<td>00-start-here</td><td>3</td><td>1</td><td>1</td>" in dash.table.value
    assert dash.chart.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert dash.chart.layout.display is None
    # Refresh picks up answers given after the dashboard was drawn.
    store.record(notebook="00-start-here", bank="00-warm-up", question="emergency-sign", correct=True)
    dash.refresh_button.click()
    assert "<td>00-start-here</td><td>3</td><td>2</td><td>2</td>" in dash.table.value
