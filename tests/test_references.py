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
        if "classroom-sample" in path.parts or path.name == "references.json":
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
    from glutecourse.topics.quizzes import all_banks

    for bank in all_banks():
        if bank.id == "00-warm-up":
            continue
        assert len(bank.questions) >= 6, bank.id
        assert len({q.type for q in bank.questions}) >= 3, f"{bank.id}: mix the question types"


# ---------------------------------------------------------------- a bad key is named


def _clear_caches():
    """Forget every loaded data file (the loaders cache with lru_cache)."""
    import sys

    for name, module in list(sys.modules.items()):
        if name.startswith("glutecourse"):
            for attr, value in vars(module).items():
                if hasattr(value, "cache_clear") and attr != "_validator":
                    value.cache_clear()


def _put(node, path, key):
    """Cite ``key`` at ``path`` (a list of keys into the JSON): append it to a list of
    keys, or replace a single key."""
    *parents, last = path
    for part in parents:
        node = node[part]
    if isinstance(node[last], list):
        node[last].append(key)
    else:
        node[last] = key


def _load(dotted: str):
    import importlib

    module, func, *args = dotted.split(":")
    return getattr(importlib.import_module(f"glutecourse.{module}"), func)(*args)


# (data file, where it cites a key, the loader that checks it)
CITERS = [
    ("course.json", ["disclaimer", "refs"], "catalog.course:course"),
    ("anatomy.json", ["muscles", 0, "refs"], "topics.anatomy:muscles"),
    ("causes.json", ["causes", 0, "refs"], "topics.causes:causes_data"),
    ("evidence.json", ["studies", 0, "ref"], "topics.evidence:evidence_data"),
    ("exercises.json", ["exercises", 0, "evidence", "refs"], "topics.exercises:library"),
    ("quizzes/01-glute-anatomy.json", ["questions", 0, "ref"], "topics.quizzes:load_bank:01-glute-anatomy"),
    ("selfcheck.json", ["items", 0, "source", 0, "ref"], "topics.selfcheck:symptom_data"),
    ("treatments.json", ["treatments", 0, "refs"], "topics.treatments:treatments_data"),
    ("myths.json", ["myths", 0, "refs"], "topics.myths:myths"),
]
BAD_KEYS = {"unknown": "no-such-source", "malformed": "Not A Key!"}


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of data/ the loaders read instead of the real one."""
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    monkeypatch.setenv("GLUTECOURSE_DATA", str(folder))
    _clear_caches()
    yield folder
    monkeypatch.delenv("GLUTECOURSE_DATA")
    _clear_caches()


@pytest.mark.parametrize("kind", sorted(BAD_KEYS))
@pytest.mark.parametrize("name, where, loader", CITERS, ids=[c[0].split("/")[-1] for c in CITERS])
def test_a_bad_cited_key_is_reported_by_name(data_copy, name, where, loader, kind):
    from glutecourse.core.errors import CourseDataError

    key = BAD_KEYS[kind]
    path = data_copy / name
    data = json.loads(path.read_text(encoding="utf-8"))
    holder = data[where[0]][where[1]] if isinstance(where[1], int) else None
    item = holder["id"] if holder else where[0]  # the item that cites the key, by its id
    _put(data, where, key)
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CourseDataError) as caught:
        _load(loader)
    message = str(caught.value)
    assert repr(key) in message and name.split("/")[-1] in message and item in message, message


def test_a_badly_named_bibliography_key_is_reported_by_name(data_copy):
    from glutecourse.catalog.references import bibliography
    from glutecourse.core.errors import CourseDataError

    path = data_copy / "references.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["Bad_Key"] = next(iter(data.values()))
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CourseDataError) as caught:
        bibliography()
    assert "'Bad_Key'" in str(caught.value) and "references.json" in str(caught.value)
