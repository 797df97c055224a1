"""Validators compiled from the schemas by scripts/make_validators.py (make generate).

One module per schema, each with a ``validate(data)`` function; see glutecourse.core.data.
"""
