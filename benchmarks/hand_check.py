"""Print samples from the Amsterdam development pairs for judging by hand (issue 9).

    python benchmarks/hand_check.py passives [--seed 77] [--n 50]   # sentences the passive rule flags
    python benchmarks/hand_check.py edits [--seed 5] [--n 100]      # applied safe edits of `rewrite`
    python benchmarks/hand_check.py unsafe [--seed 11] [--n 50]     # edits that only `rewrite --unsafe` applies

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


def edits(texts: list[str], seed: int, n: int, unsafe: bool = False, kind: str | None = None) -> None:
    import eenvoudig
    from eenvoudig.rewriting import rewrite

    doc = eenvoudig.read_text("\n\n".join(texts))
    analysis = eenvoudig.analyze(doc)
    applied = list(rewrite(analysis).applied)
    if unsafe:   # only the edits that --unsafe adds
        safe = {(e.start, e.end, e.after) for e in applied}
        applied = [e for e in rewrite(analysis, unsafe=True).applied if (e.start, e.end, e.after) not in safe]
    if kind:
        applied = [e for e in applied if e.kind == kind]
    print(f"{len(applied)} applied {'unsafe-only' if unsafe else 'safe'} edits"
          f"{f' of kind {kind}' if kind else ''} in {len(texts)} texts", file=sys.stderr)
    sample = sorted(random.Random(seed).sample(applied, min(n, len(applied))) if n else applied,
                    key=lambda e: e.start)
    src = doc.source
    everything = list(rewrite(analysis, unsafe=unsafe).applied)
    for k, e in enumerate(sample, 1):
        line_start = src.rfind("\n", 0, e.start) + 1
        line_end = src.find("\n", e.end)
        line_end = len(src) if line_end < 0 else line_end
        lo, hi = max(line_start, e.start - 70), min(line_end, e.end + 50)
        near = [x for x in everything if lo <= x.start and x.end <= hi and x.rule == e.rule] or [e]
        out, pos = [], lo      # the window as the reader sees it: this edit and the rest of its swap
        for x in sorted(near, key=lambda x: x.start):
            out += [src[pos:x.start], x.after]
            pos = x.end
        print(f"{k:3d} [{e.before!r} -> {e.after!r}] {e.rule}\n     {src[lo:hi]}\n  => {''.join(out) + src[pos:hi]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=("passives", "edits", "unsafe"))
    ap.add_argument("--kind", default=None, help="only edits of this kind (word, split, passive, ...)")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--n", type=int, default=None)
    ap.add_argument("--csv", type=Path, default=default_csv())
    args = ap.parse_args()
    texts = complex_side(args.csv, unique=args.what == "edits")
    if args.what == "passives":
        passives(texts, 77 if args.seed is None else args.seed, 50 if args.n is None else args.n)
    elif args.what == "unsafe":
        edits(texts, 11 if args.seed is None else args.seed, 50 if args.n is None else args.n, True, args.kind)
    else:
        edits(texts, 5 if args.seed is None else args.seed, 100 if args.n is None else args.n, False, args.kind)


if __name__ == "__main__":
    main()
