"""Calibrate and check the reading-level score on the Amsterdam development pairs.

Reads ../shared/data/amsterdam-pairs/dev.csv (real municipal sentences before/after expert editing,
EUPL-1.2; development data, never copied into this repository) and prints:

* documents where the complex side (all its sentences together) gets a higher `difficulty` than the
  simple side (target: at least 30 of 32);
* per-pair accuracy excluding ties (target: 0.82 or more);
* the same two figures for words per sentence alone (about 0.77);
* with --fit: logistic-regression weights for the score's features (used to set score.WEIGHTS).

Usage: python benchmarks/calibrate.py [--csv PATH] [--fit]
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
import time
from collections import defaultdict
from pathlib import Path

import eenvoudig
from eenvoudig.checks import facts_of
from eenvoudig.lexicon import load_lexicon
from eenvoudig.score import SentenceFacts, difficulty

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "amsterdam-pairs" / "dev.csv"


def side_facts(texts: list[str], lex) -> list[list[SentenceFacts]]:
    """Analyse many short texts in one document (one block per text); return the facts per text."""
    doc = eenvoudig.read_text("\n\n".join(" ".join(t.split()) for t in texts))
    analysis = eenvoudig.analyze(doc)
    facts = facts_of(analysis, lex)
    per_block: dict[int, list[SentenceFacts]] = defaultdict(list)
    with_words = [s for s in analysis.sentences if s.words]
    for s, f in zip(with_words, facts):
        per_block[s.block].append(f)
    return [per_block.get(i, []) for i in range(len(doc.blocks))]


def features(facts: list[SentenceFacts]) -> list[float]:
    n = len(facts)
    words = sum(f.words for f in facts) or 1
    return [words / n, sum(f.hard for f in facts) / n, sum(f.lexicon for f in facts) / n,
            sum(f.syllables for f in facts) / words - 1.5, 100 * sum(f.passive for f in facts) / n]


def wps(facts: list[SentenceFacts]) -> float:
    return sum(f.words for f in facts) / len(facts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--fit", action="store_true")
    args = ap.parse_args()
    if not args.csv.is_file():
        print(f"development set not found: {args.csv}", file=sys.stderr)
        return 2
    rows = [r for r in csv.DictReader(args.csv.open(encoding="utf-8"))
            if r["Complex"].strip() and r["Simple"].strip()]
    t0 = time.perf_counter()
    lex = load_lexicon()
    complex_facts = side_facts([r["Complex"] for r in rows], lex)
    simple_facts = side_facts([r["Simple"] for r in rows], lex)
    elapsed = time.perf_counter() - t0
    pairs = [(r["Document ID"], c, s) for r, c, s in zip(rows, complex_facts, simple_facts) if c and s]

    def report(name: str, fn) -> None:
        right = wrong = ties = 0
        docs_c: dict[str, list] = defaultdict(list)
        docs_s: dict[str, list] = defaultdict(list)
        for doc_id, c, s in pairs:
            dc, ds = fn(c), fn(s)
            if abs(dc - ds) < 1e-9:
                ties += 1
            elif dc > ds:
                right += 1
            else:
                wrong += 1
            docs_c[doc_id] += c
            docs_s[doc_id] += s
        harder = sum(fn(docs_c[d]) > fn(docs_s[d]) for d in docs_c)
        acc = right / (right + wrong) if right + wrong else float("nan")
        print(f"{name:28s} documents complex harder: {harder}/{len(docs_c)}   "
              f"sentence accuracy excl. ties: {acc:.3f}   (right {right}, wrong {wrong}, ties {ties})")

    print(f"pairs: {len(pairs)} from {len({p[0] for p in pairs})} documents; analysed in {elapsed:.1f} s")
    report("difficulty (eenvoudig)", lambda f: difficulty(f) or 0.0)
    report("words per sentence alone", wps)
    if args.fit:
        fit([(features(c), features(s)) for _, c, s in pairs])
    return 0


def fit(pairs: list[tuple[list[float], list[float]]], steps: int = 3000, lr: float = 0.05) -> None:
    """Fit weights w so that w·(complex - simple) > 0 (logistic loss on the pair differences)."""
    import numpy as np

    x = np.array([np.array(c) - np.array(s) for c, s in pairs])
    scale = x.std(axis=0) + 1e-9
    xs = x / scale
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        margin = xs @ w
        grad = -(xs * (1 / (1 + np.exp(margin)))[:, None]).mean(axis=0) + 1e-3 * w
        w -= lr * grad
    w = w / scale
    w = w / w[0]
    names = ["asl", "hard", "lex", "asw", "passive"]
    print("fitted weights (relative to words per sentence):", {n: round(float(v), 3) for n, v in zip(names, w)})
    acc = float(((x @ w) > 0).mean())
    print(f"pair accuracy with fitted weights (ties count as wrong): {acc:.3f}")


if __name__ == "__main__":
    sys.exit(main())
