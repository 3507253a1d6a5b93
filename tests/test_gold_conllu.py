"""The hand-annotated letter sentences (training/data/brieven-*.conllu), their checker and the scorer."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TRAINING = ROOT / "training"
# the UD Dutch sections, in the nearest shared/ folder above the repository (not in CI)
TREEBANK = next((p / "shared" / "data" / "ud-dutch" for p in ROOT.parents
                 if (p / "shared" / "data" / "ud-dutch").is_dir()), ROOT / "no-shared-folder")


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, TRAINING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


check_conllu = _load("check_conllu")
score_conllu = _load("score_conllu")

GOOD = """\
# sent_id = x.s.1
# text = U bent verhuisd.
1\tU\tu\tPRON\tVNW|pers|pron|nomin|vol|2b|getal\tCase=Nom|Person=2|PronType=Prs\t3\tnsubj\t_\t_
2\tbent\tzijn\tAUX\tWW|pv|tgw|met-t\tNumber=Sing|Tense=Pres|VerbForm=Fin\t3\taux\t_\t_
3\tverhuisd\tverhuizen\tVERB\tWW|vd|vrij|zonder\tVerbForm=Part\t0\troot\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\tLET\t_\t3\tpunct\t_\t_

"""


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "x.conllu"
    path.write_text(text, encoding="utf-8")
    return [p.message for p in check_conllu.check([path])]


def test_both_gold_files_pass_the_checker():
    problems = check_conllu.check(list(check_conllu.GOLD_FILES))
    assert [str(p) for p in problems] == []


def test_gold_files_have_the_promised_size():
    sizes = {}
    for path in check_conllu.GOLD_FILES:
        sentences = score_conllu.read_conllu(path)
        sizes[path.name] = (len(sentences), sum(len(s.tokens) for s in sentences))
    test_sentences, test_tokens = sizes["brieven-test.conllu"]
    train_sentences, train_tokens = sizes["brieven-train.conllu"]
    assert test_sentences >= 90 and test_tokens >= 1250
    assert train_sentences >= 250 and train_tokens >= 3500


@pytest.mark.skipif(not TREEBANK.is_dir(), reason="the UD Dutch sections are not next to the repository")
def test_gold_tags_are_combinations_ud_dutch_uses():
    problems = check_conllu.check(list(check_conllu.GOLD_FILES), TREEBANK)
    assert [str(p) for p in problems] == []


def test_checker_accepts_a_good_sentence(tmp_path):
    assert _problems(tmp_path, GOOD) == []


@pytest.mark.parametrize("old, new, message", [
    ("3\tnsubj", "0\troot", "2 words with head 0 (exactly one root expected)"),
    ("3\tnsubj", "9\tnsubj", "head '9' outside 0..4"),
    ("\tverhuizen\t", "\tver_huizen\t", "lemma with an underscore: 'ver_huizen' (write compounds as one word)"),
    ("\tPRON\t", "\tPRN\t", "unknown UPOS 'PRN'"),
    ("\tnsubj\t", "\tvocative\t", "deprel 'vocative' is not used in UD Dutch"),
    ("3\taux\t", "3\tobj\t", "AUX with deprel obj (only aux, aux:pass or cop)"),
    ("\tSpaceAfter=No\n", "\t_\n", "text 'U bent verhuisd.' differs from the words joined with SpaceAfter: "
                                    "'U bent verhuisd .'"),
    ("1\tU\tu", "2\tU\tu", "id '2', expected 1"),
    ("VerbForm=Part\t0", "VerbForm=Part|Aspect=Perf\t0", "FEATS not sorted: 'VerbForm=Part|Aspect=Perf'"),
    ("VNW|pers|pron|nomin|vol|2b|getal", "VNW|pr|pron|obl|vol|2|getal",
     "'u' as nsubj has XPOS VNW|pr|pron|obl|vol|2|getal, expected VNW|pers|pron|nomin|vol|2b|getal"),
    ("# sent_id = x.s.1\n", "", "no '# sent_id = ...' line"),
])
def test_checker_finds_each_kind_of_mistake(tmp_path, old, new, message):
    assert old in GOOD
    assert message in _problems(tmp_path, GOOD.replace(old, new, 1))


def test_checker_finds_a_cycle(tmp_path):
    broken = GOOD.replace("3\tnsubj", "2\tnsubj").replace("2\tbent\tzijn\tAUX\tWW|pv|tgw|met-t\t"
                                                          "Number=Sing|Tense=Pres|VerbForm=Fin\t3\taux",
                                                          "2\tbent\tzijn\tAUX\tWW|pv|tgw|met-t\t"
                                                          "Number=Sing|Tense=Pres|VerbForm=Fin\t1\taux")
    assert "cycle in the heads from word 1" in _problems(tmp_path, broken)


def test_checker_finds_a_particle_missing_from_the_lemma_and_a_passive_subject(tmp_path):
    text = """\
# sent_id = y.s.1
# text = Wij kennen u de bijstand toe.
1\tWij\twij\tPRON\tVNW|pers|pron|nomin|vol|1|mv\tCase=Nom|Person=1|PronType=Prs\t2\tnsubj\t_\t_
2\tkennen\tkennen\tVERB\tWW|pv|tgw|mv\tNumber=Plur|Tense=Pres|VerbForm=Fin\t0\troot\t_\t_
3\tu\tu\tPRON\tVNW|pr|pron|obl|vol|2|getal\tCase=Acc|Person=2|PronType=Prs\t2\tiobj\t_\t_
4\tde\tde\tDET\tLID|bep|stan|rest\tDefinite=Def\t5\tdet\t_\t_
5\tbijstand\tbijstand\tNOUN\tN|soort|ev|basis|zijd|stan\tGender=Com|Number=Sing\t2\tobj\t_\t_
6\ttoe\ttoe\tADP\tVZ|fin\t_\t2\tcompound:prt\t_\tSpaceAfter=No
7\t.\t.\tPUNCT\tLET\t_\t2\tpunct\t_\t_

# sent_id = y.s.2
# text = Het loket is gesloten.
1\tHet\thet\tDET\tLID|bep|stan|evon\tDefinite=Def\t2\tdet\t_\t_
2\tloket\tloket\tNOUN\tN|soort|ev|basis|onz|stan\tGender=Neut|Number=Sing\t4\tnsubj\t_\t_
3\tis\tzijn\tAUX\tWW|pv|tgw|ev\tNumber=Sing|Tense=Pres|VerbForm=Fin\t4\taux:pass\t_\t_
4\tgesloten\tsluiten\tVERB\tWW|vd|vrij|zonder\tVerbForm=Part\t0\troot\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\tLET\t_\t4\tpunct\t_\t_

"""
    problems = _problems(tmp_path, text)
    assert problems == ["verb lemma 'kennen' lacks its particle 'toe' (write toekennen)",
                        "subject of a passive must be nsubj:pass"]


def test_a_sentence_in_both_files_is_reported(tmp_path):
    first, second = tmp_path / "a.conllu", tmp_path / "b.conllu"
    first.write_text(GOOD, encoding="utf-8")
    second.write_text(GOOD.replace("x.s.1", "z.s.1"), encoding="utf-8")
    problems = [p.message for p in check_conllu.check([first, second])]
    assert problems == ["sentence z.s.1 is also in a.conllu (x.s.1): 'U bent verhuisd.'"]


def test_cli_exit_code(tmp_path, capsys):
    good = tmp_path / "good.conllu"
    good.write_text(GOOD, encoding="utf-8")
    bad = tmp_path / "bad.conllu"
    bad.write_text(GOOD.replace("\tPRON\t", "\tPRN\t"), encoding="utf-8")
    assert check_conllu.main([str(good)]) == 0
    assert check_conllu.main([str(bad)]) == 1
    assert "unknown UPOS 'PRN'" in capsys.readouterr().out


def test_score_counts_every_token_and_each_kind_of_error(tmp_path):
    path = tmp_path / "g.conllu"
    path.write_text(GOOD, encoding="utf-8")
    gold = score_conllu.read_conllu(path)
    predicted = [list(gold[0].tokens)]
    u, bent, verhuisd, dot = predicted[0]
    predicted[0][0] = score_conllu.Token(u.form, "U", "PRON", u.xpos, u.feats, 2, "nsubj")   # lemma + head wrong
    predicted[0][1] = score_conllu.Token(bent.form, bent.lemma, "VERB", bent.xpos, bent.feats, 3, "cop")  # upos+label
    scores = score_conllu.score(gold, predicted)
    assert (scores["upos"], scores["lemma"], scores["xpos"], scores["feats"]) == (0.75, 0.75, 1.0, 1.0)
    assert (scores["uas"], scores["las"], scores["las_conll18"]) == (0.75, 0.5, 0.5)
    assert (scores["uas_no_punct"], scores["las_no_punct"]) == (round(2 / 3, 4), round(1 / 3, 4))
    assert scores["per_label"]["aux"] == {"p": 0.0, "r": 0.0, "f": 0.0, "gold": 1}
    assert scores["per_label"]["root"] == {"p": 1.0, "r": 1.0, "f": 1.0, "gold": 1}
    assert scores["upos_confusions"] == [["AUX", "VERB", 1]]
    assert scores["lemma_errors"] == [["U", "u", "U", 1]]


def test_score_refuses_different_tokens(tmp_path):
    path = tmp_path / "g.conllu"
    path.write_text(GOOD, encoding="utf-8")
    gold = score_conllu.read_conllu(path)
    with pytest.raises(ValueError, match="4 gold tokens, 3 predicted"):
        score_conllu.score(gold, [list(gold[0].tokens[:3])])


@pytest.mark.parametrize("xpos, lemma, sentence, upos", [
    ("WW|pv|tgw|met-t", "zijn", ["WW|vd|vrij|zonder"], "AUX"),
    ("WW|pv|tgw|met-t", "hebben", ["N|soort|mv|basis"], "VERB"),       # Heeft u vragen?
    ("WW|pv|tgw|met-t", "hebben", ["WW|vd|vrij|zonder"], "AUX"),       # Heeft u betaald?
    ("WW|pv|tgw|met-t", "kunnen", ["WW|inf|vrij|zonder"], "AUX"),
    ("VNW|bez|det|stan|vol|2|getal|prenom|zonder|agr", "uw", [], "PRON"),
    ("VNW|aanw|det|stan|prenom|met-e|rest", "deze", [], "DET"),
    ("VNW|aanw|adv-pron|stan|red|3|getal", "er", [], "ADV"),
    ("SPEC|deeleigen", "Jansen", [], "PROPN"),
    ("TW|rang|prenom|stan", "één", [], "ADJ"),
])
def test_frog_upos(xpos, lemma, sentence, upos):
    assert score_conllu.frog_upos(xpos, lemma, sentence) == upos
