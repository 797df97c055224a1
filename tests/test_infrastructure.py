"""The test set-up's own shortcuts change no check (conftest.py, pyproject.toml)."""

import json
import sys

from glutecourse.core.data import SCHEMA_DIR

IRI_FORMATS = {"iri", "iri-reference"}


def formats(node) -> set[str]:
    if isinstance(node, dict):
        found = {node["format"]} if isinstance(node.get("format"), str) else set()
        for value in node.values():
            found |= formats(value)
        return found
    if isinstance(node, list):
        return set().union(*map(formats, node)) if node else set()
    return set()


def test_going_without_rfc3987_syntax_drops_no_format_the_course_checks():
    """conftest.py keeps jsonschema from importing rfc3987_syntax (seconds per process): it
    only checks the "iri" formats, which no course schema, nor the meta-schema the schemas
    are checked against, uses."""
    import jsonschema

    assert sys.modules.get("rfc3987_syntax", "absent") is None  # the block is in force
    used = set()
    for path in SCHEMA_DIR.glob("*.schema.json"):
        used |= formats(json.loads(path.read_text(encoding="utf-8")))
    used |= formats(jsonschema.Draft7Validator.META_SCHEMA)
    assert used, "no format found at all: the walk is broken"
    assert not used & IRI_FORMATS, f"a schema uses {used & IRI_FORMATS}: remove the block in conftest.py"
    # Every format in use is still checked.
    assert used <= set(jsonschema.Draft7Validator.FORMAT_CHECKER.checkers), used


def test_processes_the_tests_start_go_without_rfc3987_syntax_too():
    """tests/faststart is on the path of every process the tests start, and works there."""
    import subprocess

    code = "import sys, jsonschema; print(sys.modules.get('rfc3987_syntax', 'absent'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "None", out.stdout + out.stderr
