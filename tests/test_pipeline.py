"""The trained Dutch pipeline: it ships in the wheel, loads lazily, annotates our sentences, and its recipe runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from eenvoudig.errors import DataError

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "data" / "tiny-nl.conllu"
MODEL_DIR = ROOT / "src" / "eenvoudig" / "analysis" / "nl_pipeline"


def _tokens(sentence: str) -> tuple[list[str], list[bool]]:
    """Split a test sentence into words and spaces (a full stop or question mark is its own token)."""
    words: list[str] = []
    spaces: list[bool] = []
    for chunk in sentence.split(" "):
        if chunk[-1:] in ".?,":
            words += [chunk[:-1], chunk[-1]]
            spaces += [False, True]
        else:
            words.append(chunk)
            spaces.append(True)
    spaces[-1] = False
    return words, spaces


@pytest.fixture(scope="module")
def parse():
    from eenvoudig.analysis.pipeline import annotate

    def run(sentence: str):
        return next(iter(annotate([_tokens(sentence)])))

    return run


def _find(doc, text: str):
    return next(t for t in doc if t.text == text)


# ------------------------------------------------------------------------------------------- examples

# Our own sentences with what the shipped model must get right: passive or not (from the parse), noun or
# verb, tense and verb form (morphology), separable verbs (compound:prt and the joined lemma). A few of them
# (the issue's own examples) are also in training/silver/brieven.txt, which teaches tags and lemmas only,
# never the parse; none is in the hand-annotated training sentences.
PASSIVE = [
    ("Uw aanvraag wordt door ons beoordeeld.", {"wordt": "aux:pass", "aanvraag": "nsubj:pass", "ons": "obl:agent"}),
    ("Uw aanvraag is goedgekeurd door de gemeente.",
     {"is": "aux:pass", "aanvraag": "nsubj:pass", "gemeente": "obl:agent"}),
    ("Het besluit is genomen door het college.", {"is": "aux:pass", "besluit": "nsubj:pass", "college": "obl:agent"}),
    ("De kosten worden elke maand betaald.", {"worden": "aux:pass", "kosten": "nsubj:pass"}),
    ("Uw huishoudelijke hulp wordt voortgezet.", {"wordt": "aux:pass"}),
]
NOT_PASSIVE = [
    "U bent verhuisd.",
    "Wij zijn er om u te helpen.",
    "Als u verhuisd bent, moet u dat doorgeven.",
    "De gemeente betaalt de kosten.",
    "Uw inkomen is hoger geworden.",
]


@pytest.mark.parametrize("sentence, deps", PASSIVE)
def test_passive_is_in_the_parse(parse, sentence, deps):
    doc = parse(sentence)
    assert {word: _find(doc, word).dep_ for word in deps} == deps
    assert all(_find(doc, w).head.pos_ == "VERB" for w in deps)


@pytest.mark.parametrize("sentence", NOT_PASSIVE)
def test_no_passive_where_there_is_none(parse, sentence):
    doc = parse(sentence)
    assert [t.text for t in doc if t.dep_ in ("aux:pass", "nsubj:pass", "obl:agent")] == []


@pytest.mark.parametrize("sentence, word, pos, lemma", [
    pytest.param("Verzoek om extra papieren", "Verzoek", "NOUN", "verzoek",
                 marks=pytest.mark.xfail(strict=True, reason="known error: a heading that starts with a word that "
                                                            "can be a verb is read as an imperative (the Frog "
                                                            "silver data teaches it; see training/README.md)")),
    ("Aanvraag om extra papieren", "Aanvraag", "NOUN", "aanvraag"),
    ("Wij verzoeken u het formulier terug te sturen.", "verzoeken", "VERB", "verzoeken"),
    ("Uw aanvraag is binnen.", "aanvraag", "NOUN", "aanvraag"),
    ("U kunt kwijtschelding aanvragen.", "aanvragen", "VERB", "aanvragen"),
    ("Het besluit is genomen door het college.", "besluit", "NOUN", "besluit"),
    pytest.param("Het college besluit vandaag.", "besluit", "VERB", "besluiten",
                 marks=pytest.mark.xfail(strict=True, reason="known error of the model trained with the letters: "
                                                            "'besluit' after a subject read as the noun")),
])
def test_noun_or_verb(parse, sentence, word, pos, lemma):
    token = _find(parse(sentence), word)
    assert (token.pos_, token.lemma_) == (pos, lemma)


@pytest.mark.parametrize("sentence, word, morph", [
    ("De gemeente verstrekt een vergoeding.", "verstrekt", "Number=Sing|Tense=Pres|VerbForm=Fin"),
    ("Wij verstrekten een vergoeding.", "verstrekten", "Number=Plur|Tense=Past|VerbForm=Fin"),
    ("De gemeente verstrekte een vergoeding.", "verstrekte", "Number=Sing|Tense=Past|VerbForm=Fin"),
    ("Wij hebben uw aanvraag ontvangen.", "ontvangen", "VerbForm=Part"),
    ("De vergoeding is door u ontvangen.", "ontvangen", "VerbForm=Part"),
    ("Wij hebben uw aanvraag beoordeeld.", "beoordeeld", "VerbForm=Part"),
    ("U kunt bezwaar maken.", "maken", "VerbForm=Inf"),
])
def test_tense_and_verb_form(parse, sentence, word, morph):
    assert str(_find(parse(sentence), word).morph) == morph


# Example tables on short letter sentences that are in none of the training files (checked by
# `test_example_sentences_are_not_training_data`): exact dependency labels, part of speech and morphology.
LETTER_PASSIVE = [
    ("De toeslag wordt door de gemeente betaald.",
     {"wordt": "aux:pass", "toeslag": "nsubj:pass", "gemeente": "obl:agent"}),
    ("Uw bezwaar is door de commissie behandeld.",
     {"is": "aux:pass", "bezwaar": "nsubj:pass", "commissie": "obl:agent"}),
    ("De rekening is door u betaald.", {"is": "aux:pass", "rekening": "nsubj:pass", "u": "obl:agent"}),
    ("Het formulier moet door u worden ondertekend.",
     {"moet": "aux", "worden": "aux:pass", "formulier": "nsubj:pass", "u": "obl:agent"}),
    ("Uw uitkering wordt stopgezet.", {"wordt": "aux:pass", "uitkering": "nsubj:pass"}),
    ("De vergoeding wordt elk jaar aangepast.", {"wordt": "aux:pass", "vergoeding": "nsubj:pass"}),
    ("Uw pas wordt binnen twee weken opgestuurd.", {"wordt": "aux:pass", "pas": "nsubj:pass"}),
]
LETTER_NOT_PASSIVE = [
    "U bent op tijd.",
    "Wij zijn blij met uw snelle antwoord.",
    "U bent gisteren naar het loket gegaan.",
    "Uw zoon is achttien jaar geworden.",
    "De gemeente betaalt de huur niet.",
    "Heeft u de brief gelezen?",
]
LETTER_NOUN_OR_VERB = [
    ("Besluit over uw verzoek om een traplift", "Besluit", "NOUN", "besluit"),
    # the tagger says NOUN here; mark_open_words: right after a subject pronoun that opens the sentence
    ("Wij besluiten vandaag over uw aanvraag.", "besluiten", "VERB", "besluiten"),
    ("Melding van een verhuizing", "Melding", "NOUN", "melding"),
    ("Meld uw verhuizing binnen vijf dagen.", "Meld", "VERB", "melden"),
    # the tagger says PROPN here; mark_open_words: a capitalised first word the dictionary knows as a verb
    ("Betaal de rekening voor 1 maart.", "Betaal", "VERB", "betalen"),
    ("Uw verzoek is ontvangen.", "verzoek", "NOUN", "verzoek"),
    ("Wij verzoeken u de rekening te betalen.", "verzoeken", "VERB", "verzoeken"),
    ("U werkt drie dagen per week.", "werkt", "VERB", "werken"),
    ("Uw werk is belangrijk.", "werk", "NOUN", "werk"),
]
LETTER_VERB_FORMS = [
    ("Wij hebben uw formulier ontvangen.", "ontvangen", "VerbForm=Part"),
    ("Uw brief is door ons ontvangen.", "ontvangen", "VerbForm=Part"),
    ("U kunt het geld volgende week ontvangen.", "ontvangen", "VerbForm=Inf"),
    ("Wij verstrekten u een voorschot.", "verstrekten", "Number=Plur|Tense=Past|VerbForm=Fin"),
    ("De gemeente betaalde de kosten.", "betaalde", "Number=Sing|Tense=Past|VerbForm=Fin"),
    ("U betaalt de kosten zelf.", "betaalt", "Number=Sing|Tense=Pres|VerbForm=Fin"),
    ("Wij betalen de kosten.", "betalen", "Number=Plur|Tense=Pres|VerbForm=Fin"),
    ("U heeft de kosten betaald.", "betaald", "VerbForm=Part"),
    ("Bent u vorige maand verhuisd?", "Bent", "Number=Sing|Tense=Pres|VerbForm=Fin"),
    ("Bent u vorige maand verhuisd?", "verhuisd", "VerbForm=Part"),
]


def test_example_sentences_are_not_training_data():
    def norm(text: str) -> str:
        return "".join(ch for ch in text.lower() if ch.isalnum())

    seen = set()
    for path in [ROOT / "training" / "data" / "brieven-train.conllu", ROOT / "training" / "hand" /
                 "brieven-hand.conllu", ROOT / "training" / "silver" / "brieven.conllu", TINY]:
        seen |= {norm(line.split("=", 1)[1]) for line in path.read_text(encoding="utf-8").splitlines()
                 if line.startswith("# text =")}
    def first(row):  # a plain tuple or a pytest.param
        return getattr(row, "values", row)[0]

    examples = ([s for s, _ in LETTER_PASSIVE] + LETTER_NOT_PASSIVE + [first(r) for r in LETTER_NOUN_OR_VERB]
                + [first(r) for r in LETTER_VERB_FORMS])
    assert len(seen) > 500 and [s for s in examples if norm(s) in seen] == []


@pytest.mark.parametrize("sentence, deps", LETTER_PASSIVE)
def test_letter_passive_table(parse, sentence, deps):
    doc = parse(sentence)
    assert {word: _find(doc, word).dep_ for word in deps} == deps


@pytest.mark.parametrize("sentence", LETTER_NOT_PASSIVE)
def test_letter_not_passive_table(parse, sentence):
    doc = parse(sentence)
    assert [t.text for t in doc if t.dep_ in ("aux:pass", "nsubj:pass", "obl:agent")] == []


@pytest.mark.parametrize("sentence, word, pos, lemma", LETTER_NOUN_OR_VERB)
def test_letter_noun_or_verb_table(parse, sentence, word, pos, lemma):
    token = _find(parse(sentence), word)
    assert (token.pos_, token.lemma_) == (pos, lemma)


@pytest.mark.parametrize("sentence, word, morph", LETTER_VERB_FORMS)
def test_letter_verb_form_table(parse, sentence, word, morph):
    assert str(_find(parse(sentence), word).morph) == morph


def _doc(rows):
    """A Doc from (word, tag, pos, morph, lemma, head index, dep) rows, as the parser would leave it."""
    import spacy
    from spacy.tokens import Doc

    words, tags, pos, morphs, lemmas, heads, deps = zip(*rows)
    return Doc(spacy.blank("nl").vocab, words=list(words), tags=list(tags), pos=list(pos), morphs=list(morphs),
               lemmas=list(lemmas), heads=list(heads), deps=list(deps))


FIN_PLUR = "Number=Plur|Tense=Pres|VerbForm=Fin"
INF = ("WW|inf|vrij|zonder", "VERB", "VerbForm=Inf")
PART = ("WW|vd|vrij|zonder", "VERB", "VerbForm=Part")


@pytest.mark.parametrize("aux, te, expected", [
    ("hebben", False, PART),      # wij hebben … ontvangen
    ("worden", False, PART),      # … wordt ontvangen
    ("kunnen", False, INF),       # wij kunnen … ontvangen
    ("kunnen", True, INF),
    (None, True, INF),            # om … te ontvangen
])
@pytest.mark.parametrize("predicted", [INF, PART])
def test_participle_or_infinitive_follows_the_auxiliaries(aux, te, expected, predicted):
    from eenvoudig.analysis.pipeline import mark_participles

    rows = [("wij", "VNW|pers|pron|nomin|vol|1|mv", "PRON", "", "wij", 3, "nsubj"),
            (aux or "x", "WW|pv|tgw|mv", "AUX", FIN_PLUR, aux or "x", 3, "aux" if aux else "advmod"),
            ("te" if te else "y", "VZ|init", "ADP", "", "te", 3, "mark" if te else "advmod"),
            ("ontvangen", *predicted, "ontvangen", 3, "ROOT")]
    token = mark_participles(_doc(rows))[3]
    assert (token.tag_, token.pos_, str(token.morph)) == expected


def test_participle_rule_leaves_other_verbs_and_mixed_auxiliaries_alone():
    from eenvoudig.analysis.pipeline import mark_participles

    ipp = [("heeft", "WW|pv|tgw|met-t", "AUX", "", "hebben", 2, "aux"),
           ("kunnen", *INF, "kunnen", 2, "aux"),
           ("ontvangen", *INF, "ontvangen", 2, "ROOT")]   # heeft … kunnen ontvangen: an infinitive
    assert str(mark_participles(_doc(ipp))[2].morph) == "VerbForm=Inf"
    laten = [("hebben", "WW|pv|tgw|mv", "AUX", "", "hebben", 1, "aux"),
             ("laten", *INF, "laten", 1, "ROOT")]          # wij hebben u laten weten: no unstressed prefix
    assert str(mark_participles(_doc(laten))[1].morph) == "VerbForm=Inf"


@pytest.mark.parametrize("form, lemma, expected", [
    ("verstrekten", "verstrekken", "Number=Plur|Tense=Past|VerbForm=Fin"),
    ("vonden", "vinden", "Number=Plur|Tense=Past|VerbForm=Fin"),
    ("melden", "melden", FIN_PLUR),       # the present plural is the infinitive
    ("worden", "worden", FIN_PLUR),
    ("betalen", "betalen", FIN_PLUR),
])
def test_past_plural_from_the_lemma(form, lemma, expected):
    from eenvoudig.analysis.pipeline import mark_past_plurals

    rows = [("wij", "VNW|pers|pron|nomin|vol|1|mv", "PRON", "", "wij", 1, "nsubj"),
            (form, "WW|pv|tgw|mv", "VERB", FIN_PLUR, lemma, 1, "ROOT")]
    token = mark_past_plurals(_doc(rows))[1]
    assert (str(token.morph), token.tag_) == (expected, "WW|pv|verl|mv" if "Past" in expected else "WW|pv|tgw|mv")


@pytest.mark.parametrize("aux_dep, case, expected", [
    ("aux:pass", "door", "obl:agent"),   # de toeslag wordt door de gemeente betaald
    ("aux", "door", "obl"),              # de gemeente heeft door de week betaald
    ("aux:pass", "voor", "obl"),
])
def test_agent_of_a_passive_from_the_parse(aux_dep, case, expected):
    from eenvoudig.analysis.pipeline import mark_agents

    rows = [("toeslag", "N|soort|ev|basis|zijd|stan", "NOUN", "", "toeslag", 4, "nsubj:pass"),
            ("wordt", "WW|pv|tgw|met-t", "AUX", "", "worden", 4, aux_dep),
            (case, "VZ|init", "ADP", "", case, 3, "case"),
            ("gemeente", "N|soort|ev|basis|zijd|stan", "NOUN", "", "gemeente", 4, "obl"),
            ("betaald", *PART, "betalen", 4, "ROOT")]
    assert mark_agents(_doc(rows))[3].dep_ == expected


def test_separable_verb_gets_its_particle(parse):
    doc = parse("Wij kennen u de bijstand toe.")
    toe, kennen = _find(doc, "toe"), _find(doc, "kennen")
    assert (toe.dep_, toe.head.text) == ("compound:prt", "kennen")
    assert kennen.lemma_ == "toekennen"
    assert _find(parse("Wij maken het geld over."), "maken").lemma_ == "overmaken"


def test_lemmas_have_no_underscores(parse):
    doc = parse("De gemeenteraad heeft de aanvraag voor een parkeervergunning toegekend.")
    assert [t.lemma_ for t in doc] == ["de", "gemeenteraad", "hebben", "de", "aanvraag", "voor", "een",
                                       "parkeervergunning", "toekennen", "."]


def test_annotate_keeps_our_tokens_and_one_sentence(parse):
    from eenvoudig.analysis.pipeline import annotate

    sentences = [_tokens("Bel ons op 14 020."), _tokens("Heeft u vragen?"), (["Nee"], [False])]
    docs = list(annotate(sentences, batch_size=2))
    assert [[t.text for t in d] for d in docs] == [["Bel", "ons", "op", "14", "020", "."],
                                                  ["Heeft", "u", "vragen", "?"], ["Nee"]]
    assert [d.text for d in docs] == ["Bel ons op 14 020.", "Heeft u vragen?", "Nee"]
    assert [len(list(d.sents)) for d in docs] == [1, 1, 1]
    assert all(t.tag_ and t.pos_ and t.lemma_ and t.dep_ for d in docs for t in d)


# ------------------------------------------------------------------------------------------- loading

def test_import_eenvoudig_does_not_import_spacy():
    code = ("import sys, eenvoudig; f = eenvoudig.load_pipeline; "
            "print(f.__module__, 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["eenvoudig.analysis.pipeline", "False"]


def test_load_pipeline_is_loaded_once():
    import eenvoudig

    assert eenvoudig.load_pipeline() is eenvoudig.load_pipeline()
    assert eenvoudig.load_pipeline().pipe_names == ["tok2vec", "tagger", "morphologizer", "trainable_lemmatizer",
                                                    "lemma_dictionary", "parser", "particle_lemma"]


def test_missing_model_is_a_dutch_data_error(tmp_path):
    from eenvoudig.analysis.pipeline import load_pipeline

    with pytest.raises(DataError, match="het Nederlandse taalmodel ontbreekt"):
        load_pipeline(tmp_path / "nl_pipeline")


def test_damaged_model_is_a_dutch_data_error(tmp_path):
    from eenvoudig.analysis.pipeline import load_pipeline

    broken = tmp_path / "nl_pipeline"
    shutil.copytree(MODEL_DIR, broken)
    (broken / "parser" / "model").write_bytes(b"\x00 niet een model")
    with pytest.raises(DataError, match="het Nederlandse taalmodel is beschadigd"):
        load_pipeline(broken)


def test_model_ships_with_licence_and_attribution():
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["license"] == "CC BY-SA 4.0"
    assert "Attribution-ShareAlike 4.0 International" in (MODEL_DIR / "LICENSE").read_text(encoding="utf-8")
    attribution = (MODEL_DIR / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "Bouma" in attribution and "Lassy" in attribution
    held_out = meta["held_out"]
    assert held_out["sections"] == ["nl_alpino-ud-dev.conllu"] and held_out["tokens"] == 11541
    row = " | ".join(f"{held_out[k]:.3f}" for k in ("upos", "xpos", "feats", "lemma", "uas", "las"))
    assert f"| {row} |" in attribution
    letters = held_out["letters"]  # our held-out letter sentences, scored beside the UD section
    assert letters["sections"] == ["brieven-test.conllu"] and letters["tokens"] == 1266
    row = " | ".join(f"{letters[k]:.3f}" for k in ("upos", "xpos", "feats", "lemma", "uas", "las"))
    assert f"| {row} |" in attribution and "brieven-train.conllu" in attribution
    assert "brieven-test.conllu" not in held_out["counts"]["extra_files"]
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size <= 25_000_000


@pytest.mark.slow
def test_model_loads_from_an_installed_wheel(tmp_path):
    """Build the wheel with pip, install it with pip into a folder of its own (offline: no index, no build
    isolation, no dependencies) and use the model from there in a fresh process, not from the source tree."""
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", "-q"]
    subprocess.run(pip + ["wheel", str(ROOT), "--no-deps", "--no-build-isolation", "--no-index",
                          "-w", str(tmp_path / "dist")], check=True, cwd=tmp_path, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("eenvoudig-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "eenvoudig/analysis/nl_pipeline/parser/model" in names
    assert "eenvoudig/analysis/nl_pipeline/LICENSE" in names
    assert "eenvoudig/analysis/nl_pipeline/ATTRIBUTION.md" in names
    assert "eenvoudig/analysis/nl_pipeline/LICENSE-spacy-lookups-data" in names
    assert not [n for n in names if n.startswith(("training/", "tests/"))]
    site = tmp_path / "site"
    subprocess.run(pip + ["install", "--no-deps", "--no-index", "--target", str(site), str(wheel)],
                   check=True, cwd=tmp_path, capture_output=True)
    code = (
        "import eenvoudig, json; from eenvoudig.analysis import pipeline; "
        "doc = next(iter(pipeline.annotate([(['Uw', 'aanvraag', 'wordt', 'beoordeeld', '.'], "
        "[True, True, True, False, False])]))); "
        "print(json.dumps([eenvoudig.__file__, str(pipeline.MODEL_DIR), "
        "[(t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i) for t in doc]]))"
    )
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONNOUSERSITE": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, cwd=tmp_path, check=True).stdout
    module, model_dir, tokens = json.loads(out)
    assert Path(module).is_relative_to(site) and Path(model_dir).is_relative_to(site)
    assert [t[2] for t in tokens] == ["uw", "aanvraag", "worden", "beoordelen", "."]
    assert [t[3] for t in tokens] == ["nmod:poss", "nsubj:pass", "aux:pass", "ROOT", "punct"]
    assert tokens[0][0].startswith("VNW|bez") and tokens[3][1] == "VERB"


# ------------------------------------------------------------------------------------------- recipe

@pytest.fixture(scope="module")
def recipe():
    sys.path.insert(0, str(ROOT / "training"))
    try:
        import build
    finally:
        sys.path.remove(str(ROOT / "training"))
    return build


@pytest.mark.parametrize("form, lemma, upos, plain", [
    ("kennen", "toe_kennen", "VERB", "toekennen"),          # separable verb: parts joined
    ("meegesprongen", "mee_springen", "VERB", "meespringen"),
    ("plaatsingslijst", "plaatsing_lijst", "NOUN", "plaatsingslijst"),   # linking -s- kept from the word
    ("vorstenhuizen", "vorst_huis", "NOUN", "vorstenhuis"),
    ("Gemeenteraad", "gemeente_raad", "NOUN", "gemeenteraad"),    # capital only because the sentence starts
    ("Duitstalige", "Duits_talig", "ADJ", "Duitstalig"),
    ("Heel-Nederlanders", "Heel_Nederlander", "NOUN", "Heel-Nederlander"),
    ("kilometer", "kilo_meter", "NOUN", "kilometer"),
    ("_", "_", "SYM", "_"),
    ("huis", "huis", "NOUN", "huis"),
])
def test_lemmas_lose_their_underscores(recipe, form, lemma, upos, plain):
    assert recipe.plain_lemma(form, lemma, upos) == plain


def test_training_lemma_of_a_separated_verb_has_no_particle(recipe):
    sentence = recipe.read_conllu(TINY)[1]  # Wij kennen u de bijstand toe.
    assert [w.form for w in sentence.words][:2] == ["Wij", "kennen"]
    assert recipe.base_lemma(sentence, 1, "toekennen") == "kennen"
    assert recipe.base_lemma(sentence, 4, "bijstand") == "bijstand"


@pytest.mark.slow
def test_training_recipe_runs_one_tiny_epoch(tmp_path):
    """The whole recipe (convert, train, evaluate, package) on our hand-annotated sentences, one short epoch."""
    package = tmp_path / "pkg" / "nl_pipeline"
    result = subprocess.run(
        [sys.executable, str(ROOT / "training" / "build.py"), "--train-file", str(TINY), "--quick",
         "--work", str(tmp_path / "work"), "--package", str(package), "--shared", str(tmp_path / "shared")],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    metrics = json.loads((tmp_path / "work" / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["sentences"] == 8 and metrics["tokens"] == 50
    assert metrics["counts"]["train"]["sentences"] + metrics["counts"]["dev"]["sentences"] == 8
    assert set(metrics["per_label"]) >= {"aux:pass", "nsubj:pass", "obl:agent", "compound:prt"}
    assert {p.name for p in package.iterdir()} >= {"config.cfg", "meta.json", "LICENSE", "ATTRIBUTION.md", "parser"}
    from eenvoudig.analysis.pipeline import annotate, load_pipeline

    doc = next(iter(annotate([_tokens("Wij kennen u de bijstand toe.")], load_pipeline(package))))
    assert len(doc) == 7 and all(t.tag_ and t.dep_ for t in doc)


AUGMENT_SOURCE = """\
# sent_id = a.s.1
1\tHij\thij\tPRON\tVNW|pers|pron|nomin|vol|3|ev|masc\tCase=Nom|Person=3|PronType=Prs\t3\tnsubj\t_\t_
2\tis\tzijn\tAUX\tWW|pv|tgw|ev\tNumber=Sing|Tense=Pres|VerbForm=Fin\t3\tcop\t_\t_
3\tziek\tziek\tADJ\tADJ|vrij|basis|zonder\tDegree=Pos\t0\troot\t_\t_
4\ten\ten\tCCONJ\tVG|neven\t_\t7\tcc\t_\t_
5\tkan\tkunnen\tAUX\tWW|pv|tgw|ev\tNumber=Sing|Tense=Pres|VerbForm=Fin\t7\taux\t_\t_
6\tzijn\tzijn\tPRON\tVNW|bez|det|stan|vol|3|ev|prenom|zonder|agr\tPerson=3|Poss=Yes|PronType=Prs\t7\tnmod:poss\t_\t_
7\twerk\twerk\tNOUN\tN|soort|ev|basis|onz|stan\tGender=Neut|Number=Sing\t3\tconj\t_\tSpaceAfter=No
8\t.\t.\tPUNCT\tLET\t_\t3\tpunct\t_\t_

# sent_id = a.s.2
1\tZe\tze\tPRON\tVNW|pers|pron|stan|red|3|mv\tPerson=3|PronType=Prs\t2\tnsubj\t_\t_
2\tgeven\tgeven\tVERB\tWW|pv|tgw|mv\tNumber=Plur|Tense=Pres|VerbForm=Fin\t0\troot\t_\t_
3\them\them\tPRON\tVNW|pers|pron|obl|vol|3|ev|masc\tCase=Acc|Person=3|PronType=Prs\t2\tiobj\t_\t_
4\thun\thun\tPRON\tVNW|bez|det|stan|vol|3|mv|prenom|zonder|agr\tPerson=3|Poss=Yes|PronType=Prs\t5\tnmod:poss\t_\t_
5\tpas\tpas\tNOUN\tN|soort|ev|basis|zijd|stan\tGender=Com|Number=Sing\t2\tobj\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\tLET\t_\t2\tpunct\t_\t_

# sent_id = a.s.3
1\tDe\tde\tDET\tLID|bep|stan|rest\tDefinite=Def\t2\tdet\t_\t_
2\tgemeente\tgemeente\tNOUN\tN|soort|ev|basis|zijd|stan\tGender=Com|Number=Sing\t3\tnsubj\t_\t_
3\tbetaalt\tbetalen\tVERB\tWW|pv|tgw|met-t\tNumber=Sing|Tense=Pres|VerbForm=Fin\t0\troot\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\tLET\t_\t3\tpunct\t_\t_

"""


def test_augment_writes_letter_copies_with_consistent_annotation(recipe, tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("augment", ROOT / "training" / "augment.py")
    augment = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(augment)

    source = tmp_path / "a.conllu"
    source.write_text(AUGMENT_SOURCE, encoding="utf-8")
    copies = augment.augment(recipe.read_conllu(source), seed=0)
    first, second = copies  # the third sentence has nothing to change
    # "kan" in the coordinated clause agrees with the new subject too; "zijn werk" becomes "uw werk"
    assert [w.form for w in first.words] == ["U", "bent", "ziek", "en", "kunt", "uw", "werk", "."]
    assert [(w.lemma, w.xpos, w.feats) for w in first.words[:2]] == [
        ("u", "VNW|pers|pron|nomin|vol|2b|getal", "Case=Nom|Person=2|PronType=Prs"),
        ("zijn", "WW|pv|tgw|met-t", "Number=Sing|Tense=Pres|VerbForm=Fin")]
    assert (first.words[5].lemma, first.words[5].xpos) == ("uw", "VNW|bez|det|stan|vol|2|getal|prenom|zonder|agr")
    assert [w.form for w in second.words] == ["We", "geven", "u", "onze", "pas", "."]
    assert [(w.lemma, w.xpos) for w in second.words[:4]] == [
        ("we", "VNW|pers|pron|nomin|red|1|mv"), ("geven", "WW|pv|tgw|mv"), ("u", "VNW|pr|pron|obl|vol|2|getal"),
        ("ons", "VNW|bez|det|stan|vol|1|mv|prenom|met-e|rest")]
    source_words = recipe.read_conllu(source)
    assert [[(w.head, w.deprel, w.upos) for w in s.words] for s in copies] == \
        [[(w.head, w.deprel, w.upos) for w in s.words] for s in source_words[:2]]
    assert augment.augment(recipe.read_conllu(source), seed=0, share=0.0) == []


def test_recipe_refuses_to_train_on_held_out_letters(recipe, capsys):
    letters_test = ROOT / "training" / "data" / "brieven-test.conllu"
    with pytest.raises(SystemExit) as stop:
        recipe.main(["--train-file", str(TINY), "--test-file", str(TINY), "--letters-test", str(letters_test),
                     "--silver", str(letters_test), "--no-package", "--quick"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "a held-out file is also training data" in err and "brieven-test.conllu" in err and "tiny-nl" in err
    assert recipe.LETTERS_TEST == letters_test and letters_test not in recipe.EXTRA


# mark_open_words: what the tagger puts in a closed class or reads as a name, given back from the lemma dictionary.
# (sentence, word, pos, lemma, morph) — every row was wrong before the repair (PRON, PROPN or NOUN).
OPEN_WORDS = [
    ("Retourneer het formulier voor 1 mei.", "Retourneer", "VERB", "retourneren",
     "Number=Sing|Tense=Pres|VerbForm=Fin"),
    ("Vul het formulier in.", "Vul", "VERB", "invullen", "Number=Sing|Tense=Pres|VerbForm=Fin"),
    ("Ik verzoek u het formulier te sturen.", "verzoek", "VERB", "verzoeken", "Number=Sing|Tense=Pres|VerbForm=Fin"),
    ("Wij teneinde retourneren gemeente.", "retourneren", "VERB", "retourneren", "VerbForm=Inf"),
    # not repaired: a name, a pronoun, a noun heading followed by a preposition
    ("Jansen belt u morgen.", "Jansen", "PROPN", "jansen", ""),
    ("Wij allen helpen.", "Wij", "PRON", "wij", "Case=Nom|Person=1|PronType=Prs"),
]


@pytest.mark.parametrize(("sentence", "word", "pos", "lemma", "morph"), OPEN_WORDS)
def test_open_words_come_back_from_the_dictionary(sentence, word, pos, lemma, morph) -> None:
    from eenvoudig.analysis import analyze
    from eenvoudig.document import read_text

    tokens = analyze(read_text(sentence)).sentences[0].tokens
    token = next(t for t in tokens if t.text == word)
    assert (token.pos, token.lemma, token.morph) == (pos, lemma, morph)


def test_the_repair_needs_the_dictionary() -> None:
    """Without the dictionary (`after_parse(doc)`) nothing is re-tagged: the table above fails without it."""
    from eenvoudig.analysis.pipeline import after_parse, load_pipeline

    nlp = load_pipeline()
    doc = nlp.make_doc("Retourneer het formulier voor 1 mei .")
    for _, component in nlp.pipeline:
        if type(component).__name__ != "AfterParse":
            doc = component(doc)
    assert doc[0].pos_ in ("PRON", "PROPN")          # the tagger's reading
    assert after_parse(doc)[0].pos_ == doc[0].pos_


# The lemma dictionary: what it answers (pinned), and that it survives to_disk/from_disk unchanged.
DICTIONARY_LEMMAS = [
    ("aanvragen", "noun", "aanvraag"), ("aanvragen", "verb", "aanvragen"), ("ging", "verb", "gaan"),
    ("verstrekte", "verb", "verstrekken"), ("gemeenten", "noun", "gemeente"), ("bijzondere", "adj", "bijzonder"),
    ("xqzw", "noun", None), ("gemeente", "verb", None),
]


def test_the_dictionary_answers_and_survives_saving(tmp_path) -> None:
    from eenvoudig.analysis.pipeline import LemmaDictionary, load_pipeline

    nlp = load_pipeline()
    shipped = next(c for _, c in nlp.pipeline if isinstance(c, LemmaDictionary))
    assert [shipped.lemma(form, kind) for form, kind, _ in DICTIONARY_LEMMAS] == [w for _, _, w in DICTIONARY_LEMMAS]
    assert [shipped.word_class(w) for w in ("Aanvraag", "betalen", "bijzonder", "Jansen")] == ["nv", "v", "na", ""]
    shipped.to_disk(tmp_path)
    copy = LemmaDictionary(["NOUN", "VERB", "AUX"]).from_disk(tmp_path)
    assert copy._lines == shipped._lines and copy._exc == shipped._exc and copy._rules == shipped._rules
    assert [copy.lemma(form, kind) for form, kind, _ in DICTIONARY_LEMMAS] == [w for _, _, w in DICTIONARY_LEMMAS]


def test_the_dictionary_reads_a_checkout_with_windows_line_ends(tmp_path) -> None:
    """Git for Windows may check words.tsv out with \\r\\n: the answers must not change."""
    from eenvoudig.analysis.pipeline import MODEL_DIR, LemmaDictionary

    source = MODEL_DIR / "lemma_dictionary"
    (tmp_path / "words.tsv").write_bytes((source / "words.tsv").read_bytes().replace(b"\n", b"\r\n"))
    (tmp_path / "irregular.json").write_bytes((source / "irregular.json").read_bytes())
    crlf = LemmaDictionary(["NOUN", "VERB", "AUX"]).from_disk(tmp_path)
    plain = LemmaDictionary(["NOUN", "VERB", "AUX"]).from_disk(source)
    assert crlf._lines == plain._lines and len(plain._lines) == 410406
    assert [crlf.lemma(form, kind) for form, kind, _ in DICTIONARY_LEMMAS] == [w for _, _, w in DICTIONARY_LEMMAS]


def test_grouped_entry_points_find_the_same_plug_ins(monkeypatch) -> None:
    """_group_entry_points: every registry finds exactly the entry points it found before, by group."""
    import importlib.metadata

    import catalogue

    from eenvoudig.analysis.pipeline import _group_entry_points

    monkeypatch.setattr(catalogue, "AVAILABLE_ENTRY_POINTS", importlib.metadata.entry_points())
    found = catalogue.AVAILABLE_ENTRY_POINTS
    every = list(dict.values(found)) if isinstance(found, dict) else [found]
    points = [p for group in every for p in group]
    names = {p.group for p in points} | {"spacy_factories", "spacy_languages", "no_such_group"}

    def seen() -> dict[str, list[tuple[str, str]]]:
        return {g: sorted((p.name, p.value) for p in catalogue.Registry(g.split("_"), True)._get_entry_points())
                for g in names}

    before = seen()
    _group_entry_points()
    assert isinstance(catalogue.AVAILABLE_ENTRY_POINTS, dict) and not hasattr(catalogue.AVAILABLE_ENTRY_POINTS, "select")
    assert seen() == before and before["no_such_group"] == []
    assert sum(len(v) for v in before.values()) >= len({(p.group, p.name) for p in points}) > 0
    _group_entry_points()                      # a second call changes nothing
    assert seen() == before


# A lemma dictionary from small hand-made tables (the shape of spaCy's lookups): every path of `lemma`, what
# `_set` keeps, and the exact files `to_disk` writes.
SMALL_TABLES = {
    "index": {"noun": ["aanvraag", "huis"], "verb": ["aanvragen", "gaan", "lopen"], "adj": ["groot"],
              "adv": ["snel"]},
    "lookup": {"aanvragen": "aanvraag", "huizen": "huis", "liep": "lopen", "grote": "groot", "snelle": "snel",
               "weg\tx": "huis"},
    "exc": {"verb": {"ging": ["gaan"]}, "noun": {"steden": ["stad"]}, "adv": {"x": ["y"]}},
    "rules": {"noun": [["en", ""], ["s", ""]], "verb": [["t", "en"]], "adj": [["e", ""]], "adv": [["", ""]]},
}


def small_dictionary():
    from eenvoudig.analysis.pipeline import LemmaDictionary

    d = LemmaDictionary(["NOUN", "VERB", "AUX", "ADJ"])
    d._set(SMALL_TABLES)
    return d


def test_small_dictionary_keeps_only_what_lemma_uses() -> None:
    d = small_dictionary()
    # sorted; a form is a lemma of its classes; a looked-up lemma only when it is a known lemma; no tab in a form
    assert d._lines == ["aanvraag\tn\t", "aanvragen\tv\taanvraag", "gaan\tv\t", "groot\ta\t", "grote\t\tgroot",
                        "huis\tn\t", "huizen\t\thuis", "liep\t\tlopen", "lopen\tv\t"]
    assert d._exc == {"verb": {"ging": ["gaan"]}, "noun": {"steden": ["stad"]}}
    assert d._rules == {"noun": [["en", ""], ["s", ""]], "verb": [["t", "en"]], "adj": [["e", ""]]}
    assert d.pos == {"NOUN": "noun", "VERB": "verb", "AUX": "verb", "ADJ": "adj"}


SMALL_LEMMAS = [
    ("huis", "noun", "huis"),            # a known lemma itself
    ("ging", "verb", "gaan"),            # an exception
    ("steden", "noun", "stad"),          # an exception, even when its lemma is not in the index
    ("liep", "verb", "lopen"),           # the lookup, its lemma a known verb
    ("aanvragen", "noun", "aanvraag"),   # the lookup, its lemma a known noun (not the verb lemma itself)
    ("aanvragen", "verb", "aanvragen"),  # as a verb the form is its own lemma
    ("huizen", "verb", None),            # the lookup's lemma is no verb, and no verb rule gives a known verb
    ("loopt", "verb", None),             # rule t → en gives "loopen": not known
    ("gaat", "verb", None),              # rule t → en gives "gaaen": not known
    ("lopt", "verb", "lopen"),           # rule t → en gives "lopen" (made-up form, to reach the verb rule)
    ("grotere", "adj", None),            # rule e → '' gives "groter": not known
    ("huizens", "noun", None),           # rule s → '' gives "huizen": not a known noun lemma
    ("huisen", "noun", "huis"),          # rule en → '' gives "huis"
    ("huiss", "noun", "huis"),           # the second rule, after the first did not fit
    ("s", "noun", None),                 # a rule that leaves nothing gives nothing
    ("grote", "adj", "groot"),           # lookup for an adjective
    ("xyz", "adj", None),
]


def test_small_dictionary_lemmas() -> None:
    d = small_dictionary()
    got = [(form, kind, d.lemma(form, kind)) for form, kind, _ in SMALL_LEMMAS]
    assert got == SMALL_LEMMAS
    assert d._cache[("liep", "verb")] == "lopen" and d._cache[("xyz", "adj")] is None   # remembered, also a miss
    assert [d.word_class(w) for w in ("Huis", "aanvragen", "GROTE", "liep", "Jansen")] == ["n", "nv", "a", "v", ""]


def test_small_dictionary_files(tmp_path) -> None:
    from eenvoudig.analysis.pipeline import LemmaDictionary

    d = small_dictionary()
    d.to_disk(tmp_path / "ld")
    assert (tmp_path / "ld" / "words.tsv").read_bytes() == ("\n".join(d._lines) + "\n").encode("utf-8")
    assert json.loads((tmp_path / "ld" / "irregular.json").read_text("utf-8")) == {"exc": d._exc, "rules": d._rules}
    back = LemmaDictionary(["NOUN"]).from_disk(tmp_path / "ld")
    assert (back._lines, back._exc, back._rules) == (d._lines, d._exc, d._rules)
    back._cache[("x", "noun")] = "y"
    back.from_disk(tmp_path / "ld")
    assert back._cache == {}                 # loading forgets what was looked up before
