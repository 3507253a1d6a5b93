"""Exact pins for the speech privacy guard (issue 16, mutation score of speech/privacy.py).

Each row: a text written for this test, the names from the salutation, the spans `personal_spans` returns
and what `redact` makes of it. Checked by hand. Companion of test_speech_privacy_exact.py, for the reaches
that mutation testing found unpinned: where an e-mail address starts and what is not one, postcode letters
that are never given out, the words around a name with a title, spaces after redaction, and the guard's
refusal when the redacted text is still personal.
"""

from __future__ import annotations

import pytest

from eenvoudig.errors import PrivacyError
from eenvoudig.speech.privacy import find_personal_data, guarded_text, personal_spans, redact

TABLE = [
    # e-mail: an address at the very start of the text; a one-letter local part
    ("jan@voorbeeld.nl", (), [(0, 16, "email")], "het e-mailadres"),
    ("X@voorbeeld.nl", (), [(0, 14, "email")], "het e-mailadres"),
    # an @ followed by a space is not an address ('3@ 2.50 euro'), nor one with only dots before it;
    # an address after either is still found
    ("Kosten: 3@ 2.50 euro.", (), [], "Kosten: 3@ 2.50 euro."),
    ("Kosten: 3@ 2.50 euro, mail jan@voorbeeld.nl", (), [(27, 43, "email")],
     "Kosten: 3@ 2.50 euro, mail het e-mailadres"),
    (".@voorbeeld.nl en jan@voorbeeld.nl", (), [(18, 34, "email")], ".@voorbeeld.nl en het e-mailadres"),
    # spelled out in capitals; 'at home' (no dot) is no address, the one after it is
    ("Mail jan AT voorbeeld DOT nl.", (), [(5, 28, "email")], "Mail het e-mailadres."),
    ("Kijk at home. Mail jan at voorbeeld dot nl.", (), [(19, 42, "email")], "Kijk at home. Mail het e-mailadres."),
    ("jan (at) voorbeeld (dot) nl .", (), [(0, 27, "email")], "het e-mailadres."),
    # postcodes: SA, SD and SS are never given out; without a space two small letters are a postcode too
    ("1234 SA", (), [], "1234 SA"),
    ("1234 sd en 1234ss", (), [], "1234 sd en 1234ss"),
    ("1234 SS of 5678 AB", (), [(11, 18, "postcode")], "1234 SS of uw postcode"),
    ("1234 SB", (), [(0, 7, "postcode")], "uw postcode"),
    ("1234de", (), [(0, 6, "postcode")], "uw postcode"),
    ("1234 de", (), [], "1234 de"),
    # a name after a title: the title stays, the space before it too; a line break after the title goes
    ("Uw BSN is 111222333 en mevrouw Jansen.", ("Jansen",), [(10, 19, "bsn"), (31, 37, "naam")],
     "Uw BSN is uw burgerservicenummer en mevrouw."),
    ("Geachte mevrouw\nJansen,", ("Jansen",), [(16, 22, "naam")], "Geachte mevrouw,"),
    # double spaces become one, also away from what was replaced
    ("Uw BSN is  111222333.", (), [(11, 20, "bsn")], "Uw BSN is uw burgerservicenummer."),
    ("Beste Jansen, tot  ziens.", ("Jansen",), [(6, 12, "naam")], "Beste de ontvanger, tot ziens."),
    # dates of birth: only dates (not an amount) count; 'Geb.' in any case does not end the sentence; a birth
    # word in the sentence before or after does not count
    ("U bent geboren en krijgt € 50,00 op 1 januari.", (), [(36, 45, "geboortedatum")],
     "U bent geboren en krijgt € 50,00 op uw geboortedatum."),
    ("GEB. 03-03-1980", (), [(5, 15, "geboortedatum")], "GEB. uw geboortedatum"),
    ("Op 03-03-1980, zie Geb. datum.", (), [(3, 13, "geboortedatum")], "Op uw geboortedatum, zie Geb. datum."),
    ("Wij zijn blij dat u geboren bent. Op 3-3-2027 is de afspraak.", (), [],
     "Wij zijn blij dat u geboren bent. Op 3-3-2027 is de afspraak."),
    ("Op 03-03-2027 is de afspraak. Uw kind is geboren.", (), [], "Op 03-03-2027 is de afspraak. Uw kind is geboren."),
    # overlaps: of two finds at the same place the longer one decides the kind (an address that starts with a
    # phone number or a name is an e-mail address); a find that reaches further extends the first one; finds
    # that only touch stay two
    ("0612345678@voorbeeld.nl", (), [(0, 23, "email")], "het e-mailadres"),
    ("Jansen@voorbeeld.nl", ("Jansen",), [(0, 19, "email")], "het e-mailadres"),
    ("Jan Jansen@voorbeeld.nl", ("Jan Jansen",), [(0, 23, "naam")], "de ontvanger"),
    ("Uw BSN 111222333, Jan Jansen@voorbeeld.nl", ("Jan Jansen",), [(7, 16, "bsn"), (18, 41, "naam")],
     "Uw BSN uw burgerservicenummer, de ontvanger"),
    ("Jansen+31612345678", ("Jansen",), [(0, 6, "naam"), (6, 18, "telefoon")], "de ontvangerhet telefoonnummer"),
    # written text is not read as spoken: numbers in a list with commas are no BSN and no phone number
    ("De nummers zijn 111, 222, 333 en 444.", (), [], "De nummers zijn 111, 222, 333 en 444."),
    ("Bel 06, 12, 34, 56, 78 niet.", (), [], "Bel 06, 12, 34, 56, 78 niet."),
]


@pytest.mark.parametrize(("text", "spans"), [
    ("geboortedatum " + "a" * 65 + " 03-03-1980", [(80, 90, "geboortedatum")]),   # the word starts 80 before
    ("geboortedatum " + "a" * 66 + " 03-03-1980", []),                            # 81: too far
    ("03-03-1980 " + "a" * 71 + " geboren", [(0, 10, "geboortedatum")]),          # the word ends 80 after
    ("03-03-1980 " + "a" * 72 + " geboren", []),
], ids=["80 before", "81 before", "80 after", "81 after"])
def test_a_birth_word_counts_within_80_characters(text: str, spans: list) -> None:
    assert personal_spans(text) == spans


@pytest.mark.parametrize(("text", "names", "spans", "redacted"), TABLE, ids=[t for t, *_ in TABLE])
def test_personal_data_exactly(text: str, names: tuple, spans: list, redacted: str) -> None:
    assert personal_spans(text, names) == spans
    assert redact(text, names) == redacted


def test_the_guard_uses_the_salutation_names() -> None:
    assert find_personal_data("Beste Jansen.", ("Jansen",)) == ["naam"]
    with pytest.raises(PrivacyError) as info:
        guarded_text("Beste Jansen.", ("Jansen",))
    assert str(info.value) == ("de brief gaat niet naar de online stem, want er staan persoonsgegevens in: de naam "
                               "uit de aanhef. Gebruik --redact om die te vervangen door neutrale woorden, of maak "
                               "de audio zonder --online.")
    assert guarded_text("Geachte heer Jansen, wij schrijven Jansen.", ("Jansen",), redact_personal=True) == \
        "Geachte heer, wij schrijven de ontvanger."


def test_text_still_personal_after_redaction_is_refused() -> None:
    """Redaction shortens the text: a date that was more than 80 characters from 'geboortedatum' is now close
    enough to be a date of birth, so the redacted text is refused, with its own message."""
    text = ("Uw geboortedatum, zoals vermeld bij jan.de.vries.met.een.heel.lang.adres@voorbeeldgemeente.nl, "
            "is 03-03-1980.")
    assert personal_spans(text) == [(36, 93, "email")]
    assert redact(text) == "Uw geboortedatum, zoals vermeld bij het e-mailadres, is 03-03-1980."
    with pytest.raises(PrivacyError) as info:
        guarded_text(text, redact_personal=True)
    assert str(info.value) == ("de brief gaat niet naar de online stem, want er staan persoonsgegevens in: een "
                               "geboortedatum. Ze zijn niet te vervangen. Maak de audio zonder --online.")


@pytest.mark.parametrize(("names", "variants"), [
    (("  Fatima   el  Amrani ",), {"Fatima el Amrani", "el Amrani", "Amrani", "Fatima"}),   # spaces normalised
    (("Jansen - Bakker",), {"Jansen - Bakker", "Jansen", "Bakker"}),
    (("van der Berg-de Wit",), {"van der Berg-de Wit", "van der Berg", "de Wit", "Berg", "Wit"}),
    (("jan jansen-Bakker",), {"jan jansen-Bakker", "Bakker", "jansen", "jan"}),   # a half without a capital: no
    (("Van der Berg",), {"Van der Berg", "Berg"}),
    (("J Jansen",), {"J Jansen", "Jansen"}),        # one letter is not a name
    (("Ed",), {"Ed"}),
    (("A", ""), set()),
    (("A", "Jansen"), {"Jansen"}),
    (("Anna Maria-Jansen",), {"Anna Maria-Jansen", "Anna Maria", "Jansen", "Maria", "Anna"}),
    (("Bakker-El",), {"Bakker-El", "Bakker", "El"}),   # a half of two letters with a capital, though a particle
    (("Ed Jansen",), {"Ed Jansen", "Jansen", "Ed"}),
    (("Jansen de",), {"Jansen de", "Jansen"}),          # a particle at the end belongs to no part
], ids=lambda v: repr(v))
def test_name_variants_exactly(names: tuple, variants: set) -> None:
    from eenvoudig.speech.privacy import name_variants

    found = name_variants(names)
    assert set(found) == variants and len(found) == len(variants)
    assert [len(v) for v in found] == sorted((len(v) for v in found), reverse=True)   # longest first


# Surviving mutants accepted (benchmarks/mutation.py privacy --survivors), each equivalent or an arbitrary limit:
# - redact 2: pos = None: text[None:x] is text[0:x].
# - _emails 16 / 23, 29: the 70-character window for the local part (only differs for a 64-character local part
#   followed by 7 spaces before a spelled [at]) and the 300-character limit for the host: arbitrary limits.
# - _emails 58, 60, 62, 63, 64, 65: the loop that trims ' .' from the end never runs: the host pattern always
#   ends with [\w-].
# - _birth_dates 16, 34: (?<!GEB) instead of (?<!geb) under re.I is the same lookbehind.
# - name_variants 45: `first <= k` also adds the word itself, which is already in the set.
# - personal_spans 11: spoken=None is as false as spoken=False.
# - personal_spans 20: names are not looked for in the spoken pass: that pass only turns number words into
#   digits, so a salutation name is already found at the same place in the written pass.
# - personal_spans 36: -(end + start) orders finds with the same start exactly as -(end - start).
# - personal_spans 45: `end >= last end` only rewrites the same tuple.
# - guarded_text 19: the second look without names: redact replaces every match of the names, and nothing it
#   writes can form a name, so a look with names finds no more than one without.
