"""One name per topic: the table in CONTRIBUTING.md against the tree.

Every module of catalog/, topics/, charts/ and ui/, every data file and every image
belongs to a row of the table (or to the short "not topics" list); a topic's data files
and images start with its slug unless the row says why not; every image is drawn by its
topic's chart module.
"""

import json
import re

import pytest

from conftest import NOTEBOOKS, ROOT

PKG = ROOT / "src" / "glutecourse"
TEXT = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
LAYERS = ("catalog", "topics", "charts", "ui")


def _table(name: str) -> list[list[str]]:
    block = re.search(rf"<!-- {name}:start -->(.*?)<!-- {name}:end -->", TEXT, re.S).group(1)
    rows = [line for line in block.strip().splitlines() if line.startswith("|")][2:]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


def _ticks(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


TOPICS = {}
for topic, notebooks, modules, data, images, exception in _table("topic-table"):
    (slug,) = _ticks(topic)
    TOPICS[slug] = {
        "notebooks": [n for n in _ticks(notebooks) if re.match(r"(\d\d-|apps/|instructor/)", n)],
        "scripts": [n for n in _ticks(notebooks) if n.endswith(".py")],
        "modules": [m.strip() for m in modules.split(",") if m.strip()],
        "data": _ticks(data),
        "images": _ticks(images),
        "exception": exception,
    }
NOT_TOPICS = {_ticks(path)[0]: why for path, why in _table("not-topics")}


def module_name(slug: str) -> str:
    return slug.replace("-", "_")


def test_the_table_is_there_and_every_exception_says_why():
    assert len(TOPICS) >= 15 and NOT_TOPICS
    assert all(len(why) > 20 for why in NOT_TOPICS.values())


@pytest.mark.parametrize("slug", sorted(TOPICS))
def test_each_topic_has_the_modules_notebooks_and_files_the_table_names(slug):
    row = TOPICS[slug]
    for layer in row["modules"]:
        assert layer in LAYERS, f"{slug}: unknown layer {layer!r}"
        assert (PKG / layer / f"{module_name(slug)}.py").is_file(), f"{slug}: no {layer}/{module_name(slug)}.py"
    for stem in row["notebooks"]:
        assert (NOTEBOOKS / f"{stem}.ipynb").is_file(), f"{slug}: no notebook {stem}"
    for script in row["scripts"]:
        assert (ROOT / script).is_file(), f"{slug}: no {script}"
    for name in row["data"]:
        assert (ROOT / "data" / name).exists(), f"{slug}: data/{name} does not exist"
    for pattern in row["images"]:
        assert list((ROOT / "images").glob(pattern)), f"{slug}: no image matches {pattern}"
    # Named after the topic, or the row says why not.
    if not row["exception"]:
        assert row["data"] or row["images"] or row["modules"] == ["catalog"], f"{slug}: no data or images"
        for name in row["data"]:
            assert name.startswith(slug), f"{slug}: data/{name} is not named after the topic"
        for pattern in row["images"]:
            assert pattern.startswith(f"{slug}-"), f"{slug}: images {pattern} not named after the topic"


def test_every_module_belongs_to_a_topic_or_is_listed_as_shared():
    owned = {f"{layer}/{module_name(slug)}.py" for slug, row in TOPICS.items() for layer in row["modules"]}
    for layer in LAYERS:
        for path in sorted((PKG / layer).glob("*.py")):
            rel = f"{layer}/{path.name}"
            if path.name == "__init__.py" or rel in NOT_TOPICS:
                continue
            assert rel in owned, f"src/glutecourse/{rel} is in no row of the topic table in CONTRIBUTING.md"


def test_every_data_file_belongs_to_a_topic():
    owned = {name.rstrip("/") for row in TOPICS.values() for name in row["data"]}
    for path in sorted((ROOT / "data").iterdir()):
        if path.name in ("__init__.py", "__pycache__") or f"data/{path.name}" in NOT_TOPICS:
            continue
        assert path.name in owned, f"data/{path.name} is in no row of the topic table in CONTRIBUTING.md"


def test_every_image_is_named_after_and_drawn_by_its_topic():
    manifest = json.loads((ROOT / "images" / "manifest.json").read_text(encoding="utf-8"))
    prefixes = {slug: row["images"] for slug, row in TOPICS.items() if row["images"]}
    for name, entry in manifest.items():
        slug = next(
            (s for s, patterns in prefixes.items() if any(re.fullmatch(p.replace("*", ".*"), name) for p in patterns)),
            None,
        )
        assert slug is not None, f"images/{name} matches no topic's images in the table"
        assert entry["drawn_by"] == f"glutecourse.charts.{module_name(slug)}", (
            f"images/{name} is drawn by {entry['drawn_by']}"
        )
        assert "charts" in TOPICS[slug]["modules"], f"{slug} draws images but lists no charts module"
