"""Spoken Dutch: the speech normaliser, the voices, MP3/WAV output and the CLI.

The normaliser table was written and checked by hand: each right-hand side is how a Dutch reader would
say the left-hand side aloud. Audio tests decode the real MP3 (soundfile/libsndfile) and WAV files.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import wave
from pathlib import Path

import pytest

import eenvoudig
from eenvoudig.config import Config, parse_config
from eenvoudig.errors import DataError, InputError, SpeechError
from eenvoudig.speech import (
    Audio,
    EspeakBackend,
    FakeBackend,
    SpeechBackend,
    _chunks,
    backend_names,
    get_backend,
    speech_settings,
    speech_text,
    utterances,
    write_audio,
)
from eenvoudig.speech.text import normalize

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "eenvoudig" / "templates" / "demo" / "bijzondere-bijstand.txt"

# ------------------------------------------------------------------------------------- normaliser

NORMALISE = [
    # amounts
    ("€ 1.250,50", "duizend tweehonderdvijftig euro en vijftig cent"),
    ("€ 25,-", "vijfentwintig euro"),
    ("€25,--", "vijfentwintig euro"),
    ("€ 450,00", "vierhonderdvijftig euro"),
    ("€ 0,50", "vijftig cent"),
    ("€ 1,00", "één euro"),
    ("€ 2,5", "twee euro en vijftig cent"),
    ("€ 12,05", "twaalf euro en vijf cent"),
    ("EUR 100", "honderd euro"),
    ("75 euro", "vijfenzeventig euro"),
    ("€ 1.000.000", "één miljoen euro"),
    # dates
    ("3-3-2027", "drie maart tweeduizend zevenentwintig"),
    ("3 maart 2027", "drie maart tweeduizend zevenentwintig"),
    ("03/03/2027", "drie maart tweeduizend zevenentwintig"),
    ("2027-03-03", "drie maart tweeduizend zevenentwintig"),
    ("ma 3 mrt", "maandag drie maart"),
    ("di 1 sept", "dinsdag één september"),
    ("vrijdag 30 april 2027", "vrijdag dertig april tweeduizend zevenentwintig"),
    ("1 januari", "één januari"),
    ("15 febr. 2027", "vijftien februari tweeduizend zevenentwintig"),
    ("12-10-85", "twaalf oktober negentienhonderdvijfentachtig"),
    # times
    ("7.30 uur", "zeven uur dertig"),
    ("9.00 uur", "negen uur"),
    ("om 13:15", "om dertien uur vijftien"),
    ("om 10 uur", "om tien uur"),
    ("van 9.00-12.00 uur", "van negen tot twaalf uur"),
    ("tussen 9.00 en 12.00 uur", "tussen negen uur en twaalf uur"),
    # phone numbers: in groups, digit by digit
    ("14 020", "veertien nul twintig"),
    ("14 0999", "veertien nul negen negen negen"),
    ("06-12345678", "nul zes, één twee, drie vier, vijf zes, zeven acht"),
    ("0612345678", "nul zes, één twee, drie vier, vijf zes, zeven acht"),
    ("020 123 45 67", "nul twee nul, één twee drie, vier vijf, zes zeven"),
    ("010-1234567", "nul één nul, één twee drie, vier vijf, zes zeven"),
    ("0800-1234", "nul achthonderd, één twee drie vier"),
    ("+31 6 12345678", "plus eenendertig, zes, één twee, drie vier, vijf zes, zeven acht"),
    # postcodes and house numbers
    ("1234 AB", "twaalf vierendertig, aa bee"),
    ("9999ZZ", "negenennegentig negenennegentig, zet zet"),
    ("1000 AA", "tien nul nul, aa aa"),
    ("Lindelaan 12a", "Lindelaan twaalf aa"),
    ("Kerkstraat 3-B", "Kerkstraat drie bee"),
    # BSN and IBAN: per digit and letter
    ("BSN 123456782", "bee es en één twee drie, vier vijf zes, zeven acht twee"),
    ("1234.56.782", "één twee drie vier, vijf zes, zeven acht twee"),
    # a BSN with spaces or dashes is a BSN too, never three numbers or a range (new user, 2026-12-03)
    ("Uw BSN is 123 456 782.", "Uw bee es en is één twee drie, vier vijf zes, zeven acht twee."),
    ("BSN 123-456-782", "bee es en één twee drie, vier vijf zes, zeven acht twee"),
    ("BSN 1234 56 782", "bee es en één twee drie vier, vijf zes, zeven acht twee"),
    ("BSN 12345678 2", "bee es en één twee drie vier vijf zes zeven acht, twee"),
    ("nummer 123 456 789", "nummer honderddrieëntwintig vierhonderdzesenvijftig zevenhonderdnegenentachtig"),
    ("NL91ABNA0417164300", "en el negen één, aa bee en aa, nul vier één zeven, één zes vier drie, nul nul"),
    ("NL91 ABNA 0417 1643 00", "en el negen één, aa bee en aa, nul vier één zeven, één zes vier drie, nul nul"),
    # percentages, ordinals, counts
    ("5%", "vijf procent"),
    ("2,5%", "tweeënhalf procent"),
    ("100 %", "honderd procent"),
    ("de 3e keer", "de derde keer"),
    ("1ste", "eerste"),
    ("2de", "tweede"),
    ("21ste", "eenentwintigste"),
    ("2x per jaar", "twee keer per jaar"),
    # abbreviations from the lexicon
    ("i.v.m. de verhuizing", "in verband met de verhuizing"),
    ("I.v.m. de verhuizing", "in verband met de verhuizing"),
    ("t/m 5 maart", "tot en met vijf maart"),
    ("uw brief d.d. 12 maart 2027", "uw brief van twaalf maart tweeduizend zevenentwintig"),  # not Latin
    ("nr. 5", "nummer vijf"),
    ("o.a. huur", "onder andere huur"),
    # acronyms
    ("de Wmo", "de wee em oo"),
    ("uw BSN", "uw bee es en"),
    ("het CAK", "het cee aa kaa"),
    ("het UWV", "het uu wee vee"),
    ("bij XYZ", "bij iks ij zet"),
    ("LET OP", "let op"),
    # e-mail and web addresses
    ("info@voorbeeldstad.nl", "info apenstaartje voorbeeldstad punt en el"),
    ("j.de-vries@gmail.com", "jee punt dee ee streepje vries apenstaartje gmail punt com"),
    ("www.voorbeeldstad.nl/afval", "wee wee wee punt voorbeeldstad punt en el schuine streep afval"),
    ("https://www.gemeente.nl", "wee wee wee punt gemeente punt en el"),
    # legal references and reference numbers
    ("artikel 4:8 Awb", "artikel vier acht aa wee bee"),
    ("art. 35 lid 2 Participatiewet", "artikel vijfendertig lid twee Participatiewet"),
    ("artikel 2.3.10 van de Wmo", "artikel twee punt drie punt tien van de wee em oo"),
    ("WI/2027/01234", "wee ie, twee nul twee zeven, nul één twee drie vier"),
    # plain numbers
    ("12", "twaalf"),
    ("1.250", "duizend tweehonderdvijftig"),
    ("in 1985", "in negentienhonderdvijfentachtig"),
    ("in 2027", "in tweeduizend zevenentwintig"),
    ("1-2 weken", "één tot twee weken"),
    ("Postbus 1234", "Postbus twaalfhonderdvierendertig"),
    # symbols and punctuation
    ("en/of", "en of"),
    ("u & wij", "u en wij"),
    ("Stuur het (met bijlage) terug.", "Stuur het, met bijlage, terug."),
    ("Let op: bel ons!", "Let op: bel ons!"),
    ("{{ naam }}", "naam"),
    # whole sentences
    ("Bel 14 020 of mail naar info@gemeente.nl.",
     "Bel veertien nul twintig of mail naar info apenstaartje gemeente punt en el."),
    ("U krijgt € 25,- per maand vanaf ma 3 mrt om 7.30 uur.",
     "U krijgt vijfentwintig euro per maand vanaf maandag drie maart om zeven uur dertig."),
]


# Added for issue 13 (the new-user report's letters): each checked by hand like the table above.
NORMALISE_MORE = [
    # phone numbers in every Dutch notation: never a range, never a big number
    ('Bel 030 - 286 11 11.', 'Bel nul drie nul, twee acht zes, één één, één één.'),
    ('030-2861111', 'nul drie nul, twee acht zes, één één, één één'),
    ('030 2861111', 'nul drie nul, twee acht zes, één één, één één'),
    ('(030) 286 11 11', 'nul drie nul, twee acht zes, één één, één één'),
    ('(0348) 12 34 56', 'nul drie vier acht, één twee, drie vier, vijf zes'),
    ('+31 (0)30 286 11 11', 'plus eenendertig, drie nul, twee acht zes, één één, één één'),
    ('+31 30 286 11 11', 'plus eenendertig, drie nul, twee acht zes, één één, één één'),
    ('+31(0)6-12345678', 'plus eenendertig, zes, één twee, drie vier, vijf zes, zeven acht'),
    ('0031 30 2861111', 'plus eenendertig, drie nul, twee acht zes, één één, één één'),
    ('06 - 123 456 78', 'nul zes, één twee drie, vier vijf zes, zeven acht'),
    ('06 12 34 56 78', 'nul zes, één twee, drie vier, vijf zes, zeven acht'),
    ('0348 - 12 34 56', 'nul drie vier acht, één twee, drie vier, vijf zes'),
    ('088 - 123 45 67', 'nul acht acht, één twee drie, vier vijf, zes zeven'),
    ('0900 1234567', 'nul negenhonderd, één twee drie, vier vijf, zes zeven'),
    ('0800 0123', 'nul achthonderd, nul één twee drie'),
    ('14 0348', 'veertien nul drie vier acht'),
    ('14030', 'veertien nul dertig'),
    ('Bel 030 - 286 11 11 of 06 - 123 456 78.', 'Bel nul drie nul, twee acht zes, één één, één één of nul zes, één twee drie, vier vijf zes, zeven acht.'),
    # look like a phone number, but are not
    ('op 01-03-2027', 'op één maart tweeduizend zevenentwintig'),
    ('van 1 - 2 weken', 'van één tot twee weken'),
    ('BSN 111222333', 'bee es en één één één, twee twee twee, drie drie drie'),
    # initials are letters (never the lexicon's p.j. = per jaar); titles are words
    ('drs. P.J. van den Berg', 'doctorandus pee jee van den Berg'),
    ('mr. A. de Vries', 'meester aa de Vries'),
    ('dr. K. Bakker', 'doctor kaa Bakker'),
    ('Ir. T. Smit', 'ingenieur tee Smit'),
    ('ing. B. Bos', 'ingenieur bee Bos'),
    ('prof. dr. H. Vos', 'professor doctor haa Vos'),
    ('mevr. drs. J.M. de Wit-Bakker', 'mevrouw doctorandus jee em de Wit-Bakker'),
    ('dhr. J. Jansen', 'meneer jee Jansen'),
    ('de heer P. Jansen', 'de heer pee Jansen'),
    ('mevrouw E. van Dam', 'mevrouw ee van Dam'),
    ('J.A.M. Pietersen', 'jee aa em Pietersen'),
    ('P.J. van den Berg, teamleider', 'pee jee van den Berg, teamleider'),
    ('Met vriendelijke groet,\nJ. Jansen', 'Met vriendelijke groet, jee Jansen'),
    ('bijlage A. Daarna', 'bijlage A. Daarna'),
    ('€ 1.200 p.j.', 'duizend tweehonderd euro per jaar'),
    ('drs. Jansen', 'doctorandus Jansen'),
    # decimals with their unit
    ('2,5 uur per week', 'tweeënhalf uur per week'),
    ('0,5 uur', 'een half uur'),
    ('1,5 kilometer', 'anderhalve kilometer'),
    ('1,5 week', 'anderhalve week'),
    ('3,5 dag', 'drieënhalve dag'),
    ('0,5 liter', 'een halve liter'),
    ('2,5 km', 'tweeënhalve kilometer'),
    ('12,5 uur', 'twaalfenhalf uur'),
    ('13,5 uur', 'dertien komma vijf uur'),
    ('2,5 dagen', 'twee komma vijf dagen'),
    ('3,75 uur', 'drie komma vijfenzeventig uur'),
    ('2,25 meter', 'twee komma vijfentwintig meter'),
    ('0,05 procent', 'nul komma nul vijf procent'),
    ('1,0', 'één komma nul'),
    ('1,5', 'anderhalf'),
    ('2,5 x zo veel', 'tweeënhalf keer zo veel'),
    # times and ranges
    ('open 9.00-12.00 uur', 'open van negen tot twaalf uur'),
    ('van 8.30 - 17.00 uur', 'van acht uur dertig tot zeventien uur'),
    ('9.00 - 12.30', 'van negen uur tot twaalf uur dertig'),
    ('van 13.00 tot 16.00 uur', 'van dertien tot zestien uur'),
    ('om 8.30 uur', 'om acht uur dertig'),
    ('om 12.00 uur', 'om twaalf uur'),
    ('ma t/m vr 9.00-17.00 uur', 'maandag tot en met vrijdag van negen tot zeventien uur'),
    ('ma-vr 9.00-17.00 uur', 'maandag tot vrijdag van negen tot zeventien uur'),
    # percentages
    ('25%', 'vijfentwintig procent'),
    ('12,5 %', 'twaalfenhalf procent'),
    ('100 procent', 'honderd procent'),
    # ordinals and counts
    ('de 25e', 'de vijfentwintigste'),
    ('de 1e keer', 'de eerste keer'),
    ('de 100ste', 'de honderdste'),
    ('3 x per week', 'drie keer per week'),
    ('2 x 3', 'twee keer drie'),
    ('de 2e of 3e week', 'de tweede of derde week'),
    # article numbers
    ('artikel 2.3.10 Wmo 2015', 'artikel twee punt drie punt tien wee em oo tweeduizend vijftien'),
    ('art. 17 Participatiewet', 'artikel zeventien Participatiewet'),
    ('artikel 58, tweede lid, Participatiewet', 'artikel achtenvijftig, tweede lid, Participatiewet'),
    ('artikel 7:1 Awb', 'artikel zeven één aa wee bee'),
    ('artikel 18a Participatiewet', 'artikel achttien aa Participatiewet'),
    # e-mail and web addresses
    ('wmo@rivierstad.nl', 'wmo apenstaartje rivierstad punt en el'),
    ('https://www.rivierstad.nl/bezwaar', 'wee wee wee punt rivierstad punt en el schuine streep bezwaar'),
    ('rivierstad.nl/wmo', 'rivierstad punt en el schuine streep wmo'),
    ('p.de.vries@rivierstad.nl', 'pee punt dee ee punt vries apenstaartje rivierstad punt en el'),
    # a slash between two names is one name, not 'of'
    ('Belastingdienst/Toeslagen', 'Belastingdienst Toeslagen'),
    ('Politie/Justitie', 'Politie Justitie'),
    ('hij/zij', 'hij of zij'),
    ('Belastingdienst/Toeslagen en/of het UWV', 'Belastingdienst Toeslagen en of het uu wee vee'),
    # whole sentences from the new-user letters
    ('De omvang van de ondersteuning bedraagt 2,5 uur per week.', 'De omvang van de ondersteuning bedraagt tweeënhalf uur per week.'),
    ('Bel drs. P.J. van den Berg op 030 - 286 11 11.', 'Bel doctorandus pee jee van den Berg op nul drie nul, twee acht zes, één één, één één.'),
    ('Het loket is open van ma t/m vr van 9.00-12.00 uur.', 'Het loket is open van maandag tot en met vrijdag van negen tot twaalf uur.'),
]
NORMALISE += NORMALISE_MORE


@pytest.mark.parametrize(("written", "spoken"), NORMALISE, ids=[w for w, _ in NORMALISE])
def test_normalise(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_normaliser_table_is_large_enough() -> None:
    assert len(NORMALISE) >= 150 and len({w for w, _ in NORMALISE}) == len(NORMALISE)


def test_names_are_left_alone() -> None:
    assert normalize("Geachte mevrouw De Vries,", names=("De Vries",)) == "Geachte mevrouw De Vries"


def test_no_digits_or_symbols_left_in_the_demo_letter(demo_analysis) -> None:
    text = speech_text(demo_analysis)
    assert not any(c.isdigit() for c in text)
    assert not set("€%@/&") & set(text)


def test_demo_letter_reads_naturally(demo_analysis) -> None:
    text = speech_text(demo_analysis)
    for heard in ("veertien nul negen negen negen", "vierhonderdvijftig euro", "zeshonderdtwaalf euro",
                  "twaalf maart tweeduizend zevenentwintig", "dertig april tweeduizend zevenentwintig",
                  "tussen negen uur en twaalf uur", "info apenstaartje voorbeeldstad punt en el",
                  "artikel vier acht van de Algemene wet bestuursrecht", "van de aa wee bee"):
        assert heard in text
    assert "Lindelaan" not in text          # the address block is not read aloud
    assert text.startswith("Onderwerp: Uw aanvraag bijzondere bijstand.")


# ------------------------------------------------------------------------------- espeak phonemes


@pytest.fixture(scope="module")
def espeak() -> EspeakBackend:
    return EspeakBackend()


@pytest.mark.parametrize(("written", "must", "must_not"), [
    # what espeak says for the normalised text, and the mistake it makes on the raw text
    ("Bel 14 020.", "vI:rt'in n'8l tv#'Int@x", "WyzEnt"),                 # raw: veertienduizend twintig
    ("Het kost € 25,-.", "EIf@ntv#'Int@x _!'Y:ro:", "'Y:ro: v'EIf"),       # raw: euro vijfentwintig
    ("Het kost € 25,50.", "_|En v'EIft@x s'Ent", "k,Oma:"),                # raw: … komma vijf nul
    ("De Awb.", "a: v#'e: b'e:", "'Awp"),                                   # raw: "Awp"
    ("Bel 06-12345678.", "n'8l z'Es _!'e:n tv#'e:", "iljun"),              # raw: twaalf miljoen …
    ("Op 03-03-2025.", "dr'i m'a:r", "n'8l dr,i n'8l"),                    # raw: nul drie nul drie …
])
def test_espeak_says_the_normalised_text(espeak, written: str, must: str, must_not: str) -> None:
    phonemes = espeak.phonemes(normalize(written))
    assert must in phonemes
    assert must_not not in phonemes


def test_espeak_without_normaliser_gets_it_wrong(espeak) -> None:
    # the mistakes above are real: the voice alone reads a phone number as a big number
    assert "WyzEnt" in espeak.phonemes("Bel 14 020.")
    assert "iljun" in espeak.phonemes("Bel 06-12345678.")


# ------------------------------------------------------------------------------------ backends


def test_registry_lists_the_entry_points() -> None:
    assert {"espeak", "gtts", "fake"} <= set(backend_names())


def test_backends_follow_the_protocol() -> None:
    assert isinstance(get_backend("fake"), SpeechBackend)
    assert isinstance(get_backend("espeak"), SpeechBackend)
    assert get_backend("gtts").online is True   # wrapped in the privacy guard


def test_other_packages_add_voices_through_entry_points(monkeypatch) -> None:
    import importlib.metadata as md

    plugins = [md.EntryPoint(name="mijnstem", value="eenvoudig.speech:FakeBackend", group="eenvoudig.tts"),
               md.EntryPoint(name="kapot", value="bestaat_niet.module:Stem", group="eenvoudig.tts")]
    real = md.entry_points
    monkeypatch.setattr(md, "entry_points", lambda **kw: plugins if kw.get("group") == "eenvoudig.tts" else real(**kw))
    assert {"mijnstem", "kapot", "espeak"} <= set(backend_names())
    assert isinstance(get_backend("mijnstem"), FakeBackend)
    with pytest.raises(SpeechError, match="'kapot' kan niet geladen worden"):
        get_backend("kapot")


def test_unknown_backend_is_a_dutch_data_error() -> None:
    with pytest.raises(DataError, match="bestaat niet"):
        get_backend("piper")


def test_fake_backend_is_deterministic_and_records_calls() -> None:
    fake = FakeBackend()
    a = fake.synthesize("één twee drie vier vijf")
    assert a == fake.synthesize("één twee drie vier vijf")
    assert a.seconds == pytest.approx(5 * 60 / 150, abs=0.01) and a.rate == 8000
    assert fake.synthesize("één twee", slow=True).seconds == pytest.approx(2 * 60 / 120, abs=0.01)
    assert fake.calls[-1] == ("één twee", True)


def test_espeak_rate_follows_settings(espeak) -> None:
    text = normalize("U krijgt € 25,- per maand. Bel ons op 14 020 als u vragen hebt over uw aanvraag.")
    normal = espeak.synthesize(text).seconds
    slow = espeak.synthesize(text, slow=True).seconds
    assert slow > normal * 1.1


def test_chunks_are_bounded_and_keep_every_word() -> None:
    text = ("woord " * 700).strip() + ". En verder, met een komma, " + "x" * 1200
    pieces = list(_chunks(text, 500))
    assert all(len(p) <= 500 for p in pieces)
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")


def test_settings_from_config() -> None:
    s = speech_settings(parse_config({"speech": {"rate": 140, "slow-rate": 100, "pause-ms": 300}}))
    assert (s.rate, s.slow_rate, s.pause_ms) == (140, 100, 300)
    with pytest.raises(DataError, match="rate moet tussen"):
        speech_settings(parse_config({"speech": {"rate": 5}}))
    with pytest.raises(DataError, match="onbekende instelling 'snelheid'"):
        speech_settings(parse_config({"speech": {"snelheid": 5}}))
    with pytest.raises(DataError, match=r"\[speech\]"):
        parse_config({"speech": "snel"})


# ---------------------------------------------------------------------------------- audio files


@pytest.fixture(scope="session")
def demo_analysis():
    from eenvoudig.render import prepare

    return prepare(DEMO)


def _decode_mp3(path: Path) -> tuple[int, int]:
    import soundfile

    with soundfile.SoundFile(str(path)) as f:
        data = f.read(dtype="int16")
        return len(data), f.samplerate


@pytest.fixture(scope="module")
def demo_audio(tmp_path_factory, demo_analysis):
    out = tmp_path_factory.mktemp("audio")
    lines = list(write_audio(demo_analysis, out, wav=True))
    return out, lines, json.loads((out / "audio.json").read_text("utf-8"))


def test_audio_files_are_written(demo_audio) -> None:
    out, lines, manifest = demo_audio
    assert (out / "brief.mp3").stat().st_size > 10_000
    assert (out / "brief.wav").stat().st_size > 100_000
    assert manifest["backend"] == "espeak" and manifest["online"] is False
    assert any("brief.mp3" in line for line in lines)
    # no temporary files or staging folders are left; the only hidden file is the list of files we wrote
    assert not list(out.glob("**/*.tmp")) and [p.name for p in out.glob("**/.*")] == [".eenvoudig-bestanden.json"]


def test_mp3_duration_is_plausible_for_the_text(demo_audio) -> None:
    out, _, manifest = demo_audio
    frames, rate = _decode_mp3(out / "brief.mp3")
    seconds = frames / rate
    assert seconds == pytest.approx(manifest["seconds"], abs=0.2)
    speech_seconds = sum(s["seconds"] for s in manifest["sentences"])
    words = sum(len(s["spoken"].split()) for s in manifest["sentences"])
    wpm = words / (speech_seconds / 60)
    assert 110 <= wpm <= 190, wpm          # espeak at 150 words per minute, plus pauses inside sentences
    assert speech_seconds < seconds         # the pauses between sentences are there


def test_wav_matches_the_mp3(demo_audio) -> None:
    out, _, manifest = demo_audio
    with wave.open(str(out / "brief.wav")) as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
        wav_seconds = w.getnframes() / w.getframerate()
    # the MP3 adds encoder padding to every encoded piece (each sentence and each pause): under 0.1 s each
    pieces = 2 * len(manifest["sentences"]) - 1
    assert 0 <= manifest["seconds"] - wav_seconds < 0.1 * pieces


def test_sentence_files_line_up_with_sentences(demo_audio, demo_analysis) -> None:
    out, _, manifest = demo_audio
    units = utterances(demo_analysis)
    assert [s["text"] for s in manifest["sentences"]] == [u.text for u in units]
    body = [s for s in manifest["sentences"] if s["scope"] in ("paragraph", "heading", "list_item")]
    sentences = [s for s in demo_analysis.sentences if s.scope in ("paragraph", "heading", "list_item")]
    assert [(s["block"], s["start"], s["end"]) for s in body] == [(s.block, s.start, s.end) for s in sentences]
    files = sorted((out / "zinnen").glob("zin-*.mp3"))
    assert len(files) == len(manifest["sentences"])
    previous_end = 0.0
    for entry in manifest["sentences"]:
        frames, rate = _decode_mp3(out / entry["file"])
        assert frames / rate == pytest.approx(entry["seconds"], abs=0.03)
        words = len(entry["spoken"].split())
        if words >= 3:                                           # each file is about as long as its words
            assert 0.2 < entry["seconds"] / words < 0.8, entry
        assert 0.3 < entry["seconds"] < 2.5 * words, entry
        assert entry["begin"] >= previous_end                    # in order, with pauses between
        previous_end = entry["begin"] + entry["seconds"]
    assert previous_end == pytest.approx(manifest["seconds"], abs=0.01)


def test_audio_is_not_silence(demo_audio) -> None:
    import numpy as np
    import soundfile

    data, _ = soundfile.read(str(demo_audio[0] / "zinnen" / "zin-005.mp3"), dtype="int16")
    assert np.sqrt(np.mean(data.astype(float) ** 2)) > 300


def test_slow_is_slower(tmp_path, demo_analysis) -> None:
    fast = list(write_audio(demo_analysis, tmp_path / "a", config=_fake_config(), sentences=False))
    slow = list(write_audio(demo_analysis, tmp_path / "b", config=_fake_config(), sentences=False, slow=True))
    assert fast and slow
    a = json.loads((tmp_path / "a" / "audio.json").read_text())["seconds"]
    b = json.loads((tmp_path / "b" / "audio.json").read_text())["seconds"]
    assert b > a * 1.2


def _fake_config(**speech) -> Config:
    return parse_config({"speech": {"backend": "fake", **speech}})


def test_stale_sentence_files_are_removed_but_never_a_users_own(tmp_path, demo_analysis) -> None:
    (tmp_path / "zinnen").mkdir()
    (tmp_path / "zinnen" / "zin-999.mp3").write_bytes(b"mine")          # the user's own file
    list(write_audio(demo_analysis, tmp_path, config=_fake_config(), wav=True))
    assert len(list((tmp_path / "zinnen").glob("zin-*.mp3"))) > 10 and (tmp_path / "brief.wav").is_file()
    short = eenvoudig.analyze(eenvoudig.read_text("Beste lezer,\n\nWij bellen u morgen.\n"))
    list(write_audio(short, tmp_path, config=_fake_config()))
    # our files from the longer letter are gone (and the WAV that was not asked for this time); theirs stays
    assert sorted(p.name for p in (tmp_path / "zinnen").iterdir()) == ["zin-001.mp3", "zin-002.mp3", "zin-999.mp3"]
    assert (tmp_path / "zinnen" / "zin-999.mp3").read_bytes() == b"mine"
    assert not (tmp_path / "brief.wav").exists()


def test_wav_only_when_asked(tmp_path, demo_analysis) -> None:
    lines = list(write_audio(demo_analysis, tmp_path, config=_fake_config()))
    assert not (tmp_path / "brief.wav").exists() and not any("brief.wav" in line for line in lines)
    assert json.loads((tmp_path / "audio.json").read_text("utf-8"))["wav"] is None


def test_a_failed_audio_run_leaves_no_sentence_files(tmp_path, demo_analysis) -> None:
    class Breaks(FakeBackend):
        calls = 0

        def synthesize(self, text, *, slow=False):
            Breaks.calls += 1
            if Breaks.calls == 5:
                raise SpeechError("de stem viel weg")
            return super().synthesize(text, slow=slow)

    with pytest.raises(SpeechError):
        list(write_audio(demo_analysis, tmp_path, backend=Breaks()))
    # nothing half: no brief.mp3, no sentence files, no staging folder, no temporary files
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".eenvoudig-bestanden.json") == []


def test_audio_never_overwrites_a_users_own_file(tmp_path, demo_analysis) -> None:
    (tmp_path / "brief.mp3").write_bytes(b"my own recording")
    with pytest.raises(InputError, match="niet gemaakt"):
        list(write_audio(demo_analysis, tmp_path, config=_fake_config()))
    assert (tmp_path / "brief.mp3").read_bytes() == b"my own recording" and not (tmp_path / "zinnen").exists()


def test_audio_refuses_a_sentence_folder_that_links_elsewhere(tmp_path, demo_analysis) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    out = tmp_path / "uit"
    out.mkdir()
    (out / "zinnen").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(InputError, match="link"):
        list(write_audio(demo_analysis, out, config=_fake_config()))
    assert list(elsewhere.iterdir()) == []


# ----------------------------------------------------------------------------------- bad input


def _analysis(text: str):
    return eenvoudig.analyze(eenvoudig.read_text(text))


def test_nothing_speakable_is_a_speech_error(tmp_path) -> None:
    analysis = _analysis("- - -\n\n* * *\n\n(…)\n\n# ~ | _\n")
    with pytest.raises(SpeechError, match="niets om voor te lezen"):
        list(write_audio(analysis, tmp_path, config=_fake_config()))
    assert not list(tmp_path.iterdir())


def test_long_letter_is_spoken_in_bounded_pieces(tmp_path) -> None:
    sentence = "Wij hebben uw aanvraag van 3 maart 2027 ontvangen en betalen u € 450,00 uit"
    giant = ", ".join([sentence] * 60) + "."           # one sentence of about 8,000 spoken characters
    analysis = _analysis("Geachte heer Jansen,\n\n" + giant + "\n\n" + (sentence + ". ") * 120
                         + "\n\nMet vriendelijke groet,\n\nJ. Bakker\n")
    fake = FakeBackend()
    list(write_audio(analysis, tmp_path, backend=fake))
    units = utterances(analysis)
    assert len(units) == 1 + 1 + 120 + 2
    assert max(len(text) for text, _ in fake.calls) <= 500
    assert len(fake.calls) >= len(units) + len(units[1].spoken) // 500    # the giant sentence came in pieces
    assert " ".join(t for t, _ in fake.calls).split() == " ".join(u.spoken for u in units).split()
    manifest = json.loads((tmp_path / "audio.json").read_text())
    assert len(manifest["sentences"]) == len(units)
    frames, rate = _decode_mp3(tmp_path / "brief.mp3")
    assert frames / rate == pytest.approx(manifest["seconds"], abs=0.3)


def test_too_long_letter_is_refused(tmp_path, demo_analysis) -> None:
    with pytest.raises(SpeechError, match="te lang"):
        list(write_audio(demo_analysis, tmp_path, config=_fake_config(**{"max-words": 100})))


def test_broken_espeak_library_is_a_dutch_error(monkeypatch, tmp_path) -> None:
    import espeakng_loader

    import eenvoudig.speech as speech

    broken = tmp_path / "libespeak-ng.so"
    broken.write_bytes(b"this is not a library")
    monkeypatch.setattr(speech, "_ESPEAK", None)
    monkeypatch.setattr(espeakng_loader, "get_library_path", lambda: str(broken))
    with pytest.raises(SpeechError, match="kan niet geladen worden"):
        EspeakBackend()


def test_missing_espeak_package_is_a_dutch_error(monkeypatch) -> None:
    import eenvoudig.speech as speech

    monkeypatch.setattr(speech, "_ESPEAK", None)
    monkeypatch.setitem(sys.modules, "espeakng_loader", None)
    with pytest.raises(SpeechError, match="ontbreekt"):
        EspeakBackend()


def test_missing_voice_data_is_a_dutch_error(monkeypatch, tmp_path) -> None:
    import espeakng_loader

    import eenvoudig.speech as speech

    monkeypatch.setattr(speech, "_ESPEAK", None)
    monkeypatch.setattr(espeakng_loader, "get_data_path", lambda: str(tmp_path))
    with pytest.raises(SpeechError, match="gegevens van de Nederlandse stem ontbreken"):
        EspeakBackend()


def test_online_voice_needs_the_flag(tmp_path, demo_analysis) -> None:
    config = parse_config({"speech": {"backend": "gtts"}})
    with pytest.raises(SpeechError, match="--online"):
        list(write_audio(demo_analysis, tmp_path, config=config))


# ------------------------------------------------------------------------------------------ CLI

BROKEN_LIBRARY = textwrap.dedent("""
    import sys, espeakng_loader
    espeakng_loader.get_library_path = lambda: sys.argv[1]
    from eenvoudig.cli import main
    main(["render", sys.argv[2], "--format", "audio", "--out", sys.argv[3]])
""")


@pytest.mark.slow
def test_cli_broken_library_exit_3_without_traceback(tmp_path) -> None:
    broken = tmp_path / "kapot.so"
    broken.write_bytes(b"\0" * 64)
    r = subprocess.run([sys.executable, "-c", BROKEN_LIBRARY, str(broken), str(DEMO), str(tmp_path / "uit")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 3, r.stderr
    assert "Traceback" not in r.stderr
    assert "spraakbibliotheek espeak-ng kan niet geladen worden" in r.stderr
    assert not (tmp_path / "uit" / "brief.mp3").exists()


def test_cli_speech_prints_the_normalised_text(capsys) -> None:
    from eenvoudig.cli import main

    main(["render", str(DEMO), "--format", "speech"])     # returns normally on success
    out = capsys.readouterr().out
    assert "veertien nul negen negen negen" in out and "Lindelaan" not in out


@pytest.mark.parametrize("fmt", ["audio", "speech"])
def test_cli_nothing_to_speak_exit_3(tmp_path, capsys, fmt) -> None:
    from eenvoudig.cli import main

    letter = tmp_path / "leeg.txt"
    letter.write_text("* * *\n\n- - -\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["render", str(letter), "--format", fmt, "--out", str(tmp_path / "uit")])
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert err.startswith("eenvoudig: ") and "Traceback" not in err
    assert not (tmp_path / "uit" / "brief.mp3").exists()


AUDIT = textwrap.dedent("""
    import socket, sys
    NETWORK = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
               "socket.sendto", "socket.sendmsg", "http.client.connect", "urllib.Request"}
    events = []
    sys.addaudithook(lambda event, args: events.append(event) if event in NETWORK else None)
    from eenvoudig.cli import main
    try:
        main(["render", sys.argv[1], "--format", "audio", "--out", sys.argv[2], "--slow"])
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
    print("RENDER:", sorted(set(events)), "EXIT:", code)
    events.clear()
    try:   # control: the hook does see a connection (to a closed port on this computer)
        socket.create_connection(("127.0.0.1", 9), timeout=0.5).close()
    except OSError:
        pass
    print("CONTROL:", sorted(set(events)))
""")


@pytest.mark.slow
def test_without_online_nothing_opens_a_network_connection(tmp_path) -> None:
    r = subprocess.run([sys.executable, "-c", AUDIT, str(DEMO), str(tmp_path / "uit")],
                       capture_output=True, text=True, timeout=300)
    assert "RENDER: [] EXIT: 0" in r.stdout, r.stdout + r.stderr
    assert "socket.connect" in r.stdout.split("CONTROL:")[1]
    assert (tmp_path / "uit" / "brief.mp3").stat().st_size > 10_000


def test_audio_dataclass_seconds() -> None:
    assert Audio(b"\0\0" * 16000, 16000).seconds == 1.0
    assert Audio(mp3=b"x").seconds is None
