#!/usr/bin/env python3
"""Print the quiz banks' health figures (see glutecourse/topics/bank_health.py for what each
figure means and its target). The tests check the same figures against the targets.

    python scripts/bank_health.py [--json]
"""

from __future__ import annotations

import argparse
import json
import sys


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print every figure as JSON")
    args = parser.parse_args(argv)
    from glutecourse.topics.bank_health import figures, report
    from glutecourse.topics.quizzes import all_banks

    banks = all_banks()
    print(json.dumps(figures(banks), indent=1) if args.json else report(banks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
