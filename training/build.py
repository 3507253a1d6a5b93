"""Rebuild eenvoudig's Dutch spaCy pipeline from the UD Dutch sections in ../shared, in one command.

    python training/build.py                      # convert, train, evaluate, package (about 25 min on 1 core)
    python training/build.py --quick              # one short epoch: checks that the recipe works
    python training/build.py --shared /path/to/shared --test alpino

Steps (all seeded; see training/README.md):
  1. convert   CoNLL-U → spaCy DocBin, one sentence per Doc; lemmas without underscores (see `plain_lemma`);
               the held-out section is kept aside; a dev slice (whole paragraphs) is carved from the rest.
  2. train     spaCy with training/config.cfg; model selection on the dev slice only.
  3. evaluate  the held-out section, gold tokens and gold sentences, through `eenvoudig.analysis.pipeline`
               (the same path the analysis uses); writes metrics.json.
  4. package   the best model into src/eenvoudig/analysis/nl_pipeline/ with LICENSE and ATTRIBUTION.md.
"""

from __future__ import annotations

import os

# One thread: reproducible and kind to a shared machine. Set before numpy is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))  # the recipe uses eenvoudig's own loader and components
sys.path.insert(0, str(HERE))  # and augment.py beside this file

SECTIONS = {
    "alpino": "nl_alpino-ud-dev.conllu",
    "lassysmall-dev": "nl_lassysmall-ud-dev.conllu",
    "lassysmall-test": "nl_lassysmall-ud-test.conllu",
}
LABELS_OF_INTEREST = ("aux:pass", "nsubj:pass", "obl:agent", "compound:prt", "cop", "aux", "nsubj", "obj")
MODEL_NAME = "eenvoudig_nl"
SILVER = HERE / "silver" / "brieven.conllu"      # our sentences, CGN tags and lemmas by Frog (no parse)
HAND = HERE / "hand" / "brieven-hand.conllu"     # our sentences, annotated by hand (full UD)
LETTERS = HERE / "data" / "brieven-train.conllu"  # our letters, hand-verified UD (training/data/README.md)
LETTERS_TEST = HERE / "data" / "brieven-test.conllu"  # our letters, hand-verified UD: evaluation only, never trained on
# Extra training data by default: few sentences, but our domain (u, uw, headings), so they count more than once.
EXTRA = [SILVER, SILVER, HAND, HAND, HAND] + [LETTERS] * 4
AUGMENT_SHARE = 0.0  # share of the UD sentences a letter rule applies to that get a letter-style copy (augment.py)


# ---------------------------------------------------------------------------------------------- convert

@dataclass
class Word:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int | None   # 0 = root, else 1-based; None = no dependency annotation (silver data)
    deprel: str
    space: bool


@dataclass
class Sentence:
    sent_id: str
    words: list[Word] = field(default_factory=list)

    @property
    def paragraph(self) -> str:
        """The paragraph the sentence belongs to (dev sentences are carved out by whole paragraphs)."""
        return self.sent_id.rsplit(".s.", 1)[0]


def read_conllu(path: Path) -> list[Sentence]:
    """Read a CoNLL-U file; multiword-token ranges and empty nodes (enhanced graph only) are skipped."""
    sentences: list[Sentence] = []
    current = Sentence(f"{path.name}#1")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id ="):
            current.sent_id = line.split("=", 1)[1].strip()
        elif line.startswith("#"):
            continue
        elif not line.strip():
            if current.words:
                sentences.append(current)
            current = Sentence(f"{path.name}#{len(sentences) + 1}")
        else:
            cols = line.split("\t")
            if len(cols) != 10:
                raise ValueError(f"{path}: line with {len(cols)} columns instead of 10: {line[:80]!r}")
            if "-" in cols[0] or "." in cols[0]:
                continue
            current.words.append(Word(cols[1], cols[2], cols[3], cols[4], "" if cols[5] == "_" else cols[5],
                                      None if cols[6] == "_" else int(cols[6]), cols[7],
                                      "SpaceAfter=No" not in cols[9]))
    if current.words:
        sentences.append(current)
    return sentences


def plain_lemma(form: str, lemma: str, upos: str) -> str:
    """Return the lemma without UD Dutch's compound underscores, as our lexicon writes it.

    Verbs join their parts (toe_kennen → toekennen, mee_doen → meedoen). In other words the last part is the
    head and the parts before it are taken from the word itself, so a linking -s-/-en- stays:
    plaatsingslijst (lemma plaatsing_lijst) → plaatsingslijst, vorstenhuizen (vorst_huis) → vorstenhuis,
    Heel-Nederlanders (Heel_Nederlander) → Heel-Nederlander. Without a clear match the parts are joined.
    """
    if "_" not in lemma or lemma == "_" or "_" in form:
        return lemma
    parts = [p for p in lemma.split("_") if p]
    joined = "".join(parts)
    if upos in ("VERB", "AUX") or len(parts) < 2:
        return joined
    head = parts[-1].lower()
    low = form.lower()
    best, best_len = 0, 0
    for i in range(1, len(low)):
        n = 0
        while n < len(head) and i + n < len(low) and low[i + n] == head[n]:
            n += 1
        if n > best_len:
            best, best_len = i, n
    if best_len < min(3, len(head)):
        return joined
    prefix = form[:best]
    if parts[0] == parts[0].lower():
        prefix = prefix.lower()
    return prefix + parts[-1]


def base_lemma(sentence: Sentence, index: int, lemma: str) -> str:
    """Return the lemma without a separated particle (toekennen → kennen when 'toe' stands apart).

    The lemmatizer learns the base; the pipeline's particle_lemma step puts the particle back from the parse.
    """
    word = sentence.words[index]
    if word.upos not in ("VERB", "AUX"):
        return lemma
    for other in sentence.words:
        if other.head == index + 1 and other.deprel == "compound:prt":
            particle = other.form.lower()
            if lemma.startswith(particle) and len(lemma) > len(particle):
                return lemma[len(particle):]
    return lemma


def to_doc(vocab, sentence: Sentence, for_training: bool):
    """Return the sentence as a spaCy Doc with gold annotation (training lemmas without particles)."""
    from spacy.tokens import Doc

    words = sentence.words
    lemmas = [plain_lemma(w.form, w.lemma, w.upos) for w in words]
    if for_training:
        lemmas = [base_lemma(sentence, i, lem) for i, lem in enumerate(lemmas)]
    parsed = all(w.head is not None for w in words)
    return Doc(
        vocab,
        words=[w.form for w in words],
        spaces=[w.space for w in words],
        tags=[w.xpos for w in words],
        pos=[w.upos for w in words],
        morphs=[w.feats for w in words],
        lemmas=lemmas,
        heads=[(w.head - 1) if w.head else i for i, w in enumerate(words)] if parsed else None,
        deps=["ROOT" if w.head == 0 else w.deprel for w in words] if parsed else None,
        sent_starts=[True] + [False] * (len(words) - 1),
    )


def fill_from_gold(silver: list[Sentence], gold: list[Sentence]) -> None:
    """Give silver tokens (XPOS and lemma only) the UPOS and features the gold data has most often for
    the same XPOS and lemma (else the same XPOS); the mapping is learnt from the training sections only."""
    by_pair: dict[tuple[str, str], Counter] = {}
    by_tag: dict[str, Counter] = {}
    for s in gold:
        for w in s.words:
            lemma = plain_lemma(w.form, w.lemma, w.upos).lower()
            by_pair.setdefault((w.xpos, lemma), Counter())[(w.upos, w.feats)] += 1
            by_tag.setdefault(w.xpos, Counter())[(w.upos, w.feats)] += 1
    for s in silver:
        for w in s.words:
            if w.upos != "_":  # annotated by hand
                continue
            choice = by_pair.get((w.xpos, w.lemma.lower()))
            if not choice and w.xpos in by_tag:  # an unknown verb is a main verb, not an auxiliary
                choice = Counter({k: v for k, v in by_tag[w.xpos].items() if k[0] != "AUX"}) or by_tag[w.xpos]
            if choice:
                w.upos, w.feats = choice.most_common(1)[0][0]
            else:  # a tag the gold sections lack (u, uw): the nearest gold tag, with the person of this one
                w.upos, w.feats = nearest_tag(w.xpos, by_tag)


def nearest_tag(xpos: str, by_tag: dict[str, Counter]) -> tuple[str, str]:
    """Return UPOS and features of the gold tag that shares the most leading fields with `xpos` (same length
    first), with Person taken from `xpos`: VNW|pers|pron|nomin|vol|2b|getal (u) is like 'je', person 2."""
    fields = xpos.split("|")

    def shared(tag: str) -> tuple[int, int]:
        other = tag.split("|")
        n = 0
        while n < min(len(fields), len(other)) and fields[n] == other[n]:
            n += 1
        return n, len(other) == len(fields)

    best = max(sorted(by_tag), key=shared)
    upos, feats = by_tag[best].most_common(1)[0][0]
    person = next((f[0] for f in fields[1:] if f[:1] in "123" and len(f) <= 2), None)
    if person and "Person=" in feats:
        feats = "|".join(f"Person={person}" if f.startswith("Person=") else f for f in feats.split("|"))
    return upos, feats


def split(sentences: list[Sentence], dev_share: float, seed: int) -> tuple[list[Sentence], list[Sentence]]:
    """Carve a dev slice of whole paragraphs (about `dev_share` of the tokens) from the training sentences."""
    paragraphs: dict[str, list[Sentence]] = {}
    for s in sentences:
        paragraphs.setdefault(s.paragraph, []).append(s)
    keys = sorted(paragraphs)
    random.Random(seed).shuffle(keys)
    total = sum(len(s.words) for s in sentences)
    dev_keys: set[str] = set()
    size = 0
    for key in keys:
        if size >= dev_share * total:
            break
        dev_keys.add(key)
        size += sum(len(s.words) for s in paragraphs[key])
    if len(dev_keys) == len(keys):  # a tiny corpus: keep at least one paragraph for training
        dev_keys.discard(keys[-1])
    train = [s for s in sentences if s.paragraph not in dev_keys]
    dev = [s for s in sentences if s.paragraph in dev_keys]
    return train, dev


def convert(train_files: list[Path], test_files: list[Path], work: Path, seed: int, dev_share: float,
            extra_train: list[Path], augment_share: float = 0.0) -> dict:
    """Write train/dev/test DocBins into `work/corpus/`; return counts."""
    import spacy
    from spacy.tokens import DocBin

    from augment import augment

    nlp = spacy.blank("nl")
    train_sents = [s for f in train_files for s in read_conllu(f)]
    test_sents = [s for f in test_files for s in read_conllu(f)]
    train, dev = split(train_sents, dev_share, seed)
    letter_copies = augment(train, seed, augment_share) if augment_share > 0 else []
    silver = [s for f in extra_train for s in read_conllu(f)]
    fill_from_gold(silver, train)
    silver += letter_copies
    corpus = work / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, sents, training in (("train", train + silver, True), ("dev", dev, False), ("test", test_sents, False)):
        DocBin(docs=(to_doc(nlp.vocab, s, training) for s in sents), store_user_data=False).to_disk(
            corpus / f"{name}.spacy")
        counts[name] = {"sentences": len(sents), "tokens": sum(len(s.words) for s in sents)}
    counts["silver"] = {"sentences": len(silver), "tokens": sum(len(s.words) for s in silver)}
    counts["augmented"] = {"sentences": len(letter_copies), "tokens": sum(len(s.words) for s in letter_copies),
                           "share": augment_share}
    counts["extra_files"] = {}
    for f in extra_train:
        entry = counts["extra_files"].setdefault(f.name, {"copies": 0, "tokens": 0})
        entry["copies"] += 1
        entry["tokens"] = sum(len(s.words) for s in read_conllu(f))
    return counts


# ------------------------------------------------------------------------------------------------ train

def train(config: Path, work: Path, seed: int, quick: bool, overrides: dict) -> Path:
    """Train with spaCy's own loop; return the directory of the best model (by the dev slice)."""
    from spacy.cli.train import train as spacy_train

    from eenvoudig.analysis.pipeline import register_components

    register_components()
    settings = {
        "paths.train": str(work / "corpus" / "train.spacy"),
        "paths.dev": str(work / "corpus" / "dev.spacy"),
        "system.seed": seed,
    }
    if quick:
        settings.update({"training.max_epochs": 1, "training.max_steps": 0, "training.eval_frequency": 10,
                         "training.patience": 0})
    settings.update(overrides)
    output = work / "model"
    if output.exists():
        shutil.rmtree(output)
    spacy_train(config, output, use_gpu=-1, overrides=settings)
    return output / "model-best"


# --------------------------------------------------------------------------------------------- evaluate

def evaluate(model: Path, test_files: list[Path]) -> dict:
    """Score the pipeline on the held-out sentences (gold tokens, one sentence per Doc)."""
    from eenvoudig.analysis.pipeline import annotate, load_pipeline

    nlp = load_pipeline(model)
    gold = [s for f in test_files for s in read_conllu(f)]
    pairs = [([w.form for w in s.words], [w.space for w in s.words]) for s in gold]
    start = time.perf_counter()
    docs = list(annotate(pairs, nlp))
    seconds = time.perf_counter() - start
    n = Counter()
    label_gold, label_pred, label_ok = Counter(), Counter(), Counter()
    lemma_errors = Counter()
    for sent, doc in zip(gold, docs):
        for i, (w, t) in enumerate(zip(sent.words, doc)):
            gold_lemma = plain_lemma(w.form, w.lemma, w.upos)
            gold_head = (w.head - 1) if w.head else i
            gold_dep = "ROOT" if w.head == 0 else w.deprel
            pred_dep = "ROOT" if t.head.i == t.i else t.dep_
            n["tokens"] += 1
            n["upos"] += t.pos_ == w.upos
            n["xpos"] += t.tag_ == w.xpos
            n["feats"] += _feats(str(t.morph)) == _feats(w.feats)
            n["lemma"] += t.lemma_ == gold_lemma
            n["uas"] += t.head.i == gold_head
            n["las"] += t.head.i == gold_head and pred_dep == gold_dep
            # CoNLL 2018 shared task LAS: the universal part of the label only (obl:agent counts as obl)
            n["las_conll18"] += t.head.i == gold_head and pred_dep.split(":")[0] == gold_dep.split(":")[0]
            if t.lemma_ != gold_lemma:
                lemma_errors[(w.form, gold_lemma, t.lemma_)] += 1
            if w.upos != "PUNCT":
                n["words"] += 1
                n["uas_nopunct"] += t.head.i == gold_head
                n["las_nopunct"] += t.head.i == gold_head and pred_dep == gold_dep
            label_gold[gold_dep] += 1
            label_pred[pred_dep] += 1
            label_ok[gold_dep] += t.head.i == gold_head and pred_dep == gold_dep
    metrics = {key: round(n[key] / n["tokens"], 4)
               for key in ("upos", "xpos", "feats", "lemma", "uas", "las", "las_conll18")}
    metrics["uas_no_punct"] = round(n["uas_nopunct"] / n["words"], 4)
    metrics["las_no_punct"] = round(n["las_nopunct"] / n["words"], 4)
    per_label = {}
    for label in LABELS_OF_INTEREST:
        p = label_ok[label] / label_pred[label] if label_pred[label] else 0.0
        r = label_ok[label] / label_gold[label] if label_gold[label] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per_label[label] = {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "gold": label_gold[label]}
    metrics["per_label"] = per_label
    metrics["sentences"] = len(gold)
    metrics["tokens"] = n["tokens"]
    metrics["words_per_second_in_evaluation"] = round(n["tokens"] / seconds)
    metrics["frequent_lemma_errors"] = [list(k) + [v] for k, v in lemma_errors.most_common(25)]
    return metrics


def _feats(feats: str) -> tuple[str, ...]:
    return tuple(sorted(f for f in feats.split("|") if f))


# ---------------------------------------------------------------------------------------------- package

ATTRIBUTION = """\
# eenvoudig's Dutch pipeline: attribution and licence

This directory is a spaCy {spacy_version} pipeline trained by eenvoudig's recipe (`training/build.py`).
It is a work based on Universal Dependencies treebanks and is shared under the same licence,
**CC BY-SA 4.0** (the full text is in `LICENSE` in this directory). eenvoudig's own code is EUPL-1.2.

## Trained on

- **UD_Dutch-Alpino** — Gosse Bouma and Gertjan van Noord, "Increasing return on annotation investment: the
  automatic construction of a Universal Dependency treebank for Dutch", UDW 2017; Alpino Treebank
  (van der Beek et al. 2002).
- **UD_Dutch-LassySmall** — the same paper; Lassy Small (van Noord et al. 2013, "Large Scale Syntactic
  Annotation of Written Dutch: Lassy", Springer).

UD release of 2025-05. Sections used for training: {train_sections} ({train_tokens} tokens, of which
{dev_tokens} in whole paragraphs set aside for model selection). Held out, never used for training or model
selection: {test_sections} ({test_tokens} tokens).{silver}

Changes to the data: lemmas are written without underscores (toe_kennen → toekennen; in nouns and adjectives
the non-head part of a compound is taken from the word, so plaatsing_lijst → plaatsingslijst); for training,
the lemmatizer sees a separable verb's lemma without its separated particle (the parse puts it back).

The `lemma_dictionary` component holds spaCy's Dutch lemma tables (lookup, index, exceptions, rules) from the
`spacy-lookups-data` package {lookups_version}, MIT licence, © ExplosionAI GmbH (`LICENSE-spacy-lookups-data`), stored as
`words.tsv` (form, the classes it is a lemma of, its looked-up lemma; sorted) and `irregular.json` (exceptions
and suffix rules).

## What it does

Components: {components}. Labels: Dutch CGN/Lassy tag in `token.tag_`, UPOS in `token.pos_`, UD features in
`token.morph`, lemma in `token.lemma_`, UD dependency relations (UD v2 labels) in `token.dep_`.

## Scores on the held-out section

Gold tokens and gold sentences, every token counted (punctuation too), labels compared in full (`aux:pass`
is not `aux`):

| UPOS | XPOS | features | lemma | UAS | LAS |
|---|---|---|---|---|---|
| {upos} | {xpos} | {feats} | {lemma} | {uas} | {las} |

With the CoNLL 2018 shared task's LAS (universal part of the label only) LAS is {las_conll18}; without
punctuation, UAS {uas_no_punct} and LAS {las_no_punct}.

Per label (head and label right): {per_label}.
{letters}"""

LETTERS_SCORES = """
## Scores on our own letter sentences (held out)

{sections} ({sentences} sentences, {tokens} tokens): letters the eenvoudig developers wrote and annotated by hand
(`training/data/README.md`), other letters than the ones trained on; never used for training or model selection.
Counted as above:

| UPOS | XPOS | features | lemma | UAS | LAS |
|---|---|---|---|---|---|
| {upos} | {xpos} | {feats} | {lemma} | {uas} | {las} |
"""


def package(model: Path, target: Path, metrics: dict, counts: dict, shared: Path, sections: dict) -> None:
    """Copy the model into `target` with LICENSE, ATTRIBUTION.md and an honest meta.json."""
    import spacy

    staging = target.with_name(target.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(model, staging)
    meta_path = staging / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update({
        "name": MODEL_NAME.removeprefix("eenvoudig_"),
        "lang": "nl",
        "version": "1.0.0",
        "description": "Dutch tagger, morphologizer, lemmatizer and dependency parser for eenvoudig, "
                       "trained on UD Dutch (Alpino, LassySmall).",
        "author": "eenvoudig developers",
        "license": "CC BY-SA 4.0",
        "sources": [
            {"name": "UD_Dutch-Alpino", "url": "https://github.com/UniversalDependencies/UD_Dutch-Alpino",
             "license": "CC BY-SA 4.0"},
            {"name": "UD_Dutch-LassySmall",
             "url": "https://github.com/UniversalDependencies/UD_Dutch-LassySmall", "license": "CC BY-SA 4.0"},
        ],
        "held_out": {**{k: v for k, v in metrics.items()
                        if k not in ("frequent_lemma_errors", "sections", "overrides", "model_bytes", "counts")},
                     "sections": sections["test"], "trained_on": sections["train"], "counts": counts},
    })
    if "letters" in meta["held_out"]:
        meta["held_out"]["letters"] = {k: v for k, v in meta["held_out"]["letters"].items()
                                       if k != "frequent_lemma_errors"}
    meta.pop("performance", None)  # spaCy's dev-slice scores; the held-out scores are in held_out
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    config = staging / "config.cfg"  # no paths of the machine that trained it
    config.write_text(re.sub(r'^(train|dev) = ".*"$', r"\1 = null", config.read_text(encoding="utf-8"),
                             flags=re.MULTILINE), encoding="utf-8")
    licence = shared / "data" / "ud-dutch" / "LICENSE-CC-BY-SA-4.0.txt"
    if not licence.is_file():  # training on other files (the recipe test): the same licence text as shipped
        licence = ROOT / "src" / "eenvoudig" / "analysis" / "nl_pipeline" / "LICENSE"
    shutil.copyfile(licence, staging / "LICENSE")
    import importlib.metadata

    lookups = importlib.metadata.distribution("spacy-lookups-data")
    notice = next(f for f in lookups.files or () if f.name.startswith("LICENSE") and ".dist-info" in str(f))
    shutil.copyfile(notice.locate(), staging / "LICENSE-spacy-lookups-data")
    per_label = "; ".join(f"{k} P {v['p']:.3f} R {v['r']:.3f} F {v['f']:.3f} (n={v['gold']})"
                          for k, v in metrics["per_label"].items())
    silver = counts["silver"]["tokens"]
    (staging / "ATTRIBUTION.md").write_text(ATTRIBUTION.format(
        spacy_version=spacy.__version__, lookups_version=lookups.version, train_sections=", ".join(sections["train"]),
        train_tokens=counts["train"]["tokens"] - silver + counts["dev"]["tokens"], dev_tokens=counts["dev"]["tokens"],
        test_sections=", ".join(sections["test"]), test_tokens=counts["test"]["tokens"],
        silver=extra_note(counts.get("extra_files", {}), counts.get("augmented")),
        components=", ".join(meta["pipeline"]),
        per_label=per_label, letters=letters_note(metrics.get("letters")),
        **{k: f"{metrics[k]:.3f}" for k in ("upos", "xpos", "feats", "lemma", "uas", "las",
                                                                  "las_conll18", "uas_no_punct", "las_no_punct")},
    ), encoding="utf-8")
    if target.exists():
        shutil.rmtree(target)
    staging.rename(target)


def letters_note(letters: dict | None) -> str:
    """The ATTRIBUTION.md section with the scores on our held-out letter sentences (if measured)."""
    if not letters:
        return ""
    return LETTERS_SCORES.format(sections=", ".join(letters["sections"]), sentences=letters["sentences"],
                                 tokens=letters["tokens"], **{k: f"{letters[k]:.3f}" for k in
                                                              ("upos", "xpos", "feats", "lemma", "uas", "las")})


def extra_note(files: dict, augmented: dict | None = None) -> str:
    """Describe the extra (own) training data for ATTRIBUTION.md."""
    notes = []
    if SILVER.name in files:
        f = files[SILVER.name]
        notes.append(f"{f['tokens']} tokens ({f['copies']} copies) of municipal-style sentences we wrote "
                     "(`training/silver/brieven.txt`), with CGN tags and lemmas from Frog (used at training time "
                     "only; UPOS and features mapped from the gold sections; no dependencies)")
    if HAND.name in files:
        f = files[HAND.name]
        notes.append(f"{f['tokens']} tokens ({f['copies']} copies) of municipal-style sentences we wrote and "
                     "annotated by hand in UD style (`training/hand/brieven-hand.conllu`)")
    if LETTERS.name in files:
        f = files[LETTERS.name]
        notes.append(f"{f['tokens']} tokens ({f['copies']} copies) of letter sentences we wrote and annotated by "
                     "hand in UD style, checked twice (`training/data/brieven-train.conllu`)")
    if augmented and augmented.get("sentences"):
        notes.append(f"{augmented['tokens']} tokens ({augmented['sentences']} sentences) of letter-style copies of "
                     "training sentences of the UD sections (hij → u, is → bent, zijn → uw, …; "
                     "`training/augment.py`), under the same licence as those sections")
    return ("\n\nAlso trained on our own data (eenvoudig developers, CC BY-SA 4.0 like the rest): "
            + "; ".join(notes) + ".") if notes else ""


def size_of(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# ------------------------------------------------------------------------------------------------- main

def default_shared() -> Path:
    """Return the nearest `shared` folder beside the repository or one of its parents (worktrees)."""
    for parent in ROOT.parents:
        if (parent / "shared" / "data" / "ud-dutch").is_dir():
            return parent / "shared"
    return ROOT.parent / "shared"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=default_shared(),
                        help="the shared folder with data/ud-dutch/ (default: the nearest ../shared)")
    parser.add_argument("--test", choices=sorted(SECTIONS), default="alpino",
                        help="the section held out for the final evaluation (default: alpino)")
    parser.add_argument("--train-file", type=Path, action="append", default=[],
                        help="train on this CoNLL-U file instead of the shared sections (repeatable)")
    parser.add_argument("--test-file", type=Path, action="append", default=[],
                        help="evaluate on this CoNLL-U file instead of the held-out section (repeatable)")
    parser.add_argument("--silver", type=Path, action="append", default=None,
                        help="extra CoNLL-U training data, never used for evaluation (repeatable: a file given "
                             "twice counts twice; default: training/silver/brieven.conllu twice, "
                             "training/hand/brieven-hand.conllu three times, training/data/brieven-train.conllu "
                             "four times)")
    parser.add_argument("--augment", type=float, default=None, metavar="SHARE",
                        help=f"letter-style copies (augment.py) of this share of the UD training sentences a rule "
                             f"applies to (default {AUGMENT_SHARE}; 0 = none; off with --train-file)")
    parser.add_argument("--letters-test", type=Path, action="append", default=None,
                        help="a second held-out file, scored beside the first (default: "
                             "training/data/brieven-test.conllu; none with --train-file)")
    parser.add_argument("--trained", type=Path, default=None, metavar="MODEL_DIR",
                        help="skip training: evaluate (and package) this already trained model, e.g. "
                             "training/work/model/model-best of an earlier run with the same settings")
    parser.add_argument("--no-silver", action="store_true", help="train on the UD sections only")
    parser.add_argument("--config", type=Path, default=HERE / "config.cfg")
    parser.add_argument("--work", type=Path, default=HERE / "work", help="corpus, checkpoints and metrics")
    parser.add_argument("--package", type=Path, default=ROOT / "src" / "eenvoudig" / "analysis" / "nl_pipeline",
                        help="where the chosen pipeline goes (default: inside the package)")
    parser.add_argument("--no-package", action="store_true", help="train and evaluate only")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dev-share", type=float, default=0.1)
    parser.add_argument("--quick", action="store_true", help="one short epoch (checks the recipe, not a model)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="override a config value, e.g. --set components.tok2vec.model.encode.width=64")
    args = parser.parse_args(argv)

    data = args.shared / "data" / "ud-dutch"
    if args.no_silver or args.train_file:
        args.silver = args.silver or []
    elif args.silver is None:
        args.silver = list(EXTRA)
    if args.train_file:
        train_files, test_files = args.train_file, args.test_file or args.train_file
    else:
        train_files = [data / f for key, f in SECTIONS.items() if key != args.test]
        test_files = args.test_file or [data / SECTIONS[args.test]]
    if args.augment is None:
        args.augment = 0.0 if args.train_file else AUGMENT_SHARE
    if args.letters_test is None:
        args.letters_test = [] if args.train_file else [LETTERS_TEST]
    for f in [*train_files, *test_files, *args.silver, *args.letters_test]:
        if not f.is_file():
            parser.error(f"file not found: {f}")
    held_out = {f.resolve() for f in [*test_files, *args.letters_test]}
    if args.test_file or not args.train_file:
        clash = held_out & {f.resolve() for f in [*train_files, *args.silver]}
        if clash:
            parser.error(f"a held-out file is also training data: {', '.join(sorted(map(str, clash)))}")
    sections = {"train": [f.name for f in train_files], "test": [f.name for f in test_files]}
    overrides = {}
    for item in args.set:
        key, _, value = item.partition("=")
        overrides[key] = json.loads(value) if value[:1] in "[{0123456789-" or value in ("true", "false") \
            else value
    args.work.mkdir(parents=True, exist_ok=True)
    timings = {}

    t = time.perf_counter()
    counts = convert(train_files, test_files, args.work, args.seed, args.dev_share, args.silver, args.augment)
    timings["convert_s"] = round(time.perf_counter() - t, 1)
    print(f"convert: {json.dumps(counts)}", flush=True)

    t = time.perf_counter()
    best = args.trained or train(args.config, args.work, args.seed, args.quick, overrides)
    if not args.trained:
        timings["train_s"] = round(time.perf_counter() - t, 1)

    t = time.perf_counter()
    metrics = evaluate(best, test_files)
    timings["evaluate_s"] = round(time.perf_counter() - t, 1)
    metrics["timings"] = timings
    metrics["counts"] = counts
    metrics["sections"] = sections
    metrics["overrides"] = overrides
    metrics["model_bytes"] = size_of(best)
    if args.letters_test:
        letters = evaluate(best, args.letters_test)
        metrics["letters"] = {k: v for k, v in letters.items() if k != "words_per_second_in_evaluation"}
        metrics["letters"]["sections"] = [f.name for f in args.letters_test]
    (args.work / "metrics.json").write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n",
                                            encoding="utf-8")
    summary = {k: metrics[k] for k in ("upos", "xpos", "feats", "lemma", "uas", "las", "las_conll18",
                                       "las_no_punct")}
    print(f"held-out ({', '.join(sections['test'])}): {json.dumps(summary)}")
    print("per label: " + json.dumps(metrics["per_label"]))
    if args.letters_test:
        summary = {k: metrics["letters"][k] for k in ("upos", "xpos", "feats", "lemma", "uas", "las", "las_conll18",
                                                      "las_no_punct")}
        print(f"held-out ({', '.join(metrics['letters']['sections'])}): {json.dumps(summary)}")
    if not args.no_package:
        package(best, args.package, metrics, counts, args.shared, sections)
        print(f"packaged: {args.package} ({size_of(args.package) / 1e6:.1f} MB)")
    print(f"timings: {json.dumps(timings)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
