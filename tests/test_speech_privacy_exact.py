"""The privacy guard, exactly: where each kind of personal data is found, and what `redact` makes of it.

Every row was checked by hand (issue 16: mutation testing found detectors whose exact reach no test pinned).
"""

from __future__ import annotations

import pytest

from eenvoudig.errors import PrivacyError
from eenvoudig.speech.privacy import find_personal_data, guarded_text, name_variants, personal_spans, \
    privacy_message, redact

# (text, names from the salutation, personal_spans, redact)
TABLE = [
    ('Uw BSN is 111222333.', (), [(10, 19, 'bsn')], 'Uw BSN is uw burgerservicenummer.'),
    ('Uw BSN is 111 222 333.', (), [(10, 21, 'bsn')], 'Uw BSN is uw burgerservicenummer.'),
    ('Uw BSN is 1112.22.333.', (), [(10, 21, 'bsn')], 'Uw BSN is uw burgerservicenummer.'),
    ('Het bedrag is € 111.222.333,00.', (), [], 'Het bedrag is € 111.222.333,00.'),
    ('Uw BSN is één één één twee twee twee drie drie drie.', (), [(10, 51, 'bsn')], 'Uw BSN is uw burgerservicenummer.'),
    ('Rekening NL91ABNA0417164300.', (), [(9, 27, 'iban')], 'Rekening uw rekeningnummer.'),
    ('Rekening nl91 abna 0417 1643 00.', (), [(9, 31, 'iban')], 'Rekening uw rekeningnummer.'),
    ('Rekening NL92ABNA0417164300.', (), [], 'Rekening NL92ABNA0417164300.'),
    ('Bel 030-1234567.', (), [(4, 15, 'telefoon')], 'Bel het telefoonnummer.'),
    ('Bel +31 (0)30 123 4567.', (), [(4, 22, 'telefoon')], 'Bel het telefoonnummer.'),
    ('Bel 14 020 of 0800-1234 of 0900-1234567.', (), [], 'Bel 14 020 of 0800-1234 of 0900-1234567.'),
    ('Mail jan@voorbeeld.nl.', (), [(5, 21, 'email')], 'Mail het e-mailadres.'),
    ('Mail jan [at] voorbeeld.nl.', (), [(5, 26, 'email')], 'Mail het e-mailadres.'),
    ('Mail jan at voorbeeld dot nl.', (), [(5, 28, 'email')], 'Mail het e-mailadres.'),
    ('Ik woon op 1234 AB in Stad.', (), [(11, 18, 'postcode')], 'Ik woon op uw postcode in Stad.'),
    ('In 2027 en later.', (), [], 'In 2027 en later.'),
    ('Ik woon in de Kerkstraat 12a.', (), [(14, 28, 'adres')], 'Ik woon in de uw adres.'),
    ('Laan van Meerdervoort 12', (), [(0, 24, 'adres')], 'uw adres'),
    ('Uw geboortedatum is 03-03-1980.', (), [(20, 30, 'geboortedatum')], 'Uw geboortedatum is uw geboortedatum.'),
    ('U bent op 3 maart 1980 geboren.', (), [(10, 22, 'geboortedatum')], 'U bent op uw geboortedatum geboren.'),
    ('Op 3 maart 1980 kwam u.', (), [], 'Op 3 maart 1980 kwam u.'),
    ('Geachte mevrouw A. De Vries-Bakker, wij schrijven mevrouw Bakker.', ('De Vries-Bakker',), [(19, 34, 'naam'), (58, 64, 'naam')], 'Geachte mevrouw, wij schrijven mevrouw.'),
    ('De vries is hier.', ('De Vries',), [], 'De vries is hier.'),
]


@pytest.mark.parametrize(("text", "names", "spans", "redacted"), TABLE, ids=[t for t, *_ in TABLE])
def test_personal_data_exactly(text: str, names: tuple, spans: list, redacted: str) -> None:
    assert personal_spans(text, names) == spans
    assert redact(text, names) == redacted


def test_name_variants_include_each_part_of_a_double_name() -> None:
    assert name_variants(("De Vries-Bakker", "van den Berg")) == (
        "De Vries-Bakker", "van den Berg", "De Vries", "Bakker", "Vries", "Berg")


def test_kinds_come_in_a_fixed_order_and_the_message_lists_them() -> None:
    text = "Geachte heer Bakker, uw BSN is 111222333 en uw rekening NL91ABNA0417164300; bel 030-1234567."
    assert find_personal_data(text, ("Bakker",)) == ["bsn", "iban", "telefoon", "naam"]
    assert find_personal_data("Ik woon op 1234 AB.") == ["adres"]    # a postcode counts as an address
    assert privacy_message(["bsn"]) == (
        "de brief gaat niet naar de online stem, want er staan persoonsgegevens in: een burgerservicenummer (BSN). "
        "Gebruik --redact om die te vervangen door neutrale woorden, of maak de audio zonder --online.")
    assert privacy_message(["bsn", "iban", "naam"]) == (
        "de brief gaat niet naar de online stem, want er staan persoonsgegevens in: een burgerservicenummer (BSN), "
        "een rekeningnummer (IBAN) en de naam uit de aanhef. Gebruik --redact om die te vervangen door neutrale "
        "woorden, of maak de audio zonder --online.")


def test_guarded_text() -> None:
    assert guarded_text("Wij sturen u een brief.") == "Wij sturen u een brief."
    with pytest.raises(PrivacyError) as info:
        guarded_text("Uw BSN is 111222333.")
    assert str(info.value) == privacy_message(["bsn"])
    assert guarded_text("Uw BSN is 111222333.", redact_personal=True) == "Uw BSN is uw burgerservicenummer."
    assert personal_spans("") == [] and redact("") == ""
