"""Structural rewriting, third pass (issue 10): more sentence splits (two main clauses, a comma between two
main clauses, a relative clause after "een", causal and result clauses without a comma), more stock
formulas ("we" matches "wij", "Helaas" as the new start), and the cuts that must NOT be made."""

from __future__ import annotations

import re
from importlib import resources

import pytest

import eenvoudig
from eenvoudig.errors import DataError
from eenvoudig.rewriting import apply_edits, rewrite
from eenvoudig.rewriting import structure


def simplify(text: str, **kw):
    return rewrite(eenvoudig.analyze(eenvoudig.read_text(text)), **kw)


# Each row: original, the default rewrite, the kinds of the applied structural edits. Checked by hand.
SPLITS = [
    # two main clauses with "en", each with its own subject
    ("Wij hebben uw aanvraag voor bijzondere bijstand ontvangen en wij nemen binnen acht weken een besluit.",
     "Wij hebben uw aanvraag voor bijzondere bijstand ontvangen. Wij nemen binnen 8 weken een besluit.",
     {"split", "number"}),
    # the second clause starts with its verb after a shared first phrase: the phrase is repeated
    ("Met deze pas krijgt u korting bij de sportclub en betaalt u minder voor een abonnement op de bibliotheek.",
     "Met deze pas krijgt u korting bij de sportclub. Met deze pas betaalt u minder voor een abonnement op de "
     "bibliotheek.", {"split"}),
    # two main clauses with only a comma between them
    ("Uw uitkering stopt per 1 mei 2027, vanaf die datum ontvangt u loon van uw nieuwe werkgever.",
     "Uw uitkering stopt per 1 mei 2027. Vanaf die datum ontvangt u loon van uw nieuwe werkgever.", {"split"}),
    ("Dat hoeft geen probleem te zijn, mogelijk heeft u een ander identiteitsbewijs waarmee u zich kunt identificeren.",
     "Dat hoeft geen probleem te zijn. Mogelijk heeft u een ander identiteitsbewijs waarmee u zich kunt identificeren.",
     {"split"}),    # "te zijn" before the comma opens no subclause
    ("Uw aanvraag is compleet, u hoeft op dit moment dus niets meer naar ons op te sturen.",
     "Uw aanvraag is compleet. U hoeft op dit moment dus niets meer naar ons op te sturen.", {"split"}),
    # ", maar" with two main clauses
    ("U kunt het formulier op papier invullen, maar u kunt het ook online invullen via onze website.",
     "U kunt het formulier op papier invullen. Maar u kunt het ook online invullen via onze website.", {"split"}),
    # a relative clause without a comma after "een …" in a plain statement: "Dit"/"Deze", verb second
    ("Bij deze brief vindt u een formulier dat u voor [datum] kunt terugsturen naar de gemeente.",
     "Bij deze brief vindt u een formulier. Dit kunt u voor [datum] terugsturen naar de gemeente.", {"split"}),
    ("De binnenplaats is een gemeenschappelijke ruimte die toegankelijk is voor alle bewoners van het blok.",
     "De binnenplaats is een gemeenschappelijke ruimte. Deze is toegankelijk voor alle bewoners van het blok.",
     {"split"}),
    # "omdat" and "zodat" without a comma, on the main verb
    ("Wij stoppen uw uitkering per de eerste van de maand omdat u niet op de afspraak bent gekomen.",
     "Wij stoppen uw uitkering per de eerste van de maand. U bent namelijk niet op de afspraak gekomen.",
     {"split"}),
    ("U moet het formulier binnen twee weken terugsturen zodat wij uw aanvraag op tijd kunnen behandelen.",
     "U moet het formulier binnen 2 weken terugsturen. Zo kunnen wij uw aanvraag op tijd behandelen.",
     {"split", "number"}),
    # a condition that starts with its verb becomes a question ("Mocht u" first takes its plain form)
    ("Heeft u nog vragen over deze brief of over de regeling, neem dan contact op met het Stadsloket.",
     "Heeft u nog vragen over deze brief of over de regeling? Neem dan contact op met het Stadsloket.", {"split"}),
    ("Mocht u het niet eens zijn met dit besluit, dan kunt u binnen zes weken bezwaar maken bij de gemeente.",
     "Bent u het niet eens met dit besluit? Dan kunt u binnen 6 weken bezwaar maken bij de gemeente.",
     {"split", "number"}),
    # a condition without a comma: "heeft u" (finite verb + subject pronoun) starts the main clause
    ("Als u zelf komt stemmen heeft u hiervoor een stempas nodig en een geldig identiteitsbewijs.",
     "Komt u zelf stemmen? Dan heeft u hiervoor een stempas nodig en een geldig identiteitsbewijs.", {"split"}),
    ("Wanneer u verhuist naar een andere gemeente moet u dit binnen vijf dagen doorgeven aan ons.",
     "Verhuist u naar een andere gemeente? Dan moet u dit binnen 5 dagen doorgeven aan ons.", {"split", "number"}),
    # the separable part joins its infinitive again once the finite verb has moved ("mee kan doen")
    ("Het aanpassen van de maatschappij staat voorop in ons beleid, zodat iedereen in de stad mee kan doen.",
     "Het aanpassen van de maatschappij staat voorop in ons beleid. Zo kan iedereen in de stad meedoen.", {"split"}),
]

FORMULAS = [
    # "we" in the letter matches "wij" in the formula
    ("Hierbij delen we u mee dat uw aanvraag voor een parkeervergunning is toegekend.",
     "Wij hebben uw aanvraag voor een parkeervergunning goedgekeurd.", {"passive"}),
    # the word swaps made "mede" "vertellen" first; the formula still goes
    # ("is toegekend" → "is goedgekeurd" by the lexicon; "goedkeuren" then turns active with "wij", in one edit)
    ("Hierbij delen wij u mede dat uw aanvraag is toegekend.", "Wij hebben uw aanvraag goedgekeurd.", {"passive"}),
    # bad news: "Helaas" starts the message (then the passive becomes active: one edit, the biggest kind)
    ("Wij moeten u helaas mededelen dat uw aanvraag voor een parkeervergunning is afgewezen.",
     "Helaas hebben wij uw aanvraag voor een parkeervergunning afgewezen.", {"passive"}),
    ("Hierbij nodigen wij u uit voor een gesprek over uw situatie op het stadsloket.",
     "Wij nodigen u uit voor een gesprek over uw situatie op het stadsloket.", {"formula"}),
]

# Passives without a named doer whose verb is on the sender's list (lijdend.werkwoorden) become "wij".
PASSIVES = [
    ("Er wordt daarna samengewerkt met bewoners aan een plan voor de buurt.",
     "Wij werken daarna samen met bewoners aan een plan voor de buurt.", {"passive"}),
    ("Voor het park is een aparte visie opgesteld.", "Voor het park hebben wij een aparte visie opgesteld.",
     {"passive"}),
    ("Het afval wordt op maandag opgehaald.", "Wij halen het afval op maandag op.", {"passive"}),
    ("Er zijn 24 inloopspreekuren georganiseerd.", "Wij hebben 24 inloopspreekuren georganiseerd.", {"passive"}),
]

# Sentences no split may touch (the cut would be inside a subclause, the subject is shared by an auxiliary,
# the relative clause is part of what is needed, or a definite noun's relative clause says which one).
UNCHANGED = [
    "Het is belangrijk dat iedereen mee kan doen, zichzelf kan zijn, en niemand zich buitengesloten voelt.",
    "De raad toetst of de gemeente de kwaliteit van zorg, de diensten, de rechten en belangen respecteert.",
    "U heeft een identiteitsbewijs nodig dat nog geldig is op de dag van de verkiezingen in maart.",
    "Wij hebben het besluit dat u in maart van ons heeft gekregen nog eens goed voor u bekeken.",
    "U kunt ons bellen als u vragen heeft over de regeling, of als u hulp nodig heeft bij het invullen.",
    # a condition with a relative clause inside and no comma: where it ends is not clear on the surface
    "Als u een brief krijgt die u niet begrijpt kunt u ons altijd bellen voor uitleg over de brief.",
]


@pytest.mark.parametrize(("before", "after", "kinds"), SPLITS + FORMULAS + PASSIVES)
def test_structural_rewrite_third_pass(before: str, after: str, kinds: set[str]) -> None:
    result = simplify(before)
    assert result.text == after
    assert {e.kind for e in result.applied} - {"word"} == kinds
    assert all(e.safe for e in result.applied)


@pytest.mark.parametrize("text", UNCHANGED)
def test_no_split_where_it_would_break_the_sentence(text: str) -> None:
    result = simplify(text, unsafe=True)
    assert not [e for e in result.applied if e.kind == "split"], result.text
    assert not [e for e in result.suggested if e.kind == "split"]


def test_a_cut_that_fails_the_check_is_not_a_suggestion() -> None:
    # "… en in dat segment worden verhuurd" shares its subject through "zullen": no cut, none suggested
    text = "Deze woningen zullen voortdurend op basis van de doelstellingen van de coöperatie en in dat segment worden verhuurd."
    result = simplify(text, unsafe=True)
    assert "split" not in {e.kind for e in result.edits}


def test_rewrite_of_the_rewrite_changes_nothing() -> None:
    for before, _, _ in SPLITS + FORMULAS + PASSIVES:
        once = simplify(before)
        assert simplify(once.text).text == once.text


def test_edits_change_only_their_spans_and_keep_placeholders() -> None:
    text = " ".join(before for before, _, _ in SPLITS)
    result = simplify(text)
    assert apply_edits(text, result.applied) == result.text
    for e in result.edits:
        assert text[e.start:e.end] == e.before
    assert result.text.count("[datum]") == 1 and result.text.count("1 mei 2027") == 1
    # every new sentence has a finite verb
    again = eenvoudig.analyze(eenvoudig.read_text(result.text))
    for s in again.sentences:
        assert any(t.feature("VerbForm") == "Fin" for t in s.tokens), s.text


def test_more_formulas_and_begin_is_validated() -> None:
    data = structure.load_data()
    begins = {f.words: f.begin for f in data.formulas if f.begin}
    assert begins[("wij", "moeten", "u", "helaas", "meedelen", "dat")] == "Helaas"
    assert len(data.formulas) == 91 and all(f.source for f in data.formulas)
    shipped = (resources.files("eenvoudig") / "lexicon" / "structuur.toml").read_text("utf-8")
    broken = re.sub(r'actie = "weg"\nbegin = "Helaas"', 'actie = "vervang"\ndoor = "x"\nbegin = "Helaas"', shipped, count=1)
    assert broken != shipped
    with pytest.raises(DataError, match="'begin' is één woord"):
        structure.validate(broken, "structuur.toml")
    two_words = shipped.replace('begin = "Helaas"', 'begin = "Helaas maar"', 1)
    with pytest.raises(DataError, match="'begin' is één woord"):
        structure.validate(two_words, "structuur.toml")
