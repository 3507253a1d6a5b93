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
    pytest.param("Uw aanvraag wordt door ons beoordeeld.",
                 {"wordt": "aux:pass", "aanvraag": "nsubj:pass", "ons": "obl:agent"},
                 marks=pytest.mark.xfail(strict=True, reason="known error: 'ons' parsed as obj, 'door' hangs on the "
                                                            "verb (the passive itself is found)")),
    ("Uw aanvraag wordt door ons beoordeeld.", {"wordt": "aux:pass", "aanvraag": "nsubj:pass"}),
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
                                                            "can be a verb is read as an imperative")),
    ("Aanvraag om extra papieren", "Aanvraag", "NOUN", "aanvraag"),
    ("Wij verzoeken u het formulier terug te sturen.", "verzoeken", "VERB", "verzoeken"),
    ("Uw aanvraag is binnen.", "aanvraag", "NOUN", "aanvraag"),
    ("U kunt kwijtschelding aanvragen.", "aanvragen", "VERB", "aanvragen"),
    ("Het besluit is genomen door het college.", "besluit", "NOUN", "besluit"),
    ("Het college besluit vandaag.", "besluit", "VERB", "besluiten"),
])
def test_noun_or_verb(parse, sentence, word, pos, lemma):
    token = _find(parse(sentence), word)
    assert (token.pos_, token.lemma_) == (pos, lemma)


@pytest.mark.parametrize("sentence, word, morph", [
    ("De gemeente verstrekt een vergoeding.", "verstrekt", "Number=Sing|Tense=Pres|VerbForm=Fin"),
    pytest.param("Wij verstrekten een vergoeding.", "verstrekten", "Number=Plur|Tense=Past|VerbForm=Fin",
                 marks=pytest.mark.xfail(strict=True, reason="known error: past plural read as present")),
    ("De gemeente verstrekte een vergoeding.", "verstrekte", "Number=Sing|Tense=Past|VerbForm=Fin"),
    pytest.param("Wij hebben uw aanvraag ontvangen.", "ontvangen", "VerbForm=Part",
                 marks=pytest.mark.xfail(strict=True, reason="known error: 'ontvangen' (participle = infinitive) "
                                                            "read as infinitive after 'hebben'")),
    pytest.param("De vergoeding is door u ontvangen.", "ontvangen", "VerbForm=Part",
                 marks=pytest.mark.xfail(strict=True, reason="known error: the same, after 'is … door u'")),
    ("Wij hebben uw aanvraag beoordeeld.", "beoordeeld", "VerbForm=Part"),
    ("U kunt bezwaar maken.", "maken", "VerbForm=Inf"),
])
def test_tense_and_verb_form(parse, sentence, word, morph):
    assert str(_find(parse(sentence), word).morph) == morph


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
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size <= 25_000_000


@pytest.mark.slow
def test_model_loads_from_an_installed_wheel(tmp_path):
    """Build the wheel, unpack it (as pip would install it) and use the model from there in a fresh process."""
    from hatchling.builders.wheel import WheelBuilder

    wheel = Path(next(WheelBuilder(str(ROOT)).build(directory=str(tmp_path / "dist"), versions=["standard"])))
    names = zipfile.ZipFile(wheel).namelist()
    assert "eenvoudig/analysis/nl_pipeline/parser/model" in names
    assert "eenvoudig/analysis/nl_pipeline/LICENSE" in names
    assert "eenvoudig/analysis/nl_pipeline/ATTRIBUTION.md" in names
    assert "eenvoudig/analysis/nl_pipeline/LICENSE-spacy-lookups-data" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
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
