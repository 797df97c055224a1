"""One emergency message everywhere, generated from the disclaimer in data/course.json.

Every notebook's first cell carries the generated banner (so it shows before any cell
runs), the disclaimer() box and the self-check's actions come from the same data, and no
notebook keeps its own hand-written copy of the emergency list anywhere else.
"""

import copy
import json
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, course_notebooks
from glutecourse.catalog import safety as S
from glutecourse.catalog.course import Disclaimer
from glutecourse.core.data import build
from glutecourse.core.errors import CourseDataError
from glutecourse.topics import selfcheck as S_topics
from glutecourse.topics import selfcheck as T
from glutecourse.ui import selfcheck as T_ui
from glutecourse.ui.safety import disclaimer_html

COURSE = json.loads((ROOT / "data" / "course.json").read_text(encoding="utf-8"))
D = COURSE["disclaimer"]
#: A markdown cell that names this many of the emergency list's signs is a copy of the list.
COPY_THRESHOLD = 3


def markdown_cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [(n, "".join(c["source"])) for n, c in enumerate(nb["cells"]) if c["cell_type"] == "markdown"]


@pytest.mark.parametrize("path", course_notebooks(), ids=lambda p: p.name)
def test_first_cell_carries_exactly_the_generated_banner(path):
    cells = markdown_cells(path)
    assert cells and cells[0][0] == 0, f"{path.name}: the first cell must be Markdown"
    first = cells[0][1]
    blocks = S.BANNER_RE.findall(first)
    assert len(blocks) == 1, f"{path.name}: cell 0 needs one safety banner (run: make banners)"
    assert blocks[0] == S.banner_markdown(), f"{path.name}: banner differs from data/course.json (run: make banners)"
    # title and one-line promise first, then the banner, before any code
    assert first.lstrip().startswith("# ")
    for n, text in cells[1:]:
        assert not S.BANNER_RE.search(text), f"{path.name} cell {n}: a second banner"


@pytest.mark.parametrize("path", course_notebooks(), ids=lambda p: p.name)
def test_no_notebook_keeps_its_own_copy_of_the_emergency_list(path):
    """Outside the generated banner, no Markdown cell may list the emergency signs again
    (found with each sign's own pattern from the data): point to the banner or to
    levels_table() instead, so the list can never go stale in one place."""
    for n, text in markdown_cells(path):
        found = S.emergency_signs_in(text)
        assert len(found) < COPY_THRESHOLD, f"{path.name} cell {n} copies the emergency list: {found}"


def test_copy_detector_finds_the_old_hand_written_banner():
    """The detector is not vacuous: the banner notebook 05 used to carry is caught."""
    old = (
        "> ⚠ **Educational only, never a diagnosis.** If you have back pain together with loss of bladder or bowel "
        "control, difficulty passing urine, numbness around the genitals, anus or buttocks, weakness or numbness in "
        "both legs, chest pain, or pain after a serious accident, **stop reading and get emergency care now**."
    )
    assert len(S.emergency_signs_in(old)) >= COPY_THRESHOLD
    assert S.emergency_signs_in(S.banner_markdown()) == []  # the generated banner itself is allowed


def test_banner_holds_every_emergency_sign_the_action_and_points_to_the_same_day_list():
    banner = S.banner_markdown()
    for sign in D["emergency"]["signs"]:
        assert f"> - {sign['text']}" in banner
    assert D["emergency"]["action"] in banner and "999" in banner and "A&E" in banner
    assert D["urgent"]["summary"] in banner
    for sign in D["urgent"]["signs"]:
        assert sign["text"] in banner
    # short: the emergency list, its action and one line for the same-day list
    assert len(banner.splitlines()) <= len(D["emergency"]["signs"]) + 12


def test_emergency_list_has_the_signs_the_sources_require():
    text = " ".join(s["text"] for s in D["emergency"]["signs"])
    for words in (
        "both legs",
        "genitals",
        "peeing",
        "bladder or bowel control",
        "sexual",
        "chest pain",
        "serious accident",
    ):
        assert words in text, words


def test_disclaimer_box_shows_both_lists_from_the_same_data():
    html = disclaimer_html()
    for level in ("emergency", "urgent"):
        for sign in D[level]["signs"]:
            assert T_ui.safe_html(sign["text"]) in html
        assert T_ui.safe_html(D[level]["action"]) in html


def test_self_check_actions_come_from_the_same_message():
    assert D["emergency"]["action"] in T.level_info("emergency").action
    assert D["urgent"]["action"] in T.level_info("urgent").action
    raw = json.loads((ROOT / "data" / "selfcheck.json").read_text(encoding="utf-8"))
    assert "999" not in json.dumps(raw["levels"]), "write {emergency_action}, not a second copy of the numbers"


def test_every_emergency_and_urgent_item_and_rule_is_on_its_list():
    covered = {
        lv: {i for s in D[lv]["signs"] for i in s.get("items", []) + s.get("rules", [])}
        for lv in ("emergency", "urgent")
    }
    for item in T.items().values():
        if item.level in covered:
            assert item.id in covered[item.level], item.id
    for rule in T.rules():
        if rule.level in covered:
            assert rule.id in covered[rule.level], rule.id


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d["emergency"]["signs"].pop(0), r"emergency item 'rf-both-legs' is on no bullet"),
        (lambda d: d["urgent"]["signs"][0].update(items=["rf-no-such-thing"]), r"unknown item 'rf-no-such-thing'"),
        (
            lambda d: d["urgent"]["signs"][0].update(items=["rf-chest-pain"]),
            r"'rf-chest-pain' is 'emergency' in the self-check, not 'urgent'",
        ),
        (lambda d: d["emergency"]["signs"][-1].update(rules=[]), r"names no self-check item or rule"),
        (lambda d: d["emergency"]["signs"][0].update(match="both (legs"), r"not a valid regular expression"),
    ],
    ids=["missing-item", "unknown-item", "wrong-level", "no-link", "bad-pattern"],
)
def test_disclaimer_that_drifts_from_the_self_check_is_rejected(mutate, message):
    d = copy.deepcopy(D)
    mutate(d)
    with pytest.raises(CourseDataError, match=r"course\.json.*" + message):
        S_topics.check_disclaimer(build(Disclaimer, d), "course.json")


def test_make_banners_check_fails_on_a_stale_banner_and_rewrite_fixes_it(tmp_path):
    nb_path = tmp_path / "99-test.ipynb"
    shutil.copy(ROOT / "notebooks" / "02-hips-pelvis-and-back.ipynb", nb_path)
    tool = [sys.executable, str(ROOT / "scripts" / "make_banners.py")]
    assert subprocess.run(tool + ["--check", str(nb_path)], capture_output=True).returncode == 0
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    nb["cells"][0]["source"] = [re.sub(r"- chest pain\n", "", "".join(nb["cells"][0]["source"]))]
    metadata = nb["cells"][0]["metadata"]
    nb_path.write_text(json.dumps(nb), encoding="utf-8")
    out = subprocess.run(tool + ["--check", str(nb_path)], capture_output=True, text=True)
    assert out.returncode == 1 and "make banners" in out.stdout
    subprocess.run(tool + [str(nb_path)], check=True, capture_output=True)
    fixed = json.loads(nb_path.read_text(encoding="utf-8"))
    assert S.banner_markdown() in "".join(fixed["cells"][0]["source"])
    assert fixed["cells"][0]["metadata"] == metadata  # slide metadata kept
    assert subprocess.run(tool + ["--check", str(nb_path)], capture_output=True).returncode == 0


def test_makefile_has_a_banners_target():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^banners:.*\n\t.*make_banners\.py", makefile, re.M)
