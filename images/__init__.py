"""The course's generated figures, shipped inside the package as ``glutecourse.courseimages``.

This file only makes the folder a package, so ``importlib.resources`` finds it in an
editable install and in a wheel (see ``glutecourse.core.paths``). The SVG files are drawn by
``make generate`` (scripts/make_images.py); see manifest.json for their alt text.
"""
