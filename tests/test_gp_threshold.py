"""One threshold for seeing a GP: "a few weeks" of home care (NHS), not "a few days".

The wording lives once in data/selfcheck.json (thresholds.see_gp_after). Notebooks 04 and 05
use the same words, and say "a few days" only when they quote the article to correct it.
"Quoted" means: inside double quotation marks ("..." or “...”) on one line.
"""

import json
import re

import pytest

from conftest import NOTEBOOKS
from glutecourse.topics import selfcheck as T

QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')
FEW_DAYS = re.compile(r"\bfew days\b", re.I)
MINE = ["04-symptoms-and-self-check.ipynb", "05-when-to-see-a-doctor.ipynb"]


def markdown(name):
    cells = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def unquoted(text):
    return QUOTED.sub("", text)


@pytest.mark.parametrize("name", MINE)
def test_notebook_says_a_few_days_only_inside_a_quotation(name):
    match = FEW_DAYS.search(unquoted(markdown(name)))
    assert not match, f"{name}: {unquoted(markdown(name))[max(0, match.start() - 80) : match.end() + 40]!r}"


@pytest.mark.parametrize("name", MINE)
def test_notebook_uses_the_threshold_from_the_data(name):
    assert T.see_gp_after() in markdown(name)


def test_quotation_rule_is_what_the_docstring_says():
    assert FEW_DAYS.search(unquoted("See a GP if pain lasts more than a few days."))
    assert not FEW_DAYS.search(unquoted('The article says "more than a few days"; the NHS says a few weeks.'))
    assert not FEW_DAYS.search(unquoted("The article says “a few days”."))
    # a quotation mark that never closes on the line does not hide the rest of the text
    assert FEW_DAYS.search(unquoted('He said "wait\nmore than a few days.'))
