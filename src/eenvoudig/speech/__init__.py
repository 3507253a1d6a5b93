"""Spoken Dutch: a speech normaliser, text-to-speech backends, a privacy guard and MP3/WAV files.

The flow for `render --format audio`::

    analysis ─▶ utterances (the sentences to speak, address blocks left out)
             ─▶ [online only] privacy guard: refuse, or replace personal data by neutral words
             ─▶ normalize(): "€ 25,-" → "vijfentwintig euro", "14 020" → "veertien nul twintig"
             ─▶ backend.synthesize() per sentence, in chunks  ─▶  brief.mp3, brief.wav, zinnen/zin-001.mp3 …

Backends follow the `SpeechBackend` Protocol and are found through the entry-point group `eenvoudig.tts`:
`espeak` (offline default: espeak-ng with its Dutch voice from the `espeakng-loader` wheel, through
ctypes), `gtts` (online, optional extra, only with `--online`: a config file cannot switch it on) and
`fake` (tests). `synthesize()` returns an `Audio`: 16-bit mono PCM with its sample rate, or MP3 bytes (gTTS answers in
MP3). Every backend whose `online` is true sits behind the privacy guard.

The normaliser lives in `eenvoudig.speech.text` (`normalize()`), the privacy guard's search in
`eenvoudig.speech.privacy`.
"""

from __future__ import annotations

import array
import ctypes
import hashlib
import io
import json
import math
import os
import re
import threading
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Protocol, Sequence, runtime_checkable

from eenvoudig.errors import DataError, EenvoudigError, PrivacyError, SpeechError
from eenvoudig.document import shown_meta_lines
from eenvoudig.files import open_atomic, write_atomic
from eenvoudig.analysis.spans import GREETING, salutation_names
from eenvoudig.speech.privacy import KIND_NAMES, find_personal_data, guarded_text, privacy_message, redact
from eenvoudig.speech.text import normalize

# ====================================================================================== what to say

FIELD_LINE = re.compile(r"^\s*(datum|ons\s+kenmerk|uw\s+kenmerk|kenmerk|onderwerp|betreft|zaaknummer|"
                        r"dossiernummer|klantnummer|bijlagen?)\s*:\s*\S", re.I)


@dataclass(frozen=True, slots=True)
class Utterance:
    """One piece of the letter to speak: [start, end) in block `block`'s text, and what the voice says."""

    block: int
    start: int
    end: int
    scope: str
    text: str
    spoken: str

    def to_dict(self) -> dict:
        return {"block": self.block, "start": self.start, "end": self.end, "scope": self.scope, "text": self.text,
                "spoken": self.spoken}


def letter_names(analysis) -> tuple[str, ...]:
    """Return the names in the letter's salutation ('Geachte mevrouw De Vries,' → ('De Vries',)), also when
    the salutation and the first sentence share a line ('Geachte heer Bakker, wij schrijven u …')."""
    names: list[str] = []
    for block in analysis.document.blocks:
        if block.scope == "salutation" or GREETING.match(block.text):
            names += [n for n in salutation_names(block.text) if n not in names]
    return tuple(names)


def utterances(analysis, *, redact_personal: bool = False) -> tuple[Utterance, ...]:
    """Return what to speak, in order: subject, date and reference lines, then salutation, body and closing.

    Address blocks are left out (a listener does not need them, and they are personal data).
    With `redact_personal`, personal data is replaced by neutral words before it is normalised.
    """
    names = letter_names(analysis)
    pieces: list[tuple[int, int, int, str, str]] = []
    head: list[tuple[int, int, int, str, str]] = []
    from eenvoudig.render.table import tables_of

    tables = {i: t for t in tables_of(analysis.document) for i in t.blocks}
    spoken_tables: set[int] = set()
    for sentence in analysis.sentences:
        if (table := tables.get(sentence.block)) is not None:
            # a table is read row by row with its labels: "Maand: maart 2026; Bedrag: € 412,50."
            if table.number not in spoken_tables:
                spoken_tables.add(table.number)
                pieces += [(sentence.block, sentence.start, sentence.end, "table", row + ".")
                           for row in table.label_rows()]
            continue
        if sentence.scope != "meta":
            pieces.append((sentence.block, sentence.start, sentence.end, sentence.scope, sentence.text))
            continue
        block_text = analysis.document.blocks[sentence.block].text
        # date and reference lines, also "Rivierstad, 18 november 2026" and "Uw melding van: …" (not addresses)
        kept = set(shown_meta_lines(block_text[sentence.start:sentence.end]))
        for m in re.finditer(r"[^\n]+", block_text[sentence.start:sentence.end]):
            line = m.group().strip()
            if FIELD_LINE.match(line) or " ".join(line.split()) in kept:
                start = sentence.start + m.start() + (len(m.group()) - len(m.group().lstrip()))
                item = (sentence.block, start, start + len(line), "meta", line)
                (head if re.match(r"\s*(onderwerp|betreft)\b", line, re.I) else pieces).append(item)
    out = []
    for block, start, end, scope, text in head + pieces:
        said = re.sub(r"\s*\[picto:[^\]]*\]", "", text)  # pictogram markers are instructions, not words
        said = redact(said, names) if redact_personal else said
        spoken = normalize(said, names=names)
        if not re.search(r"\w", spoken):
            continue
        if not re.search(r"[.!?:;,]$", spoken):
            spoken += "."
        out.append(Utterance(block, start, end, scope, text, spoken))
    return tuple(out)


def speech_text(analysis, *, redact: bool = False) -> str:
    """Return the letter as the voice will read it: one sentence per line, a blank line between blocks.

    With `redact`: exactly what the online voice would receive with --online --redact (personal data
    replaced before and after the normaliser, the same pieces the privacy guard lets through).
    Raises TypeError for anything but an Analysis (a string: `eenvoudig.speech.text.normalize`).
    """
    from eenvoudig.analysis import Analysis

    if not isinstance(analysis, Analysis):
        raise TypeError(f"speech_text() verwacht een Analysis (van eenvoudig.analyze of eenvoudig.prepare), geen "
                        f"{type(analysis).__name__}. Een losse tekst: eenvoudig.speech.text.normalize(tekst).")
    units = utterances(analysis, redact_personal=redact)
    if not units:
        raise SpeechError("er is niets om voor te lezen: de brief heeft geen zinnen met woorden.")
    names = letter_names(analysis)
    lines: list[str] = []
    for i, u in enumerate(units):
        if i and u.block != units[i - 1].block:
            lines.append("")
        lines.append(" ".join(guarded_text(p, names, True) for p in _chunks(u.spoken)) if redact else u.spoken)
    return "\n".join(lines)


# ========================================================================================= backends


@dataclass(frozen=True, slots=True)
class Audio:
    """Sound from a backend: 16-bit signed little-endian mono PCM at `rate` Hz, or MP3 bytes."""

    pcm: bytes = b""
    rate: int = 0
    mp3: bytes = b""

    @property
    def seconds(self) -> float | None:
        return len(self.pcm) / 2 / self.rate if self.pcm and self.rate else (0.0 if not self.mp3 else None)


@runtime_checkable
class SpeechBackend(Protocol):
    """A voice. Construct it with an optional `SpeechSettings`; `online` backends sit behind the privacy guard."""

    name: str
    online: bool

    def synthesize(self, text: str, *, slow: bool = False) -> Audio:
        """Return the sound of `text` (already normalised)."""
        ...


@dataclass(frozen=True)
class SpeechSettings:
    """Settings for the voice: `[tool.eenvoudig.speech]` in pyproject.toml (or `[speech]` in eenvoudig.toml)."""

    backend: str = "espeak"          # the offline voice
    online_backend: str = "gtts"     # the voice used with --online
    redact: bool = False             # true: replace personal data before it goes online (same as --redact)
    voice: str = "nl"                # espeak-ng voice
    rate: int = 150                  # words per minute; espeak's own default is 175
    slow_rate: int = 120             # words per minute with --slow
    pause_ms: int = 600              # silence between sentences; twice as long between paragraphs
    timeout: float = 15.0            # seconds per request to the online voice
    bitrate: int = 48                # MP3 kbit/s
    max_words: int = 20000           # longer letters are refused (about two hours of audio)
    tld: str = "nl"                  # gTTS host: translate.google.<tld>, one of GTTS_TLDS

    def __post_init__(self) -> None:
        if self.tld not in GTTS_TLDS:
            raise DataError(f"[speech] tld moet {', '.join(GTTS_TLDS)} zijn, niet '{self.tld}'.")

    def wpm(self, slow: bool) -> int:
        return self.slow_rate if slow else self.rate


# The hosts of Google's voice that gTTS knows to work; anything else could send the letter elsewhere.
GTTS_TLDS = ("nl", "be", "com")
_SETTING_KEYS = {"backend": str, "online-backend": str, "online": bool, "redact": bool, "voice": str, "rate": int,
                 "slow-rate": int, "pause-ms": int, "timeout": (int, float), "bitrate": int, "max-words": int,
                 "tld": str}
_RANGES = {"rate": (80, 450), "slow-rate": (80, 450), "pause-ms": (0, 5000), "timeout": (1, 300),
           "bitrate": (8, 320), "max-words": (1, 10_000_000)}


def speech_settings(config=None) -> SpeechSettings:
    """Return the speech settings from a Config; raise DataError with a Dutch message on a wrong value."""
    table = dict(getattr(config, "speech", ()) or ())
    where = str(getattr(config, "path", None) or "configuratie")
    values: dict[str, Any] = {}
    for key, value in table.items():
        kind = _SETTING_KEYS.get(key)
        if kind is None:
            raise DataError(f"{where}: onbekende instelling '{key}' in [speech]; "
                            f"kies uit {', '.join(sorted(_SETTING_KEYS))}.")
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise DataError(f"{where}: [speech] {key} heeft een verkeerde waarde ({value!r}).")
        if key in _RANGES and not (_RANGES[key][0] <= value <= _RANGES[key][1]):   # NaN fails too
            low, high = _RANGES[key]
            raise DataError(f"{where}: [speech] {key} moet tussen {low} en {high} liggen, niet {value}.")
        if key == "tld" and value not in GTTS_TLDS:
            raise DataError(f"{where}: [speech] tld moet {', '.join(GTTS_TLDS)} zijn, niet '{value}'.")
        if key != "online":   # a config file cannot switch the online voice on (config.py warns about it)
            values[key.replace("-", "_")] = value
    return SpeechSettings(**values)


def _chunks(text: str, limit: int = 500) -> Iterator[str]:
    """Split long text at a sentence end, comma or space, so no piece is longer than `limit` characters."""
    while len(text) > limit:
        cut = max(text.rfind(". ", 0, limit), text.rfind(", ", 0, limit), text.rfind("; ", 0, limit))
        if cut < limit // 3:
            cut = text.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit - 1
        yield text[:cut + 1].strip()
        text = text[cut + 1:].strip()
    if text.strip():
        yield text.strip()


# ---------------------------------------------------------------------------------------- espeak-ng

_SYNCHRONOUS, _DONT_EXIT, _CHARS_UTF8, _RATE = 2, 0x8000, 1, 1
_REINSTALL = "Installeer het opnieuw met: pip install --force-reinstall espeakng-loader"


class _Espeak:
    """The espeak-ng library from the `espeakng-loader` wheel, driven through ctypes (one per process)."""

    lock = threading.Lock()

    def __init__(self, voice: str) -> None:
        try:
            import espeakng_loader

            lib_path = espeakng_loader.get_library_path()
            data_path = Path(espeakng_loader.get_data_path())
        except (ImportError, RuntimeError, OSError):
            raise SpeechError("de spraakbibliotheek espeak-ng (pakket espeakng-loader) ontbreekt of is niet "
                              f"compleet. {_REINSTALL}") from None
        if not (data_path / "phontab").is_file() or not (data_path / "nl_dict").is_file():
            raise SpeechError(f"de gegevens van de Nederlandse stem ontbreken in {data_path}. {_REINSTALL}")
        try:
            lib = ctypes.CDLL(lib_path)
            lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
            lib.espeak_Initialize.restype = ctypes.c_int
            lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
            lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
            lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
                                         ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
            lib.espeak_SetSynthCallback.argtypes = [ctypes.c_void_p]
            synchronize = lib.espeak_Synchronize
        except (OSError, AttributeError) as exc:
            raise SpeechError(f"de spraakbibliotheek espeak-ng kan niet geladen worden ({exc.__class__.__name__}). "
                              f"{_REINSTALL}") from None
        self.rate = lib.espeak_Initialize(_SYNCHRONOUS, 0, str(data_path).encode(), _DONT_EXIT)
        if self.rate <= 0:
            raise SpeechError(f"de spraakbibliotheek espeak-ng start niet. {_REINSTALL}")
        self.lib, self.synchronize, self.voice = lib, synchronize, voice
        self.buffer: list[bytes] = []
        callback_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)
        self.callback = callback_type(self._collect)   # keep a reference: the library calls it
        lib.espeak_SetSynthCallback(ctypes.cast(self.callback, ctypes.c_void_p))
        self._set_voice(voice)

    def _set_voice(self, voice: str) -> None:
        if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
            raise SpeechError(f"de stem '{voice}' bestaat niet in espeak-ng. Gebruik voice = \"nl\" in [speech].")
        self.voice = voice

    def _collect(self, wav, count: int, events) -> int:
        if wav and count > 0:
            self.buffer.append(ctypes.string_at(wav, count * 2))
        return 0

    def synth(self, text: str, wpm: int, voice: str) -> bytes:
        """Return 16-bit PCM of `text` at `wpm` words per minute."""
        with self.lock:
            if voice != self.voice:
                self._set_voice(voice)
            self.buffer = []
            self.lib.espeak_SetParameter(_RATE, wpm, 0)
            raw = text.encode("utf-8")
            err = self.lib.espeak_Synth(raw, len(raw) + 1, 0, 0, 0, _CHARS_UTF8, None, None)
            self.synchronize()
            if err != 0:
                raise SpeechError(f"espeak-ng kon de tekst niet uitspreken (foutcode {err}).")
            pcm, self.buffer = b"".join(self.buffer), []
            return pcm


_ESPEAK: _Espeak | None = None


def _espeak(voice: str) -> _Espeak:
    global _ESPEAK
    with _Espeak.lock:
        if _ESPEAK is None:
            _ESPEAK = _Espeak(voice)
    return _ESPEAK


class EspeakBackend:
    """Offline Dutch voice: espeak-ng (GPL-3.0+) from the `espeakng-loader` wheel; no apt, no download."""

    name = "espeak"
    online = False

    def __init__(self, settings: SpeechSettings | None = None) -> None:
        self.settings = settings or SpeechSettings()
        self.engine = _espeak(self.settings.voice)   # fail early with a Dutch message

    @property
    def rate(self) -> int:
        return self.engine.rate

    def synthesize(self, text: str, *, slow: bool = False) -> Audio:
        return Audio(self.engine.synth(text, self.settings.wpm(slow), self.settings.voice), self.engine.rate)

    def phonemes(self, text: str) -> str:
        """Return espeak's phoneme string for `text` (to check pronunciation without listening)."""
        lib = self.engine.lib
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_int, ctypes.c_int]
        buf = ctypes.create_string_buffer(text.encode("utf-8"))
        ptr = ctypes.c_void_p(ctypes.addressof(buf))
        out = []
        with self.engine.lock:
            if self.engine.voice != self.settings.voice:
                self.engine._set_voice(self.settings.voice)
            while ptr.value:
                out.append((lib.espeak_TextToPhonemes(ctypes.byref(ptr), _CHARS_UTF8, 0) or b"").decode())
        return " ".join(p for p in out if p)


# ------------------------------------------------------------------------------------------- fake


class FakeBackend:
    """A deterministic voice for tests: a soft 250 Hz tone of 60/rate seconds per word; records every call."""

    name = "fake"
    RATE = 8000
    _PERIOD = array.array("h", (int(3000 * math.sin(2 * math.pi * i / 32)) for i in range(32))).tobytes()

    def __init__(self, settings: SpeechSettings | None = None, *, online: bool = False) -> None:
        self.settings = settings or SpeechSettings()
        self.online = online
        self.calls: list[tuple[str, bool]] = []

    def synthesize(self, text: str, *, slow: bool = False) -> Audio:
        self.calls.append((text, slow))
        words = len(re.findall(r"\w+", text))
        n = int(words * 60 / self.settings.wpm(slow) * self.RATE)
        return Audio((self._PERIOD * (n // 32 + 1))[:2 * n], self.RATE)


# ------------------------------------------------------------------------------------------- gTTS


GTTS_URL = "https://translate.google.{tld}/_/TranslateWebserverUi/data/batchexecute"
GTTS_MAX_ANSWER = 20 * 1024 * 1024     # bytes; a real answer for 500 characters is about 100 kB
CACHE_DAYS = 30                        # online answers older than this are removed from the cache


def _gtts_reason(exc: Exception) -> str:
    import requests

    if isinstance(exc, requests.exceptions.SSLError):
        return ("geen veilige verbinding: het certificaat van de server klopt niet (er zit misschien iets tussen "
                "u en Google); er is niets verstuurd")
    if isinstance(exc, requests.exceptions.HTTPError) and exc.response is not None:
        code = str(exc.response.status_code)
        return {"429": "te veel verzoeken (429)", "403": "geen toegang (403)"}.get(code, f"foutcode {code}")
    if isinstance(exc, requests.exceptions.Timeout):
        return "geen antwoord binnen de tijd"
    if isinstance(exc, requests.exceptions.ConnectionError):
        return "geen verbinding"
    return "onbekende fout"


def _cache_key() -> bytes:
    """Return this user's secret key for the names of cached online answers (made once, private).

    The names are keyed hashes (HMAC-SHA-256), so nobody can confirm a guessed sentence by hashing it.
    """
    import secrets

    from eenvoudig.analysis.wordinfo import cache_dir

    folder = cache_dir() / "gtts"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    path = folder / "sleutel"
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    key = secrets.token_bytes(32)
    write_atomic(path, key, mode=0o600)
    return path.read_bytes()


class GttsBackend:
    """Online voice of Google Translate (gTTS, optional extra). MP3 only; always a timeout; cached privately.

    gTTS itself sends with TLS verification off, so it only builds the request bodies (its public
    `get_bodies()`); we send them ourselves with `requests`, verification on, to translate.google.<tld>
    for a tld from GTTS_TLDS, and refuse any other address. A proxy (HTTPS_PROXY) is allowed: the TLS
    connection goes through it to Google and is still verified; a company certificate can be added with
    REQUESTS_CA_BUNDLE.
    """

    name = "gtts"
    online = True

    def __init__(self, settings: SpeechSettings | None = None, *, cache: bool = True) -> None:
        self.settings = settings or SpeechSettings()
        self.cache = cache   # False: keep no sound of a letter on disk (the web app)
        if self.settings.tld not in GTTS_TLDS:
            raise DataError(f"[speech] tld moet {', '.join(GTTS_TLDS)} zijn, niet '{self.settings.tld}'.")

    def url(self) -> str:
        url = GTTS_URL.format(tld=self.settings.tld)
        if not url.startswith("https://"):
            raise SpeechError("de online stem werkt alleen via een beveiligde verbinding (https); er is niets verstuurd.")
        return url

    def cache_path(self, text: str, slow: bool) -> Path:
        """Return where the answer for `text` is cached: a keyed hash as its name, in a private folder."""
        import hmac

        from eenvoudig.analysis.wordinfo import cache_dir

        key = json.dumps(["gtts", 2, "nl", self.settings.tld, slow, text], ensure_ascii=False)
        name = hmac.new(_cache_key(), key.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()
        return cache_dir() / "gtts" / f"{name}.mp3"

    def _send(self, text: str, slow: bool) -> bytes:
        """Send `text` to Google with TLS verification on; return the MP3 bytes of the answer."""
        import base64

        import requests
        from gtts import gTTS

        tts = gTTS(text, lang="nl", tld=self.settings.tld, slow=slow, lang_check=False, pre_processor_funcs=[])
        url = self.url()
        audio = bytearray()
        with requests.Session() as session:
            for body in tts.get_bodies():
                with session.post(url, data=body, headers=gTTS.GOOGLE_TTS_HEADERS, timeout=self.settings.timeout,
                                  verify=True, stream=True, allow_redirects=False) as answer:
                    answer.raise_for_status()
                    if answer.is_redirect:
                        raise SpeechError("de online stem stuurde door naar een ander adres; er is niets meer "
                                          "verstuurd. Probeer het later nog eens, of maak de audio zonder --online.")
                    size = 0
                    for line in answer.iter_lines(chunk_size=16384):
                        size += len(line)
                        if size > GTTS_MAX_ANSWER:
                            raise SpeechError("de online stem gaf een veel te groot antwoord. Maak de audio zonder "
                                              "--online.")
                        decoded = line.decode("utf-8", "replace")
                        if gTTS.GOOGLE_TTS_RPC in decoded:
                            found = re.search(r'jQ1olc","\[\\"(.*)\\"]', decoded)
                            if not found:
                                raise SpeechError("de online stem gaf een leeg antwoord. Probeer het later nog eens, "
                                                  "of maak de audio zonder --online.")
                            audio += base64.b64decode(found.group(1).encode("ascii"))
        return bytes(audio)

    def synthesize(self, text: str, *, slow: bool = False) -> Audio:
        try:
            import gtts  # noqa: F401 - the optional extra
            import requests
        except ImportError:
            raise SpeechError('de online stem (gTTS) is niet geïnstalleerd. Installeer die met: '
                              'pip install "eenvoudig[online]"') from None
        try:
            cached: Path | None = self.cache_path(text, slow) if self.cache else None
        except (OSError, EenvoudigError):
            cached = None   # no private cache folder: no cache
        try:
            data = cached.read_bytes() if cached is not None else b""
            if data:
                return Audio(mp3=data)
        except OSError:
            pass
        try:
            data = self._send(text, slow)
        except (requests.exceptions.RequestException, ValueError, OSError) as exc:
            raise SpeechError(f"de online stem gaf geen geluid: {_gtts_reason(exc)}. Probeer het later nog eens, "
                              "of maak de audio zonder --online.") from None
        if not data:
            raise SpeechError("de online stem gaf een leeg antwoord. Probeer het later nog eens, "
                              "of maak de audio zonder --online.")
        if cached is not None:
            try:
                write_atomic(cached, data, mode=0o600)
                _prune(cached.parent)
            except (OSError, EenvoudigError):
                pass   # no cache is no problem
        return Audio(mp3=data)


def _prune(folder: Path, days: int = CACHE_DAYS) -> None:
    """Remove cached online answers older than `days` days."""
    import time

    limit = time.time() - days * 86400
    for old in folder.glob("*.mp3"):
        try:
            if old.stat().st_mtime < limit:
                old.unlink()
        except OSError:
            pass


# --------------------------------------------------------------------------------------- registry

BUILTIN_BACKENDS: dict[str, type] = {"espeak": EspeakBackend, "gtts": GttsBackend, "fake": FakeBackend}


def backend_names() -> list[str]:
    """Return the names of all voices: ours and those other packages add through `eenvoudig.tts`."""
    from importlib.metadata import entry_points

    return sorted(set(BUILTIN_BACKENDS) | {ep.name for ep in entry_points(group="eenvoudig.tts")})


@dataclass
class PrivacyGuard:
    """Stands in front of an online backend: refuses (or, with `redact`, neutralises) text with personal data."""

    inner: Any
    names: tuple[str, ...] = ()
    redact: bool = False
    online: bool = field(default=True, init=False)

    @property
    def name(self) -> str:
        return self.inner.name

    def synthesize(self, text: str, *, slow: bool = False) -> Audio:
        return self.inner.synthesize(guarded_text(text, self.names, self.redact), slow=slow)


def get_backend(name: str, settings: SpeechSettings | None = None, *, names: Sequence[str] = (),
                redact_personal: bool = False) -> SpeechBackend:
    """Return the voice called `name` (entry-point group `eenvoudig.tts`); online voices come with the privacy guard."""
    from importlib.metadata import entry_points

    factory: Any = None
    for ep in entry_points(group="eenvoudig.tts"):
        if ep.name == name:
            try:
                factory = ep.load()
            except Exception as exc:  # noqa: BLE001 - a broken plug-in gets a Dutch message
                raise SpeechError(f"de stem '{name}' kan niet geladen worden ({exc.__class__.__name__}).") from None
            break
    factory = factory or BUILTIN_BACKENDS.get(name)
    if factory is None:
        raise DataError(f"de stem '{name}' bestaat niet. Kies uit: {', '.join(backend_names())}.")
    backend = factory(settings or SpeechSettings())
    if getattr(backend, "online", True):
        return PrivacyGuard(backend, tuple(names), redact_personal)   # type: ignore[return-value]
    return backend


# ========================================================================================== files


class _Mp3Stream:
    """Encode PCM to MP3 (lameenc: mono, constant bit rate) into one or more open files, piece by piece."""

    def __init__(self, files: Sequence[Any], rate: int, bitrate: int) -> None:
        import lameenc

        self.files = [f for f in files if f is not None]
        self.bytes = 0
        self.encoder = lameenc.Encoder()
        self.encoder.set_bit_rate(bitrate)
        self.encoder.set_in_sample_rate(rate)
        self.encoder.set_channels(1)
        self.encoder.set_quality(7)   # LAME -q 7: fast; for speech at 48 kbit/s no loss worth the time

    def _out(self, data: bytes) -> None:
        for f in self.files:
            f.write(data)
        self.bytes += len(data)

    def write(self, pcm: bytes) -> None:
        if pcm:
            self._out(self.encoder.encode(pcm))

    def close(self) -> None:
        self._out(self.encoder.flush())


def encode_mp3(pcm: bytes, rate: int, bitrate: int = 48) -> bytes:
    """Return MP3 bytes for 16-bit mono PCM."""
    buffer = io.BytesIO()
    stream = _Mp3Stream([buffer], rate, bitrate)
    stream.write(pcm)
    stream.close()
    return buffer.getvalue()


def _count_words(analysis) -> int:
    return sum(len(s.words) for s in analysis.sentences)


def _minutes(seconds: float) -> str:
    m, s = divmod(round(seconds), 60)
    return f"{m} min {s} s" if m else f"{s} s"


def _choose_backend(analysis, online: bool, redact: bool, settings: SpeechSettings, voice: Any = None):
    """Return (backend, utterances): the voice to use and what it says, after the privacy check."""
    use_online = online      # only the caller (--online) can switch it on, never a config file
    redact = redact or settings.redact
    words = _count_words(analysis)
    if words > settings.max_words:
        raise SpeechError(f"de brief is te lang om voor te lezen ({words} woorden; de grens is {settings.max_words}). "
                          "Maak de brief korter, of zet max-words hoger in [speech].")
    names = letter_names(analysis)
    name = settings.online_backend if use_online else settings.backend
    if voice is not None:
        backend = PrivacyGuard(voice, names, redact) if voice.online else voice
    else:
        backend = get_backend(name, settings, names=names, redact_personal=redact)
    if backend.online and not use_online:
        raise SpeechError(f"de stem '{name}' werkt via internet. Dat mag alleen met --online op de opdrachtregel.")
    units = utterances(analysis)
    if not units:
        raise SpeechError("er is niets om voor te lezen: de brief heeft geen zinnen met woorden.")
    if backend.online:   # check the whole letter, as written and as spoken, before anything is sent
        found: set[str] = set()
        for u in units:
            found.update(find_personal_data(u.text, names))
            found.update(find_personal_data(u.spoken, names))
        kinds = [k for k in KIND_NAMES if k in found]
        if kinds and not redact:
            raise PrivacyError(privacy_message(kinds))
        if redact:
            units = utterances(analysis, redact_personal=True)
            for u in units:   # refuses now, not halfway, what redaction cannot clean
                for piece in _chunks(u.spoken):
                    guarded_text(piece, names, True)
    return backend, units


def write_audio(analysis, out_dir: Path, *, online: bool = False, redact: bool = False, slow: bool = False,
                config=None, sentences: bool = True, wav: bool = False,
                backend: SpeechBackend | None = None) -> Iterator[str]:
    """Speak the letter into `out_dir`: brief.mp3, zinnen/zin-NNN.mp3, audio.json (and brief.wav when `wav`); yield Dutch lines.

    Offline (espeak-ng) unless `online` (the --online flag; a config file cannot ask for it); online, the
    privacy guard refuses personal data unless `redact`. Sound is made sentence by sentence (long sentences in pieces)
    and streamed to the files, so memory stays small for long letters. Each sentence is encoded once:
    brief.mp3 is the sentence MP3s with encoded silence between them (constant bit rate, so the times in
    audio.json follow from the byte counts); brief.wav (only when asked: 7–14 MB a letter) has the same
    sentences and pauses. The set is written as a whole: the sentence files wait in a hidden folder until
    brief.mp3 is complete, so a failed run leaves no sentence files without their brief.mp3. Files of the
    same name that eenvoudig did not make are never overwritten (`render.outdir`).
    `sentences` False leaves the sentence files out; `backend` replaces the configured voice (an online
    one still gets the privacy guard).
    """
    import shutil
    import tempfile

    from eenvoudig.render.outdir import OutDir

    settings = speech_settings(config)
    backend, units = _choose_backend(analysis, online, redact, settings, backend)
    folder = OutDir(out_dir)
    out_dir = folder.path
    sentence_dir = out_dir / "zinnen"
    names = [f"zinnen/zin-{i:03d}.mp3" for i in range(1, len(units) + 1)] if sentences else []
    folder.claim(["brief.mp3", "audio.json", *(["brief.wav"] if wav else []), *names])
    mp3_path, wav_path = out_dir / "brief.mp3", out_dir / "brief.wav"
    byte_seconds = 8 / (settings.bitrate * 1000)
    entries: list[dict[str, Any]] = []
    silences: dict[tuple[int, int], bytes] = {}
    letter_bytes = 0
    timed = True
    wav_out = None
    staging = Path(tempfile.mkdtemp(prefix=".zinnen-", dir=out_dir)) if sentences else None
    try:
        with ExitStack() as stack:
            mp3_file = stack.enter_context(open_atomic(mp3_path))
            for i, unit in enumerate(units, start=1):
                gap = 0.0
                if i > 1:
                    gap = settings.pause_ms / 1000 * (2 if unit.block != units[i - 2].block else 1) * (1.5 if slow else 1)
                rel = f"zinnen/zin-{i:03d}.mp3"
                begin = letter_bytes
                stream: _Mp3Stream | None = None
                with (open(staging / f"zin-{i:03d}.mp3", "wb") if staging else nullcontext()) as sentence_file:
                    for piece in _chunks(unit.spoken):
                        audio = backend.synthesize(piece, slow=slow)
                        if audio.mp3:               # an MP3-only voice: its pieces are joined, no pauses, no WAV
                            timed = False
                            for f in (mp3_file, sentence_file):
                                if f is not None:
                                    f.write(audio.mp3)
                            continue
                        if stream is None:
                            if wav and wav_out is None:
                                import wave

                                wav_out = wave.open(stack.enter_context(open_atomic(wav_path)), "wb")
                                stack.callback(wav_out.close)   # runs before the WAV file is kept or thrown away
                                wav_out.setnchannels(1)
                                wav_out.setsampwidth(2)
                                wav_out.setframerate(audio.rate)
                            if gap:
                                n = int(gap * audio.rate)
                                if (n, audio.rate) not in silences:
                                    silences[(n, audio.rate)] = encode_mp3(b"\0\0" * n, audio.rate, settings.bitrate)
                                mp3_file.write(silences[(n, audio.rate)])
                                letter_bytes += len(silences[(n, audio.rate)])
                                if wav_out is not None:
                                    wav_out.writeframes(b"\0\0" * n)
                            begin = letter_bytes
                            stream = _Mp3Stream([mp3_file, sentence_file], audio.rate, settings.bitrate)
                        stream.write(audio.pcm)
                        if wav_out is not None:
                            wav_out.writeframes(audio.pcm)
                    if stream is not None:
                        stream.close()
                        letter_bytes += stream.bytes
                seconds = stream.bytes * byte_seconds if stream is not None and timed else None
                entries.append({"index": i, **unit.to_dict(), "file": rel if sentences else None,
                                "begin": round(begin * byte_seconds, 3) if seconds is not None else None,
                                "seconds": round(seconds, 3) if seconds is not None else None})
            if wav_out is not None:
                wav_out.close()
        # brief.mp3 (and brief.wav) are complete: now the sentence files take their place
        written = ["brief.mp3", *(["brief.wav"] if wav_out is not None else [])]
        if staging is not None:
            sentence_dir.mkdir(exist_ok=True)
            for name in names:
                os.replace(staging / name.removeprefix("zinnen/"), out_dir / name)
            written += names
        folder.wrote(written)
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    folder.remove_ours(n for n in list(folder.ours)
                       if (re.fullmatch(r"zinnen/zin-\d+\.mp3", n) and n not in names) or (n == "brief.wav" and wav_out is None))
    total = letter_bytes * byte_seconds if timed else None
    manifest = {"schema_version": 1, "backend": backend.name, "online": backend.online, "slow": slow,
                "redacted": bool(backend.online and (redact or settings.redact)), "mp3": mp3_path.name,
                "wav": wav_path.name if wav_out is not None else None,
                "seconds": round(total, 3) if total is not None else None, "sentences": entries}
    folder.write("audio.json", json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    where = "online (gTTS)" if backend.online else f"offline ({backend.name})"
    length = f", {_minutes(total)}" if total is not None else ""
    yield f"Geschreven: {mp3_path}   de hele brief als mp3{length}, stem {where}"
    if wav_out is not None:
        yield f"Geschreven: {wav_path}   dezelfde audio als wav"
    elif wav:
        yield "Geen wav: de online stem geeft alleen mp3."
    if sentences:
        yield f"Geschreven: {sentence_dir}/zin-001.mp3 … zin-{len(units):03d}.mp3   één bestand per zin ({len(units)})"
    yield f"Geschreven: {out_dir / 'audio.json'}   welke zin in welk bestand staat"


def speak_text(text: str, *, backend: SpeechBackend | None = None, slow: bool = False,
               settings: SpeechSettings | None = None) -> Audio:
    """Normalise and speak a short text offline; return the PCM audio (for tests, benchmarks and previews)."""
    settings = settings or SpeechSettings()
    voice = backend or get_backend(settings.backend, settings)
    pieces = [voice.synthesize(p, slow=slow) for p in _chunks(normalize(text))]
    if not pieces:
        raise SpeechError("er is niets om voor te lezen.")
    if any(p.mp3 for p in pieces):
        return Audio(mp3=b"".join(p.mp3 for p in pieces))
    return Audio(b"".join(p.pcm for p in pieces), pieces[0].rate)


__all__ = ["Audio", "EspeakBackend", "FakeBackend", "GttsBackend", "PrivacyGuard", "SpeechBackend", "SpeechSettings",
           "Utterance", "backend_names", "encode_mp3", "find_personal_data", "get_backend", "normalize",
           "redact", "speak_text", "speech_settings", "speech_text", "utterances", "write_audio"]
