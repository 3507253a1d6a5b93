"""Calibrate and check the reading-level score on the Amsterdam development pairs.

Reads ../shared/data/amsterdam-pairs/dev.csv (real municipal sentences before/after expert editing,
EUPL-1.2; development data, never copied into this repository) and prints:

* documents where the complex side (all its sentences together) gets a higher `difficulty` than the
  simple side (target: at least 30 of 32);
* per-pair accuracy excluding ties (target: 0.88 or more), and the same with a tie counted as half;
* the same figures for words per sentence alone;
* with --fit: logistic-regression weights for the score's features (`lexicon/regels.toml` [niveaus]
  gewichten), their accuracy, and leave-one-document-out (LODO) accuracy: fitted on 31 documents, judged
  on the 32nd, so the figure is not flattered by fitting on the pairs it judges. Also for words per
  sentence as the base instead of content words, for comparison.

Usage: python benchmarks/calibrate.py [--csv PATH] [--fit] [--snel]
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

def _default_csv() -> Path:
    """../shared next to the checkout (also from a worktree one level deeper)."""
    for parent in Path(__file__).resolve().parents[1:4]:
        path = parent / "shared" / "data" / "amsterdam-pairs" / "dev.csv"
        if path.is_file():
            return path
    return Path(__file__).resolve().parents[2] / "shared" / "data" / "amsterdam-pairs" / "dev.csv"


DEFAULT_CSV = _default_csv()


def side_facts(texts: list[str], lex, backend: str | None = None) -> list[list[SentenceFacts]]:
    """Analyse many short texts in one document (one block per text); return the facts per text."""
    doc = eenvoudig.read_text("\n\n".join(" ".join(t.split()) for t in texts))
    analysis = eenvoudig.analyze(doc, backend)
    facts = facts_of(analysis, lex)
    per_block: dict[int, list[SentenceFacts]] = defaultdict(list)
    with_words = [s for s in analysis.sentences if s.words]
    for s, f in zip(with_words, facts):
        per_block[s.block].append(f)
    return [per_block.get(i, []) for i in range(len(doc.blocks))]


# SentenceFacts fields; the first is the base (weight 1 before scaling).
NAMES = ["content", "hard", "lexicon", "passive", "nominalisations", "commas"]
WORDS_BASE = ["words"] + NAMES[1:]


def features(facts: list[SentenceFacts], names: list[str] = NAMES) -> list[float]:
    n = len(facts)
    return [sum(getattr(f, name) for f in facts) / n for name in names]


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
    ap.add_argument("--snel", action="store_true", help="the fast mode (no parse)")
    args = ap.parse_args()
    if not args.csv.is_file():
        print(f"development set not found: {args.csv}", file=sys.stderr)
        return 2
    rows = [r for r in csv.DictReader(args.csv.open(encoding="utf-8"))
            if r["Complex"].strip() and r["Simple"].strip()]
    t0 = time.perf_counter()
    lex = load_lexicon()
    backend = "spacy-blank-nl" if args.snel else None
    complex_facts = side_facts([r["Complex"] for r in rows], lex, backend)
    simple_facts = side_facts([r["Simple"] for r in rows], lex, backend)
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
        half = (right + ties / 2) / (right + wrong + ties)
        print(f"{name:28s} documents complex harder: {harder}/{len(docs_c)}   "
              f"sentence accuracy excl. ties: {acc:.3f}   (right {right}, wrong {wrong}, ties {ties}; "
              f"a tie as half: {half:.3f})")

    print(f"pairs: {len(pairs)} from {len({p[0] for p in pairs})} documents; backend "
          f"{'spacy-blank-nl (fast mode)' if args.snel else 'nl-pipeline'}; analysed in {elapsed:.1f} s")
    report("difficulty (eenvoudig)", lambda f: difficulty(f) or 0.0)
    levels(pairs)
    report("words per sentence alone", wps)
    if args.fit:
        for names in (NAMES, WORDS_BASE):
            data = [(d, features(c, names), features(s, names)) for d, c, s in pairs]
            w = fit([(c, s) for _, c, s in data])
            right, wrong = _judge(w, data)
            print(f"fitted weights (relative to {names[0]}):", {n: round(float(v), 2) for n, v in zip(names, w)},
                  f"accuracy excl. ties {right / (right + wrong):.3f}")
            # honest figure: leave one document out, fit on the rest, judge the left-out pairs
            right = wrong = 0
            for doc in sorted({d for d, _, _ in data}):
                wd = fit([(c, s) for d, c, s in data if d != doc], steps=1500)
                r, x = _judge(wd, [p for p in data if p[0] == doc])
                right, wrong = right + r, wrong + x
            print(f"  leave-one-document-out sentence accuracy excl. ties ({names[0]} as base): "
                  f"{right / (right + wrong):.3f}   (right {right}, wrong {wrong})")
    return 0


def _judge(w, data) -> tuple[int, int]:
    """Return (right, wrong) of weights w on (doc, complex features, simple features) pairs; ties left out."""
    right = wrong = 0
    for _, c, s in data:
        diff = sum(a * (x - y) for a, x, y in zip(w, c, s))
        right += diff > 1e-9
        wrong += diff < -1e-9
    return right, wrong


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
