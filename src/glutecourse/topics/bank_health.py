"""Bank health: figures that show whether a test-wise reader could game the quizzes.

Pure functions over loaded banks (no widgets, no files written). The tests in
``tests/test_bank_health.py`` compute these figures and fail past the targets below;
``scripts/bank_health.py`` prints them (that is how the before and after figures in the
report were made).

What is measured, and why:

- **Longest option is the key.** Test-wise readers pick the longest option, because
  writers tend to qualify the right answer until it is longer than the rest. Counted on
  single-choice questions: the keyed option is *strictly* longer than every other option.
  If options are of similar length, this happens about 1 time in k by chance (k options).
- **Key length against the distractors.** Even when the key is not the longest, a key far
  shorter or longer than the rest stands out. For each single-choice question the ratio
  (key length) / (mean distractor length) must lie within ``LENGTH_RATIO``. Bounds of
  0.7-1.4 allow ordinary variation (a 50-character key beside 40-70 character distractors)
  but not a key of twice, or half, the others' length, which a reader sees at a glance.
  For select-all questions the same bounds apply to (mean length of the correct options)
  / (mean length of the wrong ones).
- **True/false balance.** If most statements are false, answering "false" every time
  scores well. The share keyed true must lie within ``TRUE_SHARE``.
- **Numeric questions that ask for a study detail** (a sample size, a hold time, a median)
  test memory of one paper, not understanding. A numeric question's ``kind`` says what it
  asks: ``recall`` means remembering a figure; ``reading`` (reading a chart or table) and
  ``reasoning`` (working something out) are the kinds we want.
- **Kinds overall.** Most questions should be decisions, reasoning or reading, with a few
  recall questions where the fact itself matters (``RECALL_SHARE_MAX``).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Mapping
from difflib import SequenceMatcher
from itertools import combinations

from ..core.records import Record

#: Targets (issue 11). The tests import these, so a target is stated once.
LONGEST_KEY_SHARE_MAX = 0.30
LENGTH_RATIO = (0.7, 1.4)
TRUE_SHARE = (0.40, 0.60)
NUMERIC_RECALL_SHARE_MAX = 0.25
RECALL_SHARE_MAX = 0.25
#: Two prompts at or above this similarity (difflib ratio on normalised text) are
#: near-duplicates. Rewording a number or a name ("5 hours" / "five hours") stays above it.
NEAR_DUPLICATE_RATIO = 0.75

KINDS = ("decision", "reasoning", "reading", "recall")

_TAG = re.compile(r"<[^>]+>")
_NON_WORD = re.compile(r"[^a-z0-9%]+")


def plain(text: str) -> str:
    """Text as a reader sees it: tags removed, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(_TAG.sub("", str(text))).split())


def normalised(text: str) -> str:
    """Lower case, punctuation removed: for comparing prompts and answers."""
    return " ".join(_NON_WORD.sub(" ", plain(text).lower()).split())


def _questions(banks):
    for bank in banks:
        for q in bank.questions:
            yield bank, q


def key_is_strictly_longest(q) -> bool:
    key = len(plain(q.option(q.answer).text))
    return all(key > len(plain(o.text)) for o in q.options if o.id != q.answer)


def length_ratio(q) -> float:
    """Key length over mean distractor length (single); mean correct over mean wrong
    (multiple). 1.0 when a side is empty (e.g. every option is correct)."""
    if q.type == "single":
        right = [q.option(q.answer)]
        wrong = [o for o in q.options if o.id != q.answer]
    else:
        right = [o for o in q.options if o.id in q.answer]
        wrong = [o for o in q.options if o.id not in q.answer]
    if not right or not wrong:
        return 1.0
    mean = lambda opts: sum(len(plain(o.text)) for o in opts) / len(opts)  # noqa: E731
    return mean(right) / mean(wrong)


def answer_key(q) -> str:
    """The keyed answer as comparable text (option texts, True/False, or the number)."""
    if q.type == "single":
        return normalised(q.option(q.answer).text)
    if q.type == "multiple":
        return " | ".join(sorted(normalised(o.text) for o in q.options if o.id in q.answer))
    if q.type == "truefalse":
        return "true" if q.answer else "false"
    return f"{float(q.answer):g}"


def near_duplicates(banks, threshold: float = NEAR_DUPLICATE_RATIO) -> list[tuple[str, str, float]]:
    """Pairs of questions (as 'bank/question') whose prompts are nearly the same text."""
    items = [(f"{b.id}/{q.id}", normalised(q.prompt)) for b, q in _questions(banks)]
    found = []
    for (a, ta), (b, tb) in combinations(items, 2):
        matcher = SequenceMatcher(None, ta, tb, autojunk=False)
        if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
            continue
        ratio = matcher.ratio()
        if ratio >= threshold:
            found.append((a, b, round(ratio, 2)))
    return found


def figures(banks) -> dict:
    """Every bank-health figure, computed from the banks given.

    A JSON-shaped export, so it stays a dict: ``scripts/bank_health.py --json`` prints it
    as it is, and each key is the figure's name in that output and in the report."""
    by_type: dict[str, list] = {"single": [], "multiple": [], "truefalse": [], "numeric": []}
    for bank, q in _questions(banks):
        by_type[q.type].append((bank, q))
    singles = [q for _, q in by_type["single"]]
    longest = [q for q in singles if key_is_strictly_longest(q)]
    lo, hi = LENGTH_RATIO
    off_ratio = [
        (b.id, q.id, round(length_ratio(q), 2))
        for b, q in by_type["single"] + by_type["multiple"]
        if not lo <= length_ratio(q) <= hi
    ]
    tfs = [q for _, q in by_type["truefalse"]]
    kinds = Counter(getattr(q, "kind", "") or "unknown" for _, q in _questions(banks))
    numeric_kinds = Counter(getattr(q, "kind", "") or "unknown" for _, q in by_type["numeric"])
    concepts = Counter(getattr(q, "concept", "") for _, q in _questions(banks) if getattr(q, "concept", ""))
    no_feedback = [(b.id, q.id, o.id) for b, q in _questions(banks) for o in q.options if not o.feedback]
    tf_no_feedback = [
        (b.id, q.id)
        for b, q in by_type["truefalse"]
        if not {"true", "false"} <= {k for k, v in q.tf_feedback.items() if v}
    ]
    total = sum(len(v) for v in by_type.values())
    n_num = len(by_type["numeric"])
    return {
        "questions": total,
        "per_type": {t: len(v) for t, v in by_type.items()},
        "single": len(singles),
        "single_key_longest": len(longest),
        "single_key_longest_share": len(longest) / len(singles) if singles else 0.0,
        "length_ratio_outside": off_ratio,
        "truefalse": len(tfs),
        "truefalse_true": sum(1 for q in tfs if q.answer is True),
        "truefalse_true_share": sum(1 for q in tfs if q.answer is True) / len(tfs) if tfs else 0.0,
        "numeric": n_num,
        "numeric_kinds": dict(numeric_kinds),
        "numeric_recall_share": numeric_kinds.get("recall", 0) / n_num if n_num else 0.0,
        "kinds": dict(kinds),
        "recall_share": kinds.get("recall", 0) / total if total else 0.0,
        "concepts_used_more_than_once": {c: n for c, n in concepts.items() if n > 1},
        "options_without_feedback": no_feedback,
        "truefalse_without_both_feedbacks": tf_no_feedback,
        "near_duplicate_prompts": near_duplicates(banks),
    }


class BankCounts(Record):
    """One bank's questions: how many, by type and by kind, and how many are about a case."""

    bank: str
    pool: str
    questions: int
    types: Mapping[str, int]
    kinds: Mapping[str, int]
    cases: int


def per_bank(banks) -> list[BankCounts]:
    """Questions per bank, by type and by kind."""
    return [
        BankCounts(
            bank=bank.id,
            pool=getattr(bank, "pool", "topic"),
            questions=len(bank.questions),
            types=dict(Counter(q.type for q in bank.questions)),
            kinds=dict(Counter(getattr(q, "kind", "") or "unknown" for q in bank.questions)),
            cases=sum(1 for q in bank.questions if getattr(q, "case", "")),
        )
        for bank in banks
    ]


def report(banks) -> str:
    """The figures as plain text, one per line, then one line per bank."""
    f = figures(banks)
    pct = lambda x: f"{100 * x:.0f}%"  # noqa: E731
    lines = [
        f"questions: {f['questions']} ({', '.join(f'{t} {n}' for t, n in f['per_type'].items())})",
        f"single choice, key strictly longest: {f['single_key_longest']} of {f['single']} "
        f"({pct(f['single_key_longest_share'])}; target <= {pct(LONGEST_KEY_SHARE_MAX)})",
        f"single/multiple with key length outside {LENGTH_RATIO[0]}-{LENGTH_RATIO[1]} x distractors: "
        f"{len(f['length_ratio_outside'])}",
        f"true/false keyed true: {f['truefalse_true']} of {f['truefalse']} ({pct(f['truefalse_true_share'])}; "
        f"target {pct(TRUE_SHARE[0])}-{pct(TRUE_SHARE[1])})",
        f"numeric by kind: {f['numeric_kinds']} (recall share {pct(f['numeric_recall_share'])}; "
        f"target <= {pct(NUMERIC_RECALL_SHARE_MAX)})",
        f"all questions by kind: {f['kinds']} (recall share {pct(f['recall_share'])})",
        f"concepts used more than once: {f['concepts_used_more_than_once'] or 'none'}",
        f"options without feedback: {len(f['options_without_feedback'])}; "
        f"true/false without both feedbacks: {len(f['truefalse_without_both_feedbacks'])}",
        f"near-duplicate prompts (ratio >= {NEAR_DUPLICATE_RATIO}): {len(f['near_duplicate_prompts'])}",
    ]
    lines += [f"  {a} ~ {b} ({r})" for a, b, r in f["near_duplicate_prompts"]]
    lines.append("per bank:")
    for row in per_bank(banks):
        types = ", ".join(f"{t} {n}" for t, n in sorted(row.types.items()))
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(row.kinds.items()))
        lines.append(
            f"  {row.bank} ({row.pool}): {row.questions} questions; {types}; {kinds}; {row.cases} about a case"
        )
    return "\n".join(lines)
