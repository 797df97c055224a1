"""Choosing the final quiz from a blueprint (``data/final-quiz.json``).

The blueprint names the topics, how many questions each contributes, the kinds of item
the quiz must include (at least one emergency-sign and one urgent-sign recognition item)
and the rules. ``select`` is a pure function of the blueprint, the candidate items and the
reader's history (the set of ``(bank, question)`` ids already answered): no widgets, no
files, no randomness, so the same inputs always give the same quiz.

How it chooses:

1. Mandatory kinds first: for each rule, take the best candidate carrying the tag, from a
   topic that still has room.
2. Then fill each topic's count in blueprint order with its best remaining candidates.
3. "Best" means: not yet answered (if ``prefer_unseen``), then final-only before
   topic-quiz questions (if ``prefer_final_pool``), then a fixed pseudo-random rank (a hash
   of the question's id), so ties do not always favour the first question in a file.
4. Never two questions on the same concept.

If the candidates cannot meet the blueprint (too few distinct concepts in a topic, or no
item with a mandatory tag), ``BlueprintError`` says which topic or rule fails.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache

from ..core.data import build, load
from ..core.errors import CourseDataError
from ..core.paths import data_dir
from ..core.records import Record
from .quizzes import Question, all_banks


class BlueprintError(ValueError):
    """The candidates cannot satisfy the blueprint (a data problem, not a reader's)."""


class Item(Record):
    """What the selection needs to know about one question."""

    bank: str
    question: str
    notebook: str  # the topic notebook that teaches it
    concept: str
    tags: tuple[str, ...] = ()
    final_only: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.bank, self.question)


class Topic(Record):
    """A topic notebook and how many questions the final quiz takes from it."""

    notebook: str
    count: int


class Mandatory(Record):
    """A kind of item the quiz must include (a question tag), how many, and why."""

    tag: str
    min: int
    why: str


class Rules(Record):
    distinct_concepts: bool
    prefer_unseen: bool
    prefer_final_pool: bool


class Blueprint(Record):
    """``data/final-quiz.json``: the topics in order, the mandatory kinds and the rules."""

    title: str
    note: str
    topics: tuple[Topic, ...]
    mandatory: tuple[Mandatory, ...]
    rules: Rules


def _path():
    return data_dir() / "final-quiz.json"


def check_blueprint(data: dict, path=None) -> Blueprint:
    """Rules the schema cannot express (each topic once, mandatory tags once) on the
    schema-checked file; then the file built into a ``Blueprint``."""
    path = path or _path()
    notebooks = [t["notebook"] for t in data["topics"]]
    dupes = sorted({n for n in notebooks if notebooks.count(n) > 1})
    if dupes:
        raise CourseDataError(path, "topics", f"{dupes} listed more than once")
    tags = [m["tag"] for m in data["mandatory"]]
    if len(set(tags)) != len(tags):
        raise CourseDataError(path, "mandatory", "a tag is listed more than once")
    if sum(m["min"] for m in data["mandatory"]) > sum(t["count"] for t in data["topics"]):
        raise CourseDataError(path, "mandatory", "asks for more items than the quiz has questions")
    return build(Blueprint, data)


@lru_cache(maxsize=1)
def blueprint() -> Blueprint:
    """``data/final-quiz.json``, schema-checked."""
    return check_blueprint(load("final-quiz.json", schema="final-quiz"))


def total(data: Blueprint) -> int:
    return sum(t.count for t in data.topics)


def items_from_banks(banks) -> list[Item]:
    """Candidate items from loaded quiz banks (every question of every bank)."""
    return [
        Item(b.id, q.id, q.notebook or b.notebook, q.concept, tuple(q.tags), b.pool == "final")
        for b in banks
        for q in b.questions
    ]


def _rank(item: Item) -> str:
    # SHA-256 of the id: stable across runs, machines and Python's hash seed.
    return hashlib.sha256(f"{item.bank}/{item.question}".encode()).hexdigest()


def select(data: Blueprint, items: Iterable[Item], history: Iterable[tuple[str, str]] = ()) -> list[Item]:
    """The final quiz for a reader whose answered ``(bank, question)`` ids are ``history``,
    in blueprint topic order. Raises BlueprintError if the blueprint cannot be met."""
    seen = set(map(tuple, history))
    rules = data.rules
    order = {t.notebook: i for i, t in enumerate(data.topics)}
    room = {t.notebook: t.count for t in data.topics}
    pool = [it for it in items if it.notebook in order]

    def preference(it: Item):
        return (rules.prefer_unseen and it.key in seen, rules.prefer_final_pool and not it.final_only, _rank(it))

    chosen: list[Item] = []
    concepts: set[str] = set()

    def take(candidates, what):
        free = [it for it in candidates if room[it.notebook] > 0 and it.concept not in concepts and it not in chosen]
        if not free:
            raise BlueprintError(
                f"no question left for {what} (every candidate is used, repeats a concept, "
                "or belongs to a topic that is already full)"
            )
        best = min(free, key=preference)
        chosen.append(best)
        concepts.add(best.concept)
        room[best.notebook] -= 1

    for rule in data.mandatory:
        while sum(rule.tag in it.tags for it in chosen) < rule.min:
            take([it for it in pool if rule.tag in it.tags], f"the mandatory tag {rule.tag!r}")
    for topic in data.topics:
        while room[topic.notebook] > 0:
            take([it for it in pool if it.notebook == topic.notebook], f"topic {topic.notebook!r}")
    position = {it: i for i, it in enumerate(chosen)}
    return sorted(chosen, key=lambda it: (order[it.notebook], position[it]))


def rule_violations(
    data: Blueprint, chosen: list[Item], history: Iterable[tuple[str, str]], items: Iterable[Item]
) -> list[str]:
    """Every way ``chosen`` breaks the blueprint (empty when it meets it). The tests use
    this on many histories; it is independent of how ``select`` works."""
    problems = []
    seen = set(map(tuple, history))
    counts = {t.notebook: 0 for t in data.topics}
    for it in chosen:
        if it.notebook not in counts:
            problems.append(f"{it.key} is not from a blueprint topic")
        else:
            counts[it.notebook] += 1
    for t in data.topics:
        if counts[t.notebook] != t.count:
            problems.append(f"{t.notebook}: {counts[t.notebook]} questions, blueprint says {t.count}")
    for rule in data.mandatory:
        n = sum(rule.tag in it.tags for it in chosen)
        if n < rule.min:
            problems.append(f"only {n} item(s) tagged {rule.tag!r}, at least {rule.min} required")
    concepts = [it.concept for it in chosen]
    repeated = sorted({c for c in concepts if concepts.count(c) > 1})
    if repeated:
        problems.append(f"concepts repeated: {repeated}")
    if len(set(chosen)) != len(chosen):
        problems.append("a question appears twice")
    if data.rules.prefer_unseen:
        # If a seen question was chosen while an unseen one of the same topic (with a concept
        # not otherwise used) was left out, the reader was shown something old needlessly.
        chosen_set = set(chosen)
        for it in chosen:
            if it.key not in seen:
                continue
            others = {c.concept for c in chosen if c is not it}
            spare = [
                c
                for c in items
                if c.notebook == it.notebook
                and c not in chosen_set
                and c.key not in seen
                and c.concept not in others
                and (not set(it.tags) or set(it.tags) <= set(c.tags))
            ]
            if spare:
                problems.append(f"{it.key} was answered before, but {spare[0].key} was not and could replace it")
    return problems


def final_questions(history=(), banks=None, plan=None) -> list[Question]:
    """The final quiz for a reader who has answered ``history`` (a set of ``(bank,
    question)`` ids), chosen from the blueprint ``plan`` (default: ``data/final-quiz.json``): the same
    history always gives the same quiz (see the rules above)."""
    banks = all_banks() if banks is None else banks
    data = blueprint() if plan is None else plan
    by_key = {(b.id, q.id): q for b in banks for q in b.questions}
    return [by_key[it.key] for it in select(data, items_from_banks(banks), history)]
