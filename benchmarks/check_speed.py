"""Measure how fast `eenvoudig check` is, beside what it is built on; print the figures.

    python benchmarks/check_speed.py [--words 50000] [--runs 5] [--scaling]

Warm throughput (one process, one core): `check` (read + analyse + check, letter by letter) over a corpus
of the repository's letters and the rendered letter templates, repeated to about --words words; on the
same texts and in the same run, textstat's `flesch_reading_ease` (lang nl) and `spacy.blank("nl")`
tokenisation alone. Words are counted once per text (runs of letters/digits), the same for all three.

Cold start (median wall time of --runs fresh processes): `eenvoudig --help`, `eenvoudig check letter.txt`
and the floor `python -c "import spacy; spacy.blank('nl')"`; the peak RSS of the cold check.

The first run on a machine builds the word-table cache (see wordinfo.py); that is measured once,
separately, in a fresh cache folder. --scaling also times `check` on 0.25, 0.5 and 1 MB of text to show
whether its cost grows linearly.

Targets (issue 2): check throughput >= 0.5x spaCy-blank tokenisation; --help <= 0.3 s; cold check
<= 1.3x the spaCy floor; peak RSS <= 300 MB. Not a test: it prints figures, it never fails.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LETTER = ROOT / "templates" / "demo" / "bijzondere-bijstand.txt"


def corpus_letters() -> list[tuple[str, str]]:
    """Return (name, text) for the test letters, the demo letter and every template rendered with its sample data."""
    import jinja2

    out = [(p.name, p.read_text("utf-8")) for p in sorted((ROOT / "tests" / "letters").glob("*.txt"))]
    out.append((LETTER.name, LETTER.read_text("utf-8")))
    folder = ROOT / "templates" / "brieven"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True)
    for template in sorted(folder.glob("*.txt.j2")):
        sample = folder / template.name.replace(".txt.j2", ".voorbeeld.toml")
        data = tomllib.loads(sample.read_text("utf-8")) if sample.is_file() else {}
        out.append((template.name, env.get_template(template.name).render(**data)))
    return out


def unseen_texts() -> list[str]:
    """Return one text per document of the Amsterdam development pairs (complex side), if present."""
    import csv

    path = ROOT.parent / "shared" / "data" / "amsterdam-pairs" / "dev.csv"
    if not path.is_file():
        return []
    docs: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            docs.setdefault(row["Document ID"], []).append(row["Complex"].strip())
    return ["\n\n".join(sentences) for sentences in docs.values()]


def count_words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def repeat_to(letters: list[tuple[str, str]], words: int) -> list[str]:
    """Return the letters repeated (whole letters, in order) until the total reaches `words` words.

    Each copy gets a different number of trailing spaces, so no method can return a result it cached for
    the whole text (textstat memoises per text); caches per word or token still count, as in real use.
    """
    texts, total = [], 0
    while total < words:
        for _, text in letters:
            texts.append(text + " " * len(texts))
            total += count_words(text)
            if total >= words:
                break
    return texts


def best_time(fn, texts: list[str], repeats: int = 3) -> float:
    """Return the median wall time of `repeats` passes of `fn` over all texts."""
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        for text in texts:
            fn(text)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


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


def peak_rss_mb(cmd: list[str]) -> float:
    """Return the peak resident memory (MB) of `cmd`, measured by a fresh parent that runs only it."""
    probe = ("import resource, subprocess, sys\n"
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True).stdout
    return int(out.strip()) / 1024  # Linux reports kB


def fmt(seconds: float) -> str:
    return f"{seconds:.3f} s"


def verdict(ok: bool) -> str:
    return "OK" if ok else "NOT MET"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=50_000, help="size of the warm corpus in words")
    parser.add_argument("--runs", type=int, default=5, help="cold-start runs per command (median)")
    parser.add_argument("--scaling", action="store_true", help="also time check on 0.25, 0.5 and 1 MB")
    args = parser.parse_args()

    print(f"eenvoudig check benchmark — Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    print(f"word-table cache: {os.environ.get('EENVOUDIG_CACHE', '~/.cache/eenvoudig (default)')}")

    # ---------------------------------------------------------------- warm throughput, one process
    import spacy
    import textstat

    import eenvoudig

    letters = corpus_letters()
    texts = repeat_to(letters, args.words)
    words = sum(count_words(t) for t in texts)
    distinct = [t for _, t in letters]
    distinct_words = sum(count_words(t) for t in distinct)
    print(f"\ncorpus: {len(letters)} distinct letters ({distinct_words} words; test letters, demo letter, "
          f"{len(letters) - 5} rendered templates), repeated to {len(texts)} letters = {words} words")

    def run_check(text: str) -> None:
        eenvoudig.check(eenvoudig.analyze(eenvoudig.read_text(text)))

    textstat.set_lang("nl")
    nlp = spacy.blank("nl")

    methods = {
        "eenvoudig check (read + analyse + check)": run_check,
        "textstat flesch_reading_ease (nl)": textstat.flesch_reading_ease,
        "spacy.blank('nl') tokenisation alone": nlp,
    }
    for fn in methods.values():  # warm-up: imports, tables, lexicon, caches
        for text in distinct:
            fn(text)
    print("\nwarm throughput (median of 3 passes; words/s)")
    speed: dict[str, float] = {}
    for name, fn in methods.items():
        seconds = best_time(fn, texts)
        speed[name] = words / seconds
        print(f"  {name:<44} {speed[name]:>12,.0f} words/s   ({fmt(seconds)} for {words} words)")
    check_speed, spacy_speed = speed["eenvoudig check (read + analyse + check)"], speed["spacy.blank('nl') tokenisation alone"]

    # Caches (spaCy's tokenizer cache, our in-memory word look-ups) make repeated letters cheap. For honesty,
    # the same methods once over text they have not seen: the Amsterdam development pairs (complex side),
    # read from ../shared when it is there (never copied into the repository).
    unseen = unseen_texts()
    if unseen:
        unseen_words = sum(count_words(t) for t in unseen)
        print(f"  unseen text ({len(unseen)} Amsterdam documents, complex side, {unseen_words} words, one pass):")
        for name, fn in methods.items():
            t = time.perf_counter()
            for text in unseen:
                fn(text)
            print(f"    {name:<42} {unseen_words / (time.perf_counter() - t):>12,.0f} words/s")

    # ---------------------------------------------------------------- cold start, fresh processes
    cli = console_script()
    env = dict(os.environ, NO_COLOR="1")
    print(f"\ncold start (median of {args.runs} fresh processes, taken in turns; wall time)")
    check_cmd = [*cli, "check", "--fail-on", "never", str(LETTER)]
    floor_cmd = [sys.executable, "-c", "import spacy; spacy.blank('nl')"]
    help_all, check_all, floor_all = interleaved_walls([[*cli, "--help"], check_cmd, floor_cmd], args.runs, env)
    help_s, check_s, floor_s = (statistics.median(x) for x in (help_all, check_all, floor_all))
    print(f"  eenvoudig --help                               {fmt(help_s)}   (min {min(help_all):.3f}; runs: {', '.join(f'{x:.2f}' for x in help_all)})")
    print(f"  eenvoudig check {LETTER.name:<30} {fmt(check_s)}   (min {min(check_all):.3f}; runs: {', '.join(f'{x:.2f}' for x in check_all)})")
    print(f"  python -c \"import spacy; spacy.blank('nl')\"     {fmt(floor_s)}   (min {min(floor_all):.3f}; runs: {', '.join(f'{x:.2f}' for x in floor_all)})")
    rss = peak_rss_mb(check_cmd)
    print(f"  peak RSS of the cold check                     {rss:.0f} MB")

    # ---------------------------------------------------------------- first run: builds the word tables
    with tempfile.TemporaryDirectory() as fresh_cache:
        first = wall(check_cmd, dict(env, EENVOUDIG_CACHE=fresh_cache))
        again = wall(check_cmd, dict(env, EENVOUDIG_CACHE=fresh_cache))
        size = sum(f.stat().st_size for f in Path(fresh_cache).glob("*")) / 1048576
    print(f"\nfirst run on a new machine (builds the word-table cache, {size:.0f} MB): {fmt(first)}; "
          f"the next run: {fmt(again)}")

    # ---------------------------------------------------------------- targets
    print("\ntargets (issue 2)")
    ratio = check_speed / spacy_speed
    print(f"  check throughput / spaCy-blank tokenisation = {ratio:.3f}   (target >= 0.5)   {verdict(ratio >= 0.5)}")
    print(f"  eenvoudig --help = {fmt(help_s)}                  (target <= 0.3 s) {verdict(help_s <= 0.3)}")
    cold = check_s / floor_s
    print(f"  cold check / spaCy floor = {cold:.2f}                (target <= 1.3)   {verdict(cold <= 1.3)}")
    print(f"  peak RSS = {rss:.0f} MB                          (target <= 300 MB) {verdict(rss <= 300)}")

    # ---------------------------------------------------------------- scaling (optional)
    if args.scaling:
        body = "\n\n".join(t.split("Met vriendelijke groet,")[0] for t in distinct) + "\n\n"
        print("\nscaling: check on growing text (one document; a closing would end the checked part, so none)")
        previous = None
        for size in (250_000, 500_000, 1_000_000):
            text = (body * (size // len(body) + 1))[:size]
            t = time.perf_counter()
            analysis = eenvoudig.analyze(eenvoudig.read_text(text))
            t_analyse = time.perf_counter() - t
            t = time.perf_counter()
            eenvoudig.check(analysis)
            t_check = time.perf_counter() - t
            grow = f"   x{t_check / previous:.1f} for x2 text" if previous else ""
            print(f"  {size / 1e6:.2f} MB: analyse {fmt(t_analyse)}, check {fmt(t_check)}{grow}")
            previous = t_check


if __name__ == "__main__":
    main()
