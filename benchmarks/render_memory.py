"""Peak memory (RSS) and time of `eenvoudig render` for long letters: the demo letter repeated ×1, ×10, ×40.

Each run is a fresh process (the real command, rewriting included); the child reports its own peak RSS
(`resource.getrusage(RUSAGE_SELF).ru_maxrss`, Linux and macOS) when it ends. The PDF is text with a few cached
pictures per page, so its memory should hardly grow with the letter; the PNG sheet writes page by page.

    python benchmarks/render_memory.py [--formats pdf sheet] [--times 1 10 40]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "src" / "eenvoudig" / "templates" / "demo" / "bijzondere-bijstand.txt"


def long_letter(times: int) -> str:
    """Return the demo letter with its body repeated `times` times (one subject, one closing)."""
    text = DEMO.read_text(encoding="utf-8")
    head, _, rest = text.partition("Geachte")
    body, _, closing = rest.partition("Met vriendelijke groet")
    return head + "Geachte" + body * times + "Met vriendelijke groet" + closing


def run(fmt: str, times: int, folder: Path) -> tuple[float, float, int]:
    """Return (peak RSS in MB, seconds, pages or bytes) of one render in a child process."""
    letter = folder / f"brief-x{times}.txt"
    letter.write_text(long_letter(times), encoding="utf-8")
    out = folder / f"uit-{fmt}-{times}"
    script = ("import resource, sys; from eenvoudig.cli import main\ncode = 0\n"
              "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
              "print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
              "sys.exit(code)")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, "render", str(letter), "--format", fmt, "--out", str(out)],
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "EENVOUDIG_CACHE": str(folder / "cache")})
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"render {fmt} ×{times} failed ({done.returncode}): {done.stderr.strip()[-400:]}")
    peak_kb = int(next(line.split()[1] for line in done.stderr.splitlines() if line.startswith("PEAK")))
    size = sum(f.stat().st_size for f in out.iterdir())
    return peak_kb / 1024, took, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", nargs="+", default=["pdf", "sheet"])
    parser.add_argument("--times", nargs="+", type=int, default=[1, 10, 40])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"demo letter: {len(DEMO.read_text(encoding='utf-8')) / 1024:.1f} kB; peak RSS of the whole process "
              "(spaCy and the model included), wall time, size of what was written")
        for fmt in args.formats:
            for times in args.times:
                peak, took, size = run(fmt, times, folder)
                kb = len(long_letter(times).encode()) / 1024
                print(f"  {fmt:5s} ×{times:<3d} ({kb:6.0f} kB letter): peak {peak:7.0f} MB, {took:5.1f} s, "
                      f"output {size / 1e6:6.2f} MB")


if __name__ == "__main__":
    main()
