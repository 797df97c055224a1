"""The self-check's four levels are named the same way everywhere.

The names come from data/selfcheck.json (each level's ``short``). Wherever a notebook, the
course map (data/course.json), the README or the instructor guide lists levels, the list
must be exactly those four names, in order; nobody may speak of three levels or tiers.
"""

import json
import re

import pytest

from conftest import ROOT, course_notebooks
from glutecourse.topics import selfcheck as T

NAMES = [n.lower() for n in T.level_names().values()]
# Words that name a level, the data's names first, then older wordings the course used.
LEGACY = [
    "get emergency care now",
    "see a doctor soon",
    "self-care may help",
    "see a doctor when you can",
    "selfcare",
    "self care",
    "same-day",
    "same day",
    "emergency",
    "urgent",
    "routine",
    "self-care",
]
TERM = "|".join(re.escape(t) for t in sorted(set(NAMES + LEGACY), key=len, reverse=True))
SEP = r"[\s,;/]*(?:\b(?:or|and|then)\b)?[\s,;/]*"
ENUMERATION = re.compile(rf"(?:{TERM})(?:{SEP}(?:{TERM})){{2,}}")
WRONG_COUNT = re.compile(r"\b(?:two|three|five|six|2|3|5|6)[- ](?:tiers?|levels?)\b|\btiers? of urgency\b", re.I)


def texts():
    """(where, text) for every place that may name the levels."""
    for path in course_notebooks():
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for n, cell in enumerate(cells):
            if cell["cell_type"] == "markdown":
                yield f"{path.relative_to(ROOT)} cell {n}", "".join(cell["source"])
    course = json.loads((ROOT / "data" / "course.json").read_text(encoding="utf-8"))
    for nb in course["notebooks"]:
        yield f"data/course.json {nb['file']} objectives", "\n".join(nb["objectives"])
    for name in ("README.md", "instructor/README.md"):
        yield name, (ROOT / name).read_text(encoding="utf-8")


def level_lists(text):
    plain = re.sub(r"[*_]|</?(?:em|strong|kbd)>", "", text).lower()
    for match in ENUMERATION.finditer(plain):
        yield match.group(0), re.findall(TERM, match.group(0))


def test_the_data_names_four_levels():
    assert len(NAMES) == 4 == len(set(NAMES))


@pytest.mark.parametrize("where, text", list(texts()), ids=lambda x: x if len(x) < 80 else "")
def test_every_list_of_levels_uses_the_four_names_in_order(where, text):
    for found, terms in level_lists(text):
        assert terms == NAMES, f"{where}: {found!r} should name the levels as {NAMES}"
    match = WRONG_COUNT.search(text)
    assert not match, f"{where}: {match.group(0)!r}: the self-check has four levels"


def test_places_that_describe_the_self_check_name_all_four():
    """The apps page, objective 04, notebook 04 and the README table row list the levels."""
    needed = {
        "notebooks/apps/self-check-and-quizzes.ipynb": None,
        "notebooks/04-symptoms-and-self-check.ipynb": None,
        "data/course.json 04-symptoms-and-self-check.ipynb objectives": None,
        "README.md": None,
    }
    for where, text in texts():
        key = next((k for k in needed if where.startswith(k)), None)
        if key and any(terms == NAMES for _, terms in level_lists(text)):
            needed[key] = where
    assert all(needed.values()), [k for k, v in needed.items() if not v]


def test_the_detector_catches_the_old_three_level_wording():
    old = "Use the self-check to sort symptoms into emergency, see a doctor soon, or self-care"
    assert [terms for _, terms in level_lists(old)] == [["emergency", "see a doctor soon", "self-care"]]
    assert WRONG_COUNT.search("## 1. Three tiers of urgency")
