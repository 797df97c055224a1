"""The core layer: knows nothing about the course's topics.

Paths, errors, reader files (storage), loading and validating data files, numbers (parse
and format), text escaping and the colour palette. Nothing here imports ipywidgets,
IPython or matplotlib (see the import-linter contracts in pyproject.toml).
"""
