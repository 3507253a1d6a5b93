"""The routes of `eenvoudig serve`: the page (paste or upload, review, accept, download) and the JSON API.

Page (forms, with a CSRF token and an Origin check):
  GET  /                    start: paste a letter or choose a file
  POST /brief               check the letter; show it with levels, findings and changes to accept
  POST /brief/meten         the same page (or, with ?deel=meter, only the level) with the user's choices
  POST /download/{wat}      docx, pdf, html or mp3 of the letter with the accepted changes
  POST /toegang             the shared access code, when the server has one (then a cookie)
JSON API (same schema as the CLI; with a token only through `Authorization: Bearer …`):
  POST /api/check           body text/plain, text/markdown, text/html, or multipart with `file`
  POST /api/rewrite         the same; ?unsafe=true also makes the changes that are not always right
Other: GET /gezond (health check), GET /static/… (CSS, JS, fonts).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import re
import secrets
import traceback
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Callable

import anyio
import jinja2
import markupsafe
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from eenvoudig.config import TARGETS, Config
from eenvoudig.document import decode
from eenvoudig.errors import InputError
from eenvoudig.serve import downloads
from eenvoudig.serve.http import Guard, parse_form, read_body, same_origin, size
from eenvoudig.serve.review import (BODY_ADVICE, Letter, Problem, accepted_edits, chosen_from, examine, letter_from_file,
                                    letter_from_text, level_names, private, review, score_with)

log = logging.getLogger("eenvoudig.serve")
COOKIE = "eenvoudig_toegang"
FORMATS = {"docx", "pdf", "html", "mp3"}
WRONG_CODE_PAUSE = 0.5   # seconds: guessing the access code stays slow
FILE_PREFIX = re.compile(r"^[^\s:]+\.\w{1,5}: ")   # "brief.pdf: …" keeps the file name as it is
TEXT_TYPES = {"text/plain": "txt", "text/markdown": "md", "text/x-markdown": "md", "text/html": "html"}


@dataclass(frozen=True)
class Settings:
    """How the app runs: the configuration, the access code, whether the online voice may be offered."""

    config: Config = field(default_factory=Config)
    token: str | None = None
    allow_online: bool = False
    loopback: bool = True                     # bound to 127.0.0.1: only accept Host names of this computer
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    online_voice: Callable[[Config], Any] = downloads.online_voice

    @property
    def max_bytes(self) -> int:
        return self.config.max_bytes

    @property
    def max_form_bytes(self) -> int:
        """A form carries the letter back base64-encoded (4/3) plus one field per change."""
        return self.max_bytes * 4 // 3 + 1024 * 1024


def _templates() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(resources.files("eenvoudig.serve") / "templates")),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["nl"] = lambda x, digits=1: f"{x:.{digits}f}".replace(".", ",")
    env.filters["regels"] = lambda text: markupsafe.Markup("<br>").join(markupsafe.escape(x) for x in text.split("\n"))
    return env


def create_app(settings: Settings | None = None) -> Any:
    """Return the ASGI app (Starlette inside the Guard middleware)."""
    settings = settings or Settings()
    env = _templates()
    cookie_value = hashlib.sha256(f"eenvoudig:{settings.token}".encode()).hexdigest() if settings.token else ""
    severity = {"info": "tip", "warning": "waarschuwing", "error": "fout"}

    def render(name: str, status: int = 200, **values: Any) -> HTMLResponse:
        page = env.get_template(name).render(csrf=settings.csrf, online=settings.allow_online,
                                             levels=level_names(), severity=severity, **values)
        return HTMLResponse(page, status_code=status)

    def signed_in(request: Request) -> bool:
        return not settings.token or hmac.compare_digest(request.cookies.get(COOKIE, ""), cookie_value)

    def problem(exc: Problem, api: bool) -> Response:
        message = exc.message if FILE_PREFIX.match(exc.message) else exc.message[:1].upper() + exc.message[1:]
        if api:
            return JSONResponse({"error": {"status": exc.status, "message": message}}, status_code=exc.status)
        return render("fout.html.j2", exc.status, message=message)

    def guarded(handler: Callable, *, api: bool = False, form: bool = False, public: bool = False) -> Callable:
        """Wrap a handler: access code, Origin and CSRF checks, and Dutch errors instead of tracebacks."""

        async def endpoint(request: Request) -> Response:
            try:
                if request.method == "POST" and not same_origin(request, allow_null=form):
                    raise Problem("dit verzoek komt niet van de pagina van eenvoudig zelf; het is geweigerd.", 403)
                if settings.token and not public:
                    if api:
                        given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
                        if not hmac.compare_digest(given, settings.token):
                            await anyio.sleep(WRONG_CODE_PAUSE)
                            raise Problem("de toegangscode ontbreekt of klopt niet (Authorization: Bearer …).", 401)
                    elif not signed_in(request):
                        return render("toegang.html.j2", 401, message="")
                if form:
                    fields, files = parse_form(request.headers.get("content-type", ""),
                                               await read_body(request, settings.max_form_bytes))
                    if not hmac.compare_digest(fields.get("csrf", ""), settings.csrf):
                        raise Problem("deze pagina is verlopen (de server is opnieuw gestart). Begin opnieuw.", 403)
                    return await handler(request, fields, files)
                return await handler(request)
            except Problem as exc:
                return problem(exc, api)
            except Exception as exc:  # noqa: BLE001 - never a traceback, never letter text in the log
                where = traceback.extract_tb(exc.__traceback__)[-1]
                log.error("interne fout: %s in %s:%d", exc.__class__.__name__, Path(where.filename).name, where.lineno)
                return problem(Problem("er ging iets mis in eenvoudig. Dit is een fout in het programma; uw brief "
                                       "is niet bewaard. Probeer het nog eens.", 500), api)

        return endpoint

    # ------------------------------------------------------------------------------------------ page

    async def start(request: Request) -> Response:
        code = request.query_params.get("token")
        if settings.token and code is not None:
            if not hmac.compare_digest(code, settings.token):
                await anyio.sleep(WRONG_CODE_PAUSE)
                return render("toegang.html.j2", 401, message="Deze toegangscode klopt niet.")
            return _with_cookie(RedirectResponse("/", 303), cookie_value, request)
        if not signed_in(request):
            return render("toegang.html.j2", 401, message="")
        return render("start.html.j2")

    async def access(request: Request, fields: dict, files: dict) -> Response:
        if not settings.token:
            return RedirectResponse("/", 303)
        if not hmac.compare_digest(fields.get("code", "").strip(), settings.token):
            await anyio.sleep(WRONG_CODE_PAUSE)
            return render("toegang.html.j2", 401, message="Deze toegangscode klopt niet. Probeer het nog eens.")
        return _with_cookie(RedirectResponse("/", 303), cookie_value, request)

    def letter_from_form(fields: dict, files: dict) -> tuple[Letter, str]:
        """Return the letter from the start form (a file wins over pasted text) and a note for the user."""
        name, data = files.get("bestand", ("", b""))
        if name or data:
            if len(data) > settings.max_bytes:
                raise Problem(f"{name}: het bestand is te groot (meer dan {size(settings.max_bytes)}). "
                              "Kies een kleiner bestand.", 413)
            note = "U koos een bestand; de tekst in het vak is niet gebruikt."
            return letter_from_file(name, data), note if fields.get("tekst", "").strip() else ""
        return letter_from_text(fields.get("tekst", "")), ""

    def letter_from_state(fields: dict) -> Letter:
        """Return the letter the review page sends back (hidden fields soort, naam, bron)."""
        kind, name, source = fields.get("soort", ""), fields.get("naam", "brief"), fields.get("bron", "")
        if kind == "docx":
            try:
                data = base64.b64decode(source, validate=True)
            except (binascii.Error, ValueError):
                raise Problem("de pagina stuurde de brief niet goed terug. Begin opnieuw.") from None
            return letter_from_file(name, data)
        return letter_from_text(source, kind, name)

    async def show(request: Request, fields: dict, files: dict) -> Response:
        letter, note = letter_from_form(fields, files)
        return await _run(lambda: render("brief.html.j2", review=_review(letter, {}), note=note,
                                         state=_state(letter)))

    def _review(letter: Letter, chosen: dict, all_safe: bool = False):
        checked = examine(letter, settings.config)
        return review(checked, chosen_from(chosen, checked.suggestions, all_safe=all_safe), settings.config)

    async def measure(request: Request, fields: dict, files: dict) -> Response:
        letter = letter_from_state(fields)
        all_safe = fields.get("actie") == "veilig"
        if request.query_params.get("deel") == "meter":
            def meter() -> Response:
                checked = examine(letter, settings.config)
                chosen = chosen_from(fields, checked.suggestions, all_safe=all_safe)
                score = score_with(checked, chosen, settings.config)
                return render("meter.html.j2", before=checked.report.score, score=score,
                              accepted=sum(chosen.values()), total=len(checked.suggestions))
            return await _run(meter)
        return await _run(lambda: render("brief.html.j2", review=_review(letter, fields, all_safe), note="",
                                         state=_state(letter)))

    async def download(request: Request, fields: dict, files: dict) -> Response:
        what = request.path_params["wat"]
        if what not in FORMATS:
            raise Problem("dit soort bestand biedt eenvoudig niet aan.", 404)
        letter = letter_from_state(fields)
        online = fields.get("online") == "ja"
        if online and not settings.allow_online:
            raise Problem("de online stem staat uit op deze server. Vraag de beheerder om die aan te zetten "
                          "(eenvoudig serve --allow-online).", 403)

        def make() -> Response:
            checked = examine(letter, settings.config)
            edits = accepted_edits(checked.suggestions, chosen_from(fields, checked.suggestions))
            edited = letter.edited(edits)
            if what == "docx":
                made = downloads.docx_file(letter, edits, edited)
            elif what == "pdf":
                made = downloads.sheet_pdf(letter, edited)
            elif what == "html":
                made = downloads.html_file(letter, edited)
            else:
                voice = settings.online_voice(settings.config) if online else None
                made = downloads.mp3_file(letter, edited, settings.config, online_voice=voice)
            return Response(made.data, media_type=made.media_type,
                            headers={"content-disposition": _attachment(made.filename)})

        return await _run(make)

    async def _run(work: Callable[[], Response]) -> Response:
        """Run the work in a thread, one letter at a time, and forget its text afterwards."""
        from starlette.concurrency import run_in_threadpool

        def alone() -> Response:
            with private(settings.config):
                return work()

        return await run_in_threadpool(alone)

    # ------------------------------------------------------------------------------------------- API

    async def api_letter(request: Request) -> Letter:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        multipart = content_type == "multipart/form-data"
        body = await read_body(request, settings.max_bytes + (64 * 1024 if multipart else 0))
        if multipart:
            fields, files = parse_form(request.headers["content-type"], body)
            for key in ("file", "bestand"):
                if key in files:
                    return letter_from_file(*files[key])
            text = fields.get("text", fields.get("tekst"))
            if text is None:
                raise Problem("stuur de brief als bestand in het veld 'file' (of als tekst in het veld 'text').")
            return letter_from_text(text, "txt", "-")
        if content_type in TEXT_TYPES:
            if not body.strip():
                raise Problem("de tekst is leeg. Stuur de brief als body van het verzoek.")
            try:
                text = decode(body, "uw tekst", advice=BODY_ADVICE)
            except InputError as exc:
                raise Problem(str(exc)) from None
            return letter_from_text(text, TEXT_TYPES[content_type], "-")
        raise Problem("stuur tekst (Content-Type: text/plain, text/markdown of text/html) of een bestand "
                      "(multipart/form-data met het veld 'file').", 415)

    def api_config(request: Request) -> Config:
        target = request.query_params.get("target")
        if target is None:
            return settings.config
        if target.upper() not in TARGETS:
            raise Problem(f"onbekend taalniveau '{target}'; kies uit {', '.join(TARGETS)}.")
        return settings.config.with_options(target=target.upper())

    async def api_check(request: Request) -> Response:
        letter, config = await api_letter(request), api_config(request)

        def work() -> Response:
            from eenvoudig.analysis import analyze
            from eenvoudig.checks import check
            from eenvoudig.checks.text import reports_to_json

            return JSONResponse(reports_to_json([check(analyze(letter.document()), config)]))

        return await _run(work)

    async def api_rewrite(request: Request) -> Response:
        letter, config = await api_letter(request), api_config(request)
        unsafe = request.query_params.get("unsafe", "false").lower() in ("1", "true", "ja")

        def work() -> Response:
            from eenvoudig.analysis import analyze
            from eenvoudig.rewriting import rewrite

            result = rewrite(analyze(letter.document()), config, unsafe=unsafe)
            return JSONResponse({"schema_version": 1, **result.to_dict()})

        return await _run(work)

    async def health(request: Request) -> Response:
        return PlainTextResponse("in orde\n")

    async def not_found(request: Request, exc: HTTPException) -> Response:
        api = request.url.path.startswith("/api/")
        if exc.status_code == 405:
            return problem(Problem("stuur de brief met POST naar dit adres." if api else
                                   "dit adres werkt zo niet. Begin op de startpagina.", 405), api)
        return problem(Problem("deze pagina bestaat niet. Begin op de startpagina.", exc.status_code), api)

    static = StaticFiles(packages=[("eenvoudig.serve", "static")])
    fonts = StaticFiles(directory=str(resources.files("eenvoudig") / "pictograms" / "fonts"))
    routes = [
        Route("/", guarded(start, public=True), methods=["GET"]),
        Route("/toegang", guarded(access, form=True, public=True), methods=["POST"]),
        Route("/brief", guarded(show, form=True), methods=["POST"]),
        Route("/brief/meten", guarded(measure, form=True), methods=["POST"]),
        Route("/download/{wat}", guarded(download, form=True), methods=["POST"]),
        Route("/api/check", guarded(api_check, api=True), methods=["POST"]),
        Route("/api/rewrite", guarded(api_rewrite, api=True), methods=["POST"]),
        Route("/gezond", health, methods=["GET"]),
        Mount("/static/fonts", fonts),
        Mount("/static", static),
    ]
    app = Starlette(routes=routes, exception_handlers={404: not_found, 405: not_found})
    return Guard(app, loopback=settings.loopback)


def _state(letter: Letter) -> dict[str, str]:
    """Return the hidden fields that carry the letter back with every choice (nothing is kept on the server)."""
    source = base64.b64encode(letter.docx).decode("ascii") if letter.kind == "docx" else letter.text
    return {"soort": letter.kind, "naam": letter.name, "bron": source}


def _with_cookie(response: Response, value: str, request: Request) -> Response:
    response.set_cookie(COOKIE, value, httponly=True, samesite="strict", secure=request.url.scheme == "https",
                        path="/")
    return response


def _attachment(filename: str) -> str:
    """Return a Content-Disposition header value that works for any file name (RFC 6266)."""
    from urllib.parse import quote

    ascii_name = filename.encode("ascii", "replace").decode("ascii").replace("?", "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
