"""Measure how long `eenvoudig serve` takes to answer: from POST to the complete JSON (or page) at the client.

    python benchmarks/serve.py [--requests 50] [--clients 4]

The server is the real command (`eenvoudig serve --port 0 --no-browser`) in its own process, so the
client does not share its Python. The letter is the one-page demo letter (about 400 words); every
request gets a different made-up name in the salutation and the signature, so no request repeats an
earlier text. The server empties its text caches after every request anyway (`serve.review.private`):
each request is analysed from scratch, as a letter nobody has sent before. "Warm" means the process
has loaded spaCy, the lexicon and the word tables (a few requests are sent first and not counted).

Figures: p50/p95/max latency of --requests sequential requests for each route the page and the API
use, then the same for /api/check with --clients clients at once (each sends --requests / --clients
requests), with the throughput. Not a test: it prints figures, it never fails.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
LETTER = ROOT / "src" / "eenvoudig" / "templates" / "demo" / "bijzondere-bijstand.txt"


def letters(n: int) -> list[str]:
    """Return n versions of the demo letter, each with its own made-up surname."""
    text = LETTER.read_text("utf-8")
    rng = random.Random(14)
    out = []
    for _ in range(n):
        name = "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(4)).capitalize()
        out.append(text.replace("De Vries", f"De {name}").replace("A. de Vries", f"A. de {name}"))
    return out


def start_server() -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "eenvoudig", "serve", "--port", "0", "--no-browser"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    lines: list[str] = []
    found = threading.Event()

    def read() -> None:
        for line in proc.stderr:
            lines.append(line)
            if "de pagina staat op" in line:
                found.set()

    threading.Thread(target=read, daemon=True).start()
    if not found.wait(180):
        proc.kill()
        raise SystemExit("the server did not start:\n" + "".join(lines))
    return proc, re.search(r"http://127\.0\.0\.1:\d+/", "".join(lines)).group()


def timed(client: httpx.Client, route: str, text: str, csrf: str) -> float:
    """Send one request the way the page or a program does; return seconds until the whole answer is read."""
    begin = time.perf_counter()
    if route == "/api/check" or route == "/api/rewrite":
        r = client.post(route, content=text.encode("utf-8"), headers={"content-type": "text/plain"})
        r.json()
    else:
        fields = {"csrf": csrf, "tekst": text} if route == "/brief" else {
            "csrf": csrf, "soort": "txt", "naam": "brief.txt", "bron": text, "keuze-3": "ja", "keuze-5": "ja"}
        r = client.post(route, data=fields, files={"leeg": ("", b"")})
        r.read()
    elapsed = time.perf_counter() - begin
    if r.status_code != 200:
        raise SystemExit(f"{route}: {r.status_code} {r.text[:300]}")
    return elapsed


def summary(seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"p50 {statistics.median(ms):6.0f} ms   p95 {p95:6.0f} ms   max {ms[-1]:6.0f} ms   (n={len(ms)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    texts = letters(args.requests * 6 + 10)
    words = len(re.findall(r"\w+", texts[0]))
    print(f"eenvoudig serve latency: {LETTER.name} ({words} words), {platform.python_version()}, "
          f"{os.cpu_count()} cores")
    proc, url = start_server()
    try:
        with httpx.Client(base_url=url, timeout=120) as client:
            csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/").text).group(1)
            for text in texts[:5]:
                timed(client, "/api/check", text, csrf)
            rest = iter(texts[5:])
            print("\nsequential, one client (each request a letter the server has not seen):")
            routes = (("/api/check", "JSON report (check --format json)"), ("/api/rewrite", "JSON rewrite"),
                      ("/brief", "the review page"), ("/brief/meten?deel=meter", "re-score after a choice"))
            for route, what in routes:
                times = [timed(client, route, next(rest), csrf) for _ in range(args.requests)]
                print(f"  POST {route:25s} {summary(times)}   {what}")
        per_client = max(1, args.requests // args.clients)

        def client_run(batch: list[str]) -> list[float]:
            with httpx.Client(base_url=url, timeout=300) as own:
                return [timed(own, "/api/check", text, csrf) for text in batch]

        batches = [[next(rest) for _ in range(per_client)] for _ in range(args.clients)]
        begin = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            results = [t for batch in pool.map(client_run, batches) for t in batch]
        wall = time.perf_counter() - begin
        print(f"\n{args.clients} clients at once, /api/check ({per_client} requests each):")
        print(f"  {summary(results)}   throughput {len(results) / wall:.1f} letters/s")
        print("\nThe server analyses one letter at a time (a lock; the work is CPU-bound), so with more "
              "clients a request waits for the ones before it.")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
