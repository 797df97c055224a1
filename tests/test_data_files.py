"""Every data file validates against its schema; schemas themselves are valid JSON Schema."""

import json

import pytest
from conftest import ROOT

from glutecourse.data import SCHEMA_DIR


@pytest.mark.parametrize("schema_path", sorted(SCHEMA_DIR.glob("*.schema.json")), ids=lambda p: p.name)
def test_schema_is_valid_draft7(schema_path):
    import jsonschema

    schema = json.loads(schema_path.read_text())
    jsonschema.Draft7Validator.check_schema(schema)


def test_every_schema_is_used_by_a_data_file():
    from glutecourse.data import load  # noqa: F401  (schema names are referenced in code)

    code = "".join(p.read_text() for p in (ROOT / "src" / "glutecourse").glob("*.py"))
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
    from glutecourse.data import validate
    from glutecourse.errors import CourseDataError

    data = json.loads((ROOT / "data" / "course.json").read_text())
    data["notebooks"][0]["minutes"] = "fifteen"
    with pytest.raises(CourseDataError, match="00-start-here.ipynb.*minutes must be integer"):
        validate(data, "course", "course.json", id_key="file")


def test_validation_result_is_cached_only_for_the_exact_text(tmp_path, home):
    from glutecourse.data import load_validated
    from glutecourse.errors import CourseDataError

    good = {"terms": [{"term": "test term", "definition": "A definition long enough."}]}
    path = tmp_path / "g.json"
    path.write_text(json.dumps(good))
    load_validated(path, "glossary", id_key="term")
    markers = list((home / "cache").glob("valid-glossary-*"))
    assert len(markers) == 1
    load_validated(path, "glossary", id_key="term")  # cached: no new marker
    assert len(list((home / "cache").glob("valid-glossary-*"))) == 1
    good["terms"][0]["definition"] = "short"  # now invalid: must be checked again, and fail
    path.write_text(json.dumps(good))
    with pytest.raises(CourseDataError, match="definition"):
        load_validated(path, "glossary", id_key="term")


def test_shared_id_and_reference_check_names_the_item():
    from glutecourse.data import check_ids_and_refs
    from glutecourse.errors import CourseDataError

    items = [{"id": "a", "refs": ["nice-ng59"]}, {"id": "b", "refs": ["nope"]}]
    with pytest.raises(CourseDataError, match=r"x.json, thing 'b': reference key 'nope'"):
        check_ids_and_refs("x.json", items, "thing", {"nice-ng59"})
    with pytest.raises(CourseDataError, match=r"thing 'a': duplicate id"):
        check_ids_and_refs("x.json", [items[0], dict(items[0])], "thing", {"nice-ng59"})
    check_ids_and_refs("x.json", items[:1], "thing", {"nice-ng59"})  # valid: no error
