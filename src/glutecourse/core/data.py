"""Loading and validating the course's plain-data files in ``data/``.

Every file has a JSON Schema in ``glutecourse/schemas/``. The schemas are compiled ahead of
time by fastjsonschema into plain Python (``glutecourse.core._validators``, written by
``make generate``; a test fails if it is stale), so loading a file costs one function call:
no schema is compiled and jsonschema is never imported on a reader's path, and nothing is
written anywhere (loading has no side effects). The test suite also checks every schema
against its meta-schema with jsonschema.

After the schema check each catalogue builds its typed records once (``build``: frozen
``Record`` structs of ``core.records``, lists as tuples, by msgspec), so the rest of the package reads attributes, not
raw dicts.
A bad file therefore still fails at the schema check, with the message naming file and item.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import TypeVar

from .errors import CourseDataError
from .paths import data_dir, package_file

SCHEMA_DIR = package_file("schemas")

T = TypeVar("T")


def schema_path(name: str) -> Path:
    return SCHEMA_DIR / f"{name}.schema.json"


def validator_module(name: str) -> str:
    """The generated module that validates schema ``name`` (``progress-export`` ->
    ``progress_export``)."""
    return name.replace("-", "_")


@cache
def validator(name: str):
    """The precompiled validator of schema ``name`` (see ``_validators``): a function that
    returns the data or raises ``fastjsonschema.JsonSchemaValueException``."""
    from importlib import import_module

    try:
        module = import_module(f"{__package__}._validators.{validator_module(name)}")
    except ModuleNotFoundError:
        raise CourseDataError(schema_path(name), None, "no precompiled validator: run make generate") from None
    return module.validate


def _describe(data, path_parts, id_key="id"):
    """Split a schema error path like ['data', 'questions', '2', 'answer'] into the item
    (the list elements on the way, each named by its id when it has one, e.g.
    "question 'q1', option 'c'") and the field."""
    node = data
    items, field = [], []
    for raw in path_parts[1:]:
        part = int(raw) if isinstance(raw, str) and raw.isdigit() else raw
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            field.append(str(part))
            break
        if isinstance(part, int):
            container = field[-1] if field else "item"
            ident = node.get(id_key) if isinstance(node, dict) else None
            if items and not ident and field:
                # An entry without an id of its own in a list (a reference key in "refs",
                # a {ref, place} source): keep naming the item that holds the list, and
                # say which entry of it.
                field[-1] = f"{container} #{part + 1}"
                continue
            singular = (
                container[:-3] + "y"
                if container.endswith("ies")
                else (container[:-1] if container.endswith("s") else container)
            )
            items.append(f"{singular} {ident!r}" if ident else f"{singular} #{part + 1}")
            field = []
        else:
            field.append(str(part))
    return (", ".join(items) or None), ".".join(field)


def _bad_names(obj, name_schema: dict) -> str:
    """For a ``propertyNames`` failure: which key broke the rule (fastjsonschema does not
    say), for example a reference key with a capital letter in data/references.json. The
    course's schemas restrict key names by ``pattern`` only."""
    import re

    pattern = name_schema.get("pattern")
    if pattern is None:
        return ""
    for key in obj if isinstance(obj, dict) else ():
        if not re.search(pattern, key):
            return f"key {key[:60]!r} is not a valid name: keys must match {pattern}"
    return ""


def validate(data, schema: str, path, id_key: str = "id"):
    """Validate ``data`` against the named schema; raise CourseDataError naming the item."""
    import fastjsonschema

    try:
        validator(schema)(data)
    except fastjsonschema.JsonSchemaValueException as exc:
        item, field = _describe(data, list(exc.path or ["data"]), id_key)
        problem = exc.message[len(exc.name) :].strip() if exc.message.startswith(exc.name) else exc.message
        if exc.rule == "required":
            problem = problem.replace("must contain", "is missing required field(s)").replace(" properties", "")
        elif problem.startswith("must not be there"):
            problem = "is not allowed here (for example, for this question type)"
        elif exc.rule == "additionalProperties":
            problem = problem.replace("must not contain", "has unknown field(s)").replace(" properties", "")
        elif exc.rule == "propertyNames":
            problem = _bad_names(exc.value, (exc.definition or {}).get("propertyNames", {})) or problem
        if exc.rule in ("pattern", "enum", "const", "format") and isinstance(exc.value, str):
            problem += f" (got {exc.value[:60]!r})"  # name the bad value, e.g. a reference key
        raise CourseDataError(path, item, f"{field} {problem}".strip() if field else problem) from None
    return data


def read_json(path: Path | str):
    """Parse a JSON file, raising CourseDataError (with line and column) if it is invalid."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CourseDataError(path, None, "file not found") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CourseDataError(
            path, None, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None


def load_validated(path: Path | str, schema: str, id_key: str = "id"):
    """Parse a JSON file and validate it against ``schema``. Raises CourseDataError
    naming the file and the item."""
    path = Path(path)
    return validate(read_json(path), schema, path, id_key)


def load(name: str, schema: str | None = None, id_key: str = "id"):
    """Load ``data/<name>`` (JSON), validated against ``schema`` when given."""
    path = data_dir() / name
    if schema:
        return load_validated(path, schema, id_key)
    return read_json(path)


def build(cls: type[T], data: Mapping) -> T:
    """The typed record ``cls`` (a frozen ``Record``) built from validated JSON ``data`` by
    msgspec (compiled, so building costs microseconds): nested records are built too, JSON
    lists become tuples, and a value of the wrong type is an error. Call it after the
    schema check: the schema's message (naming file and item) is the one a bad file gets,
    and the schema's ``additionalProperties: false`` is what refuses an unknown key."""
    import msgspec

    return msgspec.convert(data, cls)


def build_all(cls: type[T], items: Iterable[Mapping]) -> tuple[T, ...]:
    """``build`` for every item of a JSON list."""
    return tuple(build(cls, item) for item in items)


def by_id(items: Iterable[T], item_id: str, key: str = "id") -> T:
    """The item of a data list whose ``key`` (a field of a record, or a key of a dict) equals
    ``item_id``; KeyError if none."""
    for item in items:
        if field_of(item, key) == item_id:
            return item
    raise KeyError(item_id)


def field_of(item, key: str, default=None):
    """``key`` of a record (an attribute) or of a raw dict (a key), ``default`` if absent."""
    return item.get(key, default) if isinstance(item, Mapping) else getattr(item, key, default)


def check_unique(path, items, kind: str, key: str = "id", problem: str | None = None) -> None:
    """Each item's ``key`` (an id, a notebook's file) is used once; otherwise
    CourseDataError naming the second item that uses it (``problem`` says what is wrong).
    ``items`` are typed records or raw dicts."""
    seen: set[str] = set()
    for item in items:
        value = field_of(item, key)
        if value in seen:
            raise CourseDataError(
                path, f"{kind} {value!r}", problem or f"duplicate {key} (used twice): another {kind} uses it"
            )
        seen.add(value)


def check_ids_and_refs(
    path, items, kind: str, known_refs: set[str], refs_of=lambda item: field_of(item, "refs", ()) or ()
):
    """The two rules every data file shares and a schema cannot express: item ids are
    unique, and every cited reference key is in data/references.json. ``items`` are typed
    records or raw dicts."""
    items = list(items)
    check_unique(path, items, kind)
    for item in items:
        for ref in refs_of(item):
            if ref not in known_refs:
                raise CourseDataError(
                    path, f"{kind} {field_of(item, 'id')!r}", f"reference key {ref!r} is not in data/references.json"
                )
