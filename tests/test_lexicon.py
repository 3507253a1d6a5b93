"""The lexicon: the shipped data validates, and example tables of what it must and must not flag.

Every sentence here is written for this file (none comes from the development pairs). Each row pins the
entry that must fire (or that nothing fires), and for safe entries the exact sentence after the default
rewrite.
"""

from __future__ import annotations

import pytest

import eenvoudig
from eenvoudig.lexicon import find_matches, load_lexicon, shipped_files, validate_files
from eenvoudig.rewriting import rewrite


def matches(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Return (entry, matched words) for every lexicon match in a one-sentence text."""
    lex = load_lexicon()
    (sentence,) = eenvoudig.analyze(eenvoudig.read_text(text)).sentences
    return [(m.entry.moeilijk, tuple(sentence.tokens[i].text for i in m.tokens)) for m in find_matches(lex, sentence.tokens)]


def entries(text: str) -> set[str]:
    return {e for e, _ in matches(text)}


def simplify(text: str, **kw) -> str:
    return rewrite(eenvoudig.analyze(eenvoudig.read_text(text)), **kw).text


def test_shipped_lexicon_validates() -> None:
    assert validate_files(shipped_files()) == []


# ------------------------------------------------------------------------------- matching fixes


@pytest.mark.parametrize("text", ["U kunt ons middels de telefoon bereiken.", "U kunt het middels de post sturen.",
                                  "Wij sturen het middels een brief."])
def test_preposition_after_a_pronoun_is_found(text: str) -> None:
    assert ("middels", ("middels",)) in matches(text)


def test_preposition_used_as_adjective_is_not_the_preposition() -> None:
    assert "betreffende" not in entries("De betreffende goederen zijn weg.")


@pytest.mark.parametrize("text", ["Op verzoek van de huurder helpen wij.", "Na overleg met uw consulent besluiten wij.",
                                  "Verzoek om bijzondere bijstand"])
def test_an_ik_form_that_is_a_noun_is_not_the_verb(text: str) -> None:
    assert not {"verzoeken", "overleggen"} & entries(text)


@pytest.mark.parametrize(("text", "entry"), [("Ik verzoek u het formulier te sturen.", "verzoeken"),
                                             ("Retourneer het formulier voor 1 mei.", "retourneren"),
                                             ("Als u klaar bent, retourneer dan het formulier.", "retourneren")])
def test_an_ik_form_with_ik_or_as_an_order_is_the_verb(text: str, entry: str) -> None:
    assert entry in entries(text)


def test_expression_verb_in_a_relative_clause_is_not_part_of_the_expression() -> None:
    text = "De bijstand is aangewend voor het doel waarvoor deze is verleend."
    assert "bijstand verlenen" not in entries(text)
    assert ("bijstand verlenen", ("bijstand", "verleend")) in matches("Wij hebben u bijstand verleend.")


def test_capital_initials_are_not_a_lower_case_abbreviation() -> None:
    assert not entries("Dit is drs. P.J. van den Berg.")
    assert ("p.j.", ("p.j.",)) in matches("U betaalt 100 euro p.j. aan ons.")


@pytest.mark.parametrize(("text", "after"), [
    ("In de bijlage treft u uw nieuwe pas aan.", "In de bijlage treft u uw nieuwe pas aan."),  # the expression: a suggestion
    ("Wij zetten uw uitkering stop.", "Wij stoppen uw uitkering."),                          # present, not "stopten"
    ("Wij delen u mede dat uw aanvraag is goedgekeurd.", "Wij vertellen u dat uw aanvraag is goedgekeurd."),
])
def test_separable_verbs_in_main_clauses(text: str, after: str) -> None:
    assert simplify(text) == after


@pytest.mark.parametrize("text", ["Wij treffen elkaar aan de balie.", "Wij zetten een stop op de betaling.",
                                  "Wij maken het bedrag over de maand mei bekend."])
def test_a_preposition_or_noun_is_not_the_separable_part(text: str) -> None:
    assert not {"aantreffen", "stopzetten", "het bedrag overmaken"} & entries(text)


def test_expression_with_a_separable_verb_needs_its_part() -> None:
    assert "het bedrag overmaken" in entries("Wij maken het bedrag over op uw rekening.")
    assert "het bedrag overmaken" not in entries("Wij maken het bedrag bekend.")


@pytest.mark.parametrize("text", ["Alle bedragen zijn betaald.", "Wij voeren twee verzoeken uit."])
def test_a_counted_plural_noun_is_not_the_verb(text: str) -> None:
    assert not {"bedragen", "verzoeken"} & entries(text)


def test_lower_case_abbreviation_without_dots_matches_in_capitals() -> None:
    assert "ggz" in entries("U krijgt hulp van de GGZ.")
