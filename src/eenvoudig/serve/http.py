"""HTTP plumbing for the web app: bodies read into memory with a limit, forms parsed in memory, and the
headers and checks that keep the page safe (CSP, no-referrer, nosniff, no framing, no caching of letters,
Host and Origin checks, a request log without text).

Starlette's own form parser puts uploads over 1 MB in a temporary file; ours never touches the disk.
"""

from __future__ import annotations

import logging
import time
import urllib.parse
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from eenvoudig.serve.review import Problem

log = logging.getLogger("eenvoudig.serve")

MAX_PARTS = 5000          # form fields and files in one request (one field per suggested change)

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


def size(n: int) -> str:
    """Return a size for people, the Dutch way: 1,5 MB; 50 kB."""
    if n < 1048576:
        return f"{max(1, round(n / 1024))} kB"
    return f"{n / 1048576:.1f}".replace(".", ",").removesuffix(",0") + " MB"


async def read_body(request: Request, limit: int) -> bytes:
    """Return the request body, or raise a Problem (413) as soon as it is longer than `limit` bytes."""
    too_big = Problem(f"wat u stuurde is te groot (meer dan {size(limit)}). Kies een kleiner bestand.", 413)
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise too_big
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise too_big
    return bytes(body)


Files = dict[str, tuple[str, bytes]]


def parse_form(content_type: str, body: bytes) -> tuple[dict[str, str], Files]:
    """Return (fields, files) of a form body (multipart or urlencoded), parsed in memory only."""
    kind, params = parse_options_header(content_type)
    if kind == b"application/x-www-form-urlencoded":
        try:
            pairs = urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True,
                                           max_num_fields=MAX_PARTS, strict_parsing=False)
        except (UnicodeDecodeError, ValueError):
            raise Problem("het formulier kon niet gelezen worden.") from None
        return dict(pairs), {}
    if kind != b"multipart/form-data" or not params.get(b"boundary"):
        raise Problem("stuur een formulier (multipart/form-data).", 415)
    fields: dict[str, str] = {}
    files: Files = {}
    state: dict[str, Any] = {"headers": {}, "field": b"", "value": b"", "data": bytearray(), "parts": 0}

    def on_part_begin() -> None:
        state["headers"], state["data"] = {}, bytearray()
        state["parts"] += 1
        if state["parts"] > MAX_PARTS:
            raise Problem("het formulier heeft te veel velden.", 413)

    def on_header_field(data: bytes, start: int, end: int) -> None:
        state["field"] += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        state["value"] += data[start:end]

    def on_header_end() -> None:
        state["headers"][state["field"].lower()] = state["value"]
        state["field"], state["value"] = b"", b""

    def on_part_data(data: bytes, start: int, end: int) -> None:
        state["data"] += data[start:end]

    def on_part_end() -> None:
        _, disposition = parse_options_header(state["headers"].get(b"content-disposition", b""))
        name = disposition.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in disposition:
            files[name] = (disposition[b"filename"].decode("utf-8", "replace"), bytes(state["data"]))
        else:
            try:
                fields[name] = bytes(state["data"]).decode("utf-8")
            except UnicodeDecodeError:
                raise Problem("het formulier bevat tekst die geen UTF-8 is.") from None

    parser = MultipartParser(params[b"boundary"], {
        "on_part_begin": on_part_begin, "on_header_field": on_header_field, "on_header_value": on_header_value,
        "on_header_end": on_header_end, "on_part_data": on_part_data, "on_part_end": on_part_end})
    try:
        parser.write(body)
        parser.finalize()
    except Problem:
        raise
    except Exception:  # noqa: BLE001 - python-multipart raises several kinds for a broken body
        raise Problem("het formulier kon niet gelezen worden (het is beschadigd of onvolledig).") from None
    return fields, files


def same_origin(request: Request, *, allow_null: bool = False) -> bool:
    """Return whether a POST comes from our own page (or from a program, which sends neither header).

    Browsers say where a request comes from in Sec-Fetch-Site; older ones only in Origin. Our pages ask
    for no referrer, so a browser may send `Origin: null` for our own forms: that is allowed only where
    a CSRF token is checked too (`allow_null`).
    """
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None:
        return True
    if origin == "null":
        return allow_null
    return urllib.parse.urlsplit(origin).netloc.lower() == request.headers.get("host", "").lower()


def host_name(host_header: str) -> str:
    """Return the host name of a Host header without the port ('[::1]:8000' → '::1')."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class Guard:
    """ASGI middleware: Host check on a loopback server, security headers on every answer, a short log line.

    The log line has the method, the path without its query string, the status and the time: never
    text, never a query string (it may hold the access token), never the client's address.
    """

    def __init__(self, app: Callable, *, loopback: bool) -> None:
        self.app = app
        self.loopback = loopback

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 0}
        path = scope.get("path", "")

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"]
                headers += SECURITY_HEADERS
                headers.append((b"cache-control", b"public, max-age=3600" if path.startswith("/static/")
                                else b"no-store"))
                message["headers"] = headers
            await send(message)

        host = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
        if self.loopback and host_name(host) not in LOOPBACK_NAMES:
            await _plain(send_with_headers, 421, "Deze server is alleen te gebruiken op deze computer "
                                                 "(127.0.0.1 of localhost).")
        else:
            await self.app(scope, receive, send_with_headers)
        log.info("%s %s %d %.0f ms", scope.get("method", ""), path, status["code"],
                 (time.perf_counter() - started) * 1000)


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
