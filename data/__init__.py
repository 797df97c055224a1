"""The course's data folder, shipped inside the package as ``glutecourse.coursedata``.

This file only makes the folder a package, so ``importlib.resources`` finds it in an
editable install and in a wheel (see ``glutecourse.core.paths``). The data are the JSON and
CSV files beside it; see README.md.
"""
