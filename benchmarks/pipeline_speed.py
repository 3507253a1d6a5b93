"""Speed of the trained Dutch pipeline alone, on one thread, over sentence-sized Docs (words/s).

    python benchmarks/pipeline_speed.py                       # the shipped pipeline
    python benchmarks/pipeline_speed.py --model DIR           # another trained pipeline directory
    python benchmarks/pipeline_speed.py --config training/config.cfg --set components.tok2vec.model.encode.width=64
                                                              # an untrained pipeline made from a config (speed
                                                              # hardly depends on the weights: try sizes quickly)

Text: the held-out UD section (gold tokens, one sentence per Doc), read from ../shared. Prints words/s for the
whole pipeline with `nlp.pipe` at the chosen batch size, on the first pass (unseen words: warmed up on other
text) and as the best of `--repeat` passes (cached), the time per component, and cold load time.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "src"))

from build import SECTIONS, default_shared, read_conllu, to_doc  # noqa: E402


def untrained(config: Path, overrides: dict, sentences) -> "object":
    """Return a pipeline made from `config` and initialised on the sentences (random weights)."""
    import spacy
    from spacy.training import Example

    from eenvoudig.analysis.pipeline import register_components

    register_components()
    cfg = spacy.util.load_config(config, overrides=overrides)
    nlp = spacy.util.load_model_from_config(cfg, auto_fill=True)
    examples = [Example(nlp.make_doc(" ".join(w.form for w in s.words)), to_doc(nlp.vocab, s, True))
                for s in sentences]
    nlp.initialize(lambda: examples)
    return nlp


def run(component, docs: list, batch_size: int) -> list:
    """Run one pipeline component over docs (function components have no `pipe`)."""
    if hasattr(component, "pipe"):
        return list(component.pipe(docs, batch_size=batch_size))
    return [component(doc) for doc in docs]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=ROOT / "src" / "eenvoudig" / "analysis" / "nl_pipeline")
    parser.add_argument("--config", type=Path, help="time an untrained pipeline made from this config")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--shared", type=Path, default=default_shared())
    parser.add_argument("--section", choices=sorted(SECTIONS), default="alpino")
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--repeat", type=int, default=3, help="best of this many passes")
    args = parser.parse_args()

    sentences = read_conllu(args.shared / "data" / "ud-dutch" / SECTIONS[args.section])
    pairs = [([w.form for w in s.words], [w.space for w in s.words]) for s in sentences]
    n_words = sum(len(w) for w, _ in pairs)

    from eenvoudig.analysis.pipeline import annotate, load_pipeline

    load_s = None
    if args.config:
        overrides = {k: json.loads(v) for k, _, v in (item.partition("=") for item in args.set)}
        nlp = untrained(args.config, overrides, sentences[:400])
        label = f"untrained {args.config.name} {overrides}"
    else:
        code = ("import time, sys; t, c = time.perf_counter(), time.process_time(); import spacy; "
                "s, d = time.perf_counter(), time.process_time(); "
                "sys.path.insert(0, %r); from eenvoudig.analysis.pipeline import load_pipeline; "
                "load_pipeline(%r); print(time.perf_counter() - t, time.process_time() - c, "
                "time.perf_counter() - s, time.process_time() - d)") % (str(ROOT / "src"), str(args.model))
        runs = [[float(x) for x in subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                                  check=True).stdout.split()] for _ in range(3)]
        load_s = [min(r[i] for r in runs) for i in range(4)]
        nlp = load_pipeline(args.model)
        label = str(args.model)

    from spacy.tokens import Doc

    def docs():
        return [Doc(nlp.vocab, words=w, spaces=s) for w, s in pairs]

    # warm up on other text (our training letters), so the first timed pass meets the section's words unseen
    warm = read_conllu(ROOT / "training" / "data" / "brieven-train.conllu")
    list(annotate([([w.form for w in s.words], [w.space for w in s.words]) for s in warm], nlp, args.batch_size))
    passes = []
    for _ in range(args.repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        for _doc in annotate(pairs, nlp, args.batch_size):
            pass
        passes.append((time.perf_counter() - start, time.process_time() - start_cpu))
    first, first_cpu = passes[0]
    best, best_cpu = min(p[0] for p in passes), min(p[1] for p in passes)
    per_component = {}
    for name, proc in nlp.pipeline:
        batch = docs()
        for name2, proc2 in nlp.pipeline:  # annotate the inputs the component needs
            if name2 == name:
                break
            batch = run(proc2, batch, args.batch_size)
        start = time.perf_counter()
        run(proc, batch, args.batch_size)
        per_component[name] = round(time.perf_counter() - start, 3)
    size = sum(p.stat().st_size for p in args.model.rglob("*") if p.is_file()) if not args.config else None
    print(f"text: UD section {SECTIONS[args.section]} (never trained on); 'unseen' = the first pass, the first time "
          f"this process meets these words; 'repeated' = best of {args.repeat} passes over the same text (word "
          "entries and lemma look-ups cached)")
    print(json.dumps({
        "pipeline": label, "sentences": len(pairs), "words": n_words, "batch_size": args.batch_size,
        "unseen_words_per_second": round(n_words / first), "unseen_words_per_cpu_second": round(n_words / first_cpu),
        "repeated_words_per_second": round(n_words / best), "repeated_seconds": round(best, 3),
        # CPU time of this process: the figure to trust on a busy machine (one thread, so CPU time ≈ wall time
        # on an idle one)
        "repeated_words_per_cpu_second": round(n_words / best_cpu), "per_component_s": per_component,
        # cold start in a fresh process: import spaCy and load the pipeline (wall, CPU), and the load alone
        "cold_import_and_load_s": [round(x, 2) for x in load_s[:2]] if load_s else None,
        "cold_load_only_s": [round(x, 2) for x in load_s[2:]] if load_s else None,
        "size_mb": round(size / 1e6, 1) if size else None,
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
