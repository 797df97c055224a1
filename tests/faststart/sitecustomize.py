"""Loaded by Python at start-up when this folder is on PYTHONPATH: conftest.py puts it there
for every process the tests start (tools such as nbstripout, the generators in --check
mode, Voila, JupyterLab's extension listing, the browser tests' JupyterLab server).

jsonschema, which each of them imports through nbformat or jupyter_server, then goes
without rfc3987_syntax, whose grammar build at import costs about 3 s of CPU per process.
It only checks the "iri" and "iri-reference" formats, which no schema of the course or of
the Jupyter packages uses (tests/test_infrastructure.py checks the course's). Kernels the
offline test starts get tests/netblock's sitecustomize instead (it comes first on their
path); they never import jsonschema.
"""

import sys

sys.modules.setdefault("rfc3987_syntax", None)
