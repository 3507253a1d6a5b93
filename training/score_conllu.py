"""Score a Dutch spaCy pipeline (or Frog) against a gold CoNLL-U file, on the gold tokens.

    python training/score_conllu.py training/data/brieven-test.conllu                 # the shipped pipeline
    python training/score_conllu.py gold.conllu --model training/work/model/model-best # another pipeline directory
    python training/score_conllu.py gold.conllu --json scores.json                    # also write the scores
    python training/score_conllu.py gold.conllu --frog                                # Frog instead (Debian, GPL)

Every sentence is one Doc with the gold tokens (`eenvoudig.analysis.pipeline.annotate`, the path the analysis
uses); every token counts, punctuation too. Gold lemmas are written without UD Dutch's underscores (toekennen),
as our pipeline writes them. LAS compares the full label (`obl:agent` must be `obl:agent`), `las_conll18` only
the universal part (CoNLL 2018), `las_no_punct` leaves punctuation out. Per label: precision, recall and F1 of
the attachment with that label (head and label right).

Frog gives a CGN tag and a lemma but no UD analysis: its scores are XPOS and lemma, and UPOS derived from its
tag (`frog_upos`: a zijn/worden/hebben/modal verb counts as AUX in the way UD Dutch uses it).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

LABELS_OF_INTEREST = ("nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:arg", "obl:agent", "aux", "aux:pass",
                      "cop", "compound:prt", "mark", "xcomp", "ccomp", "advcl", "acl:relcl", "expl", "nmod:poss",
                      "appos", "flat", "fixed", "conj", "root")


@dataclass(frozen=True)
class Token:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int          # 0 = root, else 1-based
    deprel: str
    space: bool = True


@dataclass(frozen=True)
class Sentence:
    sent_id: str
    tokens: tuple[Token, ...]


def read_conllu(path: Path) -> list[Sentence]:
    """Read the sentences of a CoNLL-U file (multiword ranges and empty nodes are skipped)."""
    sentences: list[Sentence] = []
    sent_id, tokens = "", []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("# sent_id"):
            sent_id = line.split("=", 1)[1].strip()
        elif not line.strip():
            if tokens:
                sentences.append(Sentence(sent_id or f"{path.name}#{len(sentences) + 1}", tuple(tokens)))
            sent_id, tokens = "", []
        elif not line.startswith("#"):
            c = line.split("\t")
            if len(c) != 10:
                raise ValueError(f"{path}: line with {len(c)} columns instead of 10: {line[:80]!r}")
            if c[0].isdigit():
                tokens.append(Token(c[1], c[2], c[3], c[4], "" if c[5] == "_" else c[5], int(c[6]), c[7],
                                    "SpaceAfter=No" not in c[9]))
    return sentences


def _feats(feats: str) -> tuple[str, ...]:
    return tuple(sorted(f for f in feats.split("|") if f and f != "_"))


def score(gold: list[Sentence], predicted: list[list[Token]], parsed: bool = True, features: bool = True) -> dict:
    """Compare predicted tokens with the gold sentences (same tokens, same order) and return the scores.

    `parsed=False` leaves out the dependency scores and `features=False` the FEATS score (for a tagger such as
    Frog that gives neither).
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold sentences but {len(predicted)} predicted")
    n = Counter()
    label_gold, label_pred, label_ok = Counter(), Counter(), Counter()
    upos_confusion, lemma_errors = Counter(), Counter()
    for sentence, tokens in zip(gold, predicted):
        if len(sentence.tokens) != len(tokens):
            raise ValueError(f"{sentence.sent_id}: {len(sentence.tokens)} gold tokens, {len(tokens)} predicted")
        for g, p in zip(sentence.tokens, tokens):
            n["tokens"] += 1
            n["upos"] += p.upos == g.upos
            n["xpos"] += p.xpos == g.xpos
            n["feats"] += _feats(p.feats) == _feats(g.feats)
            n["lemma"] += p.lemma == g.lemma
            if p.upos != g.upos:
                upos_confusion[(g.upos, p.upos)] += 1
            if p.lemma != g.lemma:
                lemma_errors[(g.form, g.lemma, p.lemma)] += 1
            if not parsed:
                continue
            head_ok = p.head == g.head
            n["uas"] += head_ok
            n["las"] += head_ok and p.deprel == g.deprel
            n["las_conll18"] += head_ok and p.deprel.split(":")[0] == g.deprel.split(":")[0]
            if g.upos != "PUNCT":
                n["words"] += 1
                n["uas_no_punct"] += head_ok
                n["las_no_punct"] += head_ok and p.deprel == g.deprel
            label_gold[g.deprel] += 1
            label_pred[p.deprel] += 1
            label_ok[g.deprel] += head_ok and p.deprel == g.deprel
    total = n["tokens"] or 1
    scores: dict = {"sentences": len(gold), "tokens": n["tokens"]}
    keys = ("upos", "xpos") + (("feats",) if features else ()) + ("lemma",)
    for key in keys + (("uas", "las", "las_conll18") if parsed else ()):
        scores[key] = round(n[key] / total, 4)
    if parsed:
        words = n["words"] or 1
        scores["uas_no_punct"] = round(n["uas_no_punct"] / words, 4)
        scores["las_no_punct"] = round(n["las_no_punct"] / words, 4)
        per_label = {}
        for label in LABELS_OF_INTEREST:
            if not label_gold[label] and not label_pred[label]:
                continue
            prec = label_ok[label] / label_pred[label] if label_pred[label] else 0.0
            rec = label_ok[label] / label_gold[label] if label_gold[label] else 0.0
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            per_label[label] = {"p": round(prec, 4), "r": round(rec, 4), "f": round(f1, 4), "gold": label_gold[label]}
        scores["per_label"] = per_label
    scores["upos_confusions"] = [[g, p, c] for (g, p), c in upos_confusion.most_common(15)]
    scores["lemma_errors"] = [[f, g, p, c] for (f, g, p), c in lemma_errors.most_common(25)]
    return scores


def predict_with_pipeline(gold: list[Sentence], model: Path | None) -> list[list[Token]]:
    """Annotate the gold tokens with a spaCy pipeline directory (default: the one eenvoudig ships)."""
    from eenvoudig.analysis.pipeline import annotate, load_pipeline

    nlp = load_pipeline(model)
    pairs = [([t.form for t in s.tokens], [t.space for t in s.tokens]) for s in gold]
    predicted = []
    for doc in annotate(pairs, nlp):
        predicted.append([Token(t.text, t.lemma_, t.pos_, t.tag_, str(t.morph),
                                0 if t.head.i == t.i else t.head.i + 1,
                                "root" if t.head.i == t.i else t.dep_) for t in doc])
    return predicted


AUX_LEMMAS = {"zijn", "worden", "hebben", "kunnen", "moeten", "mogen", "zullen"}


def frog_upos(xpos: str, lemma: str, sentence_xpos: list[str]) -> str:
    """Map a CGN tag to UPOS the way UD Dutch does, for a tagger that gives no UPOS (Frog).

    zijn and worden count as AUX (copula, passive, perfect); hebben only with a participle in the sentence;
    kunnen, moeten, mogen and zullen only with an infinitive in the sentence. Possessives are PRON, prenominal
    demonstratives and quantifiers DET, pronominal adverbs (er, daar) ADV.
    """
    head = xpos.split("|")[0]
    if head == "WW":
        if lemma in ("zijn", "worden"):
            return "AUX"
        if lemma == "hebben":
            return "AUX" if any(x.startswith("WW|vd") for x in sentence_xpos) else "VERB"
        if lemma in AUX_LEMMAS:
            return "AUX" if any(x.startswith("WW|inf") for x in sentence_xpos) else "VERB"
        return "VERB"
    if head == "VNW":
        if "|bez|" in xpos or "|pron|" in xpos:
            return "PRON"
        if "adv-pron" in xpos:
            return "ADV"
        return "DET" if "prenom" in xpos else "PRON"
    if head == "N":
        return "PROPN" if xpos.startswith("N|eigen") else "NOUN"
    if head == "SPEC":
        return {"SPEC|deeleigen": "PROPN", "SPEC|symb": "SYM"}.get(xpos, "X")
    if head == "TW":
        return "NUM" if "hoofd" in xpos else "ADJ"
    if head == "VG":
        return "CCONJ" if "neven" in xpos else "SCONJ"
    return {"ADJ": "ADJ", "BW": "ADV", "LID": "DET", "VZ": "ADP", "LET": "PUNCT", "TSW": "INTJ"}.get(head, "X")


def predict_with_frog(gold: list[Sentence]) -> list[list[Token]]:
    """Tag and lemmatise the gold tokens with Frog (`frog` on the PATH; its own tokenizer is skipped)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        text = Path(tmp) / "gold.txt"
        text.write_text("\n".join(" ".join(t.form for t in s.tokens) for s in gold) + "\n", encoding="utf-8")
        result = subprocess.run(["frog", "-n", "--skip=tmp", "-t", str(text)], capture_output=True, text=True,
                                check=True)
    blocks = [b for b in result.stdout.strip("\n").split("\n\n") if b.strip()]
    predicted = []
    for sentence, block in zip(gold, blocks):
        rows = [r.split("\t") for r in block.splitlines()]
        xpos = [_cgn_to_xpos(r[4]) for r in rows]
        lemmas = [r[2].replace("_", "") for r in rows]
        predicted.append([Token(r[1], lemma, frog_upos(x, lemma, xpos), x, "", 0, "")
                          for r, x, lemma in zip(rows, xpos, lemmas)])
    return predicted


def _cgn_to_xpos(tag: str) -> str:
    """Write a Frog/CGN tag as UD Dutch writes its XPOS: WW(pv,tgw,met-t) -> WW|pv|tgw|met-t."""
    m = re.fullmatch(r"([A-Z]+)\((.*)\)", tag)
    return "|".join([m.group(1), *[f for f in m.group(2).split(",") if f]]) if m else tag


def report(scores: dict, title: str) -> str:
    """Return the scores as a short text table."""
    lines = [f"{title}: {scores['sentences']} sentences, {scores['tokens']} tokens"]
    keys = [k for k in ("upos", "xpos", "feats", "lemma", "uas", "las", "las_conll18", "uas_no_punct",
                        "las_no_punct") if k in scores]
    lines.append("  " + "  ".join(f"{k} {scores[k]:.3f}" for k in keys))
    for label, s in scores.get("per_label", {}).items():
        lines.append(f"  {label:<13} p {s['p']:.2f}  r {s['r']:.2f}  f {s['f']:.2f}  (gold {s['gold']})")
    if scores["upos_confusions"]:
        lines.append("  UPOS gold->predicted: " + ", ".join(f"{g}->{p} {c}" for g, p, c in
                                                          scores["upos_confusions"][:8]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="gold CoNLL-U file")
    parser.add_argument("--model", type=Path, help="spaCy pipeline directory (default: the shipped one)")
    parser.add_argument("--frog", action="store_true", help="score Frog (XPOS, lemma, derived UPOS) instead")
    parser.add_argument("--json", type=Path, help="also write the scores to this JSON file")
    args = parser.parse_args(argv)
    gold = read_conllu(args.gold)
    if args.frog:
        scores = score(gold, predict_with_frog(gold), parsed=False, features=False)
        title = f"Frog on {args.gold.name}"
    else:
        scores = score(gold, predict_with_pipeline(gold, args.model))
        title = f"{args.model or 'shipped pipeline'} on {args.gold.name}"
    print(report(scores, title))
    if args.json:
        args.json.write_text(json.dumps(scores, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
