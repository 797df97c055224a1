"""The catalogue layer: the course's content catalogues, read from ``data/``.

References, glossary, the course map, the programme's phases, the recurring people
(cases), the one emergency message (safety) and the clinical claims register. Imports only
``glutecourse.core``; no widgets, no charts.
"""
