"""Time `eenvoudig check` on a folder of 200 letters with --jobs 1 and --jobs 2; print the figures.

    python benchmarks/folders.py [--letters 200] [--runs 3] [--json] [--cold-disk] [--keep DIR]

The letters are made from the templates in templates/brieven with their sample data, varied per letter:
the reader's name and salutation, the amount, the reference, the date, and 0 to 4 extra sentences (plain
and officialese ones) before the closing. Every tenth letter is written as .docx, the rest as .txt.

Each timed run is a fresh `eenvoudig check FOLDER --kort --fail-on never` process (with --json:
`--format json`, which skips "Begin hier"), so spaCy, the lexicon
and the analysis caches start cold every time (as for a user); the word-frequency table on disk
(`~/.cache/eenvoudig`) is warm unless --cold-disk gives every run a new, empty cache folder. The runs
with --jobs 1 and --jobs 2 are interleaved, so a busy machine hurts both alike, and the medians are
reported with letters per second. Not a test: it prints figures, it never fails.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMES = [("Mevrouw A. de Vries", "Geachte mevrouw De Vries"), ("De heer K. Jansen", "Geachte heer Jansen"),
         ("Mevrouw F. El Amrani", "Geachte mevrouw El Amrani"), ("De heer P. Bakker", "Geachte heer Bakker"),
         ("Mevrouw S. Öztürk", "Geachte mevrouw Öztürk"), ("De heer J. van den Berg", "Geachte heer Van den Berg"),
         ("Mevrouw L. Visser", "Geachte mevrouw Visser"), ("De heer M. Smit", "Geachte heer Smit")]
EXTRA = ["Heeft u nog vragen? Bel ons dan gerust.",
         "Indien u het niet eens bent met dit besluit, kunt u binnen zes weken na dagtekening bezwaar maken.",
         "Wij verzoeken u de gevraagde bescheiden uiterlijk binnen twee weken aan ons te retourneren.",
         "U kunt ook langskomen op het gemeentehuis.",
         "Teneinde uw aanvraag te kunnen beoordelen, dient u ons nadere informatie te verstrekken.",
         "Wij helpen u graag."]


def make_letters(folder: Path, n: int, seed: int = 12) -> list[Path]:
    """Write n varied letters from the templates into folder; return their paths."""
    import docx
    import jinja2

    rng = random.Random(seed)
    source = ROOT / "src" / "eenvoudig" / "templates" / "brieven"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(source), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True)
    templates = sorted(source.glob("*.txt.j2"))
    paths = []
    for i in range(n):
        template = templates[i % len(templates)]
        data = tomllib.loads((source / template.name.replace(".txt.j2", ".voorbeeld.toml")).read_text("utf-8"))
        name, salutation = NAMES[rng.randrange(len(NAMES))]
        data.update({"naam": name, "aanhef": salutation, "kenmerk": f"WI/2027/{10000 + i}",
                     "datum": f"{rng.randint(1, 28)} {rng.choice(['maart', 'april', 'mei', 'juni'])} 2027"})
        for key in ("bedrag", "termijnbedrag"):
            if key in data:
                data[key] = f"€ {rng.randint(20, 4000)},{rng.randint(0, 99):02d}"
        text = env.get_template(template.name).render(**data)
        extra = " ".join(rng.sample(EXTRA, rng.randint(0, 4)))
        if extra:
            head, sep, tail = text.rpartition("Met vriendelijke groet")
            text = f"{head}{extra}\n\n{sep}{tail}" if sep else f"{text}\n{extra}\n"
        stem = f"{i + 1:03d}-{template.name.removesuffix('.txt.j2')}"
        if i % 10 == 9:
            d = docx.Document()
            for para in text.split("\n\n"):
                d.add_paragraph(para.strip())
            path = folder / f"{stem}.docx"
            d.save(path)
        else:
            path = folder / f"{stem}.txt"
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def console_script() -> list[str]:
    script = Path(sys.executable).parent / "eenvoudig"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "eenvoudig"]


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Return (wall seconds, CPU seconds of the process and its workers, stdout) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, proc.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--letters", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cold-disk", action="store_true", help="a new, empty word-table cache for every run")
    parser.add_argument("--keep", type=Path, help="write the letters here and keep them")
    parser.add_argument("--json", action="store_true", help="time --format json instead of the short text report")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="eenvoudig-brieven-"))
    folder.mkdir(parents=True, exist_ok=True)
    paths = make_letters(folder, args.letters)
    words = sum(len(p.read_text("utf-8").split()) for p in paths if p.suffix == ".txt")
    print(f"{len(paths)} letters in {folder} ({sum(p.suffix == '.docx' for p in paths)} .docx; "
          f"{words} words in the .txt ones)")
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    cmd = [*console_script(), "check", str(folder), "--fail-on", "never", *(["--format", "json"] if args.json else ["--kort"])]
    print(f"command: eenvoudig {' '.join(cmd[cmd.index('check'):])} --jobs N")
    env = dict(os.environ, NO_COLOR="1")
    timed(cmd + ["--jobs", "1"], env)  # the word table on disk is built once here (not counted)
    results: dict[int, list[float]] = {1: [], 2: []}
    cpus: dict[int, list[float]] = {1: [], 2: []}
    outputs: dict[int, str] = {}
    load = os.getloadavg()[0]
    for _ in range(args.runs):
        for jobs in (1, 2):
            run_env = env
            if args.cold_disk:
                run_env = dict(env, EENVOUDIG_CACHE=tempfile.mkdtemp(prefix="eenvoudig-cache-"))
            seconds, cpu, out = timed(cmd + ["--jobs", str(jobs)], run_env)
            results[jobs].append(seconds)
            cpus[jobs].append(cpu)
            outputs[jobs] = out
            if args.cold_disk:
                shutil.rmtree(run_env["EENVOUDIG_CACHE"], ignore_errors=True)
    caches = ("fresh process per run (spaCy, lexicon and analysis caches cold); word-frequency table on disk "
              + ("cold (new cache folder per run)" if args.cold_disk else "warm (built before the first timed run)"))
    print(f"caches: {caches}")
    print(f"load average (1 min) before / after the runs: {load:.1f} / {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores (other work on the machine slows every figure)")
    for jobs, times in results.items():
        median = statistics.median(times)
        print(f"--jobs {jobs}: median {median:.1f} s wall over {len(times)} runs "
              f"({', '.join(f'{t:.1f}' for t in times)}), {len(paths) / median:.1f} letters/s; "
              f"CPU {statistics.median(cpus[jobs]):.1f} s")
    print(f"speed-up --jobs 2 over --jobs 1: {statistics.median(results[1]) / statistics.median(results[2]):.2f}x")
    print(f"same output with --jobs 1 and --jobs 2: {'yes' if outputs[1] == outputs[2] else 'NO'}")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
