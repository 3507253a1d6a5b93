"""Structural rewriting, fifth pass (issue 10): what letters to citizens share. "Naar aanleiding van uw brief,
die … door ons is ontvangen, hebben wij …" becomes two sentences with "wij" and the letter first; "is … door ons
ontvangen" is passive even when the parse calls "is" a plain auxiliary; "op naam van de aanvrager" → "op uw
naam" in a letter to "u"; "U wordt verzocht … door te geven" becomes active; and the traps: a relative clause in
the first phrase that is not about receiving a letter, a passive that shares its subject with "en is …",
"betalen" and "uitrusten" (done by the reader or someone else), a subject that names a body ("het plan van de
corporatie wordt uitgevoerd"). Every sentence here is made up; checked by hand."""

from __future__ import annotations

import pytest

import eenvoudig
from eenvoudig.rewriting import rewrite
from eenvoudig.rewriting import structure


def simplify(text: str, **kw):
    return rewrite(eenvoudig.analyze(eenvoudig.read_text(text)), **kw)


# Each row: original, the default rewrite, the kinds of the applied structural edits.
CHANGES = [
    # the stock opening with a relative clause about receiving the letter: the letter first, then the message
    ("Naar aanleiding van uw bezwaarschrift tegen de aanslag, dat op 9 mei door ons is ontvangen, hebben wij uw "
     "dossier opnieuw bekeken.",
     "Wij hebben uw bezwaarschrift tegen de aanslag op 9 mei ontvangen. Wij hebben uw dossier opnieuw bekeken.",
     {"split"}),
    # ... also with "welke" after two nouns joined by "en" (the parse hangs the clause on the last one)
    ("Naar aanleiding van uw verzoek om een extra container voor het papier en het glas, welke op 2 april door "
     "ons is ontvangen, hebben wij uw adres bekeken.",
     "Wij hebben uw verzoek om een extra container voor het papier en het glas op 2 april ontvangen. Wij hebben "
     "uw adres bekeken.", {"split"}),
    # ... and then a stock formula after it is dropped too
    ("Naar aanleiding van uw brief over de verhuizing van uw moeder, die op 4 juni door ons is ontvangen, laten "
     "wij u weten dat wij uw brief hebben doorgestuurd.",
     "Wij hebben uw brief over de verhuizing van uw moeder op 4 juni ontvangen. Wij hebben uw brief doorgestuurd.",
     {"split"}),
    # "is … door ons ontvangen": the participle looks like the infinitive and the parse calls "is" an auxiliary
    ("Uw brief over de verhuizing van uw moeder is op 4 juni door ons ontvangen.",
     "Wij hebben uw brief over de verhuizing van uw moeder op 4 juni ontvangen.", {"passive"}),
    # the reader as "u" after a preposition, in a letter that speaks to "u"
    ("Heeft u vragen? Bel ons. De pas wordt toegestuurd op naam van de aanvrager.",
     "Heeft u vragen? Bel ons. Wij sturen de pas toe op uw naam.", {"passive", "formula"}),
    ("Heeft u vragen? U kunt dan bellen. Het geld wordt overgemaakt op een rekening ten name van de aanvrager.",
     "Heeft u vragen? U kunt dan bellen. Wij maken het geld over op een rekening op uw naam.",
     {"passive", "formula"}),
    # a separable "door" ("door te geven") is no doer
    ("U wordt verzocht uw nieuwe adres binnen vijf dagen aan de afdeling Burgerzaken door te geven.",
     "Wij vragen u uw nieuwe adres binnen 5 dagen aan de afdeling Burgerzaken door te geven.",
     {"passive", "number"}),
    # the formula after a word swap ("mededelen" → "vertellen") still says nothing
    # (the lexicon makes "aanvraag … toegekend" "goedgekeurd"; the passive becomes "Wij hebben …" and takes the
    # dropped formula into its one edit)
    ("Wij vertellen u dat uw aanvraag voor een gehandicaptenparkeerkaart is toegekend.",
     "Wij hebben uw aanvraag voor een gehandicaptenparkeerkaart goedgekeurd.", {"passive"}),
    # "Er wordt van u verwacht dat": the sender expects it
    ("Er wordt van u verwacht dat u actief naar werk zoekt en dat u meewerkt aan een traject.",
     "Wij verwachten van u dat u actief naar werk zoekt en dat u meewerkt aan een traject.", {"formula"}),
    # a passive that shares its subject with "en is …": the second clause gets the subject back first
    ("De bijdrage wordt maandelijks verrekend met de uitkering en is afhankelijk van het inkomen van het hele "
     "huishouden.",
     "Wij verrekenen de bijdrage maandelijks met de uitkering. De bijdrage is afhankelijk van het inkomen van het "
     "hele huishouden.", {"passive", "split"}),
    # "is betaald" in a condition: the reader pays; the condition is split, nobody becomes "wij"
    ("Indien de rekening niet binnen vier weken is betaald, sturen wij u een herinnering met extra kosten.",
     "Is de rekening niet binnen 4 weken betaald? Dan sturen wij u een herinnering met extra kosten.",
     {"split"}),     # (the number is inside the split's words: one edit)
]

# Sentences that must come back without a structural edit, with why.
TRAPS = [
    # the relative clause in the first phrase is about the neighbour, not a letter we received: "Dit" after the
    # main clause would point at the wrong thing, and the neighbour is no letter
    "Naar aanleiding van het gesprek met uw buurman, die gisteren bij ons op het kantoor is geweest, hebben wij "
    "de klacht opnieuw bekeken.",
    # the main clause has no "wij": which subject would go first is unsure
    "Naar aanleiding van uw aanvraag om een uitkering, die op 8 maart door ons is ontvangen, heeft de consulent "
    "contact met u opgenomen.",
    # no "u" in the letter: "de aanvrager" may be someone else than the reader
    "De pas wordt op naam van de aanvrager gezet.",
    # the subject names a body ("van de corporatie"): that body may do it, so no "wij"
    "Het plan van de corporatie wordt in het voorjaar uitgevoerd.",
    # "volgende" taken for a verb: "De container volgende week wordt geleverd" would be no sentence
    "Wij delen u mee dat de container volgende week wordt geleverd.",
]

# Passives that `--unsafe` must not guess as "wij" either: someone else does it.
NOT_US = [
    "Het advies van de wijkraad wordt schriftelijk en op tijd uitgebracht.",
    "Als het bedrag niet op tijd wordt betaald, sturen wij een herinnering.",
    "De nieuwe keuken wordt uitgerust met een inductiekookplaat en een afzuigkap van de fabrikant.",
]


@pytest.mark.parametrize("text,expected,kinds", CHANGES)
def test_changes(text, expected, kinds):
    result = simplify(text)
    assert result.text == expected
    assert {e.kind for e in result.applied if e.kind != "word"} == kinds


@pytest.mark.parametrize("text,expected,kinds", CHANGES)
def test_second_rewrite_changes_nothing(text, expected, kinds):
    assert simplify(expected).text == expected


@pytest.mark.parametrize("text", TRAPS)
def test_traps_stay(text):
    result = simplify(text)
    assert [e for e in result.applied if e.kind != "word"] == []


@pytest.mark.parametrize("text", NOT_US)
def test_unsafe_does_not_guess_the_sender(text):
    result = simplify(text, unsafe=True)
    assert [e for e in result.applied if e.kind == "passive"] == []


def test_the_reader_formula_only_in_a_letter_to_u():
    text = "De pas wordt op naam van de aanvrager gezet. Heeft u vragen? Bel ons."
    assert "op uw naam" in simplify(text).text
    data = structure.load_data()
    reader = [f for f in data.formulas if f.replacement == "op uw naam"]
    assert sorted(" ".join(f.words) for f in reader) == [
        "op naam van aanvrager", "op naam van de aanvrager", "ten name van de aanvrager"]
    assert all(f.action == "vervang" and f.source for f in reader)


def test_betalen_is_never_the_sender():
    data = structure.load_data()
    assert "betalen" in data.never and "betalen" not in data.sender_verbs
    assert "uitrusten" in data.never
