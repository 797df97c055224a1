"""The base of the course's typed records.

Every record the package builds from ``data/`` or from a reader's file (a question, a
muscle, a study, a diary entry, a class summary ...) is a frozen ``Record``: typed fields,
equality, a readable ``repr`` and hashing, like a frozen dataclass, but defined by
msgspec's compiled ``Struct``. Defining a frozen dataclass runs generated Python for each
of its methods (about 0.55 ms a class on the course's machine); a notebook's first cell
defines 30 to 50 of them, so that alone was about a tenth of what a notebook costs beyond
starting its kernel. A ``Struct`` class is defined in about 0.03 ms, and ``msgspec.convert``
builds one from checked data directly (``core.data.build``).

Use ``msgspec.field(default_factory=...)`` for a mutable default, and
``msgspec.structs.replace`` / ``msgspec.structs.asdict`` where a dataclass would use
``dataclasses.replace`` / ``asdict``. Setting a field raises ``AttributeError``.
"""

from __future__ import annotations

from msgspec import Struct, field
from msgspec.structs import asdict, fields, replace

__all__ = ["Record", "asdict", "field", "fields", "replace"]


class Record(Struct, frozen=True):
    """A frozen, typed record (see the module's docstring)."""
