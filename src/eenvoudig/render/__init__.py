"""`render`: the letter as simplified text, an accessible HTML page, an easy-read sheet, speech and audio.

Every format starts from the same `prepare()`: read → analyse → rewrite (when asked) → analyse the
simplified letter again, so each output shows the plain version, sentence by sentence. The sheet and
the HTML page share `easy_read()`: one line per sentence with at most one pictogram, the heading above
it, the letter's subject as title.
"""

from __future__ import annotations

import base64
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from eenvoudig.analysis import Analysis, analyze
from eenvoudig.config import Config
from eenvoudig.document import Document, read, read_text, shown_meta_lines
from eenvoudig.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from eenvoudig.render.choose import Pictogram
    from eenvoudig.render.pictograms import PictogramSet
    from eenvoudig.render.sheet import Layout
    from eenvoudig.render.table import Table

DEFAULT_OUT = Path("eenvoudig-uitvoer")
SHEET_STEM = "pictogrammenblad"
SHEET_DPI = 150
PDF_DPI = 300
HTML_NAME = "brief.html"
TEXT_NAME = "brief-eenvoudig.txt"


class Notice(str):
    """A line for the user that is a warning (the CLI prints it on stderr)."""


def prepare(source: str | Path | Document, config: Config | None = None, *, simplify: bool = True,
            encoding: str | None = None) -> Analysis:
    """Return the analysis of the letter to render: the simplified letter unless `simplify` is False."""
    config = config or Config()
    doc = source if isinstance(source, Document) else read(source, encoding=encoding, max_bytes=config.max_bytes)
    analysis = analyze(doc, config.backend)
    if not simplify:
        return analysis
    from eenvoudig.rewriting import rewrite

    result = rewrite(analysis, config)
    if not result.applied:
        return analysis
    if doc.kind == "docx" and not isinstance(source, Document):
        # apply the edits to the Word file itself, so headings, lists and tables keep their structure
        from eenvoudig.document import read_docx_bytes
        from eenvoudig.rewriting import docx_with_edits

        return analyze(read_docx_bytes(docx_with_edits(Path(source).read_bytes(), result.applied), doc.path),
                       config.backend)
    # the edits were made in the source (HTML, Markdown, text): read it again the same way
    return analyze(read_text(result.text, kind="txt" if doc.kind == "docx" else doc.kind, path=doc.path),
                   config.backend)


def _shown(text: str) -> str:
    """Return text as shown to the reader: `[picto:…]` markers removed, spaces tidied."""
    from eenvoudig.render.pictograms import strip_overrides

    return " ".join(strip_overrides(text).split())


def _as_title(text: str) -> str:
    """Return a subject as a title: with a capital letter ("Onderwerp: besluit over …" → "Besluit over …")."""
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def plain_text(analysis: Analysis) -> str:
    """Return the letter as plain text: one block per paragraph, list items with a dash, tables as aligned rows."""
    from eenvoudig.render.pictograms import strip_overrides
    from eenvoudig.render.table import table_text, tables_of

    tables = {t.first_block: t for t in tables_of(analysis.document)}
    in_table = {i for t in tables.values() for i in t.blocks}
    parts: list[tuple[str, str]] = []          # (scope, text)
    for i, block in enumerate(analysis.document.blocks):
        if i in tables:
            parts.append(("table", table_text(tables[i])))
        if i in in_table:
            continue
        if block.scope in ("meta", "closing"):
            text = "\n".join(" ".join(line.split()) for line in strip_overrides(block.text).split("\n"))
        else:
            text = _shown(block.text)
        parts.append((block.scope, f"- {text}" if block.scope == "list_item" else text))
    out, previous = [], None
    for scope, text in parts:
        if not text.strip():
            continue
        if out and not (scope == "list_item" and previous == "list_item"):
            out.append("")
        out.append(text)
        previous = scope
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------ easy read


@dataclass(frozen=True, slots=True)
class Line:
    """One sentence as the sheet and the HTML page show it."""

    text: str
    scope: str                       # paragraph, list_item, salutation, closing, table, heading (a lone heading)
    block: int
    start: int                       # offset in the block: with `block` the key of the sentence's audio
    heading: str = ""                # the heading shown just above this sentence
    picture: Pictogram | None = None
    table: Table | None = None       # scope "table": the whole table (text holds it as "label: value" rows)


@dataclass(frozen=True)
class EasyRead:
    """A letter laid out for easy reading: title, date/reference lines, and one line per sentence."""

    title: str
    details: tuple[str, ...]
    lines: tuple[Line, ...]
    warnings: tuple[str, ...] = ()

    @property
    def attribution(self) -> bool:
        """Return whether an OpenMoji picture is used (then the attribution must be shown)."""
        from eenvoudig.render.choose import uses_openmoji

        return uses_openmoji([line.picture for line in self.lines])


def easy_read(analysis: Analysis, *, pictos: PictogramSet | None = None,
              overrides: Mapping[int | str, str] | None = None) -> EasyRead:
    """Lay a letter out as easy-read lines with at most one pictogram each.

    `overrides` maps a sentence (its index in `analysis.sentences`, or its text as shown) to a concept
    id, like `[picto:id]` in the text; `geen` means no picture.
    """
    from eenvoudig.render.choose import choose_all
    from eenvoudig.render.pictograms import load_pictograms
    from eenvoudig.render.table import tables_of

    pictos = pictos or load_pictograms()
    pictures, warnings = choose_all(analysis, pictos, overrides=overrides)
    doc = analysis.document
    title = _as_title(_shown(doc.subject or "")) or "Brief"
    details = tuple(line for b in doc.blocks if b.scope == "meta" for line in shown_meta_lines(b.text))
    tables = {i: t for t in tables_of(doc) for i in t.blocks}
    lines: list[Line] = []
    heading, heading_block = "", -1
    closing: list[str] = []
    closing_at: tuple[int, int] | None = None
    shown_tables: set[int] = set()
    for sentence, pic in zip(analysis.sentences, pictures):
        text = _shown(sentence.text)
        if sentence.scope == "meta" or not text:
            continue
        if sentence.block in tables:
            table = tables[sentence.block]
            if table.number not in shown_tables:
                shown_tables.add(table.number)
                lines.append(Line("\n".join(table.label_rows()), "table", sentence.block, sentence.start, heading,
                                  table=table))
                heading, heading_block = "", -1
            continue
        if sentence.scope == "heading":
            if not lines and not heading and _as_title(text) == title:
                continue                      # the subject came from this heading: it is the title already
            joined = heading_block == sentence.block
            heading = f"{heading} {text}" if joined else (f"{heading} – {text}" if heading else text)
            heading_block = sentence.block
            continue
        if sentence.scope == "closing":
            block_text = doc.blocks[sentence.block].text
            part = "\n".join(" ".join(x.split()) for x in _shown_lines(block_text[sentence.start:sentence.end]))
            closing.append(part)
            closing_at = closing_at or (sentence.block, sentence.start)
            continue
        keep = pic if sentence.scope in ("paragraph", "list_item") else None
        lines.append(Line(text, sentence.scope, sentence.block, sentence.start, heading, keep))
        heading, heading_block = "", -1
    if closing and closing_at:
        lines.append(Line("\n".join(closing), "closing", closing_at[0], closing_at[1], heading))
        heading = ""
    if heading:
        lines.append(Line(heading, "heading", -1, 0))
    return EasyRead(title, details, tuple(lines), tuple(warnings))


def _shown_lines(text: str) -> list[str]:
    from eenvoudig.render.pictograms import strip_overrides

    return [x for x in strip_overrides(text).split("\n") if x.strip()]


def _items(er: EasyRead):
    from eenvoudig.render.inline import keep_together
    from eenvoudig.render.sheet import Item

    def together(table):
        return replace(table, rows=tuple(tuple(keep_together(c) for c in row) for row in table.rows)) if table else None

    return [Item(keep_together(line.text) if line.scope not in ("heading", "table") else "", line.picture,
                 line.heading if line.scope != "heading" else line.text, line.scope == "list_item",
                 counts=line.scope not in ("salutation", "closing"), table=together(line.table))
            for line in er.lines]


def _need_lines(er: EasyRead) -> None:
    if not er.lines:
        raise InputError("de brief heeft geen zinnen om te tonen (alleen adres- en kenmerkregels).")


# ------------------------------------------------------------------------------------------ the sheet


def write_sheet(er: EasyRead, out_dir: Path, *, dpi: int = SHEET_DPI, pictos: PictogramSet | None = None,
                layout: Layout | None = None) -> list[Path]:
    """Write the easy-read sheet as one PNG per A4 page, drawn and written one page at a time (memory stays
    flat for long letters); remove pages left over from a longer letter."""
    from eenvoudig.render.outdir import OutDir
    from eenvoudig.render.sheet import draw_page, paginate, png_bytes

    _need_lines(er)
    pages = paginate(er.title, _items(er), layout, er.details)
    out = OutDir(out_dir)
    names = [f"{SHEET_STEM}-{page.number:02d}.png" for page in pages]
    out.claim(names)
    paths = []
    for page, name in zip(pages, names):
        img = draw_page(page, len(pages), dpi, attribution=er.attribution, pictos=pictos, layout=layout)
        paths.append(out.write(name, png_bytes(img, dpi)))
    out.remove_ours(n for n in list(out.ours) if re.fullmatch(rf"{SHEET_STEM}-\d+\.png", n) and n not in names)
    return paths


def write_pdf(er: EasyRead, out_dir: Path, *, dpi: int = PDF_DPI, pictos: PictogramSet | None = None,
              layout: Layout | None = None) -> Path:
    """Write the easy-read sheet as one tagged PDF with real text (pictograms at `dpi`)."""
    from eenvoudig.render.outdir import OutDir
    from eenvoudig.render.pdf import pdf_document
    from eenvoudig.render.sheet import paginate

    _need_lines(er)
    out = OutDir(out_dir)
    name = f"{SHEET_STEM}.pdf"
    out.claim([name])
    pages = paginate(er.title, _items(er), layout, er.details)
    return out.write(name, pdf_document(pages, er.title, attribution=er.attribution, layout=layout, pictos=pictos,
                                        dpi=dpi))


def render_sheet(analysis: Analysis, out_dir: Path, *, overrides: Mapping[int | str, str] | None = None,
                 dpi: int = SHEET_DPI, pictos: PictogramSet | None = None, layout: Layout | None = None) -> list[Path]:
    """Write the easy-read pictogram sheet (A4, one PNG per page); return the page files."""
    return write_sheet(easy_read(analysis, pictos=pictos, overrides=overrides), out_dir, dpi=dpi, pictos=pictos,
                       layout=layout)


def render_pdf(analysis: Analysis, out_dir: Path, *, overrides: Mapping[int | str, str] | None = None,
               dpi: int = PDF_DPI, pictos: PictogramSet | None = None, layout: Layout | None = None) -> Path:
    """Write the easy-read pictogram sheet as one multi-page PDF; return its path."""
    return write_pdf(easy_read(analysis, pictos=pictos, overrides=overrides), out_dir, dpi=dpi, pictos=pictos,
                     layout=layout)


# ------------------------------------------------------------------------------------------- the page


def audio_files(out_dir: Path, analysis: Analysis) -> dict[tuple[int, int], str]:
    """Return {(block, start): sentence MP3} from an `audio.json` in out_dir, for sentences that still match."""
    manifest = Path(out_dir) / "audio.json"
    try:
        data = json.loads(manifest.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    texts = {(s.block, s.start): s.text for s in analysis.sentences}
    out: dict[tuple[int, int], str] = {}
    for entry in data.get("sentences", []) if isinstance(data, dict) else []:
        try:
            key = (int(entry["block"]), int(entry["start"]))
            if entry.get("file") and texts.get(key) == entry.get("text") and (Path(out_dir) / entry["file"]).is_file():
                out[key] = str(entry["file"])
        except (KeyError, TypeError, ValueError):
            continue
    return out


def _data_uri(pic: Pictogram, pictos: PictogramSet | None, cache: dict[str, str]) -> str:
    """Return the picture as a data: URI (the SVG itself, or a PNG for generated pictures)."""
    from eenvoudig.render.draw import picture, svg_source
    from eenvoudig.render.pictograms import load_pictograms

    key = pic.image + "|" + (pic.fact.label if pic.fact else "")
    if key not in cache:
        if pic.generated:
            buf = io.BytesIO()
            picture(pic, 192, pictos).save(buf, "PNG")
            data, mime = buf.getvalue(), "image/png"
        else:
            data, mime = svg_source(pic.image, pictos or load_pictograms())[0], "image/svg+xml"
        cache[key] = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    return cache[key]


def _alt(text: str) -> str:
    """Return alt text that ends a phrase, so that without images it does not run into the sentence."""
    return text if text[-1:] in ".!?" else f"{text}."


def _font_uri(bold: bool) -> str:
    from eenvoudig.render.draw import font_path

    return "data:font/ttf;base64," + base64.b64encode(font_path(bold).read_bytes()).decode("ascii")


def html_page(er: EasyRead, *, audio: Mapping[tuple[int, int], str] | None = None,
              pictos: PictogramSet | None = None) -> str:
    """Return the easy-read letter as one self-contained HTML page (lang="nl")."""
    import jinja2

    from eenvoudig.render.inline import link_parts

    _need_lines(er)
    audio = audio or {}
    cache: dict[str, str] = {}
    sections: list[dict] = []
    for line in er.lines:
        if line.heading or line.scope == "heading" or not sections:
            sections.append({"heading": line.heading if line.scope != "heading" else line.text, "groups": []})
        if line.scope == "heading":
            continue
        groups = sections[-1]["groups"]
        if line.table is not None:
            t = line.table
            groups.append({"kind": "table", "block": line.block, "lines": [], "head": [
                [link_parts(c) for c in row] for row in t.rows[:t.header]],
                "body": [[link_parts(c) for c in row] for row in t.rows[t.header:]]})
            continue
        kind = "ul" if line.scope == "list_item" else "p"
        if not groups or groups[-1]["kind"] != kind or (kind == "p" and groups[-1]["block"] != line.block):
            groups.append({"kind": kind, "block": line.block, "lines": []})
        pic = line.picture
        groups[-1]["lines"].append({
            "text": [link_parts(part) for part in line.text.split("\n")], "scope": line.scope,
            "src": _data_uri(pic, pictos, cache) if pic else None, "alt": _alt(pic.alt) if pic else "",
            "audio": audio.get((line.block, line.start))})
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(resources.files("eenvoudig") / "templates" / "uitvoer")),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    from eenvoudig.render.pictograms import ATTRIBUTION

    return env.get_template("brief.html.j2").render(
        title=er.title, details=er.details, sections=sections, attribution=er.attribution,
        attribution_text=ATTRIBUTION, font_regular=_font_uri(False), font_bold=_font_uri(True))


def write_html(er: EasyRead, out_dir: Path, *, audio: Mapping[tuple[int, int], str] | None = None,
               pictos: PictogramSet | None = None) -> Path:
    """Write the HTML page into out_dir; return its path."""
    from eenvoudig.render.outdir import OutDir

    out = OutDir(out_dir)
    out.claim([HTML_NAME])
    return out.write(HTML_NAME, html_page(er, audio=audio, pictos=pictos))


def render_html(analysis: Analysis, out_dir: Path, audio: Mapping[tuple[int, int], str] | None = None, *,
                overrides: Mapping[int | str, str] | None = None, pictos: PictogramSet | None = None) -> Path:
    """Write the accessible HTML page; `audio` maps (block, start) of a sentence to its audio file."""
    return write_html(easy_read(analysis, pictos=pictos, overrides=overrides), out_dir, audio=audio, pictos=pictos)


# --------------------------------------------------------------------------------------------- render


def render_file(file: str | Path, fmt: str, *, out_dir: Path | None = None, config: Config | None = None,
                online: bool = False, redact: bool = False, slow: bool = False, simplify: bool = True,
                encoding: str | None = None, wav: bool = False) -> Iterator[str]:
    """Render one letter in one format; yield the lines to show (the text itself, or the files written)."""
    config = config or Config()
    analysis = prepare(file, config, simplify=simplify, encoding=encoding)
    out = out_dir or DEFAULT_OUT
    if fmt in ("audio", "html", "sheet", "pdf", "speech"):   # speech: the voice says "Geachte naam", "if toegekend"
        yield from (n for n in (template_notice(analysis), placeholder_notice(analysis)) if n)
    if fmt == "text":
        text = plain_text(analysis)
        if out_dir is None:
            yield text.rstrip("\n")
            return
        from eenvoudig.render.outdir import OutDir

        folder = OutDir(out)
        folder.claim([TEXT_NAME])
        yield f"Geschreven: {folder.write(TEXT_NAME, text)}"
    elif fmt == "speech":
        from eenvoudig.speech import speech_text

        yield speech_text(analysis, redact=redact)
    elif fmt == "audio":
        from eenvoudig.speech import write_audio

        yield from write_audio(analysis, out, online=online, redact=redact, slow=slow, config=config, wav=wav)
    elif fmt in ("html", "sheet", "pdf"):
        er = easy_read(analysis)
        for warning in er.warnings:
            yield Notice(f"eenvoudig: let op: {warning}")
        if fmt in ("sheet", "pdf") and (notice := too_hard_notice(analysis, config)):
            yield notice
        if fmt == "html":
            audio = audio_files(out, analysis)
            path = write_html(er, out, audio=audio)
            yield f"Geschreven: {path}   de brief als webpagina" + (
                f" (met {len(audio)} audiospelers)" if audio else "")
        elif fmt == "sheet":
            paths = write_sheet(er, out)
            yield f"Geschreven: {_pages_text(paths)}   het pictogrammenblad ({len(paths)} {'bladzijde' if len(paths) == 1 else 'bladzijden'}, png)"
        else:
            yield f"Geschreven: {write_pdf(er, out)}   het pictogrammenblad als pdf, om te printen"
    else:  # pragma: no cover - click limits the choices
        raise ValueError(fmt)


# "[naam]", "[datum besluit]" or "{{ afzender }}": a field the writer still has to fill in. Not "[1]" (a
# note), "[picto:…]" (our own marker) or "[tekst](adres)" (a Markdown link).
PLACEHOLDER = re.compile(r"\[(?!\s*picto\s*:)[^\[\]\n]*[^\W\d_][^\[\]\n]*\](?!\()|\{\{.*?\}\}", re.I)


def placeholder_notice(analysis: Analysis) -> Notice | None:
    """Return a warning when the letter still has fields to fill in: the sheet, page and audio show them as they are."""
    found: list[str] = []
    for block in analysis.document.blocks:
        for m in PLACEHOLDER.finditer(block.text):
            if (value := " ".join(m.group().split())) not in found:
                found.append(value)
    if not found:
        return None
    shown = ", ".join(found[:5]) + (", …" if len(found) > 5 else "")
    if len(found) == 1:
        return Notice(f"eenvoudig: let op: de brief heeft nog een leeg invulveld: {shown}. Vul het eerst in; "
                      "anders leest of hoort de lezer het zo.")
    return Notice(f"eenvoudig: let op: de brief heeft nog {len(found)} lege invulvelden: {shown}. Vul ze eerst in; "
                  "anders leest of hoort de lezer ze zo.")


TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.S)


def template_notice(analysis: Analysis) -> Notice | None:
    """Return a warning when the letter is a template with Jinja2 code: the voice would say "if … endif"."""
    if not any(TEMPLATE_TAG.search(block.text) for block in analysis.document.blocks):
        return None
    return Notice("eenvoudig: let op: dit is een sjabloon met code ({% … %} of {# … #}); de lezer ziet en hoort die "
                  "code. Maak eerst een brief met het sjabloon. Een sjabloon controleert u met eenvoudig lint.")


def too_hard_notice(analysis: Analysis, config: Config) -> Notice | None:
    """Return a warning when the letter is still harder than the target: a pictogram sheet of long sentences
    does not help a reader (new-user report, problem 8)."""
    from eenvoudig.checks import check

    score = check(analysis, config).score
    if score.passed:
        return None
    word = score.label.split(" (")[0]
    return Notice(f"eenvoudig: let op: deze brief is nog {word} ({score.difficulty:.0f}/100); een pictogrammenblad "
                  "helpt pas als de zinnen kort zijn. Maak de zinnen eerst korter (zie eenvoudig check).")


def _pages_text(paths: Sequence[Path]) -> str:
    return str(paths[0]) if len(paths) == 1 else f"{paths[0]} … {paths[-1].name}"
