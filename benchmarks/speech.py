"""Measure spoken audio: real-time factor and peak memory of `write_audio` (espeak-ng + MP3 + WAV + sentence files).

For a one-page letter (the demo letter) and for the same letter repeated, each in a fresh process so the
peak RSS belongs to that size alone. The real-time factor is seconds of audio per second of work
(target: 100 or more); the work counts normalising, speaking, MP3 encoding (whole letter and one file
per sentence) and the WAV, not reading and analysing the letter.

Usage: python benchmarks/speech.py [--repeat 1,10,40] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def child(repeat: int, runs: int) -> dict:
    """Run in a fresh process: analyse the letter once, then write the audio `runs` times."""
    import eenvoudig
    from eenvoudig.demo import demo_letter
    from eenvoudig.speech import EspeakBackend, speech_text, utterances, write_audio

    text = demo_letter()
    if repeat > 1:   # keep the letter's head once, repeat its body
        head, body = text.split("Geachte", 1)
        text = head + "Geachte" + body.split("Met vriendelijke groet")[0] * repeat + "Met vriendelijke groet,\n\nJ. Bakker\n"
    analysis = eenvoudig.analyze(eenvoudig.read_text(text))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    words = sum(len(u.spoken.split()) for u in utterances(analysis))
    t = time.perf_counter()
    speech_text(analysis)
    normalise_s = time.perf_counter() - t
    voice = EspeakBackend()
    units = utterances(analysis)
    t = time.perf_counter()
    pcm_seconds = sum(voice.synthesize(u.spoken).seconds or 0.0 for u in units)
    synth_s = time.perf_counter() - t
    walls = []
    audio_s = 0.0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            t = time.perf_counter()
            for _line in write_audio(analysis, Path(out)):
                pass
            walls.append(time.perf_counter() - t)
            audio_s = json.loads((Path(out) / "audio.json").read_text())["seconds"]
            mp3_bytes = (Path(out) / "brief.mp3").stat().st_size
    walls.sort()
    return {"repeat": repeat, "words": words, "sentences": len(units), "audio_s": audio_s,
            "speech_only_s": pcm_seconds, "normalise_s": normalise_s, "synth_s": synth_s,
            "write_audio_s": walls[len(walls) // 2], "mp3_bytes": mp3_bytes,
            "rss_before_mb": rss_before, "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", default="1,10,40", help="letter sizes as repeats of the body, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per size; the median time is shown")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child, args.runs)))
        return
    print(f"{'letter':>10} {'words':>6} {'zinnen':>6} {'audio':>8} {'normalise':>9} {'espeak':>8} "
          f"{'write_audio':>11} {'RTF espeak':>10} {'RTF all':>8} {'mp3 KB':>7} {'RSS start':>9} {'RSS peak':>8}")
    for repeat in (int(x) for x in args.repeat.split(",")):
        out = subprocess.run([sys.executable, __file__, "--child", str(repeat), "--runs", str(args.runs)],
                             capture_output=True, text=True, check=True)
        r = json.loads(out.stdout)
        name = "1 page" if repeat == 1 else f"{repeat}x body"
        print(f"{name:>10} {r['words']:>6} {r['sentences']:>6} {r['audio_s']:>7.1f}s {r['normalise_s']:>8.3f}s "
              f"{r['synth_s']:>7.3f}s {r['write_audio_s']:>10.3f}s {r['speech_only_s'] / r['synth_s']:>9.0f}x "
              f"{r['audio_s'] / r['write_audio_s']:>7.0f}x {r['mp3_bytes'] / 1024:>7.0f} {r['rss_before_mb']:>7.0f}MB "
              f"{r['rss_peak_mb']:>6.0f}MB")
    print("RTF = seconds of audio per second of work (target for write_audio: 100x or more). "
          "RSS start = after analysing the letter; RSS peak = the whole process.")


if __name__ == "__main__":
    main()
