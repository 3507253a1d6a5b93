"""Time `eenvoudig archief`: letters per second serial and on Dask, scaling, peak memory per worker.

    python benchmarks/archive.py [--letters 2000] [--workers 2] [--snel] [--keep DIR]

Needs the extra: pip install -e ".[archief]". Not a test: it prints figures, it never fails.

The letters are made at run time, never stored: each one a salutation, 6 to 14 sentences drawn from the
sentences of tests/letters/* and from both sides of the Amsterdam development pairs
(../shared/data/amsterdam-pairs/dev.csv, read here and never copied into the repository), and a closing.
Every sentence gets a reference number of its own ("(kenmerk 17/3)"), so no sentence occurs twice: the text
is unseen for every cache (check's sentence cache, the analysis), in every run. The letters are spread over
four folders of a quarter each (a folder = a team); a run over n letters takes the first n.

What is measured (wall-clock time, fresh processes, so spaCy and the pipeline load cold every time):
- serial: `score_paths` over all letters in one new Python process, then the Parquet file (no Dask);
- Dask: a new local cluster of --workers processes (127.0.0.1, no dashboard), then `run_archive` on it, as
  `eenvoudig archief --scheduler` does: scoring, Parquet and the page; for 1/4, 1/2 and all letters;
- the cluster's start on its own, and a second run over all letters that finds everything done (resume);
- peak memory (max RSS) of each Dask worker process and of the serial process;
- CPU seconds (user + system) of the serial process and of the workers together, per letter: on a busy
  machine wall-clock time depends on the other work, CPU time much less.
The machine this was written on has 2 cores shared with other work: absolute numbers are noisy.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
PAIRS = ROOT.parent / "shared" / "data" / "amsterdam-pairs" / "dev.csv"
for candidate in (PAIRS, Path("/work/shared/data/amsterdam-pairs/dev.csv")):
    if candidate.is_file():
        PAIRS = candidate
        break
TEAMS = ["team-inkomen", "team-wmo", "team-belasting", "team-burgerzaken"]
OPENINGS = ["Geachte heer Jansen,", "Beste mevrouw De Boer,", "Geachte mevrouw Bakker,", "Beste meneer Visser,",
            "Geachte mevrouw El Amrani,", "Beste heer Öztürk,"]
CLOSINGS = ["Met vriendelijke groet,\n\nTeam Inkomen", "Met vriendelijke groet,\n\nDe gemeente"]


def sentence_pool() -> tuple[list[str], str]:
    """Return the sentences to draw from, and where they come from (counts only)."""
    pool: list[str] = []
    for letter in sorted((ROOT / "tests" / "letters").glob("*")):
        for para in re.split(r"\n\s*\n", letter.read_text("utf-8")):
            para = " ".join(para.split())
            if len(para.split()) >= 6 and "|" not in para:
                pool += [s for s in re.split(r"(?<=[.?!])\s+", para) if len(s.split()) >= 4]
    own = len(pool)
    amsterdam = 0
    if PAIRS.is_file():
        with PAIRS.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                for side in ("Complex", "Simple"):
                    text = " ".join((row.get(side) or "").split())
                    if len(text.split()) >= 4:
                        pool.append(text)
                        amsterdam += 1
    where = f"{own} sentences from tests/letters, {amsterdam} from the Amsterdam dev pairs"
    return pool, where + ("" if amsterdam else " (dev.csv not found)")


def make_letters(folder: Path, n: int, seed: int = 15) -> list[Path]:
    """Write n unseen letters into four team folders (a quarter each, in order); return their paths."""
    pool, _ = sentence_pool()
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        team = TEAMS[min(len(TEAMS) - 1, i * len(TEAMS) // n)]
        sentences = []
        for k in range(rng.randint(6, 14)):
            s = rng.choice(pool).rstrip()
            end = s[-1] if s[-1] in ".?!" else "."
            sentences.append(f"{s.rstrip('.?!')} (kenmerk {i}/{k}){end}")
        text = f"{rng.choice(OPENINGS)}\n\n" + "\n\n".join(
            " ".join(sentences[j:j + 3]) for j in range(0, len(sentences), 3)) + f"\n\n{rng.choice(CLOSINGS)}\n"
        path = folder / team / f"brief-{i:05d}{'.md' if i % 7 == 6 else '.txt'}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


SERIAL = """
import resource, sys, time
sys.path.insert(0, {src!r})
start = time.perf_counter()
from eenvoudig.archive import score_paths, write_results
from eenvoudig.config import Config
from pathlib import Path
paths = Path({listing!r}).read_text("utf-8").splitlines()
frame = score_paths(paths, Config(snel={snel!r}))
write_results(frame, Path({out!r}))
use = resource.getrusage(resource.RUSAGE_SELF)
print(time.perf_counter() - start, use.ru_maxrss, int(frame.error.notna().sum()), use.ru_utime + use.ru_stime)
"""


def serial(paths: list[Path], work: Path, snel: bool) -> tuple[float, float, int, float]:
    """Return (seconds, peak MB, errors, CPU seconds) of score_paths over `paths` in a new process."""
    listing = work / "serial-paths.txt"
    listing.write_text("\n".join(map(str, paths)), encoding="utf-8")
    code = SERIAL.format(src=str(ROOT / "src"), listing=str(listing), snel=snel, out=str(work / "serial.parquet"))
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    seconds, rss_kb, errors, cpu = done.stdout.split()
    return float(seconds), int(rss_kb) / 1024, int(errors), float(cpu)


def on_dask(folders: list[Path], out: Path, workers: int, snel: bool) -> dict[str, float | list[float]]:
    """Run the archive on a new local cluster; return start and run seconds and each worker's peak MB."""
    import logging

    from distributed import Client, LocalCluster

    from eenvoudig.archive import run_archive
    from eenvoudig.config import Config

    t0 = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=logging.ERROR,
                      scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"}) as cluster, \
            Client(cluster) as client:
        t1 = time.perf_counter()
        run = run_archive([str(f) for f in folders], out, Config(snel=snel), scheduler=cluster.scheduler_address)
        t2 = time.perf_counter()
        peaks = client.run(_usage)
        again = time.perf_counter()
        rerun = run_archive([str(f) for f in folders], out, Config(snel=snel), scheduler=cluster.scheduler_address)
        t3 = time.perf_counter()
    assert rerun.reused == run.letters - run.errors
    return {"start": t1 - t0, "run": t2 - t1, "rerun": t3 - again, "letters": run.letters,
            "peaks": sorted(v[0] / 1024 for v in peaks.values()), "cpu": sum(v[1] for v in peaks.values())}


def _usage() -> tuple[int, float]:
    """Return a worker's peak memory (KB) and CPU seconds so far (user + system)."""
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_maxrss, use.ru_utime + use.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--snel", action="store_true", help="the fast mode (blank tokenizer, no parse)")
    parser.add_argument("--keep", type=Path, help="write the letters and results here and keep them")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="eenvoudig-archief-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        _, where = sentence_pool()
        n = args.letters
        paths = make_letters(work / "brieven", n)
        mode = "--snel (blank tokenizer)" if args.snel else "full pipeline (trained, with parse)"
        print(f"# eenvoudig archief: UNSEEN text, {n} generated letters ({where}; every sentence unique), {mode}; "
              f"{os.cpu_count()} cores, shared with other work: absolute numbers are noisy", flush=True)
        s_sec, s_mb, s_err, s_cpu = serial(paths, work, args.snel)
        print(f"serial (score_paths, one process, no Dask), unseen, {n} letters: {s_sec:.1f} s = "
              f"{n / s_sec:.1f} letters/s; CPU {1000 * s_cpu / n:.0f} ms per letter; peak memory {s_mb:.0f} MB; "
              f"{s_err} unreadable", flush=True)
        runs = {}
        folders = sorted((work / "brieven").iterdir())
        for quarters in (1, 2, 4):
            k = n * quarters // 4
            runs[k] = on_dask(folders[:quarters], work / f"dask-{k}.parquet", args.workers, args.snel)
            r = runs[k]
            print(f"dask --workers {args.workers}, unseen, {k} letters: scoring + Parquet + page {r['run']:.1f} s = "
                  f"{k / r['run']:.1f} letters/s (cluster start {r['start']:.1f} s more); CPU of the workers "
                  f"{1000 * r['cpu'] / k:.0f} ms per letter; peak memory per worker "
                  f"{', '.join(f'{p:.0f}' for p in r['peaks'])} MB", flush=True)
        full = runs[n]
        print(f"speed-up dask --workers {args.workers} over serial, unseen, {n} letters: "
              f"{s_sec / (full['run'] + full['start']):.2f}x with the cluster's start, "
              f"{s_sec / full['run']:.2f}x without", flush=True)
        sizes = sorted(runs)
        per = [runs[k]["run"] / k * 1000 for k in sizes]
        slope_a = (runs[sizes[1]]["run"] - runs[sizes[0]]["run"]) / (sizes[1] - sizes[0]) * 1000
        slope_b = (runs[sizes[2]]["run"] - runs[sizes[1]]["run"]) / (sizes[2] - sizes[1]) * 1000
        times = " -> ".join(f"{runs[k]['run']:.1f}" for k in sizes)
        cpus = " -> ".join(f"{1000 * runs[k]['cpu'] / k:.0f}" for k in sizes)
        print(f"scaling dask --workers {args.workers}, unseen, {' -> '.join(map(str, sizes))} letters: "
              f"{times} s; ms per letter "
              f"{' -> '.join(f'{p:.0f}' for p in per)}; extra ms per extra letter {slope_a:.0f} then {slope_b:.0f} "
              f"(equal = linear); workers' CPU ms per letter {cpus} (steady = linear, whatever the load)", flush=True)
        print(f"resume, CACHED (nothing to do: all {n} letters already in the output, same size and mtime): "
              f"{full['rerun']:.1f} s, Parquet and page rewritten", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
