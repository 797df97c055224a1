"""Teaching that builds judgement (issue 11): Think prompts with answers, a worked example
before each tool a reader uses alone, misconceptions corrected where they come up, the
gluteal tendon hip condition named, and why pain can last.

Worked examples that make a claim the data can check carry a marker comment, for example
``<!-- worked-example: ticks=... result=urgent -->``; the tests run the course's own code on
it, so the example cannot drift from the self-check, the guideline grid or the builder.
"""

import json
import re

import pytest

from conftest import NOTEBOOKS
from glutecourse.catalog.cases import cases
from glutecourse.catalog.references import bibliography

TOPIC = sorted(NOTEBOOKS.glob("0[1-9]-*.ipynb"))
THINK = re.compile(r"<details><summary>Think: (.+?)</summary>(.*?)</details>", re.S)


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def markdown(path):
    return [(n, "".join(c["source"])) for n, c in enumerate(cells(path)) if c["cell_type"] == "markdown"]


def notebook(prefix):
    return next(NOTEBOOKS.glob(f"{prefix}-*.ipynb"))


def short_citations():
    return [re.sub(r"\s*\(.*?\)", "", e.short) for e in bibliography().values()]


def has_citation(text):
    return any(s in text for s in short_citations()) or "NHS" in text


# --------------------------------------------------------------------------- Think prompts


@pytest.mark.parametrize("path", TOPIC, ids=lambda p: p.stem)
def test_each_topic_notebook_has_at_least_two_think_prompts_with_answers(path):
    prompts = [m for _, text in markdown(path) for m in THINK.finditer(text)]
    assert len(prompts) >= 2, f"{path.name}: {len(prompts)} Think prompts"
    for question, answer in (m.groups() for m in prompts):
        assert question.strip().endswith("?"), f"{path.name}: a Think prompt should ask a question: {question!r}"
        assert len(answer.split()) >= 20, f"{path.name}: the answer to {question!r} is too thin"


def test_think_answers_stay_hidden_until_opened():
    """A blank line after the summary lets JupyterLab render Markdown inside the answer; the
    answer is inside <details>, so it stays folded until the reader opens it."""
    for path in TOPIC:
        for _, text in markdown(path):
            for m in THINK.finditer(text):
                assert m.group(2).startswith("\n\n"), f"{path.name}: {m.group(1)!r}"


# --------------------------------------------------------------------------- worked examples

#: The tool each worked example prepares for, by notebook: the example must come before it.
TOOLS = {
    "02": 'study_card("cooper-2016"',
    "04": "symptom_checker(",
    "06": "treatment_explorer(",
    "08": "routine_builder(",
}


def worked_example(prefix):
    path = notebook(prefix)
    all_cells = cells(path)
    example = [
        n
        for n, c in enumerate(all_cells)
        if c["cell_type"] == "markdown" and "### Worked example" in "".join(c["source"])
    ]
    tool = [n for n, c in enumerate(all_cells) if c["cell_type"] == "code" and TOOLS[prefix] in "".join(c["source"])]
    assert len(example) == 1 and tool, f"{path.name}: worked example {example}, tool cells {tool}"
    return example[0], tool[0], "".join(all_cells[example[0]]["source"])


@pytest.mark.parametrize("prefix", sorted(TOOLS))
def test_a_worked_example_comes_before_each_tool_a_reader_uses_alone(prefix):
    at, tool, text = worked_example(prefix)
    assert at < tool, f"notebook {prefix}: the worked example (cell {at}) must come before the tool (cell {tool})"
    steps = re.findall(r"^\d+\. \*\*", text, re.M)
    assert len(steps) >= 4, f"notebook {prefix}: the worked example should go step by step"
    assert any(c.name in text for c in cases()), f"notebook {prefix}: the example uses none of the course's people"


def marker(text):
    m = re.search(r"<!-- worked-example: (.*?) -->", text)
    assert m, "the worked example carries no worked-example marker"
    return dict(pair.split("=", 1) for pair in m.group(1).split())


def test_the_self_check_example_gives_the_result_the_self_check_gives():
    from glutecourse.topics.selfcheck import items, level_names, triage

    _, _, text = worked_example("04")
    claim = marker(text)
    ticks = claim["ticks"].split(",")
    names = level_names()
    result = triage(ticks)
    assert result.level == claim["result"]
    assert names[result.level] in text
    for tick in ticks:  # every ticked box's own level is named in the walk-through
        assert names[items()[tick].level] in text, tick
    assert any(c.rule.id for c in result.combinations), "the example is meant to show a combination at work"


def test_the_grid_example_reads_the_stances_in_the_data():
    from glutecourse.topics.treatments import guidelines_disagree, stance_info, treatment

    _, _, text = worked_example("06")
    row = treatment("acupuncture")
    assert "acupuncture" in text.lower()
    labels = stance_info()
    for gid, cell in row.guidelines.items():
        assert f"{gid.upper()}: {labels[cell.stance].label}" in text, (gid, cell.stance)
    assert guidelines_disagree(row) == ("The row is outlined" in text)


def test_the_routine_example_uses_choices_the_builder_accepts():
    from glutecourse.catalog.phases import phases
    from glutecourse.topics.exercises import LEVEL_LABELS, build_routine, phase_plan

    _, _, text = worked_example("08")
    claim = marker(text)
    routine = build_routine(claim["phase"], int(claim["minutes"]), int(claim["level"]))
    assert routine.ok and routine.items[0].type == "mobility"
    assert sum(i.seconds for i in routine.items) <= int(claim["minutes"]) * 60
    name = next(p.name for p in phases() if p.id == claim["phase"])
    assert name in text and f"{claim['level']} · {LEVEL_LABELS[int(claim['level'])]}" in text
    assert phase_plan(claim["phase"])


# --------------------------------------------------------------------------- misconceptions

#: The misconceptions issue 11 names, and others the quiz banks use as distractors: each is
#: corrected, with a source, in a notebook before the final myths table.
MISCONCEPTIONS = {
    "discs slip": r"slipped",
    "scans show the cause": r"scan",
    "bending and lifting are dangerous": r"bending",
    "a weak core causes pain": r"weak core",
    "rest is best": r"rest",
}


@pytest.mark.parametrize("belief, pattern", sorted(MISCONCEPTIONS.items()), ids=sorted(MISCONCEPTIONS))
def test_each_misconception_is_corrected_where_it_comes_up_with_a_source(belief, pattern):
    found = []
    for path in TOPIC:
        for n, text in markdown(path):
            for block in re.findall(r"\*\*Myth check:.*?(?=\n\n\*\*Myth check:|\Z)", text, re.S):
                heading = block.split("**", 2)[1]
                if re.search(pattern, heading, re.I) and has_citation(block):
                    found.append(f"{path.stem} cell {n}")
            for block in re.findall(r"### Myth check:.*", text, re.S):
                if re.search(pattern, block.split("\n", 1)[0], re.I) and has_citation(block):
                    found.append(f"{path.stem} cell {n}")
    assert found, f"no cited 'Myth check' corrects: {belief}"


def test_pain_in_your_head_is_corrected_beside_psychological_care():
    text = "\n".join(t for _, t in markdown(notebook("06")))
    assert '"in your head"' in text and "imaginary" in text


# --------------------------------------------------------------------------- the hip condition


@pytest.mark.parametrize("prefix", ["01", "03"])
def test_gluteal_tendinopathy_is_named_and_explained_with_its_source(prefix):
    text = "\n".join(t for _, t in markdown(notebook(prefix)))
    assert "gluteal tendinopathy" in text and "greater trochanteric pain syndrome" in text
    assert "Grimaldi et al. 2015" in text


def test_notebook_03_says_what_a_clinician_does_with_it():
    text = "\n".join(t for _, t in markdown(notebook("03")))
    section = text[text.index("### Pain on the side of the hip") :]
    for step in ("**Assessment.**", "**Education about load.**", "**Exercise.**"):
        assert step in section
    assert "Mellor et al. 2018" in section and "a year later" in section  # injection weaker in the long term


# --------------------------------------------------------------------------- why pain can last


def test_notebook_07_explains_why_pain_can_last_and_what_helps():
    text = "\n".join(t for _, t in markdown(notebook("07")))
    start = text.index("### Why pain can last")
    section = text[start : text.index("## 5.", start)]
    for cause in ("Distress", "Fear of moving", "Sleep"):
        assert f"**{cause}" in section, cause
    assert "What helps" in section and "Hartvigsen et al. 2018" in section
