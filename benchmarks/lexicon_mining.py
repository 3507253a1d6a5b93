"""Mine the Amsterdam development pairs for what editors change, word by word, on the FIT documents only.

    python benchmarks/lexicon_mining.py [--csv PATH] [--top 60] [--min 2] [--part fit|eval]

The development set (945 complex/simple sentence pairs from 32 documents) is split by document, once and
for all, in `split()`: documents with an ODD id are the "fit" documents (we may look at them to choose
lexicon entries), documents with an EVEN id are the "eval" documents (every quality figure in
`lexicon_quality.py` is measured on them, and nothing is chosen on them). Both halves hold about the same
number of pairs (469 fit, 476 eval).

For each fit pair the words of the complex and the simple sentence are aligned on their lemmas (difflib's
longest-matching-blocks alignment; protected spans such as amounts and dates are one token). An aligned
stretch that differs is a substitution (complex words → simple words, both at most 4 words) or a deletion
(complex words with nothing in their place). Printed, with counts (never the sentences themselves):

* the most frequent substitutions and deleted words, lemma level;
* for each lexicon entry found on the fit documents: how often the editors changed the words it covers,
  how often they kept them, and how often the entry fires on the simple side (a false alarm there);
* complex words the editors changed at least --min times that the lexicon does not flag (candidates).

`--part eval` mines the eval documents instead; it exists only for the swapped check (choose a copy of the
lexicon on eval, measure it on fit with `lexicon_quality.py --chosen-on eval`). Never use it to change the
shipped lexicon: that would make every eval figure in-sample.

Reads ../shared/data/amsterdam-pairs/dev.csv (never copied into this repository). The figures decide which
entries we write, keep, drop or make "suggestion only"; the entries themselves are written by hand.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

MAX_SPAN = 4  # a stretch of more words than this on either side is a rewrite, not a substitution


def default_csv() -> Path:
    """Return ../shared/data/amsterdam-pairs/dev.csv as seen from the checkout (main or a worktree)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "shared" / "data" / "amsterdam-pairs" / "dev.csv"
        if candidate.is_file():
            return candidate
    return here.parents[2] / "shared" / "data" / "amsterdam-pairs" / "dev.csv"


def split(document_id: str) -> str:
    """Return 'fit' for documents with an odd id, 'eval' for an even id. Fixed: never tune this."""
    return "fit" if int(document_id) % 2 == 1 else "eval"


@dataclass(frozen=True)
class Pair:
    document: str
    complex: str
    simple: str


def load_pairs(path: Path, part: str | None = None) -> list[Pair]:
    """Return the pairs of one half ('fit' or 'eval'), or all pairs when `part` is None."""
    with path.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["Complex"].strip() and r["Simple"].strip()]
    return [Pair(r["Document ID"], " ".join(r["Complex"].split()), " ".join(r["Simple"].split()))
            for r in rows if part is None or split(r["Document ID"]) == part]


def analyse_texts(texts: Sequence[str]) -> list[list]:
    """Analyse short texts as the blocks of one document; return the sentences of each text."""
    import eenvoudig

    analysis = eenvoudig.analyze(eenvoudig.read_text("\n\n".join(texts)))
    out: list[list] = [[] for _ in texts]
    for s in analysis.sentences:
        out[s.block].append(s)
    return out


@dataclass(frozen=True)
class Side:
    """One side of a pair: its sentences, and its word tokens as (sentence index, token index)."""

    sentences: tuple
    words: tuple[tuple[int, int], ...]
    lemmas: tuple[str, ...]
    content: tuple[bool, ...]       # a content word that is not a protected span (amount, date, name…)


def side(sentences: Sequence) -> Side:
    words, lemmas, content = [], [], []
    for si, s in enumerate(sentences):
        for ti, t in enumerate(s.tokens):
            if t.is_word:
                words.append((si, ti))
                lemmas.append(lemma(t))
                content.append(t.content and t.kind is None)
    return Side(tuple(sentences), tuple(words), tuple(lemmas), tuple(content))


def lemma(token) -> str:
    """Return the lemma we compare on: the first lookup lemma; protected spans by their kind."""
    if token.kind is not None:
        return f"<{token.kind}>"
    return token.lemma.lower()


@dataclass(frozen=True)
class Change:
    """An aligned stretch that differs: complex word positions [c0, c1) and simple [s0, s1)."""

    c0: int
    c1: int
    s0: int
    s1: int

    @property
    def kind(self) -> str:
        return "deletion" if self.s1 == self.s0 else "insertion" if self.c1 == self.c0 else "substitution"


def align(c: Side, s: Side) -> tuple[list[Change], list[int]]:
    """Return the changes (substitutions and deletions of at most MAX_SPAN words) and the kept complex words."""
    sm = difflib.SequenceMatcher(None, c.lemmas, s.lemmas, autojunk=False)
    changes, kept = [], []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            kept.extend(range(i1, i2))
        elif op in ("replace", "delete") and 0 < i2 - i1 <= MAX_SPAN and j2 - j1 <= MAX_SPAN:
            changes.append(Change(i1, i2, j1, j2))
    return changes, kept


def matches_by_word(lex, side_: Side) -> dict[int, object]:
    """Return, per complex word position, the lexicon match that covers it."""
    from eenvoudig.lexicon import find_matches

    where = {pos: k for k, pos in enumerate(side_.words)}
    out: dict[int, object] = {}
    for si, sent in enumerate(side_.sentences):
        for m in find_matches(lex, sent.tokens):
            for ti in m.tokens:
                k = where.get((si, ti))
                if k is not None:
                    out[k] = m
    return out


def lexicon_hits(lex, sentences: Sequence) -> list:
    from eenvoudig.lexicon import find_matches

    return [m for s in sentences for m in find_matches(lex, s.tokens)]


def analysed_pairs(pairs: Sequence[Pair]) -> list[tuple[Pair, Side, Side]]:
    complex_ = analyse_texts([p.complex for p in pairs])
    simple = analyse_texts([p.simple for p in pairs])
    return [(p, side(c), side(s)) for p, c, s in zip(pairs, complex_, simple)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", type=Path, default=default_csv())
    ap.add_argument("--top", type=int, default=60)
    ap.add_argument("--min", type=int, default=2, help="least number of changes for a candidate")
    ap.add_argument("--part", choices=("fit", "eval"), default="fit",
                    help="which half to mine (eval only for the swapped check, never for the shipped lexicon)")
    ap.add_argument("--lexicon", type=Path, action="append", default=[],
                    help="extra lexicon file(s) on top of the shipped lexicon")
    args = ap.parse_args()
    if not args.csv.is_file():
        print(f"development set not found: {args.csv}", file=sys.stderr)
        return 2
    from eenvoudig.lexicon import load_lexicon

    lex = load_lexicon(args.lexicon)
    pairs = load_pairs(args.csv, args.part)
    docs = sorted({p.document for p in pairs}, key=int)
    what = "FIT documents only (odd ids" if args.part == "fit" else \
        "EVAL documents only, for the swapped check (even ids; the shipped lexicon is never chosen on these"
    print(f"{what}; {len(docs)} documents, {len(pairs)} pairs): {', '.join(docs)}")
    subs: Counter = Counter()
    deleted: Counter = Counter()
    occurrences: Counter = Counter()
    changed: Counter = Counter()
    entry_changed: Counter = Counter()
    entry_kept: Counter = Counter()
    entry_simple: Counter = Counter()
    unflagged_changes: dict[str, Counter] = defaultdict(Counter)
    for _pair, c, s in analysed_pairs(pairs):
        changes, kept = align(c, s)
        flagged = matches_by_word(lex, c)
        for k in range(len(c.lemmas)):
            occurrences[c.lemmas[k]] += 1
        for ch in changes:
            before = " ".join(c.lemmas[ch.c0:ch.c1])
            after = " ".join(s.lemmas[ch.s0:ch.s1])
            if ch.kind == "substitution":
                subs[(before, after)] += 1
            else:
                deleted[before] += 1
            for k in range(ch.c0, ch.c1):
                changed[c.lemmas[k]] += 1
                if k not in flagged:
                    unflagged_changes[c.lemmas[k]][after or "∅"] += 1
        seen_entries: dict[str, bool] = {}
        changed_pos = {k for ch in changes for k in range(ch.c0, ch.c1)}
        for k, m in flagged.items():
            key = m.entry.moeilijk
            seen_entries[key] = seen_entries.get(key, False) or k in changed_pos
        for key, was_changed in seen_entries.items():
            (entry_changed if was_changed else entry_kept)[key] += 1
        for m in lexicon_hits(lex, s.sentences):
            entry_simple[m.entry.moeilijk] += 1

    print(f"\nmost frequent substitutions (complex lemma(s) → simple lemma(s), count), top {args.top}:")
    print("  " + "; ".join(f"{a} → {b} ({n})" for (a, b), n in subs.most_common(args.top)))
    print(f"\nmost frequently deleted stretches (complex lemma(s), count), top {args.top}:")
    print("  " + "; ".join(f"{a} ({n})" for a, n in deleted.most_common(args.top)))

    print("\nlexicon entries on the fit documents: changed by the editors / kept / fires on the simple side")
    keys = sorted(set(entry_changed) | set(entry_kept) | set(entry_simple),
                  key=lambda k: (-(entry_changed[k] + entry_kept[k] + entry_simple[k]), k))
    for k in keys:
        e = lex.entries[k.lower()]
        print(f"  {k}\t{'ja ' if e.veilig else 'nooit' if e.suggest_only else 'nee'}\tchanged {entry_changed[k]}\tkept {entry_kept[k]}"
              f"\tsimple side {entry_simple[k]}")

    print(f"\ncandidates: complex lemmas changed >= {args.min} times that the lexicon does not flag "
          "(changed/occurrences; what they became):")
    cands = [(w, n) for w, n in changed.items() if sum(unflagged_changes[w].values()) >= args.min]
    cands.sort(key=lambda x: (-sum(unflagged_changes[x[0]].values()), x[0]))
    for w, _n in cands:
        became = ", ".join(f"{a} ({n})" for a, n in unflagged_changes[w].most_common(4))
        print(f"  {w}\t{sum(unflagged_changes[w].values())}/{occurrences[w]}\t{became}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
