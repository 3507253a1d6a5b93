"""Check our hand-annotated CoNLL-U files (training/data/brieven-*.conllu) for structural mistakes.

    python training/check_conllu.py                      # both gold files; exit 1 and a list of errors if any
    python training/check_conllu.py some.conllu other.conllu
    python training/check_conllu.py --treebank ../shared/data/ud-dutch   # also: tag combinations UD Dutch has

Checks per sentence: `# sent_id` (unique over all files) and `# text`; 10 tab-separated columns; ids 1..n;
heads in range; exactly one root (head 0 with deprel `root`); no cycles; UPOS from the UD set; deprels from
the set the UD Dutch treebanks use; auxiliary relations (aux, aux:pass, cop) on AUX and `punct` on PUNCT;
lemmas without underscores (we write toekennen, not toe_kennen); FEATS as sorted Name=Value pairs; MISC only
`SpaceAfter=No`; DEPS `_`; the text line equals the tokens joined with SpaceAfter. Our conventions for letter
Dutch (training/data/README.md): "u" as subject is tagged nominative and otherwise oblique, "uw" is a
possessive (nmod:poss), a separated verb particle is part of the verb's lemma (kennen ... toe -> toekennen),
the subject of a passive is nsubj:pass. Over files: no sentence text in two files (a test sentence must not be
trained on).

With --treebank, each XPOS/UPOS/FEATS combination (ExtPos aside) must also occur in the UD Dutch sections; the
few tags of the letter domain they lack (object "u", "uw") are listed in KNOWN_EXTRA.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD_FILES = (HERE / "data" / "brieven-train.conllu", HERE / "data" / "brieven-test.conllu")

UPOS = frozenset("ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X".split())
# Every deprel in the UD Dutch sections (Alpino dev, LassySmall dev and test, release 2025-05).
DEPRELS = frozenset("""acl acl:relcl advcl advmod amod appos aux aux:pass case cc cc:preconj ccomp compound:prt
conj cop csubj csubj:outer det expl expl:pv fixed flat iobj mark nmod nmod:poss nsubj nsubj:outer nsubj:pass
nummod obj obl obl:agent obl:arg orphan parataxis punct root xcomp""".split())
AUX_RELS = frozenset({"aux", "aux:pass", "cop"})
U_SUBJECT = "VNW|pers|pron|nomin|vol|2b|getal"     # u as subject (CGN)
U_OBJECT = "VNW|pr|pron|obl|vol|2|getal"           # u as object, reflexive or after a preposition (CGN)
UW = "VNW|bez|det|stan|vol|2|getal|prenom|zonder|agr"
FEAT = re.compile(r"[A-Z][A-Za-z]*=[A-Z0-9][A-Za-z0-9]*(,[A-Z0-9][A-Za-z0-9]*)*")
# Tags of the letter domain that the UD Dutch sections do not have (see training/data/README.md).
KNOWN_EXTRA = frozenset({
    ("VNW|pr|pron|obl|vol|2|getal", "PRON", "Case=Acc|Person=2|PronType=Prs"),
    ("VNW|bez|det|stan|vol|2|getal|prenom|zonder|agr", "PRON", "Person=2|Poss=Yes|PronType=Prs"),
})


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def check_file(path: Path, treebank_tags: frozenset | None = None,
               ids: set[str] | None = None) -> tuple[list[Problem], dict[str, str]]:
    """Return the problems in one CoNLL-U file and its sentences as {text: sent_id}.

    `ids` collects the sentence ids seen so far (pass the same set for several files to keep ids unique).
    """
    problems: list[Problem] = []
    texts: dict[str, str] = {}
    ids = set() if ids is None else ids
    lines = path.read_text(encoding="utf-8").split("\n")
    block: list[tuple[int, str]] = []
    for number, line in enumerate(lines + [""], 1):
        if line.strip():
            block.append((number, line))
        elif block:
            problems += _check_sentence(path, block, texts, ids, treebank_tags)
            block = []
    if not texts:
        problems.append(Problem(path, 1, "no sentences"))
    return problems, texts


def _check_sentence(path: Path, block: list[tuple[int, str]], texts: dict[str, str], ids: set[str],
                    treebank_tags: frozenset | None) -> list[Problem]:
    problems: list[Problem] = []
    first = block[0][0]

    def problem(line: int, message: str) -> None:
        problems.append(Problem(path, line, message))

    comments = {}
    rows: list[tuple[int, list[str]]] = []
    for number, line in block:
        if line.startswith("#"):
            if " = " in line:
                key, value = line[1:].split(" = ", 1)
                comments[key.strip()] = value
        else:
            rows.append((number, line.split("\t")))
    sent_id, text = comments.get("sent_id"), comments.get("text")
    if not rows and sent_id is None and text is None:  # a block of file comments only
        return problems
    if not sent_id:
        problem(first, "no '# sent_id = ...' line")
    elif sent_id in ids:
        problem(first, f"sent_id {sent_id} used twice")
    else:
        ids.add(sent_id)
    if text is None:
        problem(first, "no '# text = ...' line")
    if not rows:
        problem(first, "sentence without words")
        return problems
    n = len(rows)
    heads: dict[int, int] = {}
    roots = 0
    rebuilt = ""
    for expected, (number, cols) in enumerate(rows, 1):
        if len(cols) != 10:
            problem(number, f"{len(cols)} columns instead of 10")
            continue
        wid, form, lemma, upos, xpos, feats, head, deprel, deps, misc = cols
        if wid != str(expected):
            problem(number, f"id {wid!r}, expected {expected}")
        if not form or not lemma or not xpos:
            problem(number, "empty FORM, LEMMA or XPOS")
        if "_" in lemma and lemma != "_":
            problem(number, f"lemma with an underscore: {lemma!r} (write compounds as one word)")
        if lemma == "_" and form != "_":
            problem(number, "no lemma")
        if upos not in UPOS:
            problem(number, f"unknown UPOS {upos!r}")
        if deprel not in DEPRELS:
            problem(number, f"deprel {deprel!r} is not used in UD Dutch")
        if deprel in AUX_RELS and upos != "AUX":
            problem(number, f"{deprel} needs UPOS AUX, not {upos}")
        if upos == "AUX" and deprel not in AUX_RELS:
            problem(number, f"AUX with deprel {deprel} (only aux, aux:pass or cop)")
        if (deprel == "punct") != (upos == "PUNCT"):
            problem(number, f"punct goes with PUNCT (UPOS {upos}, deprel {deprel})")
        if feats != "_":
            pairs = feats.split("|")
            if not all(FEAT.fullmatch(p) for p in pairs):
                problem(number, f"FEATS not Name=Value pairs: {feats!r}")
            elif pairs != sorted(pairs, key=lambda p: p.split("=")[0].lower()):
                problem(number, f"FEATS not sorted: {feats!r}")
        if treebank_tags is not None and (xpos, upos, _without_extpos(feats)) not in treebank_tags | KNOWN_EXTRA:
            problem(number, f"XPOS {xpos} with UPOS {upos} and FEATS {feats} does not occur in UD Dutch")
        if deps != "_":
            problem(number, "DEPS must be '_'")
        if misc not in ("_", "SpaceAfter=No"):
            problem(number, f"MISC {misc!r}: only '_' or 'SpaceAfter=No'")
        if not head.isdigit() or int(head) > n:
            problem(number, f"head {head!r} outside 0..{n}")
            continue
        heads[expected] = int(head)
        if int(head) == 0:
            roots += 1
            if deprel != "root":
                problem(number, f"head 0 with deprel {deprel} (must be root)")
        elif deprel == "root":
            problem(number, "deprel root without head 0")
        elif int(head) == expected:
            problem(number, "word is its own head")
        rebuilt += form + ("" if misc == "SpaceAfter=No" or expected == n else " ")
    if roots != 1:
        problem(first, f"{roots} words with head 0 (exactly one root expected)")
    if len(heads) == n and all(len(cols) == 10 for _, cols in rows):
        for number, message in _convention_problems(rows):
            problem(number, message)
    for start in heads:
        seen, node = set(), start
        while node and node in heads and node not in seen:
            seen.add(node)
            node = heads[node]
        if node in seen:
            problem(first, f"cycle in the heads from word {start}")
            break
    if text is not None and not problems and rebuilt != text:
        problem(first, f"text {text!r} differs from the words joined with SpaceAfter: {rebuilt!r}")
    if text is not None:
        if text in texts:
            problem(first, f"same sentence as {texts[text]}")
        texts[text] = sent_id or "?"
    return problems


def _convention_problems(rows: list[tuple[int, list[str]]]) -> list[tuple[int, str]]:
    """Return the breaches of our conventions for letter Dutch (training/data/README.md) in one sentence."""
    found = []
    cols = [c for _, c in rows]
    for (number, c) in rows:
        form, lemma, xpos, head, deprel, feats = c[1].lower(), c[2], c[4], int(c[6]), c[7], c[5]
        if form == "u":
            want = U_SUBJECT if deprel in ("nsubj", "nsubj:pass") else U_OBJECT
            if xpos != want:
                found.append((number, f"'u' as {deprel} has XPOS {xpos}, expected {want}"))
        if form == "uw" and (xpos != UW or deprel != "nmod:poss"):
            found.append((number, f"'uw' must be {UW} with deprel nmod:poss, not {xpos} {deprel}"))
        if deprel == "compound:prt" and xpos in ("VZ|fin", "BW") and "ExtPos" not in feats and head:
            verb = cols[head - 1]
            if verb[3] == "VERB" and not verb[2].lower().startswith(form):
                found.append((number, f"verb lemma {verb[2]!r} lacks its particle {form!r} (write {form}{verb[2]})"))
        if deprel == "nsubj" and any(k[7] == "aux:pass" for k in cols if k[6] == c[6]):
            found.append((number, "subject of a passive must be nsubj:pass"))
    return found


def treebank_combinations(folder: Path) -> frozenset:
    """Return every (XPOS, UPOS, FEATS) the UD Dutch sections in `folder` use, ExtPos left out of FEATS."""
    seen = set()
    for path in sorted(folder.glob("*.conllu")):
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                seen.add((cols[4], cols[3], _without_extpos(cols[5])))
    if not seen:
        raise SystemExit(f"{folder}: no .conllu files")
    return frozenset(seen)


def _without_extpos(feats: str) -> str:
    kept = [f for f in feats.split("|") if f and f != "_" and not f.startswith("ExtPos=")]
    return "|".join(kept) or "_"


def check(paths: list[Path], treebank: Path | None = None) -> list[Problem]:
    """Return every problem in `paths`, including sentences that occur in more than one file."""
    tags = None
    if treebank is not None:
        tags = treebank_combinations(treebank)
    problems: list[Problem] = []
    owner: dict[str, tuple[Path, str]] = {}
    ids: set[str] = set()
    for path in paths:
        found, texts = check_file(path, tags, ids)
        problems += found
        for text, sent_id in texts.items():
            if text in owner and owner[text][0] != path:
                problems.append(Problem(path, 1, f"sentence {sent_id} is also in {owner[text][0].name} "
                                                 f"({owner[text][1]}): {text!r}"))
            owner.setdefault(text, (path, sent_id))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="CoNLL-U files (default: both gold files)")
    parser.add_argument("--treebank", type=Path, help="folder with the UD Dutch .conllu sections")
    args = parser.parse_args(argv)
    paths = args.files or list(GOLD_FILES)
    problems = check(paths, args.treebank)
    for p in problems:
        print(p)
    sentences = tokens = 0
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            sentences += line.startswith("# sent_id")
            tokens += bool(line) and line[0].isdigit()
    print(f"{len(paths)} file(s), {sentences} sentences, {tokens} tokens: "
          f"{'no problems' if not problems else f'{len(problems)} problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
