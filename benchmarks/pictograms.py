"""Pictogram coverage on real plain municipal Dutch, sampled sentence → concept pairs, and render times.

Reads ../shared/data/amsterdam-pairs/dev.csv (sentences of real municipal documents after editing by the
City of Amsterdam's communication experts: the `Simple` column) and prints:

* the share of sentences that get a pictogram (target: at least 60 %), and how the picture was found;
* the concepts used most;
* N sampled sentence → concept pairs (seeded), to check by hand: relevant / not relevant / misleading;
* the time to render the demo letter's sheet (cold, then warm: target ≤ 0.3 s), its PDF and HTML page.

The data is read from the shared folder and never copied into the repository.

`--judged` instead checks the 103 sentences of `benchmarks/data/pictogrammen-100.tsv` (letters written for
issue 13, not the Amsterdam data) and the 30 of `pictogrammen-controle.tsv` against the verdicts made by hand
for each concept: the share of pictured
sentences whose picture is relevant (target ≥ 85 %), the misleading ones (target 0), and any picture that
was never judged (it must be read and judged before the figure counts).

    python benchmarks/pictograms.py [--csv PATH] [--sample 30] [--seed 4] [--no-render]
    python benchmarks/pictograms.py --judged
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "amsterdam-pairs" / "dev.csv"
DEMO = Path(__file__).resolve().parents[1] / "src" / "eenvoudig" / "templates" / "demo" / "bijzondere-bijstand.txt"
JUDGED = (Path(__file__).resolve().parent / "data" / "pictogrammen-100.tsv",
          Path(__file__).resolve().parent / "data" / "pictogrammen-controle.tsv")


def judged(paths: tuple[Path, ...] = JUDGED) -> int:
    """Check every hand-judged file; return 0 when each passes."""
    return max(judged_file(p) for p in paths)


def judged_file(path: Path) -> int:
    """Check the hand-judged sentences; return 0 when ≥ 85 % of the pictures are relevant, none misleads and all are judged."""
    import eenvoudig
    from eenvoudig.render.choose import choose
    from eenvoudig.render.pictograms import load_pictograms

    pictos = load_pictograms()
    rows = [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith(("#", "nr\t"))]
    counts: Counter[str] = Counter()
    problems: list[str] = []
    per_letter: dict[str, Counter[str]] = {}
    for nr, letter, sentence, relevant, harmless, misleading in rows:
        analysis = eenvoudig.analyze(eenvoudig.read_text(sentence))
        first = next(s for s in analysis.sentences if s.words)
        pic, _ = choose(first, pictos)
        concept = pic.concept if pic else "-"
        verdict = ("geen plaatje" if pic is None else "relevant" if concept in relevant.split(",")
                   else "niet relevant" if concept in harmless.split(",")
                   else "misleidend" if concept in misleading.split(",") else "niet beoordeeld")
        counts[verdict] += 1
        per_letter.setdefault(letter, Counter())[verdict] += 1
        if verdict in ("misleidend", "niet beoordeeld", "niet relevant"):
            problems.append(f"  {nr:>3} [{verdict}] {sentence}  → {concept}")
    pictured = len(rows) - counts["geen plaatje"]
    share = counts["relevant"] / max(pictured, 1)
    print(f"{len(rows)} hand-judged sentences ({path.name}): {pictured} with a pictogram; "
          f"relevant {counts['relevant']} = {100 * share:.1f} % of those (target ≥ 85 %), "
          f"not relevant {counts['niet relevant']}, misleading {counts['misleidend']} (target 0), "
          f"not judged {counts['niet beoordeeld']}, no picture {counts['geen plaatje']}")
    for letter, c in per_letter.items():
        print(f"  {letter:15s} " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    print("\n".join(problems) or "  (every picture relevant)")
    ok = share >= 0.85 and not counts["misleidend"] and not counts["niet beoordeeld"]
    print("OK" if ok else "NOT OK", end="\n\n")
    return 0 if ok else 1


def coverage(csv_path: Path, sample: int, seed: int) -> None:
    from eenvoudig.analysis import analyze
    from eenvoudig.document import read_text
    from eenvoudig.render.choose import choose_all
    from eenvoudig.render.pictograms import load_pictograms

    pictos = load_pictograms()
    with csv_path.open(encoding="utf-8", newline="") as f:
        rows = [r["Simple"] for r in csv.DictReader(f) if r.get("Simple", "").strip()]
    seen: set[str] = set()
    pairs: list[tuple[str, str]] = []
    how: Counter[str] = Counter()
    concepts: Counter[str] = Counter()
    total = with_picture = 0
    start = time.perf_counter()
    for text in rows:
        analysis = analyze(read_text(text))
        pictures, _ = choose_all(analysis, pictos)
        for sentence, pic in zip(analysis.sentences, pictures):
            shown = " ".join(sentence.text.split())
            if sentence.scope == "meta" or not sentence.words or shown in seen:
                continue
            seen.add(shown)
            total += 1
            if pic is not None:
                with_picture += 1
                how[pic.how] += 1
                concepts[pic.concept] += 1
                pairs.append((shown, f"{pic.concept} ({pic.how}: {pic.trigger})"))
            else:
                pairs.append((shown, "-"))
    took = time.perf_counter() - start
    print(f"Amsterdam dev, simple side: {len(rows)} cells, {total} distinct sentences "
          f"({took:.1f} s to analyse and choose)")
    print(f"  with a pictogram: {with_picture} = {100 * with_picture / max(total, 1):.1f} %  (target ≥ 60 %)")
    print("  found by: " + ", ".join(f"{k} {v}" for k, v in how.most_common()))
    print("  most used: " + ", ".join(f"{k} {v}" for k, v in concepts.most_common(15)))
    rng = random.Random(seed)
    chosen = rng.sample([p for p in pairs if p[1] != "-"], min(sample, with_picture))
    print(f"\n{len(chosen)} sampled sentences with a pictogram (seed {seed}):")
    for n, (sentence, concept) in enumerate(chosen, 1):
        print(f"{n:3d}. {sentence[:110]}{'…' if len(sentence) > 110 else ''}\n       → {concept}")
    without = [p[0] for p in pairs if p[1] == "-"]
    print(f"\n10 sampled sentences without a pictogram (of {len(without)}):")
    for sentence in rng.sample(without, min(10, len(without))):
        print(f"   - {sentence[:110]}")


def render_times() -> None:
    from eenvoudig.render import easy_read, prepare, write_html, write_pdf, write_sheet
    from eenvoudig.render.draw import _memory

    analysis = prepare(DEMO)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        t = time.perf_counter()
        pages = write_sheet(easy_read(analysis), out)
        cold = time.perf_counter() - t
        warm = []
        for _ in range(5):
            t = time.perf_counter()
            write_sheet(easy_read(analysis), out)
            warm.append(time.perf_counter() - t)
        _memory.clear()
        t = time.perf_counter()
        write_sheet(easy_read(analysis), out)
        disk = time.perf_counter() - t
        t = time.perf_counter()
        pdf = write_pdf(easy_read(analysis), out)
        pdf_time = time.perf_counter() - t
        t = time.perf_counter()
        html = write_html(easy_read(analysis), out)
        html_time = time.perf_counter() - t
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"\nRender the demo letter (simplified, {len(pages)} A4 pages; load average {load:.1f} "
              f"on {os.cpu_count()} cores):")
        print(f"  sheet PNG 150 dpi: first {cold:.3f} s; warm median {statistics.median(warm):.3f} s "
              f"(min {min(warm):.3f}, n=5; target ≤ 0.3 s); memory cache cleared, disk cache warm {disk:.3f} s")
        print(f"  PDF (text, pictures at 300 dpi): {pdf_time:.3f} s, {pdf.stat().st_size / 1024:.0f} KB; "
              f"HTML: {html_time:.3f} s, {html.stat().st_size / 1024:.0f} KB")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="the Amsterdam pairs (dev.csv)")
    ap.add_argument("--sample", type=int, default=30, help="how many sentence → concept pairs to print")
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--no-render", action="store_true", help="skip the render timings")
    ap.add_argument("--judged", action="store_true", help="check the hand-judged sentences of data/pictogrammen-100.tsv")
    args = ap.parse_args()
    if args.judged:
        return judged()
    if not args.csv.is_file():
        print(f"not found: {args.csv} (the Amsterdam pairs live in the shared folder)", file=sys.stderr)
        return 2
    coverage(args.csv, args.sample, args.seed)
    if not args.no_render:
        render_times()
    return 0


if __name__ == "__main__":
    sys.exit(main())
