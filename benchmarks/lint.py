"""Benchmark `eenvoudig lint` on 1,000 template files, with and without help from the caches.

    python benchmarks/lint.py                 # 1,000 files
    python benchmarks/lint.py --files 200 --jobs 2

`check` keeps paragraphs and sentences it has seen in a cache, and templates made from the same letters share
most of their paragraphs, so a figure measured on such templates is mostly a cache figure. This benchmark
therefore prints each figure on its own line, saying what it measures:

1. unseen templates, caches cold: 1,000 templates made from the 8 bundled letters with variations, and every
   sentence made unique by one extra Dutch word (drawn with a seeded generator from wordfreq's list), so no
   paragraph or sentence is in a cache; the real CLI in a fresh process (starting Python and spaCy included),
   with each --jobs value;
2. the same templates again in the same process, caches warm: one process lints the unseen tree twice with
   --jobs 1; the first pass is cold (spaCy already loaded), the second meets paragraphs it has seen. The caches
   are bounded (8,192 paragraphs), so 1,000 letters do not fit; the same is printed for the first 200;
3. templates that share paragraphs (the 8 letters with variations only), fresh process: what a real template
   repository of near-copies gets, where the cache helps within one run.

The files are written to a temporary folder (never into the repository). Each template is one of the 8 bundled
letters with variations chosen by a seeded random generator: other variable names, sentences swapped for
officialese or longer ones, an extra {% if %}/{% else %}, paragraphs dropped or repeated, some files as HTML or
Markdown, some with an {% include %} of a shared footer. Target (issue 'eenvoudig lint'): 1,000 files with
--jobs 2 in 10 seconds or less.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

SWAPS = [
    ("Wij hebben uw aanvraag goed bekeken.", "Uw aanvraag is door ons zorgvuldig in behandeling genomen en beoordeeld."),
    ("Bel ons dan.", "U kunt in dat geval telefonisch contact opnemen met de afdeling."),
    ("In deze brief leest u ons besluit.", "Middels deze brief delen wij u ons besluit mede."),
    ("Noem altijd het kenmerk van deze brief.", "Wij verzoeken u om bij correspondentie immer het kenmerk te vermelden."),
    ("Dan kunt u bezwaar maken.", "Indien u het niet eens bent met dit besluit, kunt u daartegen binnen zes weken bezwaar maken."),
    ("Misschien vinden wij samen een oplossing.", "Wellicht kan er in onderling overleg een oplossing worden gevonden."),
]
RENAMES = [("naam", "aanvrager.naam"), ("datum", "verzenddatum"), ("telefoon", "telefoonnummer"),
           ("email", "emailadres"), ("kenmerk", "zaaknummer"), ("website", "website_url")]
EXTRA = [
    "{% if spoed %}\nWij behandelen uw zaak met voorrang. U hoort binnen vijf werkdagen van ons.\n{% else %}\n"
    "Wij behandelen uw zaak zo snel mogelijk.\n{% endif %}\n",
    "{% if digitaal %}\nU kunt de papieren ook uploaden via {{ website }}/uploaden.\n{% endif %}\n",
    "{# eenvoudig: negeer zin.lang -- wettelijke tekst #}\nOp grond van artikel 4:8 van de Algemene wet bestuursrecht "
    "stellen wij u in de gelegenheid om uw zienswijze naar voren te brengen.\n",
]
FOOTER = "Heeft u vragen over deze brief? Bel ons op {{ telefoon }} of kijk op {{ website }}.\n"


def bundled() -> dict[str, str]:
    folder = resources.files("eenvoudig") / "templates" / "brieven"
    return {p.name.removesuffix(".txt.j2"): p.read_text("utf-8") for p in folder.iterdir() if p.name.endswith(".txt.j2")}


def vary(text: str, rng: random.Random) -> str:
    """Return a variation of a letter template."""
    for old, new in SWAPS:
        if old in text and rng.random() < 0.3:
            text = text.replace(old, new, 1)
    for old, new in RENAMES:
        if rng.random() < 0.3:
            text = re.sub(r"\{\{ " + old + r" \}\}", "{{ " + new + " }}", text)
    paragraphs = text.split("\n\n")
    body = [i for i in range(6, max(7, len(paragraphs) - 3)) if i < len(paragraphs) and "{%" not in paragraphs[i]]
    if body and rng.random() < 0.3:
        del paragraphs[rng.choice(body)]
    if body and rng.random() < 0.2:
        i = rng.choice(body[:-1] or body)
        paragraphs.insert(i, paragraphs[i])
    if rng.random() < 0.5:
        paragraphs.insert(min(len(paragraphs) - 2, 8), rng.choice(EXTRA).rstrip("\n"))
    return "\n\n".join(paragraphs)


def as_html(text: str) -> str:
    parts = []
    for para in text.split("\n\n"):
        if para.startswith("{%") or para.startswith("{#"):
            parts.append(para)
        elif para.rstrip().endswith("?") and "\n" not in para:
            parts.append(f"<h2>{para}</h2>")
        elif para.startswith("- "):
            parts.append("<ul>\n" + "\n".join(f"<li>{x[2:]}</li>" for x in para.splitlines()) + "\n</ul>")
        else:
            parts.append("<p>" + para.replace("\n", "<br>\n") + "</p>")
    return "<html><body>\n" + "\n".join(parts) + "\n</body></html>\n"


def unique_sentences(text: str, rng: random.Random, words: list[str]) -> str:
    """Put one extra word into every sentence of the prose (not into tags), so no sentence repeats."""
    out = []
    for line in text.split("\n"):
        if "{%" in line or "{#" in line or len(line.split()) < 3:
            out.append(line)
            continue
        values: list[str] = []

        def hide(m: re.Match[str]) -> str:
            values.append(m.group())
            return f"\x00{len(values) - 1}\x00"  # a {{ value }} as one word without spaces

        sentences = re.split(r"(?<=[.?!]) ", re.sub(r"\{\{.*?\}\}", hide, line))
        for i, sentence in enumerate(sentences):
            parts = sentence.split(" ")
            parts.insert(rng.randrange(1, len(parts)) if len(parts) > 1 else 1, rng.choice(words))
            sentences[i] = " ".join(parts)
        out.append(re.sub("\x00(\\d+)\x00", lambda m: values[int(m.group(1))], " ".join(sentences)))
    return "\n".join(out)


def dutch_words() -> list[str]:
    from wordfreq import top_n_list

    return [w for w in top_n_list("nl", 20000)[2000:] if w.isalpha() and w.islower() and len(w) >= 4]


def make_tree(folder: Path, n: int, seed: int = 2027, unseen: bool = False) -> None:
    """Write n template files (and a shared footer) under folder; `unseen`: every sentence unique."""
    rng = random.Random(seed)
    words = dutch_words() if unseen else []
    letters = bundled()
    names = sorted(letters)
    (folder / "partials").mkdir(parents=True, exist_ok=True)
    (folder / "partials" / "voet.txt.j2").write_text(FOOTER, "utf-8")
    for i in range(n - 1):
        name = names[i % len(names)]
        text = vary(letters[name], rng)
        if unseen:
            text = unique_sentences(text, rng, words)
        if rng.random() < 0.2:
            text = text.rstrip("\n") + '\n\n{% include "partials/voet.txt.j2" %}\n'
        kind = rng.random()
        sub = folder / f"team-{i % 10}"
        sub.mkdir(exist_ok=True)
        if kind < 0.15:
            (sub / f"{name}-{i}.html.j2").write_text(as_html(text), "utf-8")
        elif kind < 0.25:
            (sub / f"{name}-{i}.md.j2").write_text(text, "utf-8")
        else:
            (sub / f"{name}-{i}.txt.j2").write_text(text, "utf-8")


def run(folder: Path, jobs: int, out: Path) -> tuple[float, float, dict]:
    """Run the real CLI in a fresh process; return (wall seconds, CPU seconds of it and its workers, the JSON)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "eenvoudig", "lint", str(folder), "--jobs", str(jobs), "--format",
                           "json", "--output", str(out), "--fail-on", "never"], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        sys.exit(f"eenvoudig lint stopped with exit code {done.returncode}:\n{done.stderr}")
    return seconds, cpu, json.loads(out.read_text("utf-8"))


TWICE = r"""
import json, sys, time
from eenvoudig.lint import lint_paths
from eenvoudig.lint.run import _warm
_warm()
out = []
for folder in sys.argv[1:]:
    times = []
    for _ in range(2):
        start = time.perf_counter()
        run = lint_paths([folder], jobs=1)
        times.append(time.perf_counter() - start)
    out.append({"files": len(run.files), "seconds": times})
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="*", default=[2, 1])
    args = parser.parse_args()
    cores = f"{os.cpu_count()} cores, load average before: {{:.1f}}"
    with tempfile.TemporaryDirectory(prefix="eenvoudig-bench-") as tmp:
        unseen, shared = Path(tmp) / "ongezien", Path(tmp) / "gedeeld"
        make_tree(unseen, args.files, unseen=True)
        make_tree(shared, args.files)
        n = sum(1 for p in unseen.rglob("*") if p.is_file())
        print(f"{n:,} template files per tree (made from {len(bundled())} bundled letters), in {tmp}")
        for jobs in args.jobs:
            load = os.getloadavg()[0]
            seconds, cpu, data = run(unseen, jobs, Path(tmp) / f"ongezien-{jobs}.json")
            files = data["summary"]["files"]
            print(f"{files:,} unseen templates, caches cold, fresh process, --jobs {jobs}: "
                  f"{files / seconds:.0f} files/s ({seconds:.1f} s wall, {cpu:.1f} s CPU; {cores.format(load)})")
        small = Path(tmp) / "ongezien-klein"
        make_tree(small, min(200, args.files), unseen=True)   # the first 200 of the same templates
        load = os.getloadavg()[0]
        done = subprocess.run([sys.executable, "-c", TWICE, str(unseen), str(small)], capture_output=True, text=True,
                              check=True)
        (big, little) = json.loads(done.stdout)
        files, (cold, warm) = big["files"], big["seconds"]
        print(f"{files:,} unseen templates, caches cold, one process with spaCy loaded, --jobs 1: "
              f"{files / cold:.0f} files/s ({cold:.1f} s)")
        print(f"same {files:,} templates again in that process, caches warm, --jobs 1: {files / warm:.0f} files/s "
              f"({warm:.1f} s; {cold / warm:.2f}x the cold pass: they do not fit in the bounded caches)")
        files, (cold, warm) = little["files"], little["seconds"]
        print(f"{files:,} of those unseen templates, caches cold, one process with spaCy loaded, --jobs 1: "
              f"{files / cold:.0f} files/s ({cold:.1f} s)")
        print(f"same {files:,} templates again in that process, caches warm, --jobs 1: {files / warm:.0f} files/s "
              f"({warm:.1f} s; {cold / warm:.2f}x the cold pass; {cores.format(load)})")
        for jobs in args.jobs[:1]:
            load = os.getloadavg()[0]
            seconds, cpu, data = run(shared, jobs, Path(tmp) / f"gedeeld-{jobs}.json")
            s = data["summary"]
            renders = sum(r["renders"] for r in data["files"])
            print(f"{s['files']:,} templates sharing paragraphs (caches help within the run), fresh process, "
                  f"--jobs {jobs}: {s['files'] / seconds:.0f} files/s ({seconds:.1f} s wall, {cpu:.1f} s CPU; "
                  f"{renders:,} renderings; {s['error']:,} errors, {s['warning']:,} warnings, {s['info']:,} tips; "
                  f"{cores.format(load)})")


if __name__ == "__main__":
    main()
