"""The privacy guard and the online voice (gTTS), proven offline.

A loopback HTTP server on 127.0.0.1 speaks gTTS's wire format (batchexecute, rpc `jQ1olc`, base64 MP3 in
the reply); only the host gTTS builds its URL from is swapped, so the real request building, sockets and
parsing of gTTS run. The server keeps every request, and the tests check that no personal data reached
it, that the audio it returned ends up in the files, and that errors become Dutch messages.
"""

from __future__ import annotations

import base64
import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import eenvoudig
from eenvoudig.config import parse_config
from eenvoudig.errors import PrivacyError, SpeechError
from eenvoudig.speech import (
    FakeBackend,
    GttsBackend,
    PrivacyGuard,
    SpeechSettings,
    encode_mp3,
    find_personal_data,
    privacy_message,
    redact,
    write_audio,
)

gtts = pytest.importorskip("gtts")

LETTER = """Gemeente Voorbeeldstad
Postbus 1234
9999 ZZ Voorbeeldstad

Mevrouw A. de Vries
Lindelaan 12
9999 AB Voorbeeldstad

Datum: 12 maart 2027
Onderwerp: Uw aanvraag

Geachte mevrouw De Vries,

Wij hebben uw aanvraag ontvangen. Uw burgerservicenummer is 111222333. Wij betalen € 450,00 op rekening NL91 ABNA 0417 1643 00.

U bent geboren op 3 april 1980 en woont op Lindelaan 12a, 9999 AB Voorbeeldstad.

Wij bellen u op 06-12345678 of mailen naar a.devries@example.nl. Mevrouw De Vries, hebt u nog vragen? Bel dan 14 0999.

Met vriendelijke groet,

J. Bakker
"""

# Everything that identifies the reader, written and as the normaliser would say it.
SECRETS = ["111222333", "111 222 333", "één één één", "NL91", "ABNA", "0417", "en el negen één", "aa bee en aa",
           "12345678", "nul zes", "devries", "de vries", "vries", "example", "apenstaartje", "lindelaan",
           "9999", "negenennegentig", "1980", "negentienhonderdtachtig", "drie april", "3 april"]


# ----------------------------------------------------------------------------------- detection

PERSONAL = [
    ("Mijn BSN is 111222333.", ["bsn"]),
    ("BSN 1112.22.333", ["bsn"]),
    ("Rekening NL91 ABNA 0417 1643 00", ["iban"]),
    ("Rekening NL91ABNA0417164300", ["iban"]),
    ("Bel mij op 06-12345678.", ["telefoon"]),
    ("Bel mij op (020) 1234567.", ["telefoon"]),
    ("Bel mij op +31 6 12345678.", ["telefoon"]),
    ("Mail naar a.devries@example.nl", ["email"]),
    ("Ik woon op Lindelaan 12a.", ["adres"]),
    ("Postcode 9999 AB", ["adres"]),
    ("Ik ben geboren op 3 april 1980.", ["geboortedatum"]),
    ("Geboortedatum: 03-04-1980", ["geboortedatum"]),
    ("Geachte mevrouw De Vries,", ["naam"]),
]
NOT_PERSONAL = [
    "Bel de gemeente op 14 020.",                      # 14 + area code: only governments have these
    "Bel gratis 0800-1234.",
    "Wij betalen op 3 april 2027.",                    # a date that is not a date of birth
    "U krijgt € 450,00 per maand.",
    "Het besluit van 12 maart 2027 blijft gelden.",
    "Zie artikel 4:8 van de Awb.",
    "Ons kenmerk is WI/2027/01234.",
    "Kijk op www.voorbeeldstad.nl.",
    "Het bedrag is 123456789 cent.",                   # nine digits, but not a valid BSN (elfproef)
]


@pytest.mark.parametrize(("text", "kinds"), PERSONAL, ids=[t for t, _ in PERSONAL])
def test_personal_data_is_found(text: str, kinds: list[str]) -> None:
    assert find_personal_data(text, names=("De Vries",)) == kinds


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_ordinary_facts_are_not_personal_data(text: str) -> None:
    assert find_personal_data(text, names=("De Vries",)) == []


def test_redact_uses_neutral_words() -> None:
    text = ("Geachte mevrouw A. De Vries, uw BSN is 111222333 en uw rekening NL91 ABNA 0417 1643 00. "
            "Bel 06-12345678 of mail a.devries@example.nl. U woont op Lindelaan 12a, 9999 AB Voorbeeldstad "
            "en bent geboren op 3 april 1980.")
    out = redact(text, ("De Vries",))
    assert out == ("Geachte mevrouw, uw BSN is uw burgerservicenummer en uw rekening uw rekeningnummer. "
                   "Bel het telefoonnummer of mail het e-mailadres. U woont op uw adres, uw postcode Voorbeeldstad "
                   "en bent geboren op uw geboortedatum.")
    assert find_personal_data(out, ("De Vries",)) == []


def test_refusal_names_the_kinds_not_the_values() -> None:
    message = privacy_message(find_personal_data(LETTER, ("De Vries",)))
    assert "burgerservicenummer" in message and "e-mailadres" in message and "--redact" in message
    assert not any(secret.lower() in message.lower() for secret in SECRETS if secret not in ("de vries",))
    assert "De Vries" not in message


def test_guard_stands_in_front_of_an_online_backend() -> None:
    inner = FakeBackend(online=True)
    with pytest.raises(PrivacyError, match="burgerservicenummer"):
        PrivacyGuard(inner).synthesize("Uw nummer is 111222333.")
    assert inner.calls == []
    PrivacyGuard(inner, redact=True).synthesize("Uw nummer is 111222333.")
    assert inner.calls == [("Uw nummer is uw burgerservicenummer.", False)]


# ------------------------------------------------------------------------------ loopback server

TONE_SECONDS = 0.5


def _tone_mp3() -> bytes:
    import array
    import math

    rate = 24000
    pcm = array.array("h", (int(4000 * math.sin(2 * math.pi * 300 * i / rate)) for i in range(int(rate * TONE_SECONDS))))
    return encode_mp3(pcm.tobytes(), rate, 32)


FAKE_MP3 = _tone_mp3()


class FakeGoogle(BaseHTTPRequestHandler):
    """Answers like translate.google.<tld>/_/TranslateWebserverUi/data/batchexecute; keeps every request."""

    seen: list[dict] = []
    mode = "ok"

    def do_POST(self) -> None:   # noqa: N802 - the name http.server calls
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        rpc_id, params, _, _ = json.loads(urllib.parse.parse_qs(body)["f.req"][0])[0][0]
        text, lang, speed, _ = json.loads(params)
        FakeGoogle.seen.append({"path": self.path, "headers": dict(self.headers), "body": body, "rpc": rpc_id,
                                "text": text, "lang": lang, "speed": speed})
        if self.mode == "error":
            self.send_response(500)
            self.end_headers()
            return
        if self.mode == "slow":
            time.sleep(3)
        if self.mode == "empty":
            payload = b")]}'\n\n12\n[[\"di\",42]]\n"
        else:
            inner = json.dumps([base64.b64encode(FAKE_MP3).decode()], separators=(",", ":"))
            line = json.dumps([["wrb.fr", rpc_id, inner, None, None, None, "generic"]], separators=(",", ":"))
            payload = (")]}'\n\n" + str(len(line)) + "\n" + line + "\n").encode()
        try:
            self.send_response(200)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def fake_google(monkeypatch, tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeGoogle)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    port = server.server_address[1]
    monkeypatch.setattr(gtts.tts, "_translate_url", lambda tld="com", path="": f"http://127.0.0.1:{port}/{tld}/{path}")
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("EENVOUDIG_CACHE", str(tmp_path / "cache"))
    FakeGoogle.seen = []
    FakeGoogle.mode = "ok"
    yield FakeGoogle
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def letter():
    return eenvoudig.analyze(eenvoudig.read_text(LETTER))


def test_online_refuses_personal_data_and_sends_nothing(fake_google, letter, tmp_path) -> None:
    with pytest.raises(PrivacyError) as err:
        list(write_audio(letter, tmp_path / "uit", online=True))
    message = str(err.value)
    for kind in ("burgerservicenummer", "rekeningnummer", "telefoonnummer", "e-mailadres", "adres",
                 "geboortedatum", "naam uit de aanhef"):
        assert kind in message
    assert not any(secret.lower() in message.lower() for secret in SECRETS)
    assert fake_google.seen == []
    assert not (tmp_path / "uit" / "brief.mp3").exists()


def test_online_with_redact_sends_no_personal_data(fake_google, letter, tmp_path) -> None:
    out = tmp_path / "uit"
    lines = list(write_audio(letter, out, online=True, redact=True, wav=True))   # asks for a WAV it cannot get
    seen = fake_google.seen
    assert seen, "the online voice was not asked"
    assert {r["lang"] for r in seen} == {"nl"} and {r["rpc"] for r in seen} == {"jQ1olc"}
    assert all(r["path"] == "/nl/_/TranslateWebserverUi/data/batchexecute" for r in seen)
    sent = " ".join(r["text"] for r in seen).lower()
    raw = " ".join(urllib.parse.unquote_plus(r["body"]) + json.dumps(r["headers"]) for r in seen).lower()
    for secret in SECRETS:
        assert secret.lower() not in sent, secret
        assert secret.lower() not in raw, secret
    assert not re.search(r"\d", sent)                        # no number in any form reached the server
    for neutral in ("uw burgerservicenummer", "uw rekeningnummer", "het telefoonnummer", "het e-mailadres",
                    "uw adres", "uw geboortedatum"):
        assert neutral in sent
    assert "veertien nul negen negen negen" in sent           # the municipality's own number is kept
    assert "vierhonderdvijftig euro" in sent                   # amounts are not personal data
    # the audio the server returned is what we wrote, piece by piece
    assert (out / "brief.mp3").read_bytes() == FAKE_MP3 * len(seen)
    manifest = json.loads((out / "audio.json").read_text())
    assert manifest["online"] is True and manifest["redacted"] is True and manifest["wav"] is None
    assert sum((out / s["file"]).stat().st_size for s in manifest["sentences"]) == len(FAKE_MP3) * len(seen)
    import soundfile

    one = soundfile.info(_write(tmp_path / "een.mp3", FAKE_MP3)).duration
    assert soundfile.info(str(out / "brief.mp3")).duration == pytest.approx(one * len(seen), rel=0.02)
    assert any("Geen wav" in line for line in lines)
    assert not (out / "brief.wav").exists()


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def test_online_answers_are_cached(fake_google, letter, tmp_path) -> None:
    list(write_audio(letter, tmp_path / "a", online=True, redact=True))
    first = len(fake_google.seen)
    list(write_audio(letter, tmp_path / "b", online=True, redact=True))
    assert len(fake_google.seen) == first                     # all from the cache
    assert (tmp_path / "a" / "brief.mp3").read_bytes() == (tmp_path / "b" / "brief.mp3").read_bytes()
    assert list((tmp_path / "cache" / "gtts").glob("*.mp3"))


def test_online_via_config_switch(fake_google, letter, tmp_path) -> None:
    config = parse_config({"speech": {"online": True, "redact": True}})
    list(write_audio(letter, tmp_path / "uit", config=config))
    assert fake_google.seen


def test_slow_reaches_the_online_voice(fake_google, tmp_path) -> None:
    GttsBackend().synthesize("Dit is een korte zin.", slow=True)
    assert fake_google.seen[-1]["speed"] is True


@pytest.mark.parametrize(("mode", "message"), [("error", "foutcode 500"), ("empty", "geen geluid|leeg antwoord")])
def test_online_errors_become_dutch_messages(fake_google, mode, message) -> None:
    fake_google.mode = mode
    with pytest.raises(SpeechError, match=message):
        GttsBackend().synthesize("Dit is een zin.")


def test_online_voice_gives_up_after_the_timeout(fake_google) -> None:
    fake_google.mode = "slow"
    start = time.perf_counter()
    with pytest.raises(SpeechError, match="online stem"):
        GttsBackend(SpeechSettings(timeout=1)).synthesize("Dit is een zin.")
    assert time.perf_counter() - start < 2.5


def test_online_voice_unreachable(monkeypatch, tmp_path) -> None:
    import socket

    with socket.socket() as s:          # a port on this computer that nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setattr(gtts.tts, "_translate_url", lambda tld="com", path="": f"http://127.0.0.1:{port}/{path}")
    monkeypatch.setenv("EENVOUDIG_CACHE", str(tmp_path))
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    with pytest.raises(SpeechError, match="geen verbinding"):
        GttsBackend().synthesize("Dit is een zin.")


def test_online_voice_not_installed(monkeypatch, tmp_path) -> None:
    import sys

    monkeypatch.setenv("EENVOUDIG_CACHE", str(tmp_path))
    monkeypatch.setitem(sys.modules, "gtts", None)
    with pytest.raises(SpeechError, match=r'pip install "eenvoudig\[online\]"'):
        GttsBackend().synthesize("Dit is een zin.")


def test_cli_online_refusal_is_exit_3(fake_google, tmp_path, capsys) -> None:
    from eenvoudig.cli import main

    letter = tmp_path / "brief.txt"
    letter.write_text(LETTER, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["render", str(letter), "--format", "audio", "--online", "--no-rewrite", "--out", str(tmp_path / "uit")])
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert "persoonsgegevens" in err and "Traceback" not in err
    assert fake_google.seen == []
