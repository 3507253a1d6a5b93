"""Make silver training data: our own municipal-style sentences, tagged and lemmatised by Frog.

    apt-get install -y frog frogdata              # GPL; needed only to run this script, never at run time
    python training/silver.py                     # training/silver/brieven.txt → training/silver/brieven.conllu

The sentences in `brieven.txt` are written by the eenvoudig developers (one sentence per line). Frog gives each
token a CGN tag (the same tag set as UD Dutch's XPOS) and a lemma. The CoNLL-U we write keeps only those two:
UPOS and features are filled in by `build.py` from the gold training sections (see `fill_from_gold`), and there
are no dependencies (Frog's relations are not UD), so the parser learns nothing from these sentences.
"""

from __future__ import annotations

import argparse
import re
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent


def cgn_to_xpos(tag: str) -> str:
    """Write a Frog/CGN tag as UD Dutch writes its XPOS: WW(pv,tgw,met-t) → WW|pv|tgw|met-t, LET() → LET."""
    m = re.fullmatch(r"([A-Z]+)\((.*)\)", tag)
    if not m:
        return tag
    return "|".join([m.group(1), *[f for f in m.group(2).split(",") if f]])


def frog_to_conllu(frog_output: str) -> str:
    """Turn Frog's tab-separated output (one sentence per block) into CoNLL-U with XPOS and lemma only."""
    out: list[str] = []
    n = 0
    for block in frog_output.strip().split("\n\n"):
        rows = [line.split("\t") for line in block.splitlines() if line.strip()]
        if not rows:
            continue
        n += 1
        out.append(f"# sent_id = silver-brieven.p.{n}.s.1")
        out.append("# text = " + " ".join(r[1] for r in rows))
        for r in rows:
            out.append("\t".join([r[0], r[1], r[2], "_", cgn_to_xpos(r[4]), "_", "_", "_", "_", "_"]))
        out.append("")
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--text", type=Path, default=HERE / "silver" / "brieven.txt")
    parser.add_argument("--out", type=Path, default=HERE / "silver" / "brieven.conllu")
    args = parser.parse_args()
    result = subprocess.run(["frog", "-t", str(args.text), "-n", "--skip=mcpn"], capture_output=True, text=True,
                            check=True)
    args.out.write_text(frog_to_conllu(result.stdout), encoding="utf-8")
    print(f"{args.out}: {result.stdout.count(chr(10) + chr(10))} sentences")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
