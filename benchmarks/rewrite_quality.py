"""How much simpler does `eenvoudig rewrite` make real municipal text? Measured on the Amsterdam pairs.

Reads /work/shared/data/amsterdam-pairs/dev.csv (never copied into the repository; only figures are printed)
and rewrites the complex side three ways: identity (no change), default (safe edits) and --unsafe. Prints:

* SARI against the editors' simple side (Xu et al. 2016: n-grams n = 1..4, F1 of kept and of added
  n-grams, precision of deleted n-grams, averaged; per pair, then the mean; 0-100);
* mean words per sentence (and as a share of the original);
* passive share (sentences with a passive auxiliary in the parse);
* the difficulty score (checks/score.py) over all sentences, with and without the lexicon term, and the
  share of the difficulty gap between the complex and the simple side that the rewrite closes;
* where that gap lies: each term of the score (weight x mean per sentence), so one sees which term a rewrite
  moves and which is left to the editors.

With --edits N it also prints N applied structural edits (sentence before/after) for hand checking.

    PYTHONPATH=src python benchmarks/rewrite_quality.py [--csv PATH] [--limit N] [--edits N]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import eenvoudig
from eenvoudig.checks import facts_of
from eenvoudig.checks.score import difficulty, formula
from eenvoudig.lexicon import load_lexicon
from eenvoudig.rewriting import rewrite

# ../shared next to the repository (or next to the folder of worktrees)
DEFAULT_CSV = next((p / "shared" / "data" / "amsterdam-pairs" / "dev.csv" for p in Path(__file__).resolve().parents[2:4]
                    if (p / "shared" / "data" / "amsterdam-pairs" / "dev.csv").is_file()),
                   Path(__file__).resolve().parents[2] / "shared" / "data" / "amsterdam-pairs" / "dev.csv")
_TOKEN = re.compile(r"\w+|[^\w\s]")


# -------------------------------------------------------------------------------------------------- SARI


def _ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def sari_ngram(src: Counter, out: Counter, ref: Counter) -> tuple[float, float, float]:
    """Return (keep F1, deletion precision, addition F1) for one n (one reference; Xu et al.'s SARI.py)."""
    keep_sys = src & out
    keep_good = keep_sys & ref
    keep_all = src & ref
    keep_p = sum(keep_good[g] / keep_sys[g] for g in keep_good) / len(keep_sys) if keep_sys else 0.0
    keep_r = sum(keep_good.values()) / sum(keep_all.values()) if keep_all else 0.0
    del_sys = src - out
    del_good = del_sys - ref
    del_p = sum(del_good[g] / del_sys[g] for g in del_good) / len(del_sys) if del_sys else 0.0
    add_sys = set(out) - set(src)
    add_good = add_sys & set(ref)
    add_all = set(ref) - set(src)
    add_p = len(add_good) / len(add_sys) if add_sys else 0.0
    add_r = len(add_good) / len(add_all) if add_all else 0.0
    return _f1(keep_p, keep_r), del_p, _f1(add_p, add_r)


def sari(source: str, output: str, reference: str) -> float:
    """Return SARI (0-100) of one output against one reference."""
    s, o, r = ([t.lower() for t in _TOKEN.findall(x)] for x in (source, output, reference))
    keep = dele = add = 0.0
    for n in range(1, 5):
        k, d, a = sari_ngram(_ngrams(s, n), _ngrams(o, n), _ngrams(r, n))
        keep, dele, add = keep + k, dele + d, add + a
    return 100 * (keep + dele + add) / 12


# --------------------------------------------------------------------------------------------- measures


def analyse(texts: list[str]):
    doc = eenvoudig.read_text("\n\n".join(texts))
    return eenvoudig.analyze(doc)


def side_stats(texts: list[str], lex) -> dict:
    analysis = analyse(texts)
    facts = facts_of(analysis, lex)
    scored = [s for s in analysis.sentences if s.words]
    passive = sum(any(t.dep == "aux:pass" for t in s.tokens) for s in scored)
    words = sum(f.words for f in facts)
    weights, _ = formula()
    terms = {name: w * sum(getattr(f, name) for f in facts) / len(facts) for name, w in weights}
    return {"wps": words / len(facts), "passive": 100 * passive / len(scored), "difficulty": difficulty(facts),
            "difficulty_nolex": difficulty([replace(f, lexicon=0) for f in facts]), "sentences": len(facts),
            "words": words, "terms": terms}


def rewritten(texts: list[str], unsafe: bool):
    analysis = analyse(texts)
    result = rewrite(analysis, unsafe=unsafe)
    out = result.text.split("\n\n")
    if len(out) != len(texts):
        raise SystemExit(f"the rewrite changed the number of blocks ({len(texts)} → {len(out)})")
    return out, result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--limit", type=int, default=0, help="only the first N pairs")
    ap.add_argument("--edits", type=int, default=0, help="print N random applied structural edits per mode")
    args = ap.parse_args()
    if not args.csv.is_file():
        print(f"development set not found: {args.csv}", file=sys.stderr)
        return 2
    rows = [r for r in csv.DictReader(args.csv.open(encoding="utf-8")) if r["Complex"].strip() and r["Simple"].strip()]
    if args.limit:
        rows = rows[:args.limit]
    complex_side = [" ".join(r["Complex"].split()) for r in rows]
    simple_side = [" ".join(r["Simple"].split()) for r in rows]
    print(f"measures text the caches have not seen: the {len(rows)} Amsterdam development pairs (dev.csv), read from "
          "../shared; nothing of it is copied into the lexicon or the tests, but the rules were written while "
          "reading their leftovers (a development figure, not a held-out one)")
    lex = load_lexicon()
    t0 = time.perf_counter()
    outputs = {"identity": (complex_side, None)}
    for mode, unsafe in (("default", False), ("unsafe", True)):
        outputs[mode] = rewritten(complex_side, unsafe)
    elapsed = time.perf_counter() - t0
    stats = {"complex": side_stats(complex_side, lex), "simple (editors)": side_stats(simple_side, lex)}
    for mode in ("default", "unsafe"):
        stats[mode] = side_stats(outputs[mode][0], lex)
    base, target = stats["complex"], stats["simple (editors)"]
    print(f"rewrite time (default + unsafe): {elapsed:.1f} s")
    print(f"{'side':18s} {'SARI':>6s} {'words/sent':>10s} {'% of orig':>9s} {'passive %':>9s} "
          f"{'difficulty':>10s} {'no-lex':>7s} {'gap closed':>10s} {'no-lex gap':>10s}")
    for name in ("complex", "default", "unsafe", "simple (editors)"):
        st = stats[name]
        texts = outputs.get(name if name != "complex" else "identity", (None,))[0]
        s = sum(sari(c, o, r) for c, o, r in zip(complex_side, texts, simple_side)) / len(rows) if texts else float("nan")
        gap = (base["difficulty"] - st["difficulty"]) / (base["difficulty"] - target["difficulty"])
        gap_nl = (base["difficulty_nolex"] - st["difficulty_nolex"]) / (base["difficulty_nolex"] - target["difficulty_nolex"])
        print(f"{name if name != 'complex' else 'complex (identity)':18s} {s:6.1f} {st['wps']:10.1f} "
              f"{100 * st['wps'] / base['wps']:8.0f}% {st['passive']:9.1f} {st['difficulty']:10.1f} "
              f"{st['difficulty_nolex']:7.1f} {100 * gap:9.0f}% {100 * gap_nl:9.0f}%")
    # words per sentence = words / sentences: show which of the two moved (editors also leave words out)
    print("where shorter sentences come from (against the complex side):")
    for name in ("default", "unsafe", "simple (editors)"):
        st = stats[name]
        print(f"  {name:18s} words {100 * (st['words'] / base['words'] - 1):+6.1f} %   "
              f"sentences {100 * (st['sentences'] / base['sentences'] - 1):+6.1f} %")
    names = list(base["terms"])
    print("terms of the score (weight x mean per sentence; raw = their sum):")
    print(f"{'side':18s} {'sentences':>9s} " + " ".join(f"{n:>15s}" for n in names) + f" {'raw':>6s}")
    for name in ("complex", "default", "unsafe", "simple (editors)"):
        st = stats[name]
        print(f"{name:18s} {st['sentences']:9d} " + " ".join(f"{st['terms'][n]:15.2f}" for n in names)
              + f" {sum(st['terms'].values()):6.2f}")
    for mode in ("default", "unsafe"):
        result = outputs[mode][1]
        kinds = Counter(e.kind for e in result.applied)
        suggested = Counter(e.kind for e in result.suggested)
        print(f"{mode}: applied edits by kind: {dict(sorted(kinds.items()))}; "
              f"suggestions by kind: {dict(sorted(suggested.items()))}")
    if args.edits:
        rng = random.Random(0)
        for mode in ("default", "unsafe"):
            result = outputs[mode][1]
            src = result.source
            structural = [e for e in result.applied if e.kind != "word"]
            if mode == "unsafe":   # the edits that only --unsafe makes
                safe_spans = {(e.start, e.end, e.after) for e in outputs["default"][1].applied}
                structural = [e for e in structural if (e.start, e.end, e.after) not in safe_spans]
            for e in rng.sample(structural, min(args.edits, len(structural))):
                a = src.rfind("\n\n", 0, e.start) + 2 if src.rfind("\n\n", 0, e.start) >= 0 else 0
                b = src.find("\n\n", e.end)
                b = len(src) if b < 0 else b
                print(f"[{mode} {e.kind}] {src[a:b]}\n    → {src[a:e.start]}{e.after}{src[e.end:b]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
