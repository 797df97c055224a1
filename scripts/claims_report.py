#!/usr/bin/env python3
"""Report on the clinical claims register (data/claims.json) for course authors.

    python scripts/claims_report.py            summary, then every problem found
    python scripts/claims_report.py --quiet    problems only (exit 1 if any)

For each notebook and data file it lists the clinical numbers the register does not hold
for that file (with the claims that hold the same number elsewhere, so you know whether to
add the file to a claim's appears_in or write a new claim), and claims that list a file
that no longer shows their numbers. Quiz banks (task E) are checked against the whole
register. The rule for what counts is glutecourse.catalog.claims.RULE.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from glutecourse.catalog import claims as cl  # noqa: E402


def summary(data: dict) -> list[str]:
    claims = data["claims"]
    kinds = Counter(c["kind"] for c in claims)
    sourced = [c for c in claims if c["kind"] in cl.NUMBER_KINDS]
    seen = sum(c["seen_in_source"] for c in sourced)
    via_summary = sum(c["read"] == "summary" for c in sourced)
    lines = [f"{len(claims)} claims: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))]
    lines.append(
        f"numbers with a source: {len(sourced)}; every value seen in the source's own text: {seen}; "
        f"read through a summary: {via_summary}; source read but a value not in it: {len(sourced) - seen - via_summary}"
    )
    cells = [
        (t["id"], g, cell["source"])
        for t in json.loads((ROOT / "data" / "treatments.json").read_text())["treatments"]
        for g, cell in t["guidelines"].items()
    ]
    lines.append(
        f"guideline stances: {len(cells)} cells in data/treatments.json; guideline's own text read: "
        f"{sum(s['read'] == 'guideline' for _, _, s in cells)}; place seen in the text read: "
        f"{sum(s['place_seen'] for _, _, s in cells)}"
    )
    return lines


def problems(data: dict) -> list[str]:
    out = []
    all_claims = cl.number_claims(data)
    for path in cl.course_files(ROOT):
        name = cl.rel(path)
        for n in cl.unregistered(path, data=data):
            elsewhere = [c["id"] for c in all_claims if cl.token_matches(n.key, cl.claim_tokens(c))]
            hint = f"held elsewhere by {', '.join(elsewhere)}" if elsewhere else "no claim holds it"
            out.append(f"{name}: {n.text!r} ({hint})\n    …{n.context}…")
        for claim_id in cl.stale_claims(path, data):
            out.append(f"{name}: claim {claim_id} lists this file but none of its numbers is shown here")
    for path in cl.quiz_files(ROOT):
        for n in cl.unregistered(path, data=data, whole_register=True):
            out.append(f"{cl.rel(path)} (task E's bank): {n.text!r} is held by no claim\n    …{n.context}…")
    return out


def main(argv: list[str]) -> int:
    data = cl.register()
    found = problems(data)
    if "--quiet" not in argv:
        print("\n".join(summary(data)))
        print(f"\n{len(found)} problem(s)" + (":" if found else "."))
    print("\n".join(found))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
