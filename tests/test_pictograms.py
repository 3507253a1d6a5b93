"""Pictograms: the manifest and its schema, choosing at most one picture per sentence, generated pictures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import ImageChops

import eenvoudig
from eenvoudig.errors import DataError
from eenvoudig.render.choose import Pictogram, choose_all
from eenvoudig.render.facts import Fact, amount_label, parse_date, parse_time
from eenvoudig.render.draw import (calendar_labels, calendar_picture, clock_picture, duration_picture, picture,
                                  raster)
from eenvoudig.render.pictograms import find_overrides, load_pictograms, manifest_path, strip_overrides, validate_manifest

ROOT = Path(__file__).resolve().parents[1]

# Each row: a sentence and the concept it must get. Written and checked by hand.
MUST_MATCH = [
    ("Ik kom morgen naar huis.", "huis"),                            # kom is a verb here: no bowl
    ("Vul het formulier in.", "formulier"),                           # separable verb: invullen
    ("Stuur ons de bonnen op.", "sturen"),                            # opsturen
    ("Wij maken het geld binnen tien dagen over.", "geld_krijgen"),   # overmaken, but the municipality pays
    ("Geef de wijziging aan ons door.", "melden"),                    # doorgeven beats wijziging (tie: first)
    ("Wij bellen u terug.", "telefoon"),                              # terugbellen
    ("Kom gerust langs.", "bezoek"),                                  # langskomen
    ("Let op: de regels zijn veranderd.", "let_op"),                  # multiword, beats regels
    ("Vergeet niet uw pasfoto mee te nemen.", "herinnering"),         # 'vergeten niet', not the cross
    ("Bent u het niet eens met dit besluit?", "bezwaar"),             # 'niet eens' is bezwaar
    ("Kunt u zich niet verenigen met dit besluit?", "bezwaar"),      # the demo letter: was the red cross
    ("Gaat u niet akkoord met dit besluit?", "bezwaar"),              # not the cross over 'akkoord'
    ("Dan kunt u bezwaar maken.", "bezwaar"),
    ("U krijgt huurtoeslag.", "toeslag"),                             # compound head: longest trigger
    ("Wij sturen u een nieuw aanvraagformulier.", "formulier"),
    ("De bijstandsuitkering wordt hoger.", "uitkering"),              # compound with linking s
    ("Neem uw identiteitsbewijs mee.", "identiteitsbewijs"),
    ("Dit geld hoeft u niet terug te betalen.", "goed_nieuws"),       # a cost denied: good news, not the cross
    ("U hoeft geen postzegel te plakken.", "nee"),
    ("Als u niet betaalt, krijgt u een boete.", "boete"),             # negation in the 'als' clause only
    ("Dat is geld voor kosten die u niet zelf kunt betalen.", "geld"),  # betalen is denied
    ("Bel ons op werkdagen.", "telefoon"),
    ("U kunt ook mailen naar ons.", "email"),
    ("Meer informatie vindt u op onze website.", "website"),          # website (50) beats informatie (30)
    ("Bel 112.", "nood"),                                             # a number that is a trigger
    ("In deze brief leest u ons besluit.", "besluit"),
    ("Dit staat in de Participatiewet.", "regels"),                   # capitalised law name
    ("Koop de wasmachine en het bed.", "kopen"),
    ("Gebruik de envelop bij deze brief.", "envelop"),                # envelop (55) beats brief (50)
    ("U krijgt € 450,00 voor een wasmachine.", "geld"),               # the amount badge
    ("Doe dit uiterlijk op 30 april 2027.", "termijn"),               # deadline calendar
    ("Uw afspraak is op maandag 3 maart om 10.00 uur.", "afspraak"),
    ("Dat kan op werkdagen van 9.00 tot 12.00 uur.", "tijd"),
    ("Wel hebt u vanaf 1 september te weinig ontvangen.", "datum"),
    ("De voorzitter opende de vergadering niet.", "nee"),             # the cross, not the meeting
    ("Vraag dit aan op de website.", "aanvraag"),                     # aanvragen, not a question mark
    ("Dan kan uw uitkering stoppen.", "stoppen"),                     # not the picture of getting money
    ("Wij hebben afspraken gemaakt over privacy.", "contract"),       # afspraken = agreements
    # polarity and topic (issue 13, new-user report problem 5): never the picture of getting money when it stops
    ("Uw recht op bijstand wordt opgeschort.", "stoppen"),
    ("Wij stoppen uw uitkering.", "stoppen"),
    ("Uw uitkering wordt ingetrokken.", "stoppen"),
    ("Wij trekken het besluit in.", "stoppen"),                       # intrekken, separable
    ("Stop de brief in de envelop.", "envelop"),                      # 'stoppen' only with a benefit in the sentence
    ("De omvang van de ondersteuning bedraagt 2,5 uur per week.", "duur"),   # an amount of time, not a wheelchair
    ("U krijgt 3 uur hulp per week.", "duur"),                        # not a clock at 3 o'clock
    ("Kom om 10 uur naar het loket.", "balie"),                       # 10 uur is a time of day here
    ("U krijgt geen boete.", "goed_nieuws"),                          # a sanction denied: good news
    ("Er is geen gevaar.", "goed_nieuws"),                            # gevaar outranks the cross, but is denied
    ("U krijgt geen bijstand.", "nee"),                               # money denied: bad news, the red cross
    ("U krijgt geen geld.", "nee"),                                   # money itself denied: still bad news
    ("U hoeft geen kosten te betalen.", "goed_nieuws"),               # paying denied decides, not 'kosten'
    ("Wij betalen uw uitkering op uw rekening.", "geld_krijgen"),     # the municipality pays: money comes in
    ("De gemeente betaalt de kosten.", "geld_krijgen"),
    ("U betaalt een eigen bijdrage.", "betalen"),                      # the reader pays
    ("Wij vorderen de te veel betaalde bijstand van u terug.", "terugbetalen"),  # vorderen … terug, not betaalde
    ("Wij betalen u het te veel ingehouden bedrag terug.", "geld_krijgen"),
    ("Elke maand houden wij € 76,77 in op uw uitkering.", "terugbetalen"),      # inhouden: money goes off
    ("Wij schelden de schuld kwijt.", "gratis"),                      # kwijtschelden, not the debt
    ("Mee te nemen bescheiden: bankafschriften, zodat wij uw recht op bijstand kunnen beoordelen.", "bank"),
    ("U mag geen nieuwe schulden maken.", "verboden"),                # a prohibition, not good news
    ("Kunt u niet alles in één keer betalen?", "nee"),               # a question is no good news
    ("Wij geven u gratis bijzondere bijstand van € 450,00.", "uitkering"),  # no "€ 0" tag beside € 450
    ("U kunt de rekening niet betalen.", "nee"),                      # nor is not being able to pay
    ("De deurwaarder mag geen beslag leggen op uw uitkering.", "verboden"),
    ("Uw energieleverancier sluit het gas niet af.", "goed_nieuws"),   # afsluiten (of gas) denied
    ("Wij hebben besloten uw bijstand te verlagen.", "besluit"),      # lowered: never the hand receiving money
]

# Each row: a sentence that must get no picture (a wrong picture is worse than none).
MUST_NOT_MATCH = [
    "Neem een kom soep.",                                 # kom: no bowl, no 'komen'
    "Kom maar binnen.",                                   # binnenkomen: no trigger
    "Wij werken het plan verder uit.",                    # uitwerken is not 'werk'
    "Om het plan op een goede manier uit te werken.",
    "Wij nemen contact met u op.",
    "Ga naar de Rabobank in Harderwijk.",                 # names are not compounds (bank, wijk)
    "Het nieuwe plan gaat alleen om de woonwijk en niet om het park.",  # the cross would deny the wrong part
    ("Op grond van artikel 35 van de wet is besloten aan u vanaf 1 maart bijzondere bijstand om niet te "
     "geven van € 450,00 in de kosten van genoemde goederen."),  # 'om niet' = for free; long: no cross
    "Het plan wordt voortgezet.",
    "Zo werkt het.",                                      # the verb werken is not a trigger
    "Wij verwachten veel mensen.",                        # verwachten is not wachten
    "Wij weten dat de regels niet veranderen.",           # weten is not wet; the 'dat' clause is denied
    "12 34 56 78.",                                       # a sentence of only numbers
    "Het college is bevoegd de beschikking te herzien.",  # no address book (new-user report, problem 5)
    "Dit houdt in dat u meer krijgt.",                    # inhouden without money is 'mean'

    "De afspraak in het Klimaatakkoord is dat wij meer doen.",  # an agreement, not an appointment
    "Hij kijkt uit naar de zomer.",                       # uitkijken is not kijken
    # costs denied: good news or bad news, so no picture; "geen kosten" had the red cross of bad news (2026-12-03)
    "Aan deze voorziening zijn voor u geen kosten verbonden.",
    "Er zijn geen kosten voor u.",
    "Wij vergoeden de kosten niet.",                      # bad news: never the check mark of good news
    "De kosten van uw bril vergoeden wij niet.",
]

MANIFEST_OK = """schema_version = 1

[[concept]]
id = "huis"
woorden = ["huis", "woning"]
alt = "Huis"
prioriteit = 45
beeld = "openmoji:1F3E0"
bron = "test"
"""


@pytest.fixture(scope="module")
def table():
    """One analysis of every table sentence (one paragraph each), keyed by its text."""
    texts = [s for s, _ in MUST_MATCH] + MUST_NOT_MATCH
    analysis = eenvoudig.analyze(eenvoudig.read_text("\n\n".join(texts)))
    pictures, warnings = choose_all(analysis)
    by_block: dict[int, list[Pictogram | None]] = {}
    for sentence, pic in zip(analysis.sentences, pictures):
        by_block.setdefault(sentence.block, []).append(pic)
    assert len(by_block) == len(texts)
    return dict(zip(texts, by_block.values())), warnings


@pytest.mark.parametrize("sentence,concept", MUST_MATCH)
def test_sentence_gets_its_concept(table, sentence, concept):
    pictures = table[0][sentence]
    assert len(pictures) == 1 and pictures[0] is not None, sentence
    assert pictures[0].concept == concept


@pytest.mark.parametrize("sentence", MUST_NOT_MATCH)
def test_sentence_gets_no_picture(table, sentence):
    assert table[0][sentence] == [None]


def test_table_sentences_give_no_warnings(table):
    assert table[1] == []


def test_facts_give_generated_pictures_with_the_real_values(table):
    found = table[0]
    amount = found["U krijgt € 450,00 voor een wasmachine."][0]
    assert amount.image == "feit:bedrag" and amount.fact.amount == "€ 450" and amount.alt == "Bedrag: € 450"
    deadline = found["Doe dit uiterlijk op 30 april 2027."][0]
    assert deadline.image == "feit:termijn" and (deadline.fact.day, deadline.fact.month) == (30, 4)
    meeting = found["Uw afspraak is op maandag 3 maart om 10.00 uur."][0]
    assert meeting.image == "feit:datum" and (meeting.fact.day, meeting.fact.month, meeting.fact.time) == (3, 3, "10.00")
    assert meeting.alt == "Afspraak: maandag 3 maart om 10.00 uur"
    hours = found["Dat kan op werkdagen van 9.00 tot 12.00 uur."][0]
    assert hours.image == "feit:tijd" and hours.fact.time == "9.00 - 12.00" and (hours.fact.hour, hours.fact.minute) == (9, 0)


# ---------------------------------------------------------------------------------------- the manifest


def test_shipped_manifest_is_valid_and_large_enough():
    assert validate_manifest() == []
    pictos = load_pictograms()
    assert len(pictos.concepts) >= 150


def test_every_manifest_entry_resolves_to_an_image(tmp_path, monkeypatch):
    monkeypatch.setenv("EENVOUDIG_CACHE", str(tmp_path))
    pictos = load_pictograms()
    for concept in pictos.concepts.values():
        img = raster(concept.beeld, 23, pictos)
        assert img.size == (23, 23) and img.mode == "RGBA", concept.id
        alpha = img.getchannel("A")
        assert alpha.getbbox() is not None, f"{concept.id}: empty image"
        # visible ink: at 23 px a thin paperclip (bijlage) is mostly anti-aliased edge, so count alpha > 64
        assert sum(1 for a in alpha.get_flattened_data() if a > 64) > 23 * 23 * 0.05, f"{concept.id}: almost empty"
    assert any(tmp_path.joinpath("pictogrammen").iterdir())     # the rasters were cached on disk


def _manifest(tmp_path: Path, text: str, svg: dict[str, str] | None = None) -> Path:
    (tmp_path / "svg").mkdir(exist_ok=True)
    for name, body in (svg or {}).items():
        (tmp_path / "svg" / name).write_text(body, "utf-8")
    path = tmp_path / "manifest.toml"
    path.write_text(text, "utf-8")
    return path


BROKEN = [
    (MANIFEST_OK.replace('alt = "Huis"\n', ""), r":3: concept 'huis': verplicht veld ontbreekt: alt"),
    (MANIFEST_OK.replace('1F3E0"', '1F3E0X"'), r":8: concept 'huis': '1F3E0X' is geen OpenMoji-code"),
    (MANIFEST_OK.replace('"openmoji:1F3E0"', '"openmoji:1F3E1F"'), r":8: .*OpenMoji heeft geen plaatje '1F3E1F'"),
    (MANIFEST_OK.replace('"openmoji:1F3E0"', '"svg:weg.svg"'), r":8: .*het bestand svg/weg.svg bestaat niet"),
    (MANIFEST_OK.replace("prioriteit = 45", "prioriteit = 145"), r":7: .*'prioriteit' moet een heel getal"),
    (MANIFEST_OK.replace('id = "huis"', 'id = "Huis!"'), r":4: .*'id' moet kleine letters"),
    (MANIFEST_OK + MANIFEST_OK.split("\n", 2)[2].replace('id = "huis"', 'id = "woning"'),
     r":12: concept 'woning': trigger 'huis' hoort ook bij 'huis' \(regel 3\)"),
    (MANIFEST_OK.replace('bron = "test"', 'bron = "test"\nkleur = "rood"'), r":10: .*onbekende sleutel 'kleur'"),
    (MANIFEST_OK.replace('woorden = ["huis"', 'woorden = ["Huis"'), r":5: .*'Huis' moet in kleine letters"),
    (MANIFEST_OK.replace("schema_version = 1", "schema_version = 2"), r":1: 'schema_version' moet 1 zijn"),
    (MANIFEST_OK.replace('alt = "Huis"', 'alt = "Huis'), r"manifest.toml:6: fout in de TOML-opmaak"),
]


@pytest.mark.parametrize("text,message", BROKEN)
def test_broken_manifest_gives_located_dutch_error(tmp_path, text, message):
    path = _manifest(tmp_path, text)
    errors = validate_manifest(path)
    assert errors, "no error found"
    assert any(re.search(message, e) for e in errors), errors
    assert all(e.startswith(str(path)) for e in errors)
    with pytest.raises(DataError):
        load_pictograms(path)


def test_own_svg_and_a_broken_svg(tmp_path):
    good = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 72 72"><circle cx="36" cy="36" r="30"/></svg>'
    path = _manifest(tmp_path, MANIFEST_OK.replace('"openmoji:1F3E0"', '"svg:rond.svg"'),
                     {"rond.svg": good})
    pictos = load_pictograms(path)
    assert raster("svg:rond.svg", 40, pictos).getchannel("A").getbbox() is not None
    path.parent.joinpath("svg", "rond.svg").write_text("<svg", "utf-8")
    with pytest.raises(DataError, match="geen geldige SVG"):
        raster("svg:rond.svg", 41, pictos)


def test_manifest_path_is_the_shipped_file():
    assert manifest_path().is_file() and manifest_path().parent.name == "pictograms"


# ---------------------------------------------------------------------------------------- overrides


def _choose(text: str, **kw):
    analysis = eenvoudig.analyze(eenvoudig.read_text(text))
    pictures, warnings = choose_all(analysis, **kw)
    return analysis, pictures, warnings


def test_overrides_in_the_text():
    text = ("[picto:afspraak] Kom langs op het gemeentehuis. Wij bellen u. [picto:geen]\n\n"
            "Bel ons [picto:email].\n\nKom langs. [picto:brief]")
    analysis, pictures, warnings = _choose(text)
    chosen = [(" ".join(strip_overrides(s.text).split()), p.concept if p else None)
              for s, p in zip(analysis.sentences, pictures)]
    # a marker after the full stop is a sentence of its own: it belongs to the sentence before it
    assert chosen == [("Kom langs op het gemeentehuis.", "afspraak"), ("Wij bellen u.", None), ("", None),
                      ("Bel ons.", "email"), ("Kom langs.", "brief"), ("", None)]
    assert warnings == []
    assert pictures[0].how == "keuze" and pictures[0].trigger == "[picto:afspraak]"


def test_unknown_override_warns_in_dutch_and_chooses_itself():
    _, pictures, warnings = _choose("[picto:afsprak] Bel ons op werkdagen.")
    assert pictures[0] is not None and pictures[0].concept == "telefoon"
    assert len(warnings) == 1
    assert "onbekend pictogram 'afsprak'" in warnings[0] and "Bedoelt u 'afspraak'?" in warnings[0]


def test_overrides_through_the_api():
    _, pictures, _ = _choose("Bel ons op werkdagen. Bel ons op werkdagen morgen.",
                                    overrides={0: "afspraak", "Bel ons op werkdagen morgen.": "geen"})
    assert pictures[0].concept == "afspraak" and pictures[1] is None


def test_find_and_strip_overrides():
    assert find_overrides("Bel ons [picto: Telefoon ] nu [PICTO:geen].") == ["telefoon", "geen"]
    assert strip_overrides("Bel ons [picto:telefoon] nu.") == "Bel ons nu."


# ------------------------------------------------------------------------------------------- facts


@pytest.mark.parametrize("text,expected", [
    ("3 maart 2025", (3, 3, 2025, None)),
    ("maandag 3 maart", (3, 3, None, 0)),
    ("vr. 14 febr.", (14, 2, None, 4)),
    ("1 mrt", (1, 3, None, None)),
    ("03-03-2025", (3, 3, 2025, None)),
    ("2025-12-31", (31, 12, 2025, None)),
    ("31/1/25", (31, 1, 2025, None)),
    ("13-13-2025", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text,expected", [("9.00", (9, 0)), ("14:30 uur", (14, 30)), ("10 uur", (10, 0)),
                                           ("25.00", None)])
def test_parse_time(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text,expected", [("€ 450,00", "€ 450"), ("€ 25,50", "€ 25,50"), ("€ 1.250,-", "€ 1.250"),
                                           ("25 euro", "€ 25"), ("EUR 10", "€ 10"), ("50 eurocent", "50 cent")])
def test_amount_label(text, expected):
    assert amount_label(text) == expected


def _day_crop(img, day: int | None, month: int | None, time=None):
    """Return the part of a calendar picture where calendar_labels puts the day number."""
    size = img.width
    cx, cy, w, h = next(box for text, box, _ in calendar_labels(day, month, time) if text == str(day))
    return img.crop((round((cx - w / 2) * size), round((cy - h / 2) * size),
                     round((cx + w / 2) * size), round((cy + h / 2) * size)))


def _month_crop(img, day, month):
    size = img.width
    cx, cy, w, h = calendar_labels(day, month)[0][1]
    return img.crop((round((cx - w / 2) * size), round((cy - h / 2) * size),
                     round((cx + w / 2) * size), round((cy + h / 2) * size)))


def test_generated_calendar_shows_the_right_day_and_month():
    assert [t for t, _, _ in calendar_labels(3, 3)] == ["maart", "3"]
    assert [t for t, _, _ in calendar_labels(30, 4, "10.00")] == ["april", "30", "10.00"]
    assert calendar_labels(None, None) == []
    cal_3_mar, cal_3_apr, cal_30_mar = (calendar_picture(180, *dm) for dm in ((3, 3), (3, 4), (30, 3)))
    # the day region depends on the day only, the month band on the month only
    assert _day_crop(cal_3_mar, 3, 3).tobytes() == _day_crop(cal_3_apr, 3, 4).tobytes()
    assert _day_crop(cal_3_mar, 3, 3).tobytes() != _day_crop(cal_30_mar, 30, 3).tobytes()
    assert _month_crop(cal_3_mar, 3, 3).tobytes() == _month_crop(cal_30_mar, 30, 3).tobytes()
    assert _month_crop(cal_3_mar, 3, 3).tobytes() != _month_crop(cal_3_apr, 3, 4).tobytes()
    # the number is really drawn: black pixels inside the day box
    dark = [p for p in _day_crop(cal_30_mar, 30, 3).get_flattened_data() if p[3] > 200 and sum(p[:3]) < 150]
    assert len(dark) > 200


def test_deadline_clock_does_not_cover_the_day():
    pic = Pictogram("termijn", "Uiterlijk 30 april", "feit:termijn", "uiterlijk", "woord", 72,
                    Fact("termijn", "30 april", 30, 4))
    size = 200
    img = picture(pic, size)
    plain = calendar_picture(round(size * 0.8), 30, 4)
    # the calendar sits top-left at 80 %; its day box must look exactly as on a calendar without clock
    crop = _day_crop(plain, 30, 4)
    ink = crop.convert("L").point(lambda v: 255 if v < 100 else 0).getbbox()     # where the digits are
    box = calendar_labels(30, 4)[1][1]
    left = round((box[0] - box[2] / 2) * plain.width) + ink[0]
    top = round((box[1] - box[3] / 2) * plain.width) + ink[1]
    digits = crop.crop(ink)
    seen = img.crop((left, top, left + digits.width, top + digits.height))
    assert digits.width > 40 and digits.height > 30
    assert max(high for _, high in ImageChops.difference(seen, digits).getextrema()) <= 2
    assert img.getchannel("A").getbbox()[2] >= size * 0.95             # the clock is there, bottom right


def test_clock_hands_follow_the_time():
    assert clock_picture(120, 9, 0).tobytes() != clock_picture(120, 3, 0).tobytes()
    assert clock_picture(120, 9, 0).tobytes() == clock_picture(120, 21, 0).tobytes()   # 12-hour face
    assert clock_picture(120, 9, 0, "9.00").tobytes() != clock_picture(120, 9, 0, "21.00").tobytes()


def test_good_news_and_bad_news_look_different(tmp_path, monkeypatch):
    monkeypatch.setenv("EENVOUDIG_CACHE", str(tmp_path))
    pictos = load_pictograms()
    (good,), _ = choose_all(eenvoudig.analyze(eenvoudig.read_text("U krijgt geen boete.")), pictos)
    (bad,), _ = choose_all(eenvoudig.analyze(eenvoudig.read_text("U krijgt geen bijstand.")), pictos)
    assert (good.alt, bad.alt) == ("Goed nieuws", "Nee, niet")
    assert ImageChops.difference(picture(good, 64, pictos), picture(bad, 64, pictos)).getbbox() is not None


def test_a_duration_is_drawn_without_hands_and_with_its_amount(tmp_path, monkeypatch):
    monkeypatch.setenv("EENVOUDIG_CACHE", str(tmp_path))
    pictos = load_pictograms()
    (pic,), _ = choose_all(eenvoudig.analyze(eenvoudig.read_text("U krijgt 2,5 uur hulp per week.")), pictos)
    assert (pic.concept, pic.image, pic.alt) == ("duur", "feit:duur", "Hoe lang: 2,5 uur per week")
    img = picture(pic, 120, pictos)
    assert img.size == (120, 120)
    other = duration_picture(120, "3 uur per week")
    assert ImageChops.difference(img, other).getbbox() is not None          # the amount is written on it
    # no hands: the centre of the clock face is white, unlike the clock of a time of day
    assert img.getpixel((60, 31))[:3] == (255, 255, 255)
    assert clock_picture(120, 2, 30).getpixel((60, 60))[:3] != (255, 255, 255)
