"""The topic layer: pure domain logic per topic.

Quizzes (model, grading, banks), the final quiz's blueprint, bank health, progress, the
self-check, anatomy, evidence, causes, treatments, the recovery timeline, exercises and
routines, the pain diary, class results and the course's myths. Imports ``core`` and
``catalog`` only: no IPython, ipywidgets or matplotlib, not even inside a function (the
import-linter contracts in pyproject.toml check it).
"""
