"""`eenvoudig serve` over real HTTP: a uvicorn server in a thread, requests with httpx.

The page, the JSON API (the same documents as the CLI), Dutch errors with 4xx statuses, the security
checks (CSRF, Origin, Host, access code, headers), the downloads, the online-voice gate with the privacy
guard, and that no cache keeps a letter's text after the request.
"""

from __future__ import annotations

import base64
import gc
import io
import json
import os
import random
import re
import string
import sys
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")

from eenvoudig.config import Config  # noqa: E402
from eenvoudig.serve import Settings, running  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "src" / "eenvoudig" / "templates" / "demo" / "bijzondere-bijstand.txt"
SHORT = ("Geachte heer Jansen,\n\nWij hebben uw aanvraag voor een parkeervergunning ontvangen. Wij nemen binnen "
         "4 weken een besluit. Indien u vragen heeft, kunt u ons bellen. Wij sturen u de vergunning middels de "
         "post.\n\nMet vriendelijke groet,\n\nGemeente Voorbeeldstad\n")
FAKE_VOICE = Config(speech=(("backend", "fake"),))


@pytest.fixture(scope="module")
def server():
    settings = Settings(config=FAKE_VOICE)
    with running(settings) as url:
        with httpx.Client(base_url=url, timeout=60) as client:
            yield settings, client


def form(settings: Settings, **fields: str) -> dict:
    return {"csrf": settings.csrf, **fields}


def post_form(client, url: str, data: dict, files: dict | None = None):
    """Post as a browser form does: multipart/form-data."""
    return client.post(url, data=data, files=files or {"leeg": ("", b"")})


def alert(html: str) -> str:
    m = re.search(r'role="alert">(.*?)</p>', html, re.S)
    return m.group(1) if m else ""


def review_state(html: str) -> dict:
    """Return the hidden fields of the review page (the letter travels in them)."""
    return {name: value for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html)}


# --------------------------------------------------------------------------------------------- page


def test_start_page_is_dutch_and_has_no_inline_script(server):
    settings, client = server
    r = client.get("/")
    assert r.status_code == 200
    assert '<html lang="nl">' in r.text
    assert "Plak hier de tekst van uw brief" in r.text
    assert re.search(r"<script(?![^>]*\bsrc=)", r.text) is None
    assert " style=" not in r.text and "<style" not in r.text
    assert f'name="csrf" value="{settings.csrf}"' in r.text


def test_security_headers_on_every_answer(server):
    _, client = server
    for r in (client.get("/"), client.get("/static/eenvoudig.css"), client.post("/api/check", content=b"")):
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert r.headers["referrer-policy"] == "no-referrer"
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
    assert client.get("/").headers["cache-control"] == "no-store"
    assert "server" not in client.get("/").headers


def test_review_page_shows_levels_findings_and_changes(server):
    from eenvoudig.analysis import analyze
    from eenvoudig.checks import check
    from eenvoudig.document import read_text
    from eenvoudig.serve.review import level_names

    settings, client = server
    r = post_form(client, "/brief", form(settings, tekst=SHORT))
    assert r.status_code == 200, alert(r.text)
    report = check(analyze(read_text(SHORT)))
    levels = re.findall(r'<span class="zin niveau-(\d)" id="zin-\d+"><span class="label">([^<]+)<', r.text)
    assert [int(n) for n, _ in levels] == list(report.score.sentence_levels)
    assert [name for _, name in levels] == [level_names()[lvl - 1] for lvl in report.score.sentence_levels]
    assert f"Moeilijkheid: <strong data-moeilijkheid>{report.score.difficulty:.1f}".replace(".", ",") in r.text
    # the two safe swaps are offered, each with accept / reject, undecided
    assert re.findall(r"<legend><del>(.*?)</del> wordt <ins>(.*?)</ins></legend>", r.text) == [
        ("Indien", "Als"), ("middels", "met")]
    assert r.text.count('type="radio" form="keuzes" name="keuze-') == 4
    assert ' checked' not in r.text
    state = review_state(r.text)
    assert state["soort"] == "txt" and state["bron"].replace("&#39;", "'") == SHORT


def test_choices_change_the_meter_and_the_page(server):
    from eenvoudig.analysis import analyze
    from eenvoudig.checks import check
    from eenvoudig.document import read_text

    settings, client = server
    state = {"soort": "txt", "naam": "brief.txt", "bron": SHORT}
    one = post_form(client, "/brief/meten?deel=meter", form(settings, **state, **{"keuze-1": "ja"}))
    expected = check(analyze(read_text(SHORT.replace("Indien", "Als")))).score
    assert one.status_code == 200
    assert f"<strong data-moeilijkheid>{expected.difficulty:.1f}</strong>".replace(".", ",") in one.text
    assert f"Niveau {expected.level} van 4" in one.text
    assert "U nam 1 van de 2 verbeteringen over." in one.text
    # "alles veilige": both swaps; without the script the whole page comes back with the choices made
    page = post_form(client, "/brief/meten", form(settings, **state, actie="veilig"))
    both = check(analyze(read_text(SHORT.replace("Indien", "Als").replace("middels", "met")))).score
    assert f"<strong data-moeilijkheid>{both.difficulty:.1f}</strong>".replace(".", ",") in page.text
    assert page.text.count(" checked>") == 2
    assert 'disabled>Alle veilige verbeteringen zijn overgenomen</button>' in page.text
    assert '<span class="wijziging ja" data-voorstel="1">' in page.text
    rejected = post_form(client, "/brief/meten", form(settings, **state, **{"keuze-2": "nee"}))
    assert '<span class="wijziging nee" data-voorstel="2">' in rejected.text
    assert '<span class="wijziging open" data-voorstel="1">' in rejected.text
    assert '>Alle veilige verbeteringen overnemen (2)</button>' in rejected.text   # none accepted yet
    assert '>Alle veilige verbeteringen overnemen (1)</button>' in one_page(client, settings, state)


def one_page(client, settings, state) -> str:
    """The whole page (no script) after accepting suggestion 1 of 2."""
    return post_form(client, "/brief/meten", form(settings, **state, **{"keuze-1": "ja"})).text


def test_a_plain_letter_has_nothing_to_accept(server):
    settings, client = server
    r = post_form(client, "/brief", form(settings, tekst="Beste Piet,\n\nWij helpen u graag. Bel ons maar.\n"))
    assert r.status_code == 200
    assert "eenvoudig heeft geen verbeteringen om over te nemen." in r.text
    assert 'id="alles-veilig"' not in r.text and "<fieldset" not in r.text


def test_changes_of_one_match_are_accepted_together():
    """'treft u … aan' → 'vindt u': two edits, one choice (accepting half would break the sentence). (The demo's
    'delen wij u mede dat' is now part of the split of its opening sentence.)"""
    from eenvoudig.serve.review import examine, letter_from_text, private

    config = Config()
    with private(config):
        checked = examine(letter_from_text(DEMO.read_text("utf-8")), config)
    grouped = {s.before: s for s in checked.suggestions}
    assert [(e.before, e.after) for e in grouped["treft … aan"].edits] == [("treft", "vindt"), (" aan", "")]
    with private(config):   # a noun whose gender changes takes its determiner along: one choice
        other = examine(letter_from_text("Wij sturen u het supplement bij uw aanvraag.\n"), config)
    assert [(e.before, e.after) for e in other.suggestions[0].edits] == [("het", "de"), ("supplement", "aanvulling")]
    with private(config):   # suggestion only (veilig = nooit): never applied on its own, but a person may choose it
        never = examine(letter_from_text("Wij sturen u de beschikking over uw aanvraag.\n"), config)
    assert [([(e.before, e.after) for e in s.edits], s.safe) for s in never.suggestions] == [
        ([("de", "het"), ("beschikking", "besluit")], False)]
    assert [f.suggestions for f in never.report.findings if f.rule == "lexicon.juridisch"] == [("besluit", "brief")]
    numbers = [s.number for s in checked.suggestions]
    assert numbers == list(range(1, len(numbers) + 1))


def test_docx_upload_comes_back_as_docx_with_the_accepted_change(server, tmp_path):
    import docx
    from docx.oxml.ns import qn

    settings, client = server
    doc = docx.Document()
    doc.add_heading("Uw aanvraag", level=1)
    doc.add_paragraph("Geachte heer Jansen,")
    doc.add_paragraph("Wij hebben uw aanvraag ontvangen. Indien u vragen heeft, kunt u ons bellen.")
    buffer = io.BytesIO()
    doc.save(buffer)
    r = post_form(client, "/brief", form(settings), {"bestand": ("aanvraag.docx", buffer.getvalue())})
    assert r.status_code == 200, alert(r.text)
    assert "<h1>Uw brief: aanvraag.docx</h1>" in r.text
    state = review_state(r.text)
    assert state["soort"] == "docx" and base64.b64decode(state["bron"]) == buffer.getvalue()
    got = post_form(client, "/download/docx", form(settings, **state, **{"keuze-1": "ja"}))
    assert got.status_code == 200
    # a Word letter comes back with the accepted change as a tracked change, to accept or reject in Word
    assert got.headers["content-disposition"].startswith('attachment; filename="aanvraag-nagekeken.docx"')
    out = docx.Document(io.BytesIO(got.content))
    body = out.element.body
    deleted = ["".join(t.text for t in d.iter(qn("w:delText"))) for d in body.iter(qn("w:del"))]
    inserted = ["".join(t.text for t in i.iter(qn("w:t"))) for i in body.iter(qn("w:ins"))]
    assert (deleted, inserted) == (["Indien"], ["Als"])
    assert {i.get(qn("w:author")) for i in body.iter(qn("w:ins"))} == {"eenvoudig"}
    assert [p.text for p in out.paragraphs][:2] == ["Uw aanvraag", "Geachte heer Jansen,"]
    assert out.paragraphs[0].style.name == "Heading 1"


def test_downloads_are_made_from_the_posted_letter(server):
    import docx

    settings, client = server
    state = form(settings, soort="txt", naam="vergunning.txt", bron=SHORT, **{"keuze-2": "ja"})
    word = post_form(client, "/download/docx", state)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    assert "met de post" in text and "middels" not in text and "Indien u vragen" in text
    pdf = post_form(client, "/download/pdf", state)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"].startswith('attachment; filename="vergunning-pictogrammen.pdf"')
    html = post_form(client, "/download/html", state)
    assert html.status_code == 200 and '<html lang="nl">' in html.text and "met de post" in html.text
    mp3 = post_form(client, "/download/mp3", state)
    assert mp3.status_code == 200 and mp3.headers["content-type"] == "audio/mpeg" and len(mp3.content) > 1000
    assert post_form(client, "/download/exe", state).status_code == 404


# ------------------------------------------------------------------------------------------------ API


def test_api_check_is_the_cli_json_document(server, invoke, tmp_path):
    _, client = server
    letter = tmp_path / "brief.txt"
    letter.write_text(SHORT, encoding="utf-8")
    cli = json.loads(invoke("check", "--format", "json", str(letter)).stdout)
    by_file = client.post("/api/check", files={"file": ("brief.txt", SHORT.encode())})
    assert by_file.status_code == 200
    api = by_file.json()
    assert api["files"][0].pop("path") == "brief.txt"
    assert cli["files"][0].pop("path") == str(letter)
    assert api == cli
    as_text = client.post("/api/check", content=SHORT.encode(), headers={"content-type": "text/plain; charset=utf-8"})
    assert as_text.json()["files"][0]["findings"] == cli["files"][0]["findings"]
    assert as_text.json()["files"][0]["path"] == "-"
    b2 = client.post("/api/check?target=b2", content=SHORT.encode(), headers={"content-type": "text/plain"})
    assert b2.json()["files"][0]["score"]["target"] == "B2"
    c1 = client.post("/api/check?target=C1", content=SHORT.encode(), headers={"content-type": "text/plain"})
    assert c1.status_code == 400 and c1.json()["error"]["message"] == "Onbekend taalniveau 'C1'; kies uit A2, B1, B2."


def test_api_rewrite_is_the_cli_json_document(server, invoke, tmp_path):
    _, client = server
    letter = tmp_path / "brief.md"
    letter.write_text(SHORT, encoding="utf-8")
    for flags, query in (((), ""), (("--unsafe",), "?unsafe=true")):
        cli = json.loads(invoke("rewrite", "--format", "json", *flags, str(letter)).stdout)
        api = client.post(f"/api/rewrite{query}", content=SHORT.encode(), headers={"content-type": "text/markdown"})
        assert api.status_code == 200
        got = api.json()
        assert got.pop("path") == "-" and cli.pop("path") == str(letter)
        assert got == cli
    assert "Als u vragen heeft" in got["text"]


@pytest.mark.parametrize("kwargs, status, message", [
    ({"content": b"", "headers": {"content-type": "text/plain"}}, 400, "De tekst is leeg."),
    ({"content": b"   \n", "headers": {"content-type": "text/plain"}}, 400, "De tekst is leeg."),
    ({"content": b"\x00\x01PK\x03\x04" * 50, "headers": {"content-type": "text/plain"}}, 400,
     "Uw tekst: dit is geen tekstbestand maar een binair bestand"),
    ({"content": "Geachte heer,".encode("cp1252") + b"\xe9\xe9n brief", "headers": {"content-type": "text/plain"}},
     400, "Uw tekst: de tekst is niet opgeslagen als UTF-8"),
    ({"content": b"{}", "headers": {"content-type": "application/json"}}, 415, "Stuur tekst (Content-Type: text/plain"),
    ({"files": {"file": ("brief.pdf", b"%PDF-1.7")}}, 415, "brief.pdf: PDF kan eenvoudig niet lezen."),
    ({"files": {"file": ("brief.exe", b"MZ")}}, 415, "brief.exe: dit soort bestand kan eenvoudig niet lezen."),
    ({"files": {"file": ("brief.docx", b"PK\x03\x04 kapot")}}, 400, "brief.docx: dit is geen geldig Word-bestand"),
    ({"files": {"file": ("brief.txt", b"")}}, 400, "brief.txt: het bestand is leeg."),
    ({"files": {"file": ("brief.txt", b"12 34 56\n")}}, 400, "brief.txt: er staan geen woorden in deze brief."),
    ({"files": {"other": ("brief.txt", b"Hallo")}}, 400, "Stuur de brief als bestand in het veld 'file'"),
    ({"content": b"--x\r\nbroken", "headers": {"content-type": "multipart/form-data; boundary=x"}}, 400,
     "Stuur de brief als bestand"),
])
def test_api_bad_input_gets_a_dutch_message_and_a_4xx_status(server, kwargs, status, message):
    _, client = server
    r = client.post("/api/check", **kwargs)
    assert r.status_code == status
    assert r.json()["error"]["status"] == status
    assert r.json()["error"]["message"].startswith(message), r.json()


def test_too_large_is_refused_before_it_is_read():
    with running(Settings(config=Config(max_file_mb=0.05))) as url, httpx.Client(base_url=url) as client:
        big = ("Dit is een zin van een brief. " * 4000).encode()
        r = client.post("/api/check", content=big, headers={"content-type": "text/plain"})
        assert r.status_code == 413
        assert r.json()["error"]["message"] == "Wat u stuurde is te groot (meer dan 51 kB). Kies een kleiner bestand."
    settings = Settings(config=Config(max_file_mb=0.05))
    with running(settings) as url, httpx.Client(base_url=url) as client:
        page = post_form(client, "/brief", form(settings), {"bestand": ("brief.txt", big)})
        assert page.status_code == 413
        assert alert(page.text) == "brief.txt: het bestand is te groot (meer dan 51 kB). Kies een kleiner bestand."


def test_a_very_long_text_is_refused_with_a_dutch_message(server):
    settings, client = server
    r = post_form(client, "/brief", form(settings, tekst="Wij sturen u een brief. " * 9000))
    assert r.status_code == 413
    assert alert(r.text) == ("Uw tekst: de brief is te lang voor deze pagina (216.000 tekens; de grens is 200.000). "
                             "Knip de brief in stukken.")


@pytest.mark.parametrize("fields, message", [
    ({"tekst": "   "}, "Er staat geen tekst in het vak. Plak uw brief in het vak, of kies een bestand."),
    ({"tekst": "\x00\x01\x02\x03\x04\x05\x06" * 20}, "Uw tekst: dit lijkt geen gewone tekst."),
])
def test_page_bad_input_gets_a_dutch_page(server, fields, message):
    settings, client = server
    r = post_form(client, "/brief", form(settings, **fields))
    assert r.status_code == 400
    assert alert(r.text).startswith(message)
    assert "Traceback" not in r.text


def test_text_that_is_not_utf8_gets_advice_without_command_line_options(server):
    # new user, 2026-12-03: the page and the API said "… of gebruik --encoding latin-1", a command-line option
    settings, client = server
    latin1 = "Geachte heer Müller,\n\nWij sturen u een brief.\n".encode("latin-1")
    guess = "de tekst is niet opgeslagen als UTF-8, maar waarschijnlijk als Latin-1 (ISO-8859-1)."
    page = post_form(client, "/brief", form(settings), {"bestand": ("brief.txt", latin1)})
    assert page.status_code == 400
    assert alert(page.text) == (f"brief.txt: {guess} Sla het bestand op als UTF-8 en kies het opnieuw (in Kladblok: "
                                "Opslaan als, en kies bij Codering voor UTF-8). Of plak de tekst van de brief.")
    r = client.post("/api/check", files={"file": ("brief.txt", latin1)})
    assert r.status_code == 400 and r.json()["error"]["message"] == (
        f"brief.txt: {guess} Sla het bestand op als UTF-8 en kies het opnieuw (in Kladblok: Opslaan als, en kies bij "
        "Codering voor UTF-8). Of plak de tekst van de brief.")
    r = client.post("/api/check", content=latin1, headers={"content-type": "text/plain"})
    assert r.status_code == 400 and r.json()["error"]["message"] == f"Uw tekst: {guess} Stuur de tekst als UTF-8."


def test_page_errors_for_unknown_addresses_and_methods(server):
    _, client = server
    assert client.get("/bestaat-niet").status_code == 404
    assert "Deze pagina bestaat niet." in alert(client.get("/bestaat-niet").text)
    assert client.get("/brief").status_code == 405
    assert client.get("/api/check").json()["error"] == {"status": 405,
                                                        "message": "Stuur de brief met POST naar dit adres."}
    assert client.get("/gezond").text == "in orde\n"


def test_a_broken_state_is_refused(server):
    settings, client = server
    r = post_form(client, "/brief/meten", form(settings, soort="docx", naam="x.docx", bron="@@@ geen base64"))
    assert r.status_code == 400 and alert(r.text) == "De pagina stuurde de brief niet goed terug. Begin opnieuw."


# ------------------------------------------------------------------------------------------- safety


def test_forms_need_the_csrf_token(server):
    settings, client = server
    missing = post_form(client, "/brief", {"tekst": SHORT})
    wrong = post_form(client, "/brief", {"csrf": "x" + settings.csrf, "tekst": SHORT})
    assert missing.status_code == wrong.status_code == 403
    assert alert(wrong.text) == "Deze pagina is verlopen (de server is opnieuw gestart). Begin opnieuw."


def test_posts_from_another_site_are_refused(server):
    settings, client = server
    evil = {"origin": "http://aanvaller.example"}
    text = {"content-type": "text/plain"}
    assert post_form(client, "/brief", form(settings, tekst=SHORT)).status_code == 200
    r = client.post("/brief", data=form(settings, tekst=SHORT), files={"x": ("", b"")}, headers=evil)
    assert r.status_code == 403
    assert client.post("/api/check", content=b"Hallo.", headers={**text, **evil}).status_code == 403
    cross = {"sec-fetch-site": "cross-site", "origin": "null"}
    assert client.post("/api/check", content=b"Hallo.", headers={**text, **cross}).status_code == 403
    # our own page with no-referrer: Chromium sends Origin: null with Sec-Fetch-Site: same-origin
    own = {"sec-fetch-site": "same-origin", "origin": "null"}
    page = client.post("/brief", data=form(settings, tekst=SHORT), files={"x": ("", b"")}, headers=own)
    assert page.status_code == 200
    assert client.post("/api/check", content=b"Hallo.", headers={**text, "origin": "null"}).status_code == 403


def test_loopback_server_refuses_other_host_names(server):
    """A page elsewhere cannot reach this server through a name it points at 127.0.0.1 (DNS rebinding)."""
    _, client = server
    r = client.get("/", headers={"host": "aanvaller.example:8000"})
    assert r.status_code == 421 and "alleen te gebruiken op deze computer" in r.text
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200


def test_access_code():
    settings = Settings(config=FAKE_VOICE, token="geheim-123")
    with running(settings) as url, httpx.Client(base_url=url) as client:
        first = client.get("/")
        assert first.status_code == 401 and "Vul de toegangscode in" in first.text
        assert client.post("/api/check", content=b"Hallo.", headers={"content-type": "text/plain"}).status_code == 401
        ok = client.post("/api/check", content=b"Wij helpen u graag.",
                         headers={"content-type": "text/plain", "authorization": "Bearer geheim-123"})
        assert ok.status_code == 200
        wrong = post_form(client, "/toegang", form(settings, code="fout"))
        assert wrong.status_code == 401 and "klopt niet" in alert(wrong.text)
        assert post_form(client, "/brief", form(settings, tekst=SHORT)).status_code == 401
        signed = post_form(client, "/toegang", form(settings, code="geheim-123"))
        assert signed.status_code == 303
        cookie = signed.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
        assert "geheim-123" not in cookie
        assert client.get("/").status_code == 200
        assert post_form(client, "/brief", form(settings, tekst=SHORT)).status_code == 200
        # the cookie does not open the API: a form on another site could send it along
        assert client.post("/api/check", content=b"Hallo.", headers={"content-type": "text/plain"}).status_code == 401
    with running(settings) as url, httpx.Client(base_url=url) as client:
        link = client.get("/?token=geheim-123")
        assert link.status_code == 303 and link.headers["location"] == "/"
        assert client.get("/").status_code == 200


def test_online_voice_needs_the_server_switch_and_the_tick_and_hides_personal_data():
    from eenvoudig.speech import FakeBackend

    letter = ("Geachte mevrouw Qorbeltink,\n\nWij maken € 120,00 over op NL91ABNA0417164300. Bel ons op "
              "06 12345678 als u vragen heeft.\n\nMet vriendelijke groet,\n\nGemeente Voorbeeldstad\n")
    voice = FakeBackend(online=True)
    state = {"soort": "txt", "naam": "brief.txt", "bron": letter}
    off = Settings(config=FAKE_VOICE, online_voice=lambda config: voice)
    with running(off) as url, httpx.Client(base_url=url, timeout=60) as client:
        assert 'name="online"' not in post_form(client, "/brief", form(off, tekst=letter)).text
        refused = post_form(client, "/download/mp3", form(off, **state, online="ja"))
        assert refused.status_code == 403 and "De online stem staat uit" in alert(refused.text)
        assert post_form(client, "/download/mp3", form(off, **state)).status_code == 200
    assert voice.calls == []
    on = Settings(config=FAKE_VOICE, allow_online=True, online_voice=lambda config: voice)
    with running(on) as url, httpx.Client(base_url=url, timeout=60) as client:
        assert 'name="online"' in post_form(client, "/brief", form(on, tekst=letter)).text
        assert post_form(client, "/download/mp3", form(on, **state)).status_code == 200
        assert voice.calls == []  # not ticked: the offline voice
        ticked = post_form(client, "/download/mp3", form(on, **state, online="ja"))
        assert ticked.status_code == 200
    said = " ".join(text for text, _ in voice.calls)
    assert "uw rekeningnummer" in said and "het telefoonnummer" in said and "honderdtwintig euro" in said
    assert "Qorbeltink" not in said and "NL91" not in said and "12345678" not in said and "zes" not in said


def _letter_with(marker: str) -> str:
    return (f"Geachte mevrouw {marker.capitalize()},\n\nWij hebben uw aanvraag {marker} ontvangen. Indien u vragen "
            f"heeft over {marker}, kunt u ons bellen.\n\nMet vriendelijke groet,\n\n{marker.capitalize()} Bakker\n")


def _use_every_route(settings: Settings, url: str, marker: str) -> list[int]:
    letter = _letter_with(marker)
    state = form(settings, soort="txt", naam=f"{marker}.txt", bron=letter, **{"keuze-1": "ja"})
    with httpx.Client(base_url=url, timeout=60) as client:
        codes = [post_form(client, "/brief", form(settings, tekst=letter)).status_code,
                 post_form(client, "/brief/meten?deel=meter", state).status_code,
                 post_form(client, "/brief/meten", state).status_code]
        codes += [post_form(client, f"/download/{what}", state).status_code for what in ("docx", "pdf", "html", "mp3")]
        codes.append(client.post("/api/check", content=letter.encode(), headers={"content-type": "text/plain"}
                                 ).status_code)
        codes.append(client.post("/api/rewrite", files={"file": (f"{marker}.md", letter.encode())}).status_code)
    return codes


_WRITES: list[tuple] | None = None   # while a list: every file opened for writing is recorded in it
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | getattr(os, "O_TMPFILE", 0)


def _record_writes(event: str, args: tuple) -> None:
    if _WRITES is None:
        return
    if event == "open":
        path, mode, flags = args
        if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (flags or 0) & _WRITE_FLAGS:
            _WRITES.append((event, str(path)))
    elif event.startswith("tempfile.") or event in ("os.rename", "os.replace", "shutil.copyfile"):
        _WRITES.append((event, *map(str, args[:1])))


def test_requests_open_no_file_for_writing(tmp_path, monkeypatch):
    """Watched with an audit hook: no route opens a file to write (a spooled upload would show up here)."""
    global _WRITES
    from PIL import Image

    monkeypatch.setenv("EENVOUDIG_CACHE", str(tmp_path / "cache"))
    big = io.BytesIO()
    Image.frombytes("RGB", (700, 700), os.urandom(700 * 700 * 3)).save(big, "PNG")
    import docx

    word = docx.Document()
    word.add_paragraph("Indien u vragen heeft, kunt u ons bellen.")
    word.add_picture(big)
    data = io.BytesIO()
    word.save(data)
    assert len(data.getvalue()) > 1024 * 1024
    settings = Settings(config=FAKE_VOICE)
    sys.addaudithook(_record_writes)
    with running(settings) as url, httpx.Client(base_url=url, timeout=60) as client:
        post_form(client, "/download/pdf", form(settings, soort="txt", naam="a.txt", bron=SHORT))  # public pictures
        _WRITES = []
        try:
            upload = {"bestand": ("groot.docx", data.getvalue())}
            codes = [post_form(client, "/brief", form(settings), upload).status_code,
                     client.post("/api/check", files={"file": ("groot.docx", data.getvalue())}).status_code]
            state = form(settings, soort="txt", naam="a.txt", bron=SHORT, **{"keuze-1": "ja"})
            codes += [post_form(client, f"/download/{what}", state).status_code
                      for what in ("docx", "pdf", "html", "mp3")]
            codes.append(post_form(client, "/brief/meten?deel=meter", state).status_code)
            writes, _WRITES = _WRITES, None
        finally:
            _WRITES = None
    assert codes == [200] * 7
    assert writes == []


def _holders(marker: str) -> list[str]:
    """Return the types of objects reachable from the garbage collector's roots that hold the marker."""
    gc.collect()
    found: list[str] = []
    seen: set[int] = set()

    def look(obj, owner, depth: int) -> None:
        if isinstance(obj, str):
            if obj is not marker and marker in obj.lower():
                found.append(type(owner).__name__)
            return
        if isinstance(obj, (bytes, bytearray)):
            if marker.encode() in bytes(obj).lower():
                found.append(type(owner).__name__)
            return
        if depth > 3 or id(obj) in seen or not isinstance(obj, (dict, list, tuple, set, frozenset)):
            return
        seen.add(id(obj))
        for item in gc.get_referents(obj):
            look(item, obj, depth + 1)

    for obj in gc.get_objects():
        for item in gc.get_referents(obj):
            if isinstance(item, (str, bytes, bytearray)) or not gc.is_tracked(item):
                look(item, obj, 0)
    return found


def test_no_cache_keeps_letter_text_after_a_request():
    """After every route has seen a letter, nothing in this process still holds a word of it.

    Our caches (paragraphs, sentences, names, word look-ups) are emptied after each request and spaCy's
    string store is kept clean by a memory zone. A new cache that keeps text fails this test.
    """
    from eenvoudig.analysis import get_backend

    marker = "".join(random.choice("bdfgklmnprstvz") + random.choice("aeiou") for _ in range(6))
    assert marker not in string.ascii_lowercase  # a made-up word, made here: no constant holds it
    settings = Settings(config=FAKE_VOICE)
    with running(settings) as url:
        assert _use_every_route(settings, url, marker) == [200] * 9
    assert _holders(marker) == []
    strings = get_backend().nlp.vocab.strings
    assert marker not in strings and marker.capitalize() not in strings


@pytest.mark.slow
def test_serve_command_says_when_the_port_is_taken(run_cli):
    from eenvoudig.serve import open_socket, url_of

    busy = open_socket("127.0.0.1", 0)
    try:
        port = url_of(busy).rsplit(":", 1)[1].strip("/")
        result = run_cli("serve", "--port", port, "--no-browser", timeout=60)
    finally:
        busy.close()
    assert result.exit_code == 3
    assert result.stderr == f"eenvoudig: poort {port} is al in gebruik. Kies een andere met --port.\n"


def test_an_internal_error_is_a_dutch_page_and_a_log_line_without_text(caplog):
    def broken_voice(config):
        raise RuntimeError("Qorbeltink woont op de Lindelaan")

    settings = Settings(config=FAKE_VOICE, allow_online=True, online_voice=broken_voice)
    state = form(settings, soort="txt", naam="brief.txt", bron=SHORT, online="ja")
    with caplog.at_level("INFO", logger="eenvoudig.serve"):
        with running(settings) as url, httpx.Client(base_url=url, timeout=60) as client:
            r = post_form(client, "/download/mp3", state)
    assert r.status_code == 500
    assert alert(r.text) == ("Er ging iets mis in eenvoudig. Dit is een fout in het programma; uw brief is niet "
                             "bewaard. Probeer het nog eens.")
    errors = [rec.getMessage() for rec in caplog.records if rec.levelname == "ERROR"]
    assert len(errors) == 1 and re.fullmatch(r"interne fout: RuntimeError in test_serve\.py:\d+", errors[0])
    assert "Qorbeltink" not in caplog.text and "Jansen" not in caplog.text
    assert re.search(r"POST /download/mp3 500 \d+ ms", caplog.text)
