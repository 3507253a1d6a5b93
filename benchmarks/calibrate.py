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
import sys
import time
from collections import defaultdict
from pathlib import Path

import eenvoudig
from eenvoudig.checks import facts_of
from eenvoudig.lexicon import load_lexicon
from eenvoudig.checks.score import SentenceFacts, difficulty

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


NAMES = ["asl", "hard", "lex", "passive", "nom", "commas"]


def features(facts: list[SentenceFacts]) -> list[float]:
    n = len(facts)
    return [sum(f.words for f in facts) / n, sum(f.hard for f in facts) / n, sum(f.lexicon for f in facts) / n,
            sum(f.passive for f in facts) / n, sum(f.nominalisations for f in facts) / n,
            sum(f.commas for f in facts) / n]


def wps(facts: list[SentenceFacts]) -> float:
    return sum(f.words for f in facts) / len(facts)


def levels(pairs) -> None:
    """Print the mean document difficulty and level spread of each side."""
    from eenvoudig.checks import rule_data
    from eenvoudig.checks.score import level_of

    bounds = rule_data()["niveaus"]["grenzen"]
    for side, idx in (("complex", 1), ("simple", 2)):
        docs: dict[str, list] = defaultdict(list)
        for p in pairs:
            docs[p[0]] += p[idx]
        values = [difficulty(f) or 0.0 for f in docs.values()]
        spread = [sum(level_of(v, bounds) == lvl for v in values) for lvl in (1, 2, 3, 4)]
        print(f"{side:8s} side: mean document difficulty {sum(values) / len(values):.1f}; "
              f"documents per level 1-4: {spread}")


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
    levels(pairs)
    report("words per sentence alone", wps)
    if args.fit:
        data = [(d, features(c), features(s)) for d, c, s in pairs]
        w = fit([(c, s) for _, c, s in data])
        print("fitted weights (relative to words per sentence):", {n: round(float(v), 2) for n, v in zip(NAMES, w)})
        # honest figure: leave one document out, fit on the rest, judge the left-out pairs
        right = wrong = 0
        for doc in sorted({d for d, _, _ in data}):
            wd = fit([(c, s) for d, c, s in data if d != doc], steps=1500)
            for d, c, s in data:
                if d == doc:
                    diff = sum(a * (x - y) for a, x, y in zip(wd, c, s))
                    right += diff > 1e-9
                    wrong += diff < -1e-9
        print(f"leave-one-document-out sentence accuracy excl. ties: {right / (right + wrong):.3f}")
    return 0


def fit(pairs: list[tuple[list[float], list[float]]], steps: int = 4000, lr: float = 0.1):
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
    return w / w[0]


if __name__ == "__main__":
    sys.exit(main())
