"""A small valid quiz bank with every question type, for tests to break."""


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
                "prompt": "Pick <em>b</em> <script>alert(1)</script>",
                "options": [
                    {"id": "a", "text": "Option A", "feedback": "A is wrong because..."},
                    {"id": "b", "text": "Option B", "feedback": "B is right."},
                    {"id": "c", "text": "Option C"},
                ],
                "answer": "b",
                "explanation": "Because B.",
                "ref": "nice-ng59",
            },
            {
                "id": "q-multi",
                "type": "multiple",
                "prompt": "Pick a and c",
                "options": [
                    {"id": "a", "text": "A"},
                    {"id": "b", "text": "B", "feedback": "B is a distractor."},
                    {"id": "c", "text": "C"},
                ],
                "answer": ["a", "c"],
                "explanation": "A and C.",
                "ref": "nice-ng59",
            },
            {
                "id": "q-tf",
                "type": "truefalse",
                "prompt": "True?",
                "answer": True,
                "feedback": {"false": "It is true."},
                "explanation": "It is.",
                "ref": "nice-ng59",
            },
            {
                "id": "q-num",
                "type": "numeric",
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
