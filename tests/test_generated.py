"""Every generated file is up to date (one test runs every generator in check mode), and
the sample class is keyed by reader and question, so one new question changes only the
answers to that question."""

import importlib.util
import json
import subprocess
import sys

import msgspec
import pytest

from conftest import ROOT, ContentCheck
from glutecourse.topics.quizzes import all_banks


def _generators():
    spec = importlib.util.spec_from_file_location("generate", ROOT / "scripts" / "generate.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool.GENERATORS


# Every generator `make generate` runs (scripts/generate.py's list), each in check mode, as
# one test each so the parallel workers share them. make_images.py --check draws every
# figure in a fresh process and compares bytes with the committed file: that is also the
# proof that drawing is deterministic (a figure that came out different from one run to
# the next could not match what another process committed).
# Each check is kept as passed for the exact content of the repository and the installed
# versions (tests/conftest.py: ContentCheck): a warm run with nothing changed skips it, any
# change to any file runs it again (make_images.py --check alone is about 11 s of CPU).
@pytest.mark.parametrize("script", _generators())
def test_every_generated_file_is_up_to_date(script):
    check = ContentCheck(f"generated-{script}")
    if check.passed_before():
        return
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    check.passed()


def test_the_check_fails_on_a_stale_file(tmp_path):
    """make_validators.py --check against a validator changed by hand."""
    script = ROOT / "scripts" / "make_validators.py"
    spec = importlib.util.spec_from_file_location("make_validators", script)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    tool.OUT = tmp_path  # a copy, edited: the committed one is never touched
    tool.build(tmp_path)
    assert tool.main(["--check"]) == 0
    target = tmp_path / "phases.py"
    target.write_text(target.read_text(encoding="utf-8") + "\n# edited by hand\n", encoding="utf-8")
    assert tool.main(["--check"]) == 1


def _sample_class_tool():
    spec = importlib.util.spec_from_file_location("make_sample_class", ROOT / "scripts" / "make_sample_class.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


def _exports(folder):
    return {
        p.name: json.loads(p.read_text())
        for p in folder.glob("progress-export-student-*-*.json")
        if not p.name.endswith("-old.json")
    }


def test_adding_a_question_changes_only_the_answers_to_that_question(tmp_path):
    tool = _sample_class_tool()
    banks = all_banks()
    bank = banks[3]
    new = msgspec.structs.replace(bank.questions[0], id="a-question-added-later")
    grown = [
        msgspec.structs.replace(b, questions=(*b.questions[:2], new, *b.questions[2:])) if b is bank else b
        for b in banks
    ]
    tool.build(tmp_path / "before", banks)
    tool.build(tmp_path / "after", grown)
    before, after = _exports(tmp_path / "before"), _exports(tmp_path / "after")
    assert before.keys() == after.keys() and len(before) == tool.READERS  # same readers, same file names
    answered_new = 0
    for name, data in after.items():
        kept = [a for a in data["attempts"] if a["question"] != new.id]
        assert kept == before[name]["attempts"], f"{name}: answers to other questions changed"
        answered_new += len(data["attempts"]) - len(kept)
    assert answered_new > 0  # the new question was answered by someone


def test_the_committed_sample_is_the_keyed_one():
    """The committed sample comes from this generator, reader by reader."""
    tool = _sample_class_tool()
    committed = _exports(ROOT / "data" / "classroom-sample")
    banks = all_banks()
    for n in range(1, tool.READERS + 1):
        reader = tool.reader_id(n)
        (data,) = [d for name, d in committed.items() if name.endswith(f"-{reader}.json")]
        assert data["attempts"] == tool.attempts_of(reader, n, banks)
