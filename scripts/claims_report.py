#!/usr/bin/env python3
"""Report on the clinical claims register (data/claims.json) for course authors.

    python scripts/claims_report.py            summary, then every problem found
    python scripts/claims_report.py --quiet    problems only (exit 1 if any)

For each notebook and data file (quiz banks and the cases included) it lists the clinical
numbers the register does not hold for that file, with the question or case and field, or
the notebook cell, where they are (written as a scenario place: "file#where") and the claims
that hold the same number elsewhere (so you know whether to add the file to a claim's
appears_in, write a new claim, or, for a made-up detail of a question's or case's story or
of a notebook's worked example or Think prompt, a scenario claim naming that place); claims
that list a file that no longer shows their numbers; and scenario values shown in none of
their places, or missing from a notebook cell that a claim names. The rule for what counts
is glutecourse.catalog.claims.RULE.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from glutecourse.catalog import claims as cl  # noqa: E402


def summary(data: cl.Register) -> list[str]:
    claims = data.claims
    kinds = Counter(c.kind for c in claims)
    sourced = [c for c in claims if c.kind in cl.NUMBER_KINDS]
    seen = sum(c.seen_in_source for c in sourced)
    via_summary = sum(c.read == "summary" for c in sourced)
    lines = [f"{len(claims)} claims: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))]
    lines.append(
        f"numbers with a source: {len(sourced)}; every value seen in the source's own text: {seen}; "
        f"read through a summary: {via_summary}; source read but a value not in it: {len(sourced) - seen - via_summary}"
    )
    derived = [c for c in claims if c.kind == "derived"]
    lines.append(
        f"derived claims: {len(derived)}; with arithmetic the tests redo: "
        f"{sum(bool(c.arithmetic) for c in derived)} ({sum(len(c.arithmetic) for c in derived)} lines)"
    )
    scenarios = cl.scenario_claims(data)
    lines.append(
        f"scenario claims (made-up details): {len(scenarios)}, {sum(len(c.values) for c in scenarios)} values "
        f"in {sum(len(c.places) for c in scenarios)} places"
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


def problems(data: cl.Register) -> list[str]:
    out = []
    all_claims = cl.number_claims(data)
    for path in cl.course_files(ROOT) + cl.quiz_files(ROOT):
        name = cl.rel(path)
        for n in cl.unregistered(path, data=data):
            elsewhere = [c.id for c in all_claims if cl.token_matches(n.key, cl.claim_tokens(c))]
            hint = f"held elsewhere by {', '.join(elsewhere)}" if elsewhere else "no claim holds it"
            place = f"#{n.where}" if n.where else ""
            out.append(f"{name}{place}: {n.text!r} ({hint})\n    …{n.context}…")
        for claim_id in cl.stale_claims(path, data):
            out.append(f"{name}: claim {claim_id} lists this file but none of its numbers is shown here")
    out += [f"data/claims.json: scenario {problem}" for problem in cl.unshown_scenario_values(data, ROOT)]
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
