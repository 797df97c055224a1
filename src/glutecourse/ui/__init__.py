"""The user-interface layer: widgets (ipywidgets) and HTML views.

Each topic's views live in ``ui/<topic>.py``; they may import every layer below (core,
catalog, topics, charts). ipywidgets and IPython are imported inside the functions and
classes that build a view, so importing ``glutecourse`` stays cheap.
"""
