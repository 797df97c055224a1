"""A tiny Jupyter server extension for the browser tests: it says when the server listens.

Jupyter binds the HTTP port in the event loop's first callback and calls extensions'
start hooks after it, so the line printed here means "ready for requests". The tests wait
for that line instead of polling the port (e2e/labserver.py).
"""

READY = "GLUTECOURSE-E2E-SERVER-READY"


def _jupyter_server_extension_points():
    return [{"module": "glutecourse_e2e_ready"}]


def _load_jupyter_server_extension(serverapp):
    """Nothing to load: the start hook below does the work."""


async def _start_jupyter_server_extension(serverapp):
    print(f"{READY} port={serverapp.port}", flush=True)
