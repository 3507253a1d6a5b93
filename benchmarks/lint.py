"""Benchmark `eenvoudig lint`: 1,000 template files made from the bundled B1 templates, with variations.

    python benchmarks/lint.py                 # 1,000 files, --jobs 2 and --jobs 1
    python benchmarks/lint.py --files 200 --jobs 2

The files are written to a temporary folder (never into the repository). Each is one of the 8 bundled
letters with variations chosen by a seeded random generator: other variable names, sentences swapped for
officialese or longer ones, an extra {% if %}/{% else %}, paragraphs dropped or repeated, some files as
HTML or Markdown, some with an {% include %} of a shared footer. The real CLI runs in a subprocess, so the
time includes starting Python and loading spaCy. Target (issue 'eenvoudig lint'): 1,000 files with
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


def make_tree(folder: Path, n: int, seed: int = 2027) -> None:
    """Write n template files (and a shared footer) under folder."""
    rng = random.Random(seed)
    letters = bundled()
    names = sorted(letters)
    (folder / "partials").mkdir(parents=True, exist_ok=True)
    (folder / "partials" / "voet.txt.j2").write_text(FOOTER, "utf-8")
    for i in range(n - 1):
        name = names[i % len(names)]
        text = vary(letters[name], rng)
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
    """Run the real CLI; return (wall seconds, CPU seconds of it and its workers, the JSON result)."""
    import resource

    env = {**os.environ}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "eenvoudig", "lint", str(folder), "--jobs", str(jobs), "--format",
                           "json", "--output", str(out), "--fail-on", "never"], capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        sys.exit(f"eenvoudig lint stopped with exit code {done.returncode}:\n{done.stderr}")
    return seconds, cpu, json.loads(out.read_text("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="*", default=[2, 1])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eenvoudig-bench-") as tmp:
        folder = Path(tmp) / "sjablonen"
        make_tree(folder, args.files)
        files = sum(1 for p in folder.rglob("*") if p.is_file())
        print(f"{files} template files in {folder} (made from {len(bundled())} bundled letters)")
        for jobs in args.jobs:
            load = os.getloadavg()[0]
            seconds, cpu, data = run(folder, jobs, Path(tmp) / f"uit-{jobs}.json")
            s = data["summary"]
            renders = sum(r["renders"] for r in data["files"])
            print(f"--jobs {jobs}: {s['files']} files in {seconds:.1f} s = {s['files'] / seconds:.0f} files/s; "
                  f"CPU {cpu:.1f} s ({renders} renderings; {s['error']} errors, {s['warning']} warnings, "
                  f"{s['info']} tips; load average before: {load:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
