"""Word swaps that `--unsafe` would get wrong are made right or left as a suggestion (issue 10).

Each row: a sentence written for this test, and the text after `rewrite(unsafe=True)` with the structural
edits switched off, so only the planning of the word swap is tested. Checked by hand.

Many rows use entries that are now suggestion only (`veilig = nooit`: never applied, see test_lexicon.py).
These tests are about how a swap is planned, not about which entries may be applied, so they rewrite with
the shipped lexicon in which `nooit` counts as `nee` (`PLANNING`).
"""

from __future__ import annotations

import pytest

import eenvoudig
from eenvoudig.rewriting import Edit, _without_overlaps, rewrite

WORDS_ONLY = eenvoudig.Config(rules=(("structuur", False),))


def _planning_lexicon():
    """The shipped lexicon with every `veilig = nooit` entry treated as `nee` (applied with --unsafe), plus three
    entries the shipped lexicon dropped as plain words (their forms are still shipped), kept here as test cases."""
    from dataclasses import replace

    from eenvoudig.lexicon import Entry, Lexicon, _index, load_lexicon

    lex = load_lexicon()
    entries = {k: replace(e, suggest_only=False) for k, e in lex.entries.items()}
    for word, alternatives, soort in (("uitvoering", ("het uitvoeren",), "zn"), ("tijdstip", ("moment",), "zn"),
                                      ("gezamenlijk", ("samen", "gemeenschappelijk"), "bn")):
        entries[word] = Entry(word, alternatives, soort, "formeel", False, "", "test")
    out = Lexicon(entries, lex.verbs, lex.nouns, lex.adjectives)
    _index(out)
    return out


PLANNING = _planning_lexicon()


def unsafe(text: str):
    return rewrite(eenvoudig.analyze(eenvoudig.read_text(text)), WORDS_ONLY, unsafe=True, lexicon=PLANNING)


FIXED = [
    # the determiner agrees with the new noun, whatever stood there ("dit bekendmaking" is a typo in the source)
    ("Deze bekendmaking is belangrijk.", "Dit bericht is belangrijk."),
    ("Dit bekendmaking is belangrijk.", "Dit bericht is belangrijk."),
    ("Het beleid in het verstreken tijdvak was goed.", "Het beleid in de afgelopen periode was goed."),
    # an alternative with its own article takes the place of a bare de/het
    ("Voor de uitvoering zijn wij verantwoordelijk.", "Voor het uitvoeren zijn wij verantwoordelijk."),
    # a verb as a noun is a het-word
    ("Wij willen de participatie vergroten.", "Wij willen het meedoen vergroten."),
    # a modal takes no "te"; a separable verb joins again
    ("Wij beogen de wijk te verbeteren.", "Wij willen de wijk verbeteren."),
    ("Wij beogen de vergunning op tijd aan te vragen.", "Wij willen de vergunning op tijd aanvragen."),
    # a coordinator opens its clause, without the comma after "echter"
    ("Echter, u moet wel op tijd betalen.", "Maar u moet wel op tijd betalen."),
    # a separable expression keeps all its parts, or loses them together
    ("De rechter schorst het besluit niet.", "De rechter zet het besluit niet tijdelijk stop."),
    ("Het gesprek vindt na de zomer plaats.", "Het gesprek is na de zomer."),
    # the separable part goes before an object clause, and before the verb at the end of a subclause
    ("De instelling motiveert waarom de regel nodig is.", "De instelling legt uit waarom de regel nodig is."),
    ("Dit is de manier waarop de raad de wensen inventariseert en bespreekt.",
     "Dit is de manier waarop de raad de wensen op een rij zet en bespreekt."),
    ("De raad inventariseert de wensen.", "De raad zet de wensen op een rij."),
    # an adjective before a noun is never an adverb ("als samen doel"): the next alternative that fits
    ("Wij hebben als gezamenlijk doel dat iedereen meedoet.", "Wij hebben als gemeenschappelijk doel dat iedereen meedoet."),
    # after a modal "zijn" means "maybe is": the next alternative that fits is taken
    ("De controle moet in mei plaatsvinden.", "De controle moet in mei gebeuren."),
    ("Sommige woningen beschikken over een terras.", "Sommige woningen hebben een terras."),
    ("Elk jaar inventariseert de raad de wensen en meningen van de bewoners.",
     "Elk jaar zet de raad de wensen en meningen van de bewoners op een rij."),
    # adjectives without a definite article would change with the gender: the next alternative that fits
    ("Dit is een integrale en stadsbrede inventarisatie van de locaties.",
     "Dit is een integrale en stadsbrede lijst van de locaties."),
    # "laten staan" is a participle after hebben
    ("Hij heeft de regel gehandhaafd.", "Hij heeft de regel laten staan."),
]


@pytest.mark.parametrize(("before", "after"), FIXED)
def test_unsafe_swap_made_right(before, after):
    assert unsafe(before).text == after


# Each row: the sentence, what a swap that cannot be made right would have written, the text after
# `rewrite(unsafe=True)` and the swaps left as suggestions. Where another alternative fits, it is taken
# ("beoogt" → "bedoelen", "een nieuwe brief"); the meaning of those is the lexicon's business.
REFUSED = [
    ("Dit is een lagere financiële participatie.", "financiële meedoen",
     "Dit is een lagere financiële participatie.", [("participatie", "meedoen")]),
    ("Het gebouw bevindt zich naast het park.", "is zich", "Het gebouw bevindt zich naast het park.",
     [("bevindt", "is")]),
    # after a comma "echter" cannot move to the front of its sentence (the first clause is another one)
    ("U kunt bellen, u moet echter wel op tijd betalen.", "moet maar wel",
     "U kunt bellen, u moet echter wel op tijd betalen.", [("echter", "maar")]),
    # the verb cannot go last past a relative clause ("Dan kunt u de regeling gebruiken." is made: test_lexicon6)
    ("Dan kunt u gebruik maken van de regeling, die gratis is.", "gebruiken de",
     "Dan kunt u gebruik maken van de regeling, die gratis is.", [("gebruik maken van", "gebruiken")]),
    ("Wij beogen de wijk te verbeteren en de straat te vernieuwen.", "willen de wijk te",
     "Wij bedoelen de wijk te verbeteren en de straat te vernieuwen.", []),
    ("De vijver wordt gehandhaafd.", "wordt laten staan", "De vijver wordt gecontroleerd.", []),
    ("Dit is een nieuwe beschikking.", "een nieuwe besluit", "Dit is een nieuwe brief.", []),
    ("Echter heeft dit gevolgen voor u.", "Maar heeft dit", "Echter heeft dit gevolgen voor u.",
     [("Echter", "maar")]),
    ("Het staat in de regeling, als die zijn opgenomen in het verslag.", "zijn sta",
     "Het staat in de regeling, als die zijn opgenomen in het verslag.", [("opgenomen in", "staat in")]),
    ("Wij vragen het op een zodanig tijdstip dat u tijd heeft.", "een zo ",
     "Wij vragen het op een zodanig moment dat u tijd heeft.", [("zodanig", "zo")]),
    ("Wij maken plannen met betrekking tot de ondersteuner over de kosten.", "over de ondersteuner over",
     "Wij maken plannen voor de ondersteuner over de kosten.", []),
    ("Cliënten die gebruik maken van de diensten zijn tevreden.", "die gebruiken de",
     "Cliënten die gebruik maken van de diensten zijn tevreden.", [("gebruik maken van", "gebruiken")]),
    ("Het gaat om zorg- en dienstverlening.", "zorg- en hulp", "Het gaat om zorg- en dienstverlening.",
     [("dienstverlening", "hulp")]),
    # the noun (the parse says NOUN): its alternative is a phrase, refused after "De"; the participle's
    # alternative ("toestemming gegeven", another sense) is not offered
    ("De gemachtigde moet tekenen.", "toestemming gegeven", "De gemachtigde moet tekenen.",
     [("gemachtigde", "iemand die dingen voor u regelt")]),
    ("Iedereen kan een zienswijze indienen.", "wat u ervan vindt", "Iedereen kan een zienswijze indienen.",
     [("een zienswijze indienen", "laten weten wat u ervan vindt")]),
]


@pytest.mark.parametrize(("text", "wrong", "after", "suggested"), REFUSED)
def test_unsafe_swap_that_cannot_be_made_right_is_not_made(text, wrong, after, suggested):
    result = unsafe(text)
    assert wrong not in result.text
    assert result.text == after
    assert [(e.before, e.after) for e in result.edits if not e.applied] == suggested


def test_a_pronoun_like_alternative_is_refused_after_a_determiner():
    from dataclasses import replace

    from eenvoudig.lexicon import find_matches, load_lexicon
    from eenvoudig.rewriting import plan_match

    lex = load_lexicon()
    s = eenvoudig.analyze(eenvoudig.read_text("De bewindvoerder regelt uw geld.")).sentences[0]
    match = next(m for m in find_matches(lex, s.tokens) if m.entry.moeilijk == "bewindvoerder")
    match = replace(match, entry=replace(match.entry, eenvoudig=("iemand die dingen voor u regelt",)))
    plan = plan_match(lex, match, s)
    assert (plan.ok, [c.after for c in plan.changes]) == (False, ["iemand die dingen voor u regelt"])


def _e(start: int, end: int, after: str) -> Edit:
    return Edit(start, end, "x" * (end - start), after, "lexicon.test", False)


def test_the_edits_of_one_swap_are_kept_together_or_dropped_together():
    other = _e(0, 10, "iets")
    swap = [_e(8, 9, "bericht"), _e(20, 25, "Dit")]   # its first part overlaps `other`, which comes first
    kept = _without_overlaps([other], [swap])
    assert kept == [other]
    alone = _without_overlaps([], [swap])
    assert alone == swap


def test_an_explanation_never_breaks_a_noun_phrase():
    text = "Dit is een integrale en stadsbrede aanpak."
    result = unsafe(text)
    assert (result.text, result.edits) == (text, ())


def test_an_explanation_never_stands_between_a_term_and_its_name():
    text = "In 2007 is het bestemmingsplan ‘De Nieuwe Wijk’ vastgesteld."
    result = unsafe(text)
    assert (result.text, result.edits) == (text, ())
    assert "bestemmingsplan (dat betekent" in unsafe("In 2007 is het bestemmingsplan vastgesteld.").text
