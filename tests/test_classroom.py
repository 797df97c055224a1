"""Classroom kit: progress export, class results, answer keys, slides, static site, Voila."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import ROOT, course_notebooks

from glutecourse.classroom import (
    ClassReport, load_class, most_missed, question_stats, reader_scores, score_bins, topic_strengths,
)
from glutecourse.progress import ProgressStore, export_progress, progress_dashboard


def make_reader(tmp_path, name, answers):
    store = ProgressStore(tmp_path / f"{name}-progress.json")
    for qid, ok in answers:
        store.record(notebook="00-start-here", bank="00-warm-up", question=qid, correct=ok, topic="Getting started")
    return store


@pytest.fixture
def small_class(tmp_path):
    folder = tmp_path / "class"
    a = make_reader(tmp_path, "a", [("emergency-sign", True), ("specific-cause", False), ("specific-cause", True), ("glute-count", False)])
    b = make_reader(tmp_path, "b", [("emergency-sign", True), ("glute-count", False)])
    export_progress(a, "Ana", folder)
    export_progress(b, "", folder)
    return folder


def test_export_then_load_gives_exact_numbers(small_class):
    cls = load_class(small_class)
    assert len(cls.readers) == 2 and cls.skipped == []
    scores = {r["reader"]: r for r in reader_scores(cls)}
    assert scores["Ana"] == {"reader": "Ana", "answered": 3, "correct": 2, "percent": 67}
    anon = next(v for k, v in scores.items() if k != "Ana")
    assert anon["answered"] == 2 and anon["correct"] == 1 and anon["reader"].startswith("reader ")
    per_q = {r["question"]: r for r in question_stats(cls)}
    assert per_q["emergency-sign"]["percent"] == 100
    assert per_q["glute-count"]["percent"] == 0 and per_q["glute-count"]["answered"] == 2
    assert per_q["specific-cause"]["answered"] == 1  # latest try counts (wrong, then right)
    assert most_missed(cls, n=1, min_answers=2)[0]["question"] == "glute-count"
    assert topic_strengths(cls) == [{"topic": "Getting started", "answered": 5, "correct": 3, "percent": 60}]
    assert sum(n for _, n in score_bins(cls)) == 2


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
    unknown = dict(older, reader="yyy", attempts=[{"bank": "retired", "question": "q", "correct": True}])
    (small_class / "unknown.json").write_text(json.dumps(unknown))
    cls = load_class(small_class)
    reasons = dict(cls.skipped)
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


def test_missing_folder_is_reported_not_raised(tmp_path):
    cls = load_class(tmp_path / "nope")
    assert cls.readers == [] and "folder not found" in cls.skipped[0][1]
    assert "No usable exports" in ClassReport(tmp_path / "nope").html()


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
    box = ClassReport(small_class).draw_button()
    box.children[0].click()
    assert box.children[1].value[:4] == b"\x89PNG"


def run_script(*args):
    return subprocess.run([sys.executable, *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_sample_class_is_up_to_date_and_loads():
    out = run_script(ROOT / "scripts" / "make_sample_class.py", "--check")
    assert out.returncode == 0, out.stdout + out.stderr
    cls = load_class(ROOT / "data" / "class-sample")
    assert len(cls.readers) == 24
    assert len(cls.skipped) == 4


def test_answer_keys_are_up_to_date():
    out = run_script(ROOT / "scripts" / "make_answer_keys.py", "--check")
    assert out.returncode == 0, out.stdout + out.stderr


def test_answer_keys_cover_every_question():
    from glutecourse.quizzes import all_banks

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


def test_slides_build_one_deck(tmp_path):
    out = run_script(ROOT / "scripts" / "build_slides.py", "--out", tmp_path, ROOT / "notebooks" / "00-start-here.ipynb")
    assert out.returncode == 0, out.stderr[-2000:]
    deck = (tmp_path / "00-start-here.slides.html").read_text()
    assert "reveal" in deck.lower()
    headings = sum(1 for c in json.loads((ROOT / "notebooks" / "00-start-here.ipynb").read_text())["cells"]
                   if c.get("metadata", {}).get("slideshow", {}).get("slide_type") == "slide")
    assert deck.count('<section') >= headings
    assert "Traceback" not in deck


@pytest.mark.slow
def test_static_site_builds_every_page_with_images_and_no_errors(tmp_path):
    site = tmp_path / "site"
    out = run_script(ROOT / "scripts" / "build_site.py", "--out", site)
    assert out.returncode == 0, out.stderr[-3000:]
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
    voila = [sys.executable, "-m", "voila", "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}",
             "--Voila.port_retries=0", str(app)]
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
    finally:
        proc.terminate()
        proc.wait(timeout=10)
