"""Loaded by Python at start-up when this folder is on PYTHONPATH (tests only).

With GLUTECOURSE_BLOCK_NETWORK=1 every socket connection or name lookup that is not to the
loopback interface fails, so a notebook that reaches for the network fails its test.
Kernels talk to Jupyter over loopback, which stays open.
"""

import os
import socket

if os.environ.get("GLUTECOURSE_BLOCK_NETWORK") == "1":
    _LOCAL = ("127.", "::1", "localhost", "0.0.0.0")

    def _check(host):
        if isinstance(host, bytes):
            host = host.decode()
        if host is None or not str(host).startswith(_LOCAL):
            raise OSError(f"network blocked for the course tests: tried to reach {host!r}")

    _connect = socket.socket.connect
    _connect_ex = socket.socket.connect_ex
    _getaddrinfo = socket.getaddrinfo

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _check(address[0])
        return _connect(self, address)

    def connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _check(address[0])
        return _connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        _check(host)
        return _getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.getaddrinfo = getaddrinfo
