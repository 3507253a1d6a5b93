"""Print samples from the Amsterdam development pairs for judging by hand (issue 9).

    python benchmarks/hand_check.py passives [--seed 77] [--n 50]   # sentences the passive rule flags
    python benchmarks/hand_check.py edits [--seed 5] [--n 100]      # applied safe edits of `rewrite`

Reads the complex side of ../shared/data/amsterdam-pairs/dev.csv (never copied into this repository) and
prints to the terminal only. `passives` lists (auxiliary, participle) pairs with the sentence, and how many
sentences the parse-based rule and the word-list rule (fast mode) flag. `edits` lists each applied edit with
the text around it, before and after; `--n 0` lists them all.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path


def default_csv() -> Path:
    for parent in Path(__file__).resolve().parents[1:4]:
        path = parent / "shared" / "data" / "amsterdam-pairs" / "dev.csv"
        if path.is_file():
            return path
    return Path("dev.csv")


def complex_side(path: Path, unique: bool) -> list[str]:
    """Return the complex side, one text per pair (`unique`: each distinct text once)."""
    with path.open(encoding="utf-8", newline="") as f:
        texts = [" ".join(r["Complex"].split()) for r in csv.DictReader(f) if r["Complex"].strip()]
    return list(dict.fromkeys(texts)) if unique else texts


def passives(texts: list[str], seed: int, n: int) -> None:
    import eenvoudig
    from eenvoudig.checks import _rule, passives as find
    from eenvoudig.config import Config

    rule = _rule("stijl.lijdend", Config())
    text = "\n\n".join(texts)
    parsed = [s for s in eenvoudig.analyze(eenvoudig.read_text(text)).sentences if s.words]
    blank = [s for s in eenvoudig.analyze(eenvoudig.read_text(text), "spacy-blank-nl").sentences if s.words]
    flagged = [(s, find(s, rule)) for s in parsed]
    flagged = [(s, p) for s, p in flagged if p]
    print(f"{len(parsed)} sentences; the parse-based rule flags {len(flagged)}, the word-list rule "
          f"{sum(bool(find(s, rule)) for s in blank)}", file=sys.stderr)
    sample = random.Random(seed).sample(flagged, min(n, len(flagged))) if n else flagged
    for k, (s, pairs) in enumerate(sample, 1):
        print(f"{k:3d} {[(s.tokens[a].text, s.tokens[p].text) for a, p in pairs]} | {s.text}")


def edits(texts: list[str], seed: int, n: int) -> None:
    import eenvoudig
    from eenvoudig.rewriting import rewrite

    doc = eenvoudig.read_text("\n\n".join(texts))
    applied = list(rewrite(eenvoudig.analyze(doc)).applied)
    print(f"{len(applied)} applied safe edits in {len(texts)} texts", file=sys.stderr)
    sample = sorted(random.Random(seed).sample(applied, min(n, len(applied))) if n else applied,
                    key=lambda e: e.start)
    src = doc.source
    for k, e in enumerate(sample, 1):
        line_start = src.rfind("\n", 0, e.start) + 1
        line_end = src.find("\n", e.end)
        line_end = len(src) if line_end < 0 else line_end
        lo, hi = max(line_start, e.start - 70), min(line_end, e.end + 50)
        print(f"{k:3d} [{e.before!r} -> {e.after!r}] {e.rule}\n     {src[lo:hi]}\n  => "
              f"{src[lo:e.start] + e.after + src[e.end:hi]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=("passives", "edits"))
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--n", type=int, default=None)
    ap.add_argument("--csv", type=Path, default=default_csv())
    args = ap.parse_args()
    texts = complex_side(args.csv, unique=args.what == "edits")
    if args.what == "passives":
        passives(texts, 77 if args.seed is None else args.seed, 50 if args.n is None else args.n)
    else:
        edits(texts, 5 if args.seed is None else args.seed, 100 if args.n is None else args.n)


if __name__ == "__main__":
    main()
