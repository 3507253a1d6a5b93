"""`eenvoudig serve`: a web page for staff who do not use a terminal, and a JSON API beside it.

Letters are personal data, so the server keeps nothing: a letter lives in memory for one request
(uploads are parsed in memory, never spooled to disk), every cache that saw its text is emptied after
the request (`review.private`), answers carry `Cache-Control: no-store`, and the log has no text. The page
sends the letter back with every choice; downloads are made from it on request.

    run(Settings(), host="127.0.0.1", port=8000)     # what `eenvoudig serve` does
    app = create_app(Settings(token="…"))             # an ASGI app for any ASGI server
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import sys
import threading
import time
import webbrowser
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlencode

from eenvoudig.errors import InputError
from eenvoudig.files import os_reason
from eenvoudig.serve.app import Settings, create_app

__all__ = ["Settings", "create_app", "is_loopback", "open_socket", "run", "running"]


def is_loopback(host: str) -> bool:
    """Return whether `host` is an address of this computer only (127.0.0.1, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def open_socket(host: str, port: int) -> socket.socket:
    """Bind a listening socket (port 0: a free port), or raise InputError with a Dutch message."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    if sys.platform != "win32":  # on Windows this option would let two servers share a port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        if exc.errno in (98, 48, 10048):  # address in use on Linux, macOS, Windows
            raise InputError(f"poort {port} is al in gebruik. Kies een andere met --port.") from None
        raise InputError(f"kan niet luisteren op {host}:{port} ({os_reason(exc)}).") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else (f"[{host}]" if ":" in host else host)
    return f"http://{shown}:{port}/"


def _server(settings: Settings):
    import uvicorn

    config = uvicorn.Config(create_app(settings), log_config=None, log_level="warning", access_log=False,
                            server_header=False, date_header=False, proxy_headers=False)
    return uvicorn.Server(config)


def run(settings: Settings, *, host: str = "127.0.0.1", port: int = 8000, browser: bool = True,
        say=print) -> None:
    """Start the web app and serve until Ctrl+C; open the browser unless `browser` is False."""
    from eenvoudig.serve.review import warm_up

    sock = open_socket(host, port)
    url = url_of(sock)
    say("eenvoudig: de taalgegevens laden…")
    warm_up(settings.config)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("eenvoudig: %(message)s"))
    logger = logging.getLogger("eenvoudig.serve")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    server = _server(settings)
    say(f"eenvoudig: de pagina staat op {url}{'?token=…' if settings.token else ''}  (stoppen: Ctrl+C)")
    if browser:
        target = f"{url}?{urlencode({'token': settings.token})}" if settings.token else url
        threading.Thread(target=_open_when_ready, args=(server, target), daemon=True).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()


@contextmanager
def running(settings: Settings, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Run the web app in a background thread (for tests and benchmarks); yield its address."""
    from eenvoudig.serve.review import warm_up

    sock = open_socket(host, port)
    warm_up(settings.config)
    server = _server(settings)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if server.started or not thread.is_alive():
                break
            time.sleep(0.05)
        if not server.started:
            raise RuntimeError("the test server did not start")
        yield url_of(sock)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def _open_when_ready(server, url: str) -> None:
    for _ in range(100):
        if server.started:
            webbrowser.open(url)
            return
        time.sleep(0.1)
