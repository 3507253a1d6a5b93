"""Compare SVG rasterisers on every image of the pictogram manifest: speed per pictogram and fidelity.

eenvoudig draws its SVG pictograms with `resvg-py` (a Rust wheel for Linux, Windows and macOS, abi3, so one
wheel per platform serves Python 3.10 and later; no system library). This script shows why, for the
candidates that are installed in the current environment (the others are listed as missing):

* `resvg-py`   — the dependency (resvg through PyO3; `svg_to_bytes`)
* `resvg`      — another binding of the same engine (one wheel per CPython version)
* `svg2png-py` — a resvg binding; no manylinux or macOS x86_64 wheel on PyPI
* `cairosvg`   — the old dependency: needs the Cairo system library (not on Windows, not in slim images)

For each: median and 95th-percentile milliseconds per pictogram at 354 px (30 mm at 300 dpi, the PDF) and
177 px (the sheet), and the mean grey-level difference to cairosvg (0–255, on white) as a fidelity check.
A contact sheet of 24 pictograms per candidate is written to compare by eye.

    pip install resvg svg2png-py cairosvg   # optional: the candidates to compare with
    python benchmarks/rasterisers.py [--out contact.png]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

SIZES = (354, 177)


def _png(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGBA")


def candidates() -> dict[str, Callable[[str, int], Image.Image] | str]:
    """Return name → render(svg text, size) for each installed candidate, or the reason it cannot run."""
    out: dict[str, Callable[[str, int], Image.Image] | str] = {}
    try:
        from resvg_py import svg_to_bytes

        out["resvg-py"] = lambda svg, s: _png(svg_to_bytes(svg_string=svg, width=s, height=s, skip_system_fonts=True))
    except ImportError as exc:
        out["resvg-py"] = f"not installed ({exc})"
    try:
        import resvg
        from resvg import usvg

        def with_resvg(svg: str, s: int) -> Image.Image:
            tree = usvg.Tree.from_str(svg, usvg.Options.default())
            w, h = tree.int_size()
            return _png(bytes(resvg.render(tree, (s / w, 0, 0, 0, s / h, 0), bg_size=(s, s))))

        out["resvg"] = with_resvg
    except ImportError as exc:
        out["resvg"] = f"not installed ({exc})"
    try:
        import svg2png_py

        fonts = svg2png_py.FontDatabase()

        def with_svg2png(svg: str, s: int) -> Image.Image:
            w, h = svg2png_py.svg_intrinsic_size(svg, fonts)
            return _png(svg2png_py.svg_to_png(svg, fonts, transform=(s / w, 0, 0, 0, s / h, 0), bg_size=(s, s)))

        out["svg2png-py"] = with_svg2png
    except ImportError as exc:
        out["svg2png-py"] = f"not installed ({exc})"
    try:
        import cairosvg

        out["cairosvg"] = lambda svg, s: _png(cairosvg.svg2png(bytestring=svg.encode(), output_width=s, output_height=s))
    except (ImportError, OSError) as exc:
        out["cairosvg"] = f"cannot run ({exc.__class__.__name__}: {str(exc)[:60]})"
    return out


def images() -> dict[str, str]:
    """Return every image of the shipped manifest as SVG text."""
    from eenvoudig.render.draw import svg_source
    from eenvoudig.render.pictograms import load_pictograms

    pictos = load_pictograms()
    return {c.beeld: svg_source(c.beeld, pictos)[0].decode("utf-8") for c in pictos.concepts.values()
            if not c.beeld.startswith("feit:")}


def grey_difference(a: Image.Image, b: Image.Image) -> float:
    """Return the mean absolute grey difference (0–255) of two RGBA images laid on white."""
    white = Image.new("RGBA", a.size, "white")
    diff = ImageChops.difference(Image.alpha_composite(white, a).convert("L"),
                                 Image.alpha_composite(white, b.resize(a.size)).convert("L"))
    hist = diff.histogram()
    return sum(k * v for k, v in enumerate(hist)) / max(1, sum(hist))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("rasterisers.png"), help="contact sheet to write")
    args = parser.parse_args()
    svgs = images()
    found = candidates()
    # cairosvg first: it is the reference the others are compared with
    usable = {k: v for k, v in sorted(found.items(), key=lambda kv: kv[0] != "cairosvg") if callable(v)}
    for name, why in found.items():
        if not callable(why):
            print(f"{name:11s} {why}")
    print(f"{len(svgs)} images of the manifest; ms per pictogram (median / p95), fidelity = mean grey difference "
          "to cairosvg (0 = the same)")
    drawn: dict[str, dict[str, Image.Image]] = {}
    for size in SIZES:
        for name, render in usable.items():
            times, pics = [], {}
            for key, svg in svgs.items():
                start = time.perf_counter()
                pics[key] = render(svg, size)
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            drawn[name] = pics if size == SIZES[0] else drawn.get(name, pics)
            ref = drawn.get("cairosvg") if size == SIZES[0] else None
            fidelity = ""
            if ref is not None and name != "cairosvg":
                diffs = [grey_difference(ref[k], pics[k]) for k in svgs]
                fidelity = f"; grey difference median {statistics.median(diffs):.2f}, worst {max(diffs):.2f}"
            print(f"  {size:3d} px  {name:11s} {statistics.median(times):6.1f} / {times[int(0.95 * len(times))]:6.1f} ms"
                  f"{fidelity}")
    keys = list(svgs)[:: max(1, len(svgs) // 24)][:24]
    cell = 110
    sheet = Image.new("RGB", (120 + cell * len(keys), cell * len(drawn)), "white")
    draw = ImageDraw.Draw(sheet)
    for row, (name, pics) in enumerate(drawn.items()):
        draw.text((6, row * cell + cell // 2), name, fill="black")
        for col, key in enumerate(keys):
            pic = pics[key].resize((cell - 10, cell - 10), Image.LANCZOS)
            sheet.paste(pic, (120 + col * cell + 5, row * cell + 5), pic)
    sheet.save(args.out)
    print(f"contact sheet: {args.out}")


if __name__ == "__main__":
    main()
