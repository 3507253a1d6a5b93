"""The checks on the parse (issue 9): passives from the parse, with the word-list rule as the fast mode.

Two tables: hand-annotated sentences (the rule's logic, whatever the model says) and plain sentences
through the shipped model (the integration). Every row pins the exact (auxiliary, participle) pairs.
"""

from __future__ import annotations

import pytest

import eenvoudig
from eenvoudig.analysis import Sentence, Token, analyze
from eenvoudig.checks import _rule, passives
from eenvoudig.config import Config


def parsed(spec: str, zipf: float = 5.0) -> Sentence:
    """Build a parsed sentence from 'word/UPOS/dep/head[/Feat=Val|…]' items separated by spaces."""
    tokens, pos = [], 0
    for item in spec.split():
        word, upos, dep, head, *morph = item.split("/")
        tokens.append(Token(word, pos, pos + len(word), (word.lower(),), None, 1, zipf, True, "", False,
                            upos, "", morph[0] if morph else "", int(head), dep))
        pos += len(word) + 1
    text = " ".join(t.text for t in tokens)
    return Sentence(0, 0, len(text), text, "paragraph", tuple(tokens))


def pairs(sentence: Sentence) -> list[tuple[str, str]]:
    rule = _rule("stijl.lijdend", Config())
    return [(sentence.tokens[a].text, sentence.tokens[p].text) for a, p in passives(sentence, rule)]


PART = "VerbForm=Part"
FIN = "Number=Sing|Tense=Pres|VerbForm=Fin"

HAND = [
    # worden + participle: always passive
    ("Het/DET/det/1 geld/NOUN/nsubj:pass/4 wordt/AUX/aux:pass/4/" + FIN + " u/PRON/iobj/4 gegeven/VERB/ROOT/4/" + PART
     + " ./PUNCT/punct/4", [("wordt", "gegeven")]),
    # zijn + a strong participle the tagger read as an infinitive, with an agent
    ("Het/DET/det/1 is/AUX/aux:pass/5/" + FIN + " door/ADP/case/3 u/PRON/obl:agent/5 al/ADV/advmod/5 "
     "ontvangen/VERB/ROOT/5/VerbForm=Inf", [("is", "ontvangen")]),
    # zijn + participle of a verb with zijn: the perfect, not a passive
    ("Als/SCONJ/mark/2 u/PRON/nsubj/2 verhuisd/VERB/advcl/5/" + PART + " bent/AUX/aux/2/" + FIN
     + " ,/PUNCT/punct/2 meld/VERB/ROOT/5/" + FIN, []),
    # zijn before an infinitive
    ("Wij/PRON/nsubj/5 zijn/AUX/aux/5/" + FIN + " er/ADV/advmod/5 om/ADP/mark/5 te/ADP/mark/5 "
     "helpen/VERB/ROOT/5/VerbForm=Inf", []),
    # a state after zijn (copula, adjective)
    ("Het/DET/det/1 loket/NOUN/nsubj/3 is/AUX/cop/3/" + FIN + " gesloten/ADJ/ROOT/3/Degree=Pos", []),
    # a state participle tagged as a verb: in the toestand list
    ("Het/DET/det/1 loket/NOUN/nsubj:pass/3 is/AUX/aux:pass/3/" + FIN + " gesloten/VERB/ROOT/3/" + PART, []),
    # … but with an agent it is a passive again
    ("Het/DET/det/1 loket/NOUN/nsubj:pass/5 is/AUX/aux:pass/5/" + FIN + " door/ADP/case/4 ons/PRON/obl:agent/5 "
     "gesloten/VERB/ROOT/5/" + PART, [("is", "gesloten")]),
    # hebben with the participle: active
    ("Wij/PRON/nsubj/2 hebben/AUX/aux/2/" + FIN + " besloten/VERB/ROOT/2/" + PART, []),
    # a present participle after zijn
    ("Dit/PRON/nsubj/2 is/AUX/cop/2/" + FIN + " leidend/VERB/ROOT/2/VerbForm=Part|Tense=Pres", []),
    # an infinitive after the article: "is het ontwikkelen van"
    ("Het/DET/det/1 doel/NOUN/nsubj/4 is/AUX/aux/4/" + FIN + " het/DET/det/4 ontwikkelen/VERB/ROOT/4/VerbForm=Inf", []),
    # the participle read as a present tense (verstrekt): the parse links worden to it
    ("Er/ADV/advmod/3 werd/AUX/aux:pass/3/" + FIN + " informatie/NOUN/nsubj:pass/3 verstrekt/VERB/ROOT/3/" + FIN,
     [("werd", "verstrekt")]),
    # modal + worden + participle
    ("Dit/PRON/nsubj:pass/4 moet/AUX/aux/4/" + FIN + " snel/ADJ/advmod/4 worden/AUX/aux:pass/4/VerbForm=Inf "
     "betaald/VERB/ROOT/4/" + PART, [("worden", "betaald")]),
    # an infinitive with two finite verbs on it is no participle ("waaraan … wilde besteden")
    ("Dat/PRON/nsubj/5 waren/AUX/aux/5/Tense=Past|VerbForm=Fin wij/PRON/nsubj/5 die/PRON/obj/5 "
     "wilden/VERB/xcomp/5/Tense=Past|VerbForm=Fin besteden/VERB/ROOT/5/VerbForm=Inf", []),
]


@pytest.mark.parametrize("spec, expected", HAND, ids=[h[0].split()[1].split("/")[0] + str(i) for i, h in enumerate(HAND)])
def test_passive_from_a_hand_parse(spec: str, expected: list) -> None:
    assert pairs(parsed(spec)) == expected


# Plain sentences through the shipped model (the issue's own examples among them).
MODEL = [
    ("Uw aanvraag wordt door ons beoordeeld.", [("wordt", "beoordeeld")]),
    ("Het geld wordt aan u gegeven.", [("wordt", "gegeven")]),
    ("Het formulier is op 3 maart door u ontvangen.", [("is", "ontvangen")]),
    ("De aanvraag moet voor 1 mei worden ingediend.", [("worden", "ingediend")]),
    ("U wordt verzocht het formulier terug te sturen.", [("wordt", "verzocht")]),
    ("Het bedrag is op 3 maart aan u overgemaakt.", [("is", "overgemaakt")]),
    ("Uw aanvraag is goedgekeurd.", [("is", "goedgekeurd")]),
    ("Als u verhuisd bent, moet u dat melden.", []),
    ("Wij zijn er om u te helpen.", []),
    ("Het loket is gesloten.", []),
    ("Uw uitkering is per 1 mei gestopt.", []),
    ("U bent geboren in Utrecht.", []),
    ("Wij hebben besloten dat u geld krijgt.", []),
    ("Het is gebleken dat u niet thuis was.", []),
    ("U bent verplicht dit te melden.", []),
    ("De gemeente verstrekt een vergoeding.", []),
]


@pytest.mark.parametrize("sentence, expected", MODEL, ids=[m[0][:40] for m in MODEL])
def test_passive_from_the_model(sentence: str, expected: list) -> None:
    s = analyze(eenvoudig.read_text(sentence)).sentences[0]
    assert s.parsed
    assert pairs(s) == expected


# The fast mode has no parse: the word-list rule answers (and gets the examples right too).
@pytest.mark.parametrize("sentence, expected", [
    ("Uw aanvraag wordt door ons beoordeeld.", [("wordt", "beoordeeld")]),
    ("Als u verhuisd bent, moet u dat melden.", []),
    ("Wij zijn er om u te helpen.", []),
])
def test_passive_without_a_parse(sentence: str, expected: list) -> None:
    s = analyze(eenvoudig.read_text(sentence), "spacy-blank-nl").sentences[0]
    assert not s.parsed
    assert pairs(s) == expected


# Noun or verb from the parse: a verb entry matches only a word the parse calls a verb, where the word can
# be both (a form only a verb has, such as "toezendt", stays a verb whatever the tagger says).
@pytest.mark.parametrize("sentence, found", [
    ("Verzoek extra papieren", []),
    ("Wij verzoeken u te betalen.", [("verzoeken", "verzoeken")]),
    ("Het verzoek is binnen.", []),
    ("Wij vragen u of u het formulier toezendt.", [("toezenden", "toezendt")]),
])
def test_noun_or_verb_from_the_parse(sentence: str, found: list) -> None:
    from eenvoudig.lexicon import find_matches, load_lexicon

    lex = load_lexicon()
    s = analyze(eenvoudig.read_text(sentence)).sentences[0]
    got = [(m.entry.moeilijk, s.tokens[m.tokens[0]].text) for m in find_matches(lex, s.tokens) if m.entry.soort == "ww"]
    assert got == found


def test_clauses_from_a_hand_parse() -> None:
    from eenvoudig.checks import _parsed_clauses

    s = parsed("Als/SCONJ/mark/3 u/PRON/nsubj/3 niet/ADV/advmod/3 betaalt/VERB/advcl/6/" + FIN + " ,/PUNCT/punct/3 "
               "krijgt/VERB/ROOT/5/" + FIN + " u/PRON/nsubj/5 geen/DET/det/8 vergunning/NOUN/obj/5 ./PUNCT/punct/5")
    # the root's head points to itself: token 5 ("krijgt"); the comma hangs on the subordinate clause
    assert [[s.tokens[k].text for k in c] for c in _parsed_clauses(s)] == [
        ["Als", "u", "niet", "betaalt", ","], ["krijgt", "u", "geen", "vergunning", "."]]


@pytest.mark.parametrize("sentence, flagged", [
    ("Als u niet betaalt, krijgt u geen vergunning.", False),
    ("U krijgt geen vergunning en niet het geld.", True),
])
def test_negations_count_per_clause(sentence: str, flagged: bool) -> None:
    from eenvoudig.checks import check_text

    assert ("stijl.ontkenning" in {f.rule for f in check_text(sentence).findings}) is flagged


def test_a_nominalisation_is_a_noun_in_the_parse() -> None:
    from eenvoudig.checks import _nominalisations

    rule = _rule("stijl.naamwoord", Config())
    noun = parsed("De/DET/det/1 verstrekking/NOUN/nsubj/2 volgt/VERB/ROOT/2/" + FIN, zipf=2.0)
    verb = parsed("De/DET/det/1 verstrekking/VERB/nsubj/2 volgt/VERB/ROOT/2/" + FIN, zipf=2.0)
    assert _nominalisations(noun, rule, True) == [1]
    assert _nominalisations(verb, rule, True) == []
