"""One bibliography: every cited key exists, and every entry is cited somewhere."""

import json
import re

import pytest
from conftest import ROOT

BIB = json.loads((ROOT / "data" / "references.json").read_text())
CITING_FIELDS = re.compile(r"^(ref|refs|.*_refs|study)$")


def data_citations():
    """(file, key) for every value under a citing field in data/ (not the sample class)."""
    found = []

    def walk(node, path, field=None):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, path, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, path, field)
        elif isinstance(node, str) and field and CITING_FIELDS.match(field):
            found.append((path, node))

    for path in sorted((ROOT / "data").rglob("*.json")):
        if "class-sample" in path.parts or path.name == "references.json":
            continue
        walk(json.loads(path.read_text()), path.relative_to(ROOT))
    return found


def notebook_citations():
    found = []
    for nb in sorted((ROOT / "notebooks").rglob("*.ipynb")):
        cells = json.loads(nb.read_text())["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        for call in re.findall(r"\breferences\(([^)]*)\)", code):
            found += [(nb.relative_to(ROOT), key) for key in re.findall(r"[\"']([a-z0-9-]+)[\"']", call)]
    return found


def test_every_cited_key_exists():
    unknown = [(str(p), k) for p, k in data_citations() + notebook_citations() if k not in BIB]
    assert unknown == []


def test_every_bibliography_entry_is_cited():
    cited = {k for _, k in data_citations() + notebook_citations()}
    assert sorted(set(BIB) - cited) == []


CONTENT = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


@pytest.mark.parametrize("path", CONTENT, ids=lambda p: p.stem)
def test_every_content_notebook_ends_with_references(path):
    cells = json.loads(path.read_text())["cells"]
    assert "references(" in "".join(cells[-1]["source"]), f"{path.name}: the last cell should list references"


@pytest.mark.parametrize("path", CONTENT, ids=lambda p: p.stem)
def test_every_content_notebook_follows_the_skeleton(path):
    cells = json.loads(path.read_text())["cells"]
    text = "\n".join("".join(c["source"]) for c in cells)
    assert "**In one line:**" in "".join(cells[0]["source"])
    assert "hide-input" in cells[1].get("metadata", {}).get("tags", []) and "objectives(" in "".join(cells[1]["source"])
    assert re.search(r"^## 1\. ", text, re.M), "numbered sections"
    assert "## Key points" in text and "## References" in text
    assert re.search(r"\b(final_)?quiz\(", text), "a check-your-understanding quiz"


def test_content_quizzes_have_six_mixed_questions():
    from glutecourse.quizzes import all_banks

    for bank in all_banks():
        if bank.id == "00-warm-up":
            continue
        assert len(bank.questions) >= 6, bank.id
        assert len({q.type for q in bank.questions}) >= 3, f"{bank.id}: mix the question types"
