"""A small valid quiz bank with every question type, for tests to break.

Every question carries what the schema requires (concept, kind, ref; feedback for every
option and for both true/false answers); ``q-single`` names a case from data/cases.json."""


def sample_bank(**overrides):
    bank = {
        "id": "test-bank",
        "title": "Test bank",
        "notebook": "00-start-here",
        "topic": "Testing",
        "questions": [
            {
                "id": "q-single",
                "type": "single",
                "concept": "test-pick-b",
                "kind": "recall",
                "case": "desk-worker",
                "prompt": "Pick <em>b</em> <script>alert(1)</script>",
                "options": [
                    {"id": "a", "text": "Option A", "feedback": "A is wrong because..."},
                    {"id": "b", "text": "Option B", "feedback": "B is right."},
                    {"id": "c", "text": "Option C", "feedback": "C is wrong too."},
                ],
                "answer": "b",
                "explanation": "Because B.",
                "ref": "nice-ng59",
            },
            {
                "id": "q-multi",
                "type": "multiple",
                "concept": "test-pick-a-and-c",
                "kind": "reasoning",
                "prompt": "Pick a and c",
                "options": [
                    {"id": "a", "text": "A", "feedback": "A is right."},
                    {"id": "b", "text": "B", "feedback": "B is a distractor."},
                    {"id": "c", "text": "C", "feedback": "C is right."},
                ],
                "answer": ["a", "c"],
                "explanation": "A and C.",
                "ref": "nice-ng59",
            },
            {
                "id": "q-tf",
                "type": "truefalse",
                "concept": "test-truth",
                "kind": "decision",
                "prompt": "True?",
                "answer": True,
                "feedback": {"true": "Right.", "false": "It is true."},
                "explanation": "It is.",
                "ref": "nice-ng59",
            },
            {
                "id": "q-num",
                "type": "numeric",
                "concept": "test-count",
                "kind": "reading",
                "prompt": "How many?",
                "answer": 6,
                "tolerance": 0.5,
                "unit": "weeks",
                "explanation": "Six.",
                "ref": "nice-ng59",
            },
        ],
    }
    bank.update(overrides)
    return bank
