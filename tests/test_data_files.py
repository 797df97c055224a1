"""Every data file validates against its schema; schemas themselves are valid JSON Schema."""

import json

import pytest

from conftest import ROOT
from glutecourse.core.data import SCHEMA_DIR


@pytest.mark.parametrize("schema_path", sorted(SCHEMA_DIR.glob("*.schema.json")), ids=lambda p: p.name)
def test_schema_is_valid_draft7(schema_path):
    import jsonschema

    schema = json.loads(schema_path.read_text())
    jsonschema.Draft7Validator.check_schema(schema)


def test_every_schema_is_used_by_a_data_file():
    code = "".join(p.read_text() for p in (ROOT / "src" / "glutecourse").rglob("*.py") if "_validators" not in p.parts)
    for schema_path in SCHEMA_DIR.glob("*.schema.json"):
        name = schema_path.name.removesuffix(".schema.json")
        assert f'"{name}"' in code, f"schema {name} is never used"


def test_course_and_references_validate_with_jsonschema_too():
    import jsonschema

    for data_name, schema_name in [("course.json", "course"), ("references.json", "references")]:
        data = json.loads((ROOT / "data" / data_name).read_text())
        schema = json.loads((SCHEMA_DIR / f"{schema_name}.schema.json").read_text())
        jsonschema.validate(data, schema)


def test_quiz_banks_validate_with_jsonschema_too():
    import jsonschema

    schema = json.loads((SCHEMA_DIR / "quiz.schema.json").read_text())
    for path in sorted((ROOT / "data" / "quizzes").glob("*.json")):
        jsonschema.validate(json.loads(path.read_text()), schema)


def test_bad_course_file_names_the_notebook(tmp_path, monkeypatch):
    from glutecourse.core.data import validate
    from glutecourse.core.errors import CourseDataError

    data = json.loads((ROOT / "data" / "course.json").read_text())
    data["notebooks"][0]["minutes"] = "fifteen"
    with pytest.raises(CourseDataError, match="00-start-here.ipynb.*minutes must be integer"):
        validate(data, "course", "course.json", id_key="file")


def test_loading_has_no_side_effects_and_checks_every_read(tmp_path, home):
    """Loading writes nothing (no marker files in the reader's folder, which the course
    once used to skip a check), and an edited file is checked again, and fails."""
    from glutecourse.core.data import load_validated
    from glutecourse.core.errors import CourseDataError

    good = {"terms": [{"term": "test term", "definition": "A definition long enough."}]}
    path = tmp_path / "g.json"
    path.write_text(json.dumps(good))
    load_validated(path, "glossary", id_key="term")
    load_validated(path, "glossary", id_key="term")
    assert list(home.rglob("*")) == [] and set(tmp_path.iterdir()) == {home, path}
    good["terms"][0]["definition"] = "short"  # now invalid: must be checked again, and fail
    path.write_text(json.dumps(good))
    with pytest.raises(CourseDataError, match="definition"):
        load_validated(path, "glossary", id_key="term")


def test_shared_id_and_reference_check_names_the_item():
    from glutecourse.core.data import check_ids_and_refs
    from glutecourse.core.errors import CourseDataError

    items = [{"id": "a", "refs": ["nice-ng59"]}, {"id": "b", "refs": ["nope"]}]
    with pytest.raises(CourseDataError, match=r"x.json, thing 'b': reference key 'nope'"):
        check_ids_and_refs("x.json", items, "thing", {"nice-ng59"})
    with pytest.raises(CourseDataError, match=r"thing 'a': duplicate id"):
        check_ids_and_refs("x.json", [items[0], dict(items[0])], "thing", {"nice-ng59"})
    check_ids_and_refs("x.json", items[:1], "thing", {"nice-ng59"})  # valid: no error
