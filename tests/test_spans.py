"""Protected spans: facts in a letter that no later step may change (amounts, dates, IBAN, …)."""

from __future__ import annotations

import pytest

from eenvoudig.analysis.spans import find_spans, salutation_names

# (sentence, kind, exact text that must be found as one span of that kind)
MUST_FIND = [
    # amounts
    ("U krijgt € 1.250,50 van ons.", "bedrag", "€ 1.250,50"),
    ("Dat kost €25,- per maand.", "bedrag", "€25,-"),
    ("U krijgt 450 euro per maand.", "bedrag", "450 euro"),
    ("Het bedrag van € 1.842,36 betaalt u terug.", "bedrag", "€ 1.842,36"),
    ("Betaal EUR 30,00 voor 1 mei.", "bedrag", "EUR 30,00"),
    ("Dit kost 1.250 euro.", "bedrag", "1.250 euro"),
    # dates
    ("Kom op 3-3-2027 naar het loket.", "datum", "3-3-2027"),
    ("Kom op 3 maart 2027 naar het loket.", "datum", "3 maart 2027"),
    ("Kom op ma 3 mrt naar het loket.", "datum", "ma 3 mrt"),
    ("Het gesprek is op dinsdag 15 juni 2027 om 10.30 uur.", "datum", "dinsdag 15 juni 2027"),
    ("Wij kwamen op 3 febr. 2027 bij u langs.", "datum", "3 febr. 2027"),
    ("De datum is 2027-03-03.", "datum", "2027-03-03"),
    # times
    ("Het gesprek is op dinsdag 15 juni 2027 om 10.30 uur.", "tijd", "10.30 uur"),
    ("Kom om 9:15 naar het loket.", "tijd", "9:15"),
    ("Wij zijn open tot 17 uur.", "tijd", "17 uur"),
    # phone numbers
    ("Bel ons op 14 020.", "telefoon", "14 020"),
    ("Bel ons op 14 0999.", "telefoon", "14 0999"),
    ("Bel ons op 06-12345678.", "telefoon", "06-12345678"),
    ("Bel ons op 020 123 45 67.", "telefoon", "020 123 45 67"),
    ("Bel ons op +31 6 12345678.", "telefoon", "+31 6 12345678"),
    ("Bel gratis 0800-1234.", "telefoon", "0800-1234"),
    ("Bel ons op 0999-123456.", "telefoon", "0999-123456"),
    # postcodes
    ("Ons adres is Postbus 1234, 9999 ZZ Voorbeeldstad.", "postcode", "9999 ZZ"),
    ("Postcode 1234AB is goed.", "postcode", "1234AB"),
    # BSN (valid elfproef)
    ("Uw BSN is 111222333.", "bsn", "111222333"),
    ("Uw BSN is 123456782.", "bsn", "123456782"),
    # IBAN (valid checksum), with and without spaces
    ("Wij betalen op NL91ABNA0417164300.", "iban", "NL91ABNA0417164300"),
    ("Wij betalen op NL91 ABNA 0417 1643 00 zoals altijd.", "iban", "NL91 ABNA 0417 1643 00"),
    # e-mail and URLs (a full stop after the URL is not part of it)
    ("Mail ons via info@voorbeeldstad.nl.", "email", "info@voorbeeldstad.nl"),
    ("Meer staat op www.voorbeeldstad.nl/wmo.", "url", "www.voorbeeldstad.nl/wmo"),
    ("Kijk op https://www.voorbeeldstad.nl/bijstand.", "url", "https://www.voorbeeldstad.nl/bijstand"),
    ("Kijk op https://voorbeeldstad.nl/a?b=1, daar staat het.", "url", "https://voorbeeldstad.nl/a?b=1"),
    ("Kijk op voorbeeldstad.nl.", "url", "voorbeeldstad.nl"),
    # legal references
    ("Volgens artikel 4:8 Awb mag u reageren.", "wetsartikel", "artikel 4:8 Awb"),
    ("Dit staat in artikel 35 van de Participatiewet.", "wetsartikel", "artikel 35 van de Participatiewet"),
    ("Zie art. 17 lid 1 Pw.", "wetsartikel", "art. 17 lid 1 Pw"),
    ("Dit staat in artikel 6:7 van de Algemene wet bestuursrecht.", "wetsartikel",
     "artikel 6:7 van de Algemene wet bestuursrecht"),
    ("Wij doen dit op grond van artikel 54, derde lid, van de Participatiewet.", "wetsartikel",
     "artikel 54, derde lid, van de Participatiewet"),
    ("Dit staat in artikel 2.3.5 van de Wmo.", "wetsartikel", "artikel 2.3.5 van de Wmo"),
    ("Lees de artikelen 11 en 12 van de Participatiewet.", "wetsartikel", "artikelen 11 en 12 van de Participatiewet"),
    # template syntax
    ("Beste {{ naam }}, hartelijk dank.", "sjabloon", "{{ naam }}"),
    ("{% if partner %}U en uw partner krijgen geld.{% endif %}", "sjabloon", "{% if partner %}"),
    ("{# opmerking voor de schrijver #}Hallo.", "sjabloon", "{# opmerking voor de schrijver #}"),
    # kenmerk codes
    ("Ons kenmerk: WI/2027/01234.", "kenmerk", "WI/2027/01234"),
    ("Noem zaaknummer Z-2027-001 in uw brief.", "kenmerk", "Z-2027-001"),
]

# (sentence, kind that must NOT be found anywhere in it)
MUST_NOT_FIND = [
    ("Uw BSN is 111222334.", "bsn"),            # fails the elfproef
    ("Uw BSN is 123456789.", "bsn"),            # fails the elfproef
    ("Wij betalen op NL92ABNA0417164300.", "iban"),      # wrong checksum
    ("Wij betalen op NL92ABNA0417164300.", "telefoon"),  # and its digits are no phone number either
    ("Kom op 32-13-2027 langs.", "datum"),      # no such day or month
    ("Nummer 1234 SS is geen postcode.", "postcode"),
    ("Er wonen 3 kinderen in huis.", "bedrag"),
    ("Bel ons op werkdagen.", "telefoon"),
    ("Het artikel in de krant is kort.", "wetsartikel"),
    ("U krijgt de euro op tijd.", "bedrag"),
    ("Wij zijn open van ma t/m vr.", "datum"),
    ("Wij hebben uw mail gelezen.", "email"),
    ("Wij hebben uw aanvraag.goed bekeken.", "url"),
]

# A legal reference ends where the law's name ends: the words after it stay ordinary words.
EXACT_END = [
    ("Volgens artikel 17 moet u dat melden.", "artikel 17"),
    ("Zie artikel 4 hierover.", "artikel 4"),
    ("Dit staat in de Participatiewet, artikel 58.", "artikel 58"),
    ("Zie artikel 4 onder de streep.", "artikel 4"),
]


def _found(sentence: str) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in find_spans(sentence)]


@pytest.mark.parametrize(("sentence", "kind", "text"), MUST_FIND, ids=[f"{k}:{t}" for _, k, t in MUST_FIND])
def test_span_is_found(sentence: str, kind: str, text: str) -> None:
    assert (kind, text) in _found(sentence)


@pytest.mark.parametrize(("sentence", "kind"), MUST_NOT_FIND, ids=[f"{k}:{s}" for s, k in MUST_NOT_FIND])
def test_span_is_not_found(sentence: str, kind: str) -> None:
    assert kind not in {k for k, _ in _found(sentence)}


@pytest.mark.parametrize(("sentence", "text"), EXACT_END)
def test_legal_reference_stops_at_the_law(sentence: str, text: str) -> None:
    assert [t for k, t in _found(sentence) if k == "wetsartikel"] == [text]


def test_table_is_large() -> None:
    assert len(MUST_FIND) + len(MUST_NOT_FIND) + len(EXACT_END) >= 40


def test_offsets_point_at_the_text() -> None:
    text = "Op 3 maart 2027 betalen wij € 450,00 op NL91 ABNA 0417 1643 00. Bel 14 020 of mail info@voorbeeldstad.nl."
    spans = find_spans(text)
    assert [s.kind for s in spans] == ["datum", "bedrag", "iban", "telefoon", "email"]
    for s in spans:
        assert text[s.start:s.end] == s.text
    assert [s.start for s in spans] == sorted(s.start for s in spans)


def test_spans_do_not_overlap() -> None:
    text = ("Het gesprek is op dinsdag 15 juni 2027 om 10.30 uur in het Stadskantoor. Op grond van artikel 54, "
            "eerste lid, van de Participatiewet, tel. 0999-123456, kenmerk WI/2027/03158, BSN 111222333.")
    spans = find_spans(text)
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start


def test_known_names_are_protected_everywhere() -> None:
    text = "Mevrouw De Vries belde. Wij spraken De Vries op 3 maart."
    names = [s for s in find_spans(text, names=("De Vries",)) if s.kind == "naam"]
    assert [(s.start, s.text) for s in names] == [(8, "De Vries"), (36, "De Vries")]


def test_kinds_filter() -> None:
    text = "Bel 14 020 op 3 maart 2027."
    assert [s.kind for s in find_spans(text, kinds=("datum",))] == ["datum"]


@pytest.mark.parametrize(("line", "names"), [
    ("Geachte mevrouw De Vries,", ("De Vries",)),
    ("Geachte heer Bulut,", ("Bulut",)),
    ("Geachte mevrouw El Amrani,", ("El Amrani",)),
    ("Geachte heer Van der Berg,", ("Van der Berg",)),
    ("Beste Ahmed,", ("Ahmed",)),
    ("Beste familie Jansen,", ("Jansen",)),
    ("Geachte heer, mevrouw,", ()),
    ("Geachte heer/mevrouw,", ()),
    ("Beste lezer,", ()),
    ("Geachte bewoners,", ()),
    ("Wij betalen u.", ()),
])
def test_salutation_names(line: str, names: tuple[str, ...]) -> None:
    assert salutation_names(line) == names


# ------------------------------------------------------------------------- exact results (mutation tests)


def _all(text: str, **kw) -> list[tuple[int, str, str]]:
    return [(s.start, s.kind, s.text) for s in find_spans(text, **kw)]


@pytest.mark.parametrize(("text", "spans"), [
    # a '{%' inside a finished '{{ … }}' opens nothing
    ("{{ '{%' }} x %}", [(0, "sjabloon", "{{ '{%' }}")]),
    # after a skipped opener the search goes on
    ("{{ a {{ b }} en {% c %}", [(0, "sjabloon", "{{ a {{ b }}"), (16, "sjabloon", "{% c %}")]),
    # an opener without a closer does not stop the other kinds
    ("{{ a {% b %}", [(5, "sjabloon", "{% b %}")]),
    # a closer before the opener does not close it
    ("}} {{ a }}", [(3, "sjabloon", "{{ a }}")]),
    ("{# a #} {{ b", [(0, "sjabloon", "{# a #}")]),
])
def test_template_syntax_exact(text: str, spans: list) -> None:
    assert _all(text, kinds=("sjabloon",)) == spans


@pytest.mark.parametrize(("date", "valid"), [
    ("1-1-2027", True), ("31-12-2027", True), ("31/12/27", True), ("1.12.2027", True),
    ("0-5-2027", False), ("32-5-2027", False), ("5-0-2027", False), ("5-13-2027", False),
])
def test_numeric_dates_need_a_real_day_and_month(date: str, valid: bool) -> None:
    assert _all(f"Op {date} zijn wij dicht.", kinds=("datum",)) == ([(3, "datum", date)] if valid else [])


def test_equal_spans_go_to_the_kind_listed_first() -> None:
    # a known name that is also a phone number stays a phone number; no overlap at position 0 either
    assert _all("14 020 is ons nummer.", names=("14 020",)) == [(0, "telefoon", "14 020")]
    assert _all("Bel 14 020 nu.") == [(4, "telefoon", "14 020")]
    assert _all("10.30 uur") == [(0, "tijd", "10.30 uur")]


@pytest.mark.parametrize(("line", "names"), [
    ("Beste Jan en Piet,", ("Jan", "Piet")),
    ("Beste Jan of Piet,", ("Jan", "Piet")),
    ("Beste Jan/Piet,", ("Jan", "Piet")),
    ("Beste Jan & Piet,", ("Jan", "Piet")),
    ("Beste Jan en Jan,", ("Jan",)),
    ("Beste Jan van,", ("Jan",)),
    ("Beste Lezer,", ()),
    ("Geachte heer/mevrouw Bakker,", ("Bakker",)),
    ("Geachte mevrouw dr. A.B. Bakker,", ("Bakker",)),
    ("Geachte heer Bakker sorry voor de brief", ("Bakker",)),
    ("Geachte heer Bakker wij schrijven u", ("Bakker",)),
    ("Geachte heer van den Berg,", ("van den Berg",)),
    ("Hallo", ()),
    ("Geachte heer Bakker op 3 maart", ("Bakker",)),
    ("Geachte heer Bakker+Jansen,", ()),
    ("Beste Jan Collega,", ("Jan",)),
    ("Geachte heer Bakker Wij schrijven u", ("Bakker",)),
    ("Beste Aa Bb Cc Dd Ee Ff,", ("Aa Bb Cc Dd Ee",)),
])
def test_salutation_names_exact(line: str, names: tuple[str, ...]) -> None:
    assert salutation_names(line) == names


@pytest.mark.parametrize(("text", "spans"), [
    # a number in front of a word is no reference code: the lexicon must see 'B1-route' (issue 16)
    ("De B1-route is voor u.", []),
    ("Een A4-formaat.", []),
    ("De 18-jarige zoon.", [(3, "getal", "18")]),
    # real codes stay protected
    ("Kenmerk AB-123.", [(8, "kenmerk", "AB-123")]),
    ("Zaak Z-2027-001 en WI/2027/01234.", [(5, "kenmerk", "Z-2027-001"), (19, "kenmerk", "WI/2027/01234")]),
    ("Nummer 2026-001234.", [(7, "getal", "2026"), (12, "getal", "001234")]),
    ("Postcode 1234 AB.", [(9, "postcode", "1234 AB")]),
    ("Code COVID-19.", [(5, "kenmerk", "COVID-19")]),
])
def test_reference_codes_exact(text: str, spans: list) -> None:
    assert _all(text) == spans


def test_span_to_dict() -> None:
    (span,) = find_spans("Bel 14 020.")
    assert span.to_dict() == {"start": 4, "end": 10, "kind": "telefoon", "text": "14 020"}


def test_a_number_of_hours_with_a_decimal_is_a_number_not_a_time_of_day() -> None:
    # "3,5 uur" is how long, not "5 uur" (five o'clock) with a loose "3," before it
    assert _all("U krijgt 3,5 uur hulp per week.") == [(9, "getal", "3,5")]
    assert _all("U krijgt 1.5 uur hulp.") == [(9, "getal", "1.5")]
    assert _all("Wij bellen om 5 uur.") == [(14, "tijd", "5 uur")]


def test_a_number_of_hours_is_no_hard_word() -> None:
    import eenvoudig

    text = "U krijgt 3,5 uur hulp per week."
    findings = eenvoudig.check(eenvoudig.analyze(eenvoudig.read_text(text))).findings
    assert [f.rule for f in findings if text[f.start:f.end].startswith(("3", "5"))] == []
