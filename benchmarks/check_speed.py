"""Measure how fast `eenvoudig check` is on text it has not seen, beside what it is built on; print the figures.

    python benchmarks/check_speed.py [--runs 5] [--csv PATH]

Headline (UNSEEN text, one pass, fresh process, caches cold): `check` (read + analyse with our trained
pipeline + check, document by document, as `eenvoudig check` does) over the complex side of the Amsterdam
development pairs (read from ../shared, never copied into the repository), in words/s. Each measurement runs
in its own fresh process pinned to one CPU with one thread; the process first loads spaCy, the pipeline, the
lexicon and the word tables on an unrelated sentence (not timed), so the figure is the work per word on text
that no cache has seen. In the same way and on the same text:

* `spacy.blank("nl")` tokenisation alone (`nlp.pipe`), the floor of any spaCy-based tool;
* our trained pipeline alone (`nlp.pipe` in batches of 256 sentences, over our own sentences and tokens,
  which are made before the clock starts);
* `check` in the fast mode (`--snel`: no parse), for bulk scoring.

Printed separately and labelled CACHED: `check` a second time over the same text in the same process, where
the paragraph and sentence caches answer (letters from one template repeat most paragraphs).

Cold start (median wall time of --runs fresh processes, taken in turns): `eenvoudig --help`,
`eenvoudig check letter.txt` and the floor `python -c "import spacy; spacy.blank('nl')"`; the peak RSS of the
cold check and of the headline process.

Targets (issue 9): unseen check >= 6,000 words/s on one core; cold check <= 1.6x the spaCy floor; peak RSS
<= 400 MB; --help <= 0.3 s. Not a test: it prints figures, it never fails.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LETTER = ROOT / "src" / "eenvoudig" / "templates" / "demo" / "bijzondere-bijstand.txt"
WARM_UP = "Wij sturen u deze brief over uw aanvraag. Bel ons als u vragen heeft."


def default_csv() -> Path:
    """../shared next to the checkout (also from a worktree one level deeper)."""
    for parent in ROOT.parents[:3]:
        path = parent / "shared" / "data" / "amsterdam-pairs" / "dev.csv"
        if path.is_file():
            return path
    return ROOT.parent / "shared" / "data" / "amsterdam-pairs" / "dev.csv"


def unseen_texts(path: Path) -> list[str]:
    """Return one text per document of the Amsterdam development pairs (complex side), sentences as paragraphs."""
    import csv

    docs: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["Complex"].strip():
                docs.setdefault(row["Document ID"], []).append(" ".join(row["Complex"].split()))
    return ["\n\n".join(sentences) for sentences in docs.values()]


def count_words(text: str) -> int:
    return len(re.findall(r"\w+", text))


# ------------------------------------------------------------------------------------ worker (fresh process)


def _one_core() -> None:
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def worker(mode: str, csv_path: Path) -> dict:
    """Run one measurement in this (fresh) process and return its figures."""
    import resource

    texts = unseen_texts(csv_path)
    words = sum(count_words(t) for t in texts)
    out: dict = {"mode": mode, "words": words, "documents": len(texts)}
    if mode == "blank":
        import spacy

        nlp = spacy.blank("nl")
        list(nlp.pipe([WARM_UP]))
        t, c = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(texts):
            pass
        out["seconds"], out["cpu_seconds"] = time.perf_counter() - t, time.process_time() - c
    elif mode == "pipeline":
        import eenvoudig
        from eenvoudig.analysis import get_backend
        from eenvoudig.analysis.pipeline import annotate, load_pipeline
        from eenvoudig.analysis.spans import find_spans

        nlp = load_pipeline()
        list(annotate([(WARM_UP.split(), [True] * len(WARM_UP.split()))], nlp))
        backend = get_backend("spacy-blank-nl")
        sentences = []
        for text in texts:   # our sentences and tokens, made before the clock starts
            blocks = eenvoudig.read_text(text).blocks
            raw = backend.segment([b.text for b in blocks], [find_spans(b.text) for b in blocks])
            for block, sents in zip(blocks, raw):
                for sent in sents:
                    toks = [w for a, b in sent for w in block.text[a:b].split()]
                    if toks:
                        sentences.append((toks, [True] * len(toks)))
        out["sentences"] = len(sentences)
        t, c = time.perf_counter(), time.process_time()
        for _ in annotate(sentences, nlp):
            pass
        out["seconds"], out["cpu_seconds"] = time.perf_counter() - t, time.process_time() - c
    else:   # check / snel: read + analyse + check per document, then the same again (cached)
        import eenvoudig
        from eenvoudig.config import Config

        config = Config(snel=True) if mode == "snel" else Config()
        eenvoudig.check(eenvoudig.analyze(eenvoudig.read_text(WARM_UP), config.backend), config)
        passes, cpu = [], []
        for _ in range(2):
            t, c = time.perf_counter(), time.process_time()
            for text in texts:
                eenvoudig.check(eenvoudig.analyze(eenvoudig.read_text(text), config.backend), config)
            passes.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        out["seconds"], out["cached_seconds"] = passes
        out["cpu_seconds"] = cpu[0]
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def measure(mode: str, csv_path: Path, src: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.run([sys.executable, __file__, "--worker", mode, "--csv", str(csv_path)], env=env,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"worker {mode} failed: {proc.stderr[-1000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------------ cold start


def console_script() -> list[str]:
    script = Path(sys.executable).parent / "eenvoudig"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "eenvoudig"]


def wall(cmd: list[str], env: dict[str, str] | None = None) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return elapsed


def interleaved_walls(cmds: list[list[str]], runs: int, env: dict[str, str]) -> list[list[float]]:
    """Return `runs` wall times per command, taken round-robin so that a busy machine hurts all alike."""
    for cmd in cmds:
        wall(cmd, env)  # warm the OS file cache (and the word-table cache) first; not counted
    times: list[list[float]] = [[] for _ in cmds]
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            times[i].append(wall(cmd, env))
    return times


def peak_rss_mb(cmd: list[str], env: dict[str, str]) -> float:
    """Return the peak resident memory (MB) of `cmd`, measured by a fresh parent that runs only it."""
    probe = ("import resource, subprocess, sys\n"
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True,
                         env=env).stdout
    return int(out.strip()) / 1024  # Linux reports kB


def verdict(ok: bool) -> str:
    return "OK" if ok else "NOT MET"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold-start runs per command (median)")
    parser.add_argument("--csv", type=Path, default=default_csv(), help="the Amsterdam development pairs")
    parser.add_argument("--src", type=Path, default=ROOT / "src",
                        help="the source tree to measure (default: this checkout's src; another one for a before/after)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _one_core()
        print(json.dumps(worker(args.worker, args.csv)))
        return
    if not args.csv.is_file():
        raise SystemExit(f"development set not found: {args.csv} (the headline needs unseen text)")

    print(f"eenvoudig check benchmark — Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; every measurement in a fresh process "
          f"on one CPU, one thread; source: {args.src}")
    results = {mode: measure(mode, args.csv, args.src) for mode in ("check", "blank", "pipeline", "snel")}
    words, docs = results["check"]["words"], results["check"]["documents"]
    print(f"\nUNSEEN text, one pass, fresh process, caches cold: {docs} Amsterdam documents (development pairs, "
          f"complex side), {words} words")
    rows = [("eenvoudig check (read + analyse + check)", results["check"]),
            ("  beside: spacy.blank('nl') tokenisation alone", results["blank"]),
            (f"  beside: our pipeline alone (nlp.pipe, {results['pipeline']['sentences']} sentences)",
             results["pipeline"]),
            ("  fast mode: eenvoudig check --snel (no parse)", results["snel"])]
    print(f"  {'':<60} {'wall time':>16}   {'CPU time':>16}   (on a busy machine wall time is inflated, CPU time "
          "much less)")
    for name, r in rows:
        print(f"  {name:<60} {words / r['seconds']:>8,.0f} words/s   {words / r['cpu_seconds']:>8,.0f} words/s   "
              f"({r['seconds']:.2f} s wall, {r['cpu_seconds']:.2f} s CPU; peak RSS {r['rss_mb']:.0f} MB)")
    check_wps = words / results["check"]["seconds"]
    check_cpu_wps = words / results["check"]["cpu_seconds"]
    print("\nCACHED (second pass over the SAME text in the same process; paragraph and sentence caches answer; "
          "not the headline):")
    print(f"  eenvoudig check, cached                                      "
          f"{words / results['check']['cached_seconds']:>10,.0f} words/s")
    print(f"  eenvoudig check --snel, cached                               "
          f"{words / results['snel']['cached_seconds']:>10,.0f} words/s")

    cli = console_script()
    env = dict(os.environ, NO_COLOR="1",
               PYTHONPATH=os.pathsep.join([str(args.src), os.environ.get("PYTHONPATH", "")]))
    # an installed package has its bytecode (pip compiles it); without it every cold run compiles our modules
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"\ncold start (median of {args.runs} fresh processes, taken in turns; wall time)")
    check_cmd = [*cli, "check", "--fail-on", "never", str(LETTER)]
    floor_cmd = [sys.executable, "-c", "import spacy; spacy.blank('nl')"]
    help_all, check_all, floor_all = interleaved_walls([[*cli, "--help"], check_cmd, floor_cmd], args.runs, env)
    help_s, check_s, floor_s = (statistics.median(x) for x in (help_all, check_all, floor_all))
    for name, s, runs in (("eenvoudig --help", help_s, help_all), (f"eenvoudig check {LETTER.name}", check_s, check_all),
                          ("python -c \"import spacy; spacy.blank('nl')\"", floor_s, floor_all)):
        print(f"  {name:<46} {s:.3f} s   (runs: {', '.join(f'{x:.2f}' for x in runs)})")
    rss = peak_rss_mb(check_cmd, env)
    print(f"  peak RSS of the cold check                     {rss:.0f} MB")

    peak = max(rss, results["check"]["rss_mb"])
    cold = check_s / floor_s
    print("\ntargets (issue 9)")
    print(f"  unseen check = {check_wps:,.0f} words/s on one core, wall time  (target >= 6,000)  "
          f"{verdict(check_wps >= 6000)}   [CPU time: {check_cpu_wps:,.0f} words/s]")
    print(f"  cold check / spaCy floor = {cold:.2f}                  (target <= 1.6)    {verdict(cold <= 1.6)}")
    print(f"  peak RSS = {peak:.0f} MB (cold check {rss:.0f}, unseen run {results['check']['rss_mb']:.0f})"
          f"   (target <= 400 MB) {verdict(peak <= 400)}")
    print(f"  eenvoudig --help = {help_s:.3f} s                      (target <= 0.3 s)  {verdict(help_s <= 0.3)}")


if __name__ == "__main__":
    main()
