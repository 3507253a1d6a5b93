"""Lexicon and rewrite quality on the Amsterdam development pairs.

Prints:
* lexicon findings per 100 words on the simple side (target: at most 1.0 — text that experts already
  made plain should hardly be flagged) and on the complex side;
* the lexicon words flagged most often on the simple side (candidates for false alarms);
* how often rewriting a complex sentence (safe edits only, and with --unsafe) lowers its `difficulty`;
* the lexicon size by category and by safe/unsafe.

Reads ../shared/data/amsterdam-pairs/dev.csv (development data; never copied into this repository).
Usage: python benchmarks/lexicon_quality.py [--csv PATH]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

import eenvoudig
from eenvoudig.checks import facts_of
from eenvoudig.lexicon import find_matches, load_lexicon
from eenvoudig.rewriting import rewrite
from eenvoudig.checks.score import difficulty

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "amsterdam-pairs" / "dev.csv"


def analyse_many(texts: list[str]):
    """Analyse short texts as blocks of one document (fast); return the analysis."""
    return eenvoudig.analyze(eenvoudig.read_text("\n\n".join(" ".join(t.split()) for t in texts)))


def lexicon_rate(analysis, lex) -> tuple[float, Counter]:
    words = hits = 0
    seen: Counter = Counter()
    for s in analysis.sentences:
        words += len(s.words)
        for m in find_matches(lex, s.tokens):
            hits += 1
            seen[m.entry.moeilijk] += 1
    return 100 * hits / max(1, words), seen


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    args = ap.parse_args()
    if not args.csv.is_file():
        print(f"development set not found: {args.csv}", file=sys.stderr)
        return 2
    rows = [r for r in csv.DictReader(args.csv.open(encoding="utf-8")) if r["Complex"].strip() and r["Simple"].strip()]
    lex = load_lexicon()
    simple = analyse_many([r["Simple"] for r in rows])
    complex_ = analyse_many([r["Complex"] for r in rows])
    rate_s, seen_s = lexicon_rate(simple, lex)
    rate_c, _ = lexicon_rate(complex_, lex)
    print(f"lexicon findings per 100 words: simple side {rate_s:.2f} (target <= 1.0), complex side {rate_c:.2f}")
    print("most flagged on the simple side:", ", ".join(f"{w} ({n})" for w, n in seen_s.most_common(15)))

    for unsafe in (False, True):
        lower = same = higher = changed = 0
        for r in rows:
            a = eenvoudig.analyze(eenvoudig.read_text(" ".join(r["Complex"].split())))
            result = rewrite(a, unsafe=unsafe, lexicon=lex)
            if result.text == a.document.source:
                continue
            changed += 1
            before = difficulty(facts_of(a, lex)) or 0.0
            after = difficulty(facts_of(eenvoudig.analyze(eenvoudig.read_text(result.text)), lex)) or 0.0
            lower += after < before
            same += after == before
            higher += after > before
        label = "safe + unsafe edits" if unsafe else "safe edits only"
        print(f"rewrite ({label}): {changed} of {len(rows)} complex sentences changed; difficulty lower in "
              f"{lower} ({100 * lower / max(1, changed):.0f} %), equal in {same}, higher in {higher}")

    by_cat = Counter(e.categorie for e in lex.entries.values())
    by_safe = Counter("veilig" if e.veilig else "niet veilig" for e in lex.entries.values())
    print(f"lexicon: {len(lex)} entries; by category: {dict(sorted(by_cat.items()))}; {dict(by_safe)}")
    print(f"forms: {len(lex.verbs)} verb paradigms, {len(lex.nouns)} nouns, {len(lex.adjectives)} adjectives")
    return 0


if __name__ == "__main__":
    sys.exit(main())
