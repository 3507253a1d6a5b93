"""Lexicon quality, measured out of sample: entries chosen on one half of the Amsterdam pairs, measured on the other.

    python benchmarks/lexicon_quality.py [--csv PATH] [--lists DIR] [--no-rewrite] [--chosen-on fit|eval]

The development pairs are split by document in `lexicon_mining.split()` (odd ids: fit, even ids: eval).
Lexicon entries are chosen with `lexicon_mining.py` on the fit documents only (`--chosen-on fit`, the
default and the shipped lexicon). Every figure is printed for BOTH halves, each on its own line that says
whether that half was used to choose entries (IN SAMPLE) or not (OUT OF SAMPLE); only the out-of-sample
line is a quality figure. `--chosen-on eval` is for the swapped check: a copy of the lexicon whose
entries were chosen on the eval documents (`lexicon_mining.py --part eval`), measured on the fit documents,
so that a figure is not one lucky split. Printed per half:

* false alarms: lexicon findings per 100 words on the SIMPLE side (target <= 1.0: text that editors
  already made plain should hardly be flagged), counted as `eenvoudig check` reports them: each document is
  one letter, and a necessary term (juridisch, jargon: `Entry.once_per_letter`) counts at its first
  occurrence only;
* hits per 100 words on the COMPLEX side;
* recall of what editors change: of the editors' word-level substitutions (aligned as in
  `lexicon_mining.py`: complex words -> simple words, at most 4 words each side), the share whose
  complex words the lexicon flags; and of those, how often our first alternative equals (as lemma or as
  written) what the editor wrote;
* rewrite (safe edits, then with --unsafe) on the complex side: sentences changed and the difficulty
  before/after, also WITHOUT the lexicon term of the score: the lexicon term counts exactly the words a
  swap removes, so "difficulty went down" with that term is circular; the figure without it is the one
  that says whether the text got simpler;
* with --lists DIR: coverage of published officialese lists (one word or phrase per line, *.txt; see
  SOURCES.md there), the share of their entries our lexicon flags, and the ones it misses. The lists are
  not used to choose entries either (we write entries from style principles, never from these lists);
* the lexicon size by category and by safe/unsafe.

Reads ../shared/data/amsterdam-pairs/dev.csv (development data; never copied into this repository).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections import Counter
from pathlib import Path

import eenvoudig
from eenvoudig.checks import facts_of
from eenvoudig.checks.score import difficulty
from eenvoudig.lexicon import find_matches, load_lexicon
from eenvoudig.rewriting import rewrite

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lexicon_mining import align, analysed_pairs, default_csv, lexicon_hits, load_pairs, matches_by_word  # noqa: E402


def label(part: str, chosen_on: str) -> str:
    """Return the one-line label of a half: which documents, and in or out of sample."""
    ids = "odd ids" if part == "fit" else "even ids"
    if part == chosen_on:
        return f"IN SAMPLE, {part} documents ({ids}; used to choose entries, not a quality figure)"
    return (f"OUT OF SAMPLE, {part} documents ({ids}; the mining never used them, but lexicon round 6 also read "
            "the rewrite's leftovers here)")


def rate(lex, triples, simple: bool) -> tuple[float, int]:
    """Return lexicon findings per 100 words on one side, as `eenvoudig check` reports them, and the word count.

    Each development document is one letter: a necessary term (`Entry.once_per_letter`: juridisch, jargon) counts
    at its first occurrence in the document only (in whatever expression: `Lexicon.term`), as `check` flags it;
    every other entry counts wherever it fires.
    """
    words = hits = 0
    seen: set[tuple[str, str]] = set()
    for pair, c, s in triples:
        sd = s if simple else c
        words += len(sd.words)
        for m in lexicon_hits(lex, sd.sentences):
            key = (pair.document, lex.term(m.entry))
            if m.entry.once_per_letter and key in seen:
                continue
            seen.add(key)
            hits += 1
    return 100 * hits / max(1, words), words


def rate_once_per_document(lex, triples, simple: bool) -> float:
    """Return findings per 100 words when EVERY entry counts once per document (not the target figure).

    For comparison: `check` flags only necessary terms once per letter (see `rate`); this shows what flagging
    every entry once per letter would report.
    """
    words = 0
    seen: set[tuple[str, str]] = set()
    for pair, c, s in triples:
        sd = s if simple else c
        words += len(sd.words)
        seen |= {(pair.document, m.entry.moeilijk) for m in lexicon_hits(lex, sd.sentences)}
    return 100 * len(seen) / max(1, words)


def recall(lex, triples, content_only: bool = False) -> tuple[int, int, int]:
    """Return (substitutions, flagged by the lexicon, flagged with our first alternative = the editor's words).

    With `content_only`, only substitutions whose complex side has a content word count (not "is" → "zijn").
    """
    total = flagged = agree = 0
    for _pair, c, s in triples:
        changes, _kept = align(c, s)
        by_word = matches_by_word(lex, c)
        for ch in changes:
            if ch.kind != "substitution" or (content_only and not any(c.content[ch.c0:ch.c1])):
                continue
            total += 1
            ms = {id(by_word[k]): by_word[k] for k in range(ch.c0, ch.c1) if k in by_word}
            if not ms:
                continue
            flagged += 1
            lemmas = " ".join(s.lemmas[ch.s0:ch.s1])
            written = " ".join(s.sentences[si].tokens[ti].lower for si, ti in s.words[ch.s0:ch.s1])
            agree += any(m.entry.eenvoudig and m.entry.eenvoudig[0].lower() in (lemmas, written) for m in ms.values())
    return total, flagged, agree


def rewrite_effect(lex, pairs, unsafe: bool, where: str) -> str:
    changed = 0
    before_all, after_all, before_nolex, after_nolex = [], [], [], []
    for p in pairs:
        a = eenvoudig.analyze(eenvoudig.read_text(p.complex))
        result = rewrite(a, unsafe=unsafe, lexicon=lex)
        if result.text == a.document.source:
            continue
        changed += 1
        fb = facts_of(a, lex)
        fa = facts_of(eenvoudig.analyze(eenvoudig.read_text(result.text)), lex)
        before_all += fb
        after_all += fa
        before_nolex += [dataclasses.replace(f, lexicon=0) for f in fb]
        after_nolex += [dataclasses.replace(f, lexicon=0) for f in fa]
    label = "safe + unsafe edits" if unsafe else "safe edits only"
    if not changed:
        return f"rewrite ({label}), {where}: no complex sentence changed"
    return (f"rewrite ({label}), {where}: {changed} of {len(pairs)} complex sentences changed; difficulty of the "
            f"changed sentences {difficulty(before_all):.1f} -> {difficulty(after_all):.1f} with the lexicon term, "
            f"{difficulty(before_nolex):.1f} -> {difficulty(after_nolex):.1f} without it (the figure that counts: "
            f"the lexicon term alone counts exactly what the swaps remove)")


def coverage(lex, folder: Path) -> list[str]:
    """Return one line per list: the share of its entries that the lexicon flags, and what it misses."""
    lines = []
    for path in sorted(folder.glob("*.txt")):
        terms = [t.strip() for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]
        if not terms:
            continue
        analysis = eenvoudig.analyze(eenvoudig.read_text("\n\n".join(terms)))
        hit_blocks = {s.block for s in analysis.sentences if find_matches(lex, s.tokens)}
        missed = [t for i, t in enumerate(terms) if i not in hit_blocks]
        n = len(terms) - len(missed)
        lines.append(f"published list {path.name} (not used to choose entries): our lexicon flags {n} of {len(terms)} entries "
                     f"({100 * n / len(terms):.0f} %); not flagged: {', '.join(missed)}")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", type=Path, default=default_csv())
    ap.add_argument("--lists", type=Path, help="folder with published officialese lists (*.txt, one per line)")
    ap.add_argument("--no-rewrite", action="store_true", help="skip the (slower) rewrite figures")
    ap.add_argument("--chosen-on", choices=("fit", "eval"), default="fit",
                    help="the half the lexicon's entries were chosen on (fit for the shipped lexicon; eval only "
                         "for the swapped check)")
    args = ap.parse_args()
    if not args.csv.is_file():
        print(f"development set not found: {args.csv}", file=sys.stderr)
        return 2
    lex = load_lexicon()
    # Which words fire or are missed is deliberately not printed: entries are chosen on one half with
    # lexicon_mining.py, and a list here would invite pruning on the data we measure on.
    for part in ("eval", "fit") if args.chosen_on == "fit" else ("fit", "eval"):
        where = label(part, args.chosen_on)
        pairs = load_pairs(args.csv, part)
        triples = analysed_pairs(pairs)
        docs = sorted({p.document for p in pairs}, key=int)
        print(f"{where}: {len(docs)} documents, {len(pairs)} pairs")
        rate_s, words_s = rate(lex, triples, simple=True)
        rate_c, words_c = rate(lex, triples, simple=False)
        print(f"false alarms, {where}: {rate_s:.2f} lexicon findings per 100 words on the SIMPLE side "
              f"({words_s} words; target <= 1.0; necessary terms once per document, as check flags them)")
        print(f"hits, {where}: {rate_c:.2f} lexicon findings per 100 words on the COMPLEX side ({words_c} words)")
        print(f"for comparison only (not the target figure), {where}: counting each entry once per document, "
              f"{rate_once_per_document(lex, triples, True):.2f} per 100 words on the SIMPLE side, "
              f"{rate_once_per_document(lex, triples, False):.2f} on the COMPLEX side")
        for content_only in (False, True):
            total, flagged, agree = recall(lex, triples, content_only)
            which = "with a content word on the complex side" if content_only else "all"
            print(f"recall of editors' word-level substitutions ({which}), {where}: the lexicon flags {flagged} "
                  f"of {total} ({100 * flagged / max(1, total):.1f} %); our first alternative equals the editor's "
                  f"word in {agree} of those {flagged} ({100 * agree / max(1, flagged):.1f} %)")
        if not args.no_rewrite:
            for unsafe in (False, True):
                print(rewrite_effect(lex, pairs, unsafe, where))

    if args.lists:
        for line in coverage(lex, args.lists):
            print(line)

    by_cat = Counter(e.categorie for e in lex.entries.values())
    by_safe = Counter("veilig=ja" if e.veilig else "veilig=nooit" if e.suggest_only else "veilig=nee"
                      for e in lex.entries.values())
    print(f"lexicon: {len(lex)} entries; by category: {dict(sorted(by_cat.items()))}; {dict(sorted(by_safe.items()))}")
    print(f"forms: {len(lex.verbs)} verb paradigms, {len(lex.nouns)} nouns, {len(lex.adjectives)} adjectives")
    return 0


if __name__ == "__main__":
    sys.exit(main())
