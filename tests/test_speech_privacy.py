"""The privacy guard and the online voice (gTTS), proven offline.

A loopback HTTPS server on 127.0.0.1 speaks gTTS's wire format (batchexecute, rpc `jQ1olc`, base64 MP3 in
the reply), with a certificate from a test authority (trustme); only the address is swapped, so gTTS's
request building, our verified TLS connection and the parsing of the answer all run. The server keeps
every request, and the tests check that no personal data reached it, that nothing reaches a server whose
certificate cannot be verified, that the audio it returned ends up in the files, and that errors become
Dutch messages.
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
from eenvoudig import speech
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


@pytest.fixture(scope="module")
def authority(tmp_path_factory):
    """A test certificate authority and a certificate for 127.0.0.1; the CA file to trust."""
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    folder = tmp_path_factory.mktemp("tls")
    ca.cert_pem.write_to_path(str(folder / "ca.pem"))
    return ca, ca.issue_cert("127.0.0.1"), folder / "ca.pem"


def _serve(monkeypatch, tmp_path, cert, *, trusted: Path | None):
    import ssl

    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeGoogle)
    server.daemon_threads = True
    server.handle_error = lambda request, address: None     # a refused TLS handshake is what some tests want
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    port = server.server_address[1]
    monkeypatch.setattr(speech, "GTTS_URL", f"https://127.0.0.1:{port}/{{tld}}/_/TranslateWebserverUi/data/batchexecute")
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "CURL_CA_BUNDLE",
                "REQUESTS_CA_BUNDLE"):
        monkeypatch.delenv(var, raising=False)
    if trusted is not None:    # how a user trusts a company proxy's certificate: verification stays on
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(trusted))
    monkeypatch.setenv("EENVOUDIG_CACHE", str(tmp_path / "cache"))
    FakeGoogle.seen = []
    FakeGoogle.mode = "ok"
    return server


@pytest.fixture
def fake_google(monkeypatch, tmp_path, authority):
    _, cert, ca_file = authority
    server = _serve(monkeypatch, tmp_path, cert, trusted=ca_file)
    yield FakeGoogle
    server.shutdown()
    server.server_close()


@pytest.fixture
def untrusted_google(monkeypatch, tmp_path, authority):
    """The same server, but its certificate is not trusted: like a self-signed one in the middle."""
    _, cert, _ = authority
    server = _serve(monkeypatch, tmp_path, cert, trusted=None)
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
    monkeypatch.setattr(speech, "GTTS_URL", f"https://127.0.0.1:{port}/{{tld}}")
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


# ---------------------------------------------------------------------- issue 11: TLS, config, tld


def test_an_unverified_certificate_gets_nothing(untrusted_google, monkeypatch) -> None:
    # gTTS itself sends with verify=False; a server in the middle with its own certificate then reads
    # the letter. Now the TLS handshake fails before any byte of text is sent.
    monkeypatch.setattr(gtts.tts, "_translate_url", lambda tld="com", path="": speech.GTTS_URL.format(tld=tld)
                        if hasattr(speech, "GTTS_URL") else "")
    with pytest.raises(SpeechError, match="geen veilige verbinding"):
        GttsBackend().synthesize("Dit is een zin.")
    assert untrusted_google.seen == []


def test_only_https_addresses_are_used(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("EENVOUDIG_CACHE", str(tmp_path))
    monkeypatch.setattr(speech, "GTTS_URL", "http://translate.google.{tld}/x")
    with pytest.raises(SpeechError, match="https"):
        GttsBackend().synthesize("Dit is een zin.")


@pytest.mark.parametrize("tld", ["nl@127.0.0.1:8443", "evil.example", "nl/../x", "", "NL"])
def test_tld_is_limited_to_googles_hosts(tld: str) -> None:
    from eenvoudig.errors import DataError
    from eenvoudig.speech import speech_settings

    with pytest.raises(DataError, match="tld"):
        speech_settings(parse_config({"speech": {"tld": tld}}))
    with pytest.raises(DataError, match="tld"):
        GttsBackend(SpeechSettings(tld=tld))


def test_a_config_file_cannot_switch_the_online_voice_on(fake_google, letter, tmp_path) -> None:
    config = parse_config({"speech": {"online": True, "redact": True, "backend": "fake"}})
    assert any("online = true" in w and "--online" in w for w in config.warnings)
    list(write_audio(letter, tmp_path / "uit", config=config))
    assert fake_google.seen == []
    assert json.loads((tmp_path / "uit" / "audio.json").read_text())["online"] is False


def test_cli_says_the_config_asked_for_online(run_main, tmp_path) -> None:
    (tmp_path / "eenvoudig.toml").write_text('[speech]\nonline = true\nbackend = "fake"\n', encoding="utf-8")
    (tmp_path / "brief.txt").write_text("Wij sturen u een brief.\n", encoding="utf-8")
    result = run_main("render", "brief.txt", "--format", "audio", "--out", "uit", "--no-rewrite", cwd=tmp_path)
    assert result.exit_code == 0
    assert "online = true in [speech] wordt genegeerd" in result.stderr
    assert json.loads((tmp_path / "uit" / "audio.json").read_text())["online"] is False


# ------------------------------------------------------------------ issue 11: every way of writing

# (what the letter says, a secret that may not reach the voice in any form, the kind the guard names)
VARIANTS = [
    ("Uw BSN is 111 222 333.", ["111", "honderdelf", "één één één"], "bsn"),
    ("Uw BSN is 111-222-333.", ["111", "honderdelf", "één één één"], "bsn"),
    ("Uw BSN is 111.222.333.", ["111", "honderdelf", "één één één"], "bsn"),
    ("Uw BSN is 1112 22 333.", ["1112", "honderdelf", "één één één"], "bsn"),
    ("Uw BSN is 11122233 3.", ["11122233", "elf miljoen", "één één één"], "bsn"),
    ("Uw nummer is 12345672.", ["12345672", "twaalf miljoen"], "bsn"),
    ("Rekening nl91abna0417164300.", ["abna", "0417", "nul vier één zeven"], "iban"),
    ("Rekening nl91 abna 0417 1643 00.", ["abna", "0417", "nul vier één zeven"], "iban"),
    ("Rekening NL91-ABNA-0417-1643-00.", ["abna", "0417", "nul vier één zeven"], "iban"),
    ("Rekening NL 91 ABNA 0417 1643 00.", ["abna", "0417", "nul vier één zeven"], "iban"),
    ("Rekening NL91.ABNA.0417.1643.00.", ["abna", "0417", "nul vier één zeven"], "iban"),
    ("Bel mij op +31 (0)30 123 4567.", ["4567", "vier vijf zes zeven"], "telefoon"),
    ("Bel mij op (0)30 1234567.", ["1234567", "vier vijf zes zeven"], "telefoon"),
    ("Bel mij op 030-1234567.", ["1234567", "vier vijf zes zeven"], "telefoon"),
    ("Bel mij op 030 - 123 45 67.", ["45 67", "vier vijf zes zeven", "vijfenveertig"], "telefoon"),
    ("Mail naar jan [at] gemeente.nl.", ["jan"], "email"),
    ("Mail naar jan(at)gemeente.nl.", ["jan"], "email"),
    ("Mail naar jan at gemeente dot nl.", ["jan"], "email"),
    ("Mail naar jan＠gemeente.nl.", ["jan"], "email"),
    ("Mail naar jan@localhost.", ["jan"], "email"),
    ("Ik woon in 1234 ab Voorbeeldstad.", ["1234", "twaalf", "aa bee"], "adres"),
    ("Ik woon in 1234ab Voorbeeldstad.", ["1234", "twaalf", "aa bee"], "adres"),
    ("Ik woon op kerkstraat 12.", ["kerkstraat"], "adres"),
    ("Ik woon op Laan van Meerdervoort 123.", ["meerdervoort"], "adres"),
    ("Uw geboortedatum is 03-03-1980.", ["1980", "negentienhonderdtachtig", "drie maart"], "geboortedatum"),
    ("U bent op 3 maart 1980 geboren.", ["1980", "negentienhonderdtachtig", "drie maart"], "geboortedatum"),
    ("U bent geboren op drie maart negentienhonderdtachtig.", ["negentienhonderdtachtig", "drie maart"],
     "geboortedatum"),
    ("Geb. datum 3/3/80.", ["3/3", "drie maart"], "geboortedatum"),
    ("Uw BSN is 111222333 en bel 0031 6 12345678.", ["111", "12345678", "één twee", "twaalf"], "telefoon"),
]


def _letter(body: str, salutation: str = "Geachte heer,") -> object:
    return eenvoudig.analyze(eenvoudig.read_text(f"{salutation}\n\n{body}\n\nMet vriendelijke groet,\n\nJ. Bakker\n"))


@pytest.mark.parametrize(("body", "secrets", "kind"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_every_way_of_writing_is_refused_and_redacted(body, secrets, kind, tmp_path) -> None:
    analysis = _letter(body)
    voice = FakeBackend(online=True)
    with pytest.raises(PrivacyError, match=re.escape(privacy_message([kind]).split(": ")[1].split(".")[0])
                       if kind != "telefoon" else "telefoonnummer"):
        list(write_audio(analysis, tmp_path / "a", online=True, backend=voice))
    assert voice.calls == []
    list(write_audio(analysis, tmp_path / "b", online=True, redact=True, backend=voice))
    sent = " ".join(text for text, _ in voice.calls).lower()
    assert voice.calls
    for secret in secrets:
        assert secret.lower() not in sent, (secret, sent)
    # --format speech --redact shows exactly what was sent
    shown = eenvoudig.speech_text(analysis, redact=True)
    assert " ".join(shown.split()) == " ".join(sent.split()) or shown.lower().split() == sent.split()


NAME_VARIANTS = [
    ("Geachte mevrouw Ömer-Yıldız,", "Mevrouw Ömer-Yıldız, u krijgt geld.", ["ömer", "yıldız"]),
    ("Geachte heer Çelik,", "Meneer Çelik krijgt geld.", ["çelik"]),
    ("Geachte heer Şahin,", "Meneer Şahin krijgt geld.", ["şahin"]),
    ("Geachte mevrouw Üzüm,", "Mevrouw Üzüm krijgt geld.", ["üzüm"]),
    ("Geachte heer Émile Dupont,", "Wij betalen Émile Dupont.", ["émile", "dupont"]),
    ("Geachte heer/mevrouw Bakker,", "Wij betalen Bakker.", ["bakker"]),
    ("Geachte mevrouw dr. Bakker,", "Wij betalen mevrouw Bakker.", ["bakker"]),
    ("Geachte heer mr. A.B. Bakker,", "Wij betalen de heer Bakker.", ["bakker"]),
    ("Geachte heer en mevrouw Bakker,", "Wij betalen familie Bakker.", ["bakker"]),
    ("Geachte mevrouw De Vries-Bakker,", "Mevrouw De Vries belt. Bakker ook.", ["vries", "bakker"]),
    ("Beste Jan en Piet,", "Jan krijgt geld. Piet ook.", ["jan", "piet"]),
    ("Beste Fatima el Amrani,", "Fatima krijgt geld. Mevrouw el Amrani ook.", ["fatima", "amrani"]),
]


@pytest.mark.parametrize(("salutation", "body", "secrets"), NAME_VARIANTS, ids=[v[0] for v in NAME_VARIANTS])
def test_salutation_names_are_found_everywhere(salutation, body, secrets, tmp_path) -> None:
    analysis = _letter(body, salutation)
    voice = FakeBackend(online=True)
    with pytest.raises(PrivacyError, match="naam uit de aanhef"):
        list(write_audio(analysis, tmp_path / "a", online=True, backend=voice))
    list(write_audio(analysis, tmp_path / "b", online=True, redact=True, backend=voice))
    sent = " ".join(text for text, _ in voice.calls).lower()
    for secret in secrets:
        assert secret not in sent, (secret, sent)


def test_salutation_and_text_on_one_line(tmp_path) -> None:
    analysis = eenvoudig.analyze(eenvoudig.read_text(
        "Geachte heer Bakker, wij sturen u geld. Meneer Bakker, bel ons als u vragen hebt.\n"))
    voice = FakeBackend(online=True)
    with pytest.raises(PrivacyError, match="naam uit de aanhef"):
        list(write_audio(analysis, tmp_path / "a", online=True, backend=voice))
    list(write_audio(analysis, tmp_path / "b", online=True, redact=True, backend=voice))
    assert "bakker" not in " ".join(t for t, _ in voice.calls).lower()


STILL_PLAIN = [
    "In 2027 en 2028 krijgt u geld.",                   # '2027 en' is not a postcode
    "Wij betalen € 123.456.789 uit.",                    # an amount, not a BSN
    "De vergadering is op 12-03-2027.",                  # a date, not a BSN and not a date of birth
    "Kijk at home of op www.voorbeeldstad.nl.",           # 'at' without an address
    "Bel de gemeente op 14 020 of gratis 0800-1234.",    # service numbers
    "Volg ons via @voorbeeldstad.",
]


@pytest.mark.parametrize("text", STILL_PLAIN)
def test_ordinary_text_is_not_personal_data(text: str) -> None:
    from eenvoudig.speech.text import normalize

    assert find_personal_data(text) == []
    assert find_personal_data(normalize(text)) == []


def test_digits_said_as_words_are_found_after_the_normaliser() -> None:
    # what the voice would hear: the check after the normaliser reads the number words as digits
    assert find_personal_data("Uw nummer is één één één, twee twee twee, drie drie drie.") == ["bsn"]
    assert find_personal_data("Uw nummer is honderdelf tweehonderdtweeëntwintig driehonderddrieëndertig.") == ["bsn"]
    assert find_personal_data("Rekening en el negen één, aa bee en aa, nul vier één zeven, één zes vier drie, "
                              "nul nul.") == ["iban"]
    assert find_personal_data("Bel nul zes, één twee, drie vier, vijf zes, zeven acht.") == ["telefoon"]
    assert find_personal_data("U bent geboren op drie maart negentienhonderdtachtig.") == ["geboortedatum"]
    assert redact("Uw nummer is één één één, twee twee twee, drie drie drie.") == "Uw nummer is uw burgerservicenummer."


def test_cli_speech_redact_prints_what_would_be_sent(run_main, tmp_path) -> None:
    (tmp_path / "brief.txt").write_text("Geachte heer Bakker,\n\nUw BSN is 111 222 333. Meneer Bakker, bel ons.\n",
                                        encoding="utf-8")
    result = run_main("render", "brief.txt", "--format", "speech", "--redact", "--no-rewrite", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "uw burgerservicenummer" in result.stdout
    assert "Bakker" not in result.stdout and "honderdelf" not in result.stdout and "111" not in result.stdout


# ------------------------------------------------------------------------ issue 11: caches and temp files


def test_online_cache_is_private_and_keyed(fake_google, tmp_path) -> None:
    import hashlib
    import stat

    GttsBackend().synthesize("Dit is een zin.")
    folder = tmp_path / "cache" / "gtts"
    files = list(folder.glob("*.mp3"))
    assert len(files) == 1
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    # the name is not a plain hash of the sentence: guessing a sentence and hashing it confirms nothing
    for key in (json.dumps(["gtts", 1, "nl", "nl", False, "Dit is een zin."], ensure_ascii=False), "Dit is een zin."):
        assert files[0].stem != hashlib.sha256(key.encode()).hexdigest()
    (folder / "sleutel").write_bytes(b"x" * 32)       # another key: other names
    assert GttsBackend().cache_path("Dit is een zin.", False).name != files[0].name


def test_the_web_apps_online_voice_keeps_nothing_on_disk(fake_google, tmp_path) -> None:
    from eenvoudig.config import Config
    from eenvoudig.serve.downloads import online_voice

    voice = online_voice(Config())
    assert voice.synthesize("Dit is een zin.").mp3             # sent, verified, answered
    assert not (tmp_path / "cache" / "gtts").exists()          # and no sound of the letter kept


def test_a_killed_write_leaves_no_letter_text(tmp_path) -> None:
    import os
    import signal
    import subprocess
    import sys

    script = ("import sys, time\nfrom eenvoudig.files import open_atomic\n"
              "with open_atomic(sys.argv[1]) as f:\n    f.write(b'Geheime brieftekst' * 1000)\n    f.flush()\n"
              "    print('klaar', flush=True)\n    time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "brief.txt")], stdout=subprocess.PIPE)
    assert proc.stdout.readline().strip() == b"klaar"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert [p.name for p in tmp_path.iterdir()] == []


def test_leftovers_of_a_killed_run_are_removed(tmp_path) -> None:
    import os
    import time

    from eenvoudig.files import write_atomic

    stale = tmp_path / ".brief.txt.ab12cd34.tmp"
    stale.write_text("Geheime brieftekst")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    fresh = tmp_path / ".brief.txt.zz99yy88.tmp"    # perhaps another run that is still busy: left alone
    fresh.write_text("bezig")
    write_atomic(tmp_path / "brief.txt", "nieuw")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".brief.txt.zz99yy88.tmp", "brief.txt"]
