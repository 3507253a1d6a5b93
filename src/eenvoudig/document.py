"""Read letters (.txt, .md, .html, .docx, stdin) into one `Document` of blocks with offsets.

Every block keeps a map back into the source, so a finding can name the line and column in the
user's own file (for .docx: the paragraph number and the position in that paragraph).
"""

from __future__ import annotations

import bisect
import html
import re
import sys
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from eenvoudig.errors import InputError

Scope = Literal["heading", "paragraph", "list_item", "salutation", "closing", "meta"]
Kind = Literal["txt", "md", "html", "docx"]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

SUFFIX_KIND: dict[str, Kind] = {
    ".txt": "txt", ".text": "txt", ".j2": "txt", ".jinja": "txt", ".jinja2": "txt", ".tpl": "txt",
    ".md": "md", ".markdown": "md",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx",
}
UNSUPPORTED = {
    ".doc": "dit is de oude Word-indeling (.doc). Sla het bestand op als .docx en probeer het opnieuw",
    ".pdf": "PDF kan eenvoudig niet lezen. Gebruik het Word-bestand (.docx) of de tekst (.txt)",
    ".odt": "OpenDocument (.odt) kan eenvoudig niet lezen. Sla het bestand op als .docx",
    ".rtf": "RTF kan eenvoudig niet lezen. Sla het bestand op als .docx of .txt",
}


@dataclass(frozen=True, slots=True)
class Cell:
    """Where a table cell sits: table, row and column (1-based), and whether the source marks it a header."""

    table: int
    row: int
    col: int
    header: bool = False


@dataclass(frozen=True, slots=True)
class Block:
    """A heading, paragraph, list item, salutation, closing or meta block (address, date, kenmerk)."""

    text: str
    scope: Scope
    # (text_offset, source_offset) pairs, sorted: text[i] comes from source[src + (i - off)] for the
    # last pair with off <= i. Stripped markup simply starts a new pair.
    segments: tuple[tuple[int, int], ...]
    paragraph: int | None = None  # 1-based paragraph number in a .docx (table cells counted, for edits)
    place: str | None = None      # how a Word user finds it: "alinea 3" or "tabel 1, rij 2, kolom 1"
    cell: Cell | None = None      # set for a table cell (each cell is its own block)

    def source_offset(self, i: int) -> int:
        """Return the source offset of character `i` of this block's text."""
        offsets = [s[0] for s in self.segments]
        k = max(0, bisect.bisect_right(offsets, i) - 1)
        off, src = self.segments[k]
        return src + (i - off)


@dataclass(frozen=True)
class Document:
    """A letter: its source text (what offsets point into) and its blocks in reading order."""

    path: str
    kind: Kind
    source: str
    blocks: tuple[Block, ...]
    subject: str | None = None
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of a source offset; for .docx line = paragraph."""
        starts = self._line_starts or _line_starts(self.source)
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    @property
    def text(self) -> str:
        """Return the readable text: the blocks joined by blank lines."""
        return "\n\n".join(b.text for b in self.blocks)


def _line_starts(source: str) -> tuple[int, ...]:
    return (0, *(m.end() for m in re.finditer("\n", source)))


def _document(path: str, kind: Kind, source: str, blocks: list[Block], subject: str | None) -> Document:
    return Document(path, kind, source, tuple(blocks), subject, _line_starts(source))


# --------------------------------------------------------------------------------------------- bytes


def decode(data: bytes, name: str, encoding: str | None = None, *, advice: str | None = None) -> str:
    """Decode file bytes to text, or raise an InputError that says what is wrong in Dutch.

    `advice` replaces what a user of the command line is told to do with text that is not UTF-8
    ("… of gebruik --encoding latin-1"), for places without that option (the web page).
    """
    if not encoding and data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encoding = "utf-16"  # Windows 'Unicode' text (Notepad, PowerShell): a byte order mark, then UTF-16
    utf8 = False   # text that is valid UTF-8 is text, in any script (Greek, Arabic, full-width)
    if encoding:
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            what = "deze codering bestaat niet" if isinstance(exc, LookupError) else "de tekens passen daar niet bij"
            raise InputError(f"{name}: kan het bestand niet lezen als {encoding}: {what}.") from None
    else:
        if not data.strip():
            raise InputError(f"{name}: het bestand is leeg.")
        if b"\x00" in data[:8192] or data[:4] in (b"PK\x03\x04", b"%PDF") or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise InputError(f"{name}: dit is geen tekstbestand maar een binair bestand (bijvoorbeeld een afbeelding, pdf of zip).")
        try:
            text = data.decode("utf-8-sig")
            utf8 = True
        except UnicodeDecodeError:
            if _looks_binary(data.decode("latin-1")):
                raise InputError(f"{name}: dit is geen tekstbestand maar een binair bestand.") from None
            guess = "Windows-1252 (cp1252)" if re.search(rb"[\x80-\x9f]", data) else "Latin-1 (ISO-8859-1)"
            advice = advice or ("Sla het bestand op als UTF-8, of gebruik --encoding "
                                f"{'cp1252' if 'cp1252' in guess else 'latin-1'}.")
            raise InputError(
                f"{name}: de tekst is niet opgeslagen als UTF-8, maar waarschijnlijk als {guess}. {advice}") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: het bestand is leeg.")
    if _looks_binary(text, any_script=utf8):
        raise InputError(f"{name}: dit is geen tekstbestand maar een binair bestand (of een andere tekencodering).")
    return text


# Control characters. The private-use area is not among them: Word's bullets (U+F0A7, U+F0B7) live there.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def _looks_binary(text: str, any_script: bool = False) -> bool:
    """Return whether decoded text is really binary: control characters, or letters mostly not Latin.

    Letters are written in Latin script (with accents); a file whose 'letters' are mostly Chinese
    characters was decoded with the wrong encoding (UTF-16 junk) or is not a letter at all. Text that
    was valid UTF-8 (`any_script`) may be in any script.
    """
    sample = text[:20000]
    if not sample:
        return False
    if len(_CONTROL.findall(sample)) > 0.02 * len(sample):
        return True
    if any_script:
        return False
    letters = [c for c in sample if c.isalpha()]
    foreign = sum(1 for c in letters if ord(c) > 0x24F)
    return len(letters) >= 4 and foreign > 0.5 * len(letters)


def read(source: str | Path, *, kind: Kind | None = None, encoding: str | None = None,
         max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a letter from a path (or "-" for standard input) into a Document."""
    name = str(source)
    if name == "-":
        return read_text(decode(read_bytes(name, max_bytes=max_bytes), "invoer", encoding), kind=kind or "txt", path="-")
    suffix = Path(source).suffix.lower()
    if suffix in UNSUPPORTED and kind is None:
        raise InputError(f"{name}: {UNSUPPORTED[suffix]}.")
    data = read_bytes(source, max_bytes=max_bytes)
    kind = kind or SUFFIX_KIND.get(suffix, "txt")
    if kind == "docx":
        return _read_docx(data, name, UNPACK_FACTOR * max_bytes)
    doc = read_text(decode(data, name, encoding), kind=kind, path=name)
    if not any(b.text.strip() for b in doc.blocks):
        raise InputError(f"{name}: er staat geen tekst in dit bestand.")
    return doc


def read_bytes(source: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Return the bytes of a letter file ("-": standard input); only a regular file, at most `max_bytes`."""
    from eenvoudig.files import NotAFile, TooBig, os_reason, read_regular

    name = str(source)
    if name == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        _check_size(data, name, max_bytes)
        return data
    try:
        return read_regular(source, max_bytes)
    except NotAFile as exc:
        if exc.kind == "een map":
            raise InputError(f"{name}: dit is een map, geen bestand.") from None
        raise InputError(f"{name}: dit is geen gewoon bestand maar {exc.kind}; eenvoudig leest alleen bestanden.") from None
    except TooBig as exc:
        raise InputError(
            f"{name}: het bestand is te groot ({'meer dan ' if exc.size == max_bytes + 1 else ''}{_size(exc.size)}; "
            f"de grens is {_size(max_bytes)}). Stel een andere grens in met max-file-mb in de configuratie "
            "(eenvoudig.toml).") from None
    except FileNotFoundError:
        raise InputError(f"{name}: dit bestand bestaat niet.") from None
    except PermissionError:
        raise InputError(f"{name}: u mag dit bestand niet lezen (geen toegang).") from None
    except OSError as exc:
        raise InputError(f"{name}: het bestand kan niet gelezen worden ({os_reason(exc)}).") from None


def _check_size(data: bytes, name: str, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise InputError(f"{name}: de invoer is groter dan {_size(max_bytes)}.")


def _size(n: int) -> str:
    """Return a file size for people, written the Dutch way (1,5 MB; 12 kB)."""
    if n >= 1048576:
        return f"{n / 1048576:.1f}".replace(".", ",").removesuffix(",0") + " MB"
    return f"{max(1, round(n / 1024))} kB"


_SURROGATE = re.compile("[\ud800-\udfff]")


def read_text(text: str, *, kind: Kind = "txt", path: str = "<tekst>") -> Document:
    """Read a letter that is already a string (plain text, Markdown or HTML).

    Raises ValueError for any other `kind` (a .docx is read from its bytes with `read`), and TypeError when
    `text` is not a string.
    """
    if not isinstance(text, str):
        hint = " Maak er eerst tekst van: data.decode('utf-8'), of lees het bestand met eenvoudig.read(pad)." \
            if isinstance(text, (bytes, bytearray)) else ""
        raise TypeError(f"read_text() verwacht de brief als str, geen {type(text).__name__}.{hint}")
    if kind not in ("txt", "md", "html"):
        raise ValueError(f"kind moet 'txt', 'md' of 'html' zijn, niet {kind!r}.")
    if _SURROGATE.search(text):
        raise InputError(f"{path}: de tekst bevat ongeldige tekens (losse UTF-16-surrogaten); die kunnen in geen "
                         "enkel bestand staan. Haal ze weg en probeer het opnieuw.")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if kind == "html":
        return _read_html(text, path)
    return _read_plain(text, path, markdown=(kind == "md"))


# ------------------------------------------------------------------------------------ classification

SALUTATION = re.compile(r"^\s*(geachte|beste|lieve|hallo|dag|goedendag|goedemorgen|goedemiddag|l\.s\.)\b", re.I)
CLOSING = re.compile(
    r"^\s*(met\s+(vriendelijke|hartelijke|beleefde)\s+groet(en)?|vriendelijke\s+groet(en)?|hoogachtend|"
    r"groeten|namens\s+(het\s+college|burgemeester))", re.I)
FIELD = re.compile(
    r"^\s*(datum|ons\s+kenmerk|uw\s+kenmerk|kenmerk|onderwerp|betreft|bijlage\(?n?\)?|behandeld\s+door|"
    r"telefoon|telefoonnummer|e-?mail|verzonden|zaaknummer|dossiernummer|inlichtingen|klantnummer)\s*:", re.I)
# A date line above the letter: "Rivierstad, 18 november 2026", "18-11-2026", "Den Haag, 3 maart 2027".
DATE_LINE = re.compile(
    r"^\s*(?:[A-Z][\w'.-]*(?:[ -][\w'.-]+){0,3},?\s+)?(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|"
    r"zondag)\s+)?\d{1,2}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    r"december)\s+\d{4}\s*$|^\s*(?:[A-Z][\w'.-]*(?:[ -][\w'.-]+){0,3},?\s+)?\d{1,2}-\d{1,2}-\d{4}\s*$", re.I)
# A short "label: value" line such as "Uw melding van: 3 november 2026" or "Ons nummer: 2026-0412".
LABEL_LINE = re.compile(r"^\s*[A-Z][\w'-]*(?:\s+[\w'-]+){0,4}\s*:\s*\S")
SUBJECT = re.compile(r"^\s*(onderwerp|betreft)\s*:\s*(.+?)\s*$", re.I | re.M)
BULLET = re.compile(r"^([ \t]*)(?:[-*•–·▪]|\d{1,2}[.)]|[a-z][.)])[ \t]+")
SENTENCE_END = re.compile(r"[.!?:;…]['\"”’)]*\s*$")


def shown_meta_lines(text: str) -> list[str]:
    """Return the lines of a meta block that every output keeps: date and reference lines, not addresses.

    Kept: header fields ("Datum: …", "Ons kenmerk: …"; not the subject, which is the title), a date line
    ("Rivierstad, 18 november 2026") and short "label: value" lines ("Uw melding van: 3 november 2026").
    Address lines (name, street, postcode) are left out: they are personal data and nobody reads them aloud.
    """
    out = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if not line or re.match(r"(onderwerp|betreft)\s*:", line, re.I):
            continue
        if FIELD.match(line) or DATE_LINE.match(line) or (LABEL_LINE.match(line) and len(line.split()) <= 10):
            out.append(line)
    return out


def _looks_like_heading(text: str) -> bool:
    """A one-line block without final punctuation (or a short question) is a heading."""
    text = re.sub(r"\s*\[picto:[^\]]*\]\s*", " ", text).strip()  # a pictogram marker is no punctuation
    if "\n" in text.strip():
        return False
    words = text.split()
    if not words or len(words) > 12:
        return False
    stripped = text.strip()
    if stripped.endswith("?"):
        return len(words) <= 8
    return not SENTENCE_END.search(stripped) and not stripped.endswith(",")


def _is_field_line(line: str) -> bool:
    """'Datum: 12 maart 2027' is a header field; 'Datum: 1 mei. Wij verzoeken u …' is a sentence to check."""
    return bool(FIELD.match(line)) and len(line.split()) <= 10 and not re.search(r"[.!?]\s+\S", line)


def _classify(blocks: list[Block]) -> list[Block]:
    """Give salutation, closing, meta and heading scopes to blocks that were read as paragraphs."""
    out: list[Block] = []
    salutations = [i for i, b in enumerate(blocks) if b.scope == "paragraph" and SALUTATION.match(b.text)
                   and len(b.text.split()) <= 8]
    sal_index = salutations[0] if salutations else None
    salutations = set(salutations)
    closing = False
    for i, b in enumerate(blocks):
        scope = b.scope
        if i in salutations:
            scope = "salutation"  # a new letter starts (several letters in one file)
            closing = False
        elif closing:
            scope = "closing"
        elif b.scope == "paragraph":
            if CLOSING.match(b.text):
                scope = "closing"
                closing = True
            elif all(_is_field_line(line) for line in b.text.splitlines() if line.strip()):
                scope = "meta"
            elif sal_index is not None and i < sal_index and not re.search(r"[.!?]\s*$", b.text.strip()):
                scope = "meta"  # address blocks above the salutation
            elif _looks_like_heading(b.text):
                scope = "heading"
        out.append(Block(b.text, scope, b.segments, b.paragraph, b.place, b.cell))
    return out


# ------------------------------------------------------------------------------------ plain + markdown

# Every repetition is bounded (a link text of 1,000 characters, strong text of 500 …): unbounded ones made
# '[' × 50,000 or '**a ' × 50,000 take minutes (each opener searched to the end of the text).
MD_INLINE = re.compile(
    r"!\[[^\]]{0,1000}\]\([^)]{0,2000}\)"        # image: dropped
    r"|\[([^\]]{1,1000})\]\([^)]{0,2000}\)"     # link: keep the text (group 1)
    r"|(\*\*|__)(?=\S)(.{1,500}?)(?<=\S)\2"      # strong: keep group 3
    r"|(?<![\w*])\*(?=\S)([^*\n]{1,500}?)(?<=\S)\*(?!\*)"  # emphasis *x*: keep group 4
    r"|`([^`\n]{1,1000})`"                      # code: keep group 5
)


def _strip_inline(text: str, base: int) -> tuple[str, list[tuple[int, int]]]:
    """Remove Markdown inline markup; return the text and its (text_offset, source_offset) segments."""
    parts: list[str] = []
    segs: list[tuple[int, int]] = []
    pos = 0
    n = 0

    def keep(a: int, b: int) -> None:
        nonlocal n
        if b > a:
            segs.append((n, base + a))
            parts.append(text[a:b])
            n += b - a

    for m in MD_INLINE.finditer(text):
        keep(pos, m.start())
        for g in (1, 3, 4, 5):
            if m.group(g) is not None:
                keep(m.start(g), m.end(g))
                break
        pos = m.end()
    keep(pos, len(text))
    return "".join(parts), segs or [(0, base)]


def _standalone_lines(para: str, start: int, every_line: bool) -> list[tuple[int, str]]:
    """Split a paragraph where a line stands alone: a heading or salutation right above the text, or (in a
    text without blank lines, one paragraph per line) every line that does not continue the one before."""
    lines = para.split("\n")
    widest = max(len(line) for line in lines)
    cuts = []
    for i, (line, nxt) in enumerate(zip(lines, lines[1:]), start=1):
        head, first = line.strip(), nxt.lstrip()[:1]
        if every_line:
            cut = not first.islower()
        elif i == 1:
            next_word = (nxt.split() or [""])[0]
            wrapped = len(lines) >= 3 and len(line) + 1 + len(next_word) > widest  # a hard-wrapped line
            cut = ((SALUTATION.match(head) is not None and head.endswith(",") and len(head.split()) <= 8)
                   or (not wrapped and len(head.split()) <= 8 and _looks_like_heading(head)
                       and not head.endswith("?") and (first.isupper() or first.isdigit() or first in {"#", "-", "*", "•"})))
        else:
            cut = False
        if cut:
            cuts.append(i)
    out, offset, begin = [], start, 0
    for end in [*cuts, len(lines)]:
        chunk = "\n".join(lines[begin:end])
        out.append((offset, chunk))
        offset += len(chunk) + 1
        begin = end
    return out


def _read_plain(text: str, path: str, *, markdown: bool) -> Document:
    blocks: list[Block] = []
    tables = 0
    every_line = "\n" in text.strip() and not re.search(r"\n[ \t]*\n", text.strip())
    # Markdown code blocks are not prose: never checked, never rewritten
    fences = [(f.start(), f.end()) for f in re.finditer(r"^ {0,3}(```|~~~).*?(?:^ {0,3}\1[^\n]*$|\Z)", text, re.M | re.S)] \
        if markdown else []
    paragraphs = re.finditer(r"(?m)^(?:[^\n]*\S[^\n]*(?:\n|$))+", text)   # ^: one try per line, not per character
    for start, para in (c for m in paragraphs for c in _standalone_lines(m.group().rstrip("\n"), m.start(), every_line)):
        if any(a < start + len(para) and start < b for a, b in fences):
            continue
        lines = para.split("\n")
        offsets = []
        o = start
        for line in lines:
            offsets.append(o)
            o += len(line) + 1
        if markdown and (h := re.match(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", lines[0])) and len(lines) == 1:
            t, segs = _strip_inline(h.group(1), start + h.start(1))
            blocks.append(Block(t, "heading", tuple(segs)))
            continue
        if markdown and all(line.lstrip().startswith("|") for line in lines):
            # a Markdown table: every cell is its own piece of text; the |---| line is layout and marks the
            # rows above it as the header
            tables += 1
            rule = next((k for k, line in enumerate(lines) if re.fullmatch(r"\s*\|?[\s:|-]*\|?\s*", line)), None)
            row = 0
            for k, (line, off) in enumerate(zip(lines, offsets)):
                if k == rule:
                    continue
                row += 1
                pipes = [m.start() for m in re.finditer(r"(?<!\\)\|", line)]
                for col, (a, b) in enumerate(zip(pipes, [*pipes[1:], len(line)]), start=1):
                    cell = line[a + 1:b]
                    if cell.strip():
                        lead = len(cell) - len(cell.lstrip())
                        t, segs = _strip_inline(cell.strip(), off + a + 1 + lead)
                        header = rule is not None and k < rule
                        blocks.append(Block(t, "paragraph", tuple(segs), cell=Cell(tables, row, col, header)))
            continue
        if any(BULLET.match(line) for line in lines):
            blocks.extend(_list_blocks(lines, offsets, markdown))
            continue
        if markdown:
            t, segs = _strip_inline(para, start)
        else:
            t, segs = para, [(0, start)]
        blocks.append(Block(t, "paragraph", tuple(segs)))
    classified = _classify(blocks)
    return _document(path, "md" if markdown else "txt", text, classified, _subject(classified))


def _list_blocks(lines: list[str], offsets: list[int], markdown: bool) -> list[Block]:
    """Split a paragraph with bullets into an intro paragraph and one block per item."""
    groups: list[tuple[str, list[int]]] = []  # scope, line indexes
    for i, line in enumerate(lines):
        if BULLET.match(line):
            groups.append(("list_item", [i]))
        elif groups and groups[-1][0] == "list_item" and line[:1] in " \t":
            groups[-1][1].append(i)  # indented continuation
        elif groups and groups[-1][0] == "paragraph":
            groups[-1][1].append(i)
        else:
            groups.append(("paragraph", [i]))
    out: list[Block] = []
    for scope, idx in groups:
        first = idx[0]
        skip = BULLET.match(lines[first]).end() if scope == "list_item" else 0
        start = offsets[first] + skip
        chunk = "\n".join(lines[i] for i in idx)[skip:]
        if markdown:
            t, segs = _strip_inline(chunk, start)
        else:
            t, segs = chunk, [(0, start)]
        if t.strip():
            out.append(Block(t, scope, tuple(segs)))  # type: ignore[arg-type]
    return out


def _subject(blocks: list[Block]) -> str | None:
    for b in blocks:
        if b.scope == "meta" and (m := SUBJECT.search(b.text)):
            return m.group(2)
    for b in blocks:
        if b.scope == "heading":
            return " ".join(b.text.split())
    return None


# ------------------------------------------------------------------------------------------- html

HTML_BLOCKS = {"p": "paragraph", "div": "paragraph", "li": "list_item", "td": "paragraph", "th": "paragraph",
               "dd": "paragraph", "dt": "paragraph", "blockquote": "paragraph", "address": "meta",
               "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
               "h6": "heading", "caption": "heading", "figcaption": "paragraph", "section": "paragraph",
               "article": "paragraph", "body": "paragraph", "main": "paragraph", "ul": "paragraph",
               "ol": "paragraph", "table": "paragraph", "tr": "paragraph", "header": "paragraph",
               "footer": "paragraph", "nav": "paragraph", "pre": "paragraph", "br": None}
HTML_SKIP = {"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object"}


class _HtmlBlocks(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.starts = _line_starts(source)
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.segs: list[tuple[int, int]] = []
        self.n = 0
        self.scope_stack: list[str] = ["paragraph"]
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False
        self.tables = 0
        self.table_stack: list[list[int]] = []    # per open <table>: number, row, column, in <thead>
        self.cell: Cell | None = None

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def _flush(self) -> None:
        text = "".join(self.parts)
        if text.strip():
            lead = len(text) - len(text.lstrip())
            segs = []
            for k, (o, s) in enumerate(self.segs):
                nxt = self.segs[k + 1][0] if k + 1 < len(self.segs) else len(text)
                if nxt <= lead:
                    continue
                segs.append((0, s + lead - o) if o < lead else (o - lead, s))
            self.blocks.append(Block(text[lead:].rstrip(), self.scope_stack[-1], tuple(segs),  # type: ignore[arg-type]
                                     cell=self.cell))
        self.parts, self.segs, self.n = [], [], 0

    def _add(self, text: str, src: int) -> None:
        if self.skip or not text:
            return
        if self.in_title:
            self.title.append(text)
            return
        self.segs.append((self.n, src))
        self.parts.append(text)
        self.n += len(text)

    def handle_starttag(self, tag: str, attrs: list) -> None:  # noqa: ARG002
        if tag in HTML_SKIP:
            self.skip += 1
            if tag == "head":
                self.skip -= 1  # <title> lives in <head>; other head tags carry no text
            return
        if tag == "title":
            self.in_title = True
            return
        if tag == "br":  # <br> is a line break inside the block, like <br/>
            self._add("\n", self._offset())
            return
        if tag in HTML_BLOCKS:
            self._flush()
            if HTML_BLOCKS[tag]:
                self.scope_stack.append(HTML_BLOCKS[tag])  # type: ignore[arg-type]
        self._table_start(tag, attrs)

    def _table_start(self, tag: str, attrs: list) -> None:
        """Keep count of tables, rows and columns, so each cell's block knows its place."""
        if tag == "table":
            self.tables += 1
            self.table_stack.append([self.tables, 0, 0, 0])
        elif not self.table_stack:
            return
        elif tag == "thead":
            self.table_stack[-1][3] = 1
        elif tag in ("tbody", "tfoot"):
            self.table_stack[-1][3] = 0
        elif tag == "tr":
            self.table_stack[-1][1] += 1
            self.table_stack[-1][2] = 0
        elif tag in ("td", "th"):
            t = self.table_stack[-1]
            t[1] = max(t[1], 1)
            t[2] += 1
            self.cell = Cell(t[0], t[1], t[2], tag == "th" or bool(t[3]))
            span = dict(attrs).get("colspan") or "1"
            t[2] += int(span) - 1 if span.isdigit() and 1 < int(span) < 100 else 0

    def handle_startendtag(self, tag: str, attrs: list) -> None:  # noqa: ARG002
        if tag == "br":
            self._add("\n", self._offset())

    def handle_endtag(self, tag: str) -> None:
        if tag in HTML_SKIP:
            if tag != "head":
                self.skip = max(0, self.skip - 1)
            return
        if tag == "title":
            self.in_title = False
            return
        if tag in HTML_BLOCKS and HTML_BLOCKS[tag]:
            self._flush()
            if len(self.scope_stack) > 1:
                self.scope_stack.pop()
        if tag == "thead" and self.table_stack:
            self.table_stack[-1][3] = 0
        if tag in ("td", "th", "table"):
            self.cell = None
            if tag == "table" and self.table_stack:
                self.table_stack.pop()

    def handle_data(self, data: str) -> None:
        self._add(data, self._offset())

    def handle_entityref(self, name: str) -> None:
        self._add(html.unescape(f"&{name};"), self._offset())

    def handle_charref(self, name: str) -> None:
        self._add(html.unescape(f"&#{name};"), self._offset())


def _read_html(text: str, path: str) -> Document:
    parser = _HtmlBlocks(text)
    try:
        parser.feed(text)
        parser.close()
    except Exception as exc:  # html.parser is lenient; this is a last resort
        raise InputError(f"{path}: de HTML kan niet gelezen worden ({exc}).") from None
    parser._flush()
    blocks = _classify(parser.blocks)
    title = " ".join("".join(parser.title).split()) or None
    return _document(path, "html", text, blocks, title or _subject(blocks))


# ------------------------------------------------------------------------------------------- docx


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W_NS + "}"
# Elements inside a paragraph that hold runs the reader sees. A simple field (w:fldSimple) shows its result;
# an earlier tracked insertion (w:ins, w:moveTo) is text as it stands. Deleted text (w:del, w:moveFrom) is not.
_DOCX_CONTAINERS = {_W + n for n in ("hyperlink", "smartTag", "customXml", "sdt", "sdtContent", "ins", "moveTo",
                                     "fldSimple", "dir", "bdo")}
# Inside a run: the children that are characters of the text (a line break only when it is one).
_DOCX_CHARS = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


@dataclass(slots=True)
class DocxPiece:
    """One character-carrying child of a run in a .docx paragraph (a w:t, a tab, a line break …).

    `start` is its offset in the paragraph text; `locked` says why it may not be edited ("" when it may):
    text shown by a field, or text in an earlier tracked change. `field` is, for text a field shows, the
    first and last element of that field (a w:fldSimple twice, or the runs with its begin and end).
    """

    element: object
    run: object
    text: str
    start: int
    locked: str = ""
    field: tuple | None = None

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def docx_pieces(paragraph_element) -> list[DocxPiece]:
    """Return the text pieces of a w:p element in reading order: runs inside and outside hyperlinks,
    content controls and simple fields; not the text of deleted runs, field codes or text boxes.
    """
    pieces: list[DocxPiece] = []
    pos = 0
    fields: list[tuple[object, list[DocxPiece]]] = []  # open complex fields: begin run, pieces shown

    def walk(parent, locked: str) -> None:
        nonlocal pos
        for child in parent.iterchildren():
            tag = child.tag
            if tag == _W + "r":
                for el in child.iterchildren():
                    t = el.tag
                    if t == _W + "fldChar":
                        kind = el.get(_W + "fldCharType")
                        if kind == "begin":
                            fields.append((child, []))
                        elif kind == "end" and fields:
                            begin, shown = fields.pop()
                            if fields:
                                fields[-1][1].extend(shown)
                            for piece in shown:
                                piece.field = piece.field or (begin, child)
                        continue
                    if t == _W + "t":
                        text = el.text or ""
                    elif t == _W + "br":
                        text = "\n" if el.get(_W + "type") in (None, "textWrapping") else ""
                    else:
                        text = _DOCX_CHARS.get(t, "")
                    if text:
                        piece = DocxPiece(el, child, text, pos, locked or ("veld" if fields else ""))
                        pieces.append(piece)
                        if fields:
                            fields[-1][1].append(piece)
                        pos += len(text)
            elif tag in _DOCX_CONTAINERS:
                first = len(pieces)
                if tag == _W + "fldSimple":
                    why = locked or "veld"
                elif tag in (_W + "ins", _W + "moveTo"):
                    why = locked or "wijziging"
                else:
                    why = locked
                walk(child, why)
                if tag == _W + "fldSimple":
                    for piece in pieces[first:]:
                        piece.field = piece.field or (child, child)

    walk(paragraph_element, "")
    return pieces


def docx_text(paragraph_element) -> str:
    """Return the text of a w:p element as eenvoudig reads it (see `docx_pieces`)."""
    return "".join(p.text for p in docx_pieces(paragraph_element))


def docx_paragraphs(docx_document) -> list:
    """Return the body paragraphs of a python-docx Document in reading order, tables included."""
    return [p for p, _ in docx_places(docx_document)]


def docx_places(docx_document) -> list[tuple]:
    """Return (paragraph, place) in reading order; the place is how a Word user finds it.

    Body paragraphs are 'alinea N' (counting body paragraphs only); a paragraph in a table is
    'tabel T, rij R, kolom K'. A merged cell is read once. Paragraphs and tables inside a content control
    (w:sdt, as in many letter templates) are read where they stand.
    """
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    def children(parent):
        for child in parent.iterchildren():
            if child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
                yield from children(child)
            else:
                yield child

    out: list[tuple] = []
    body = docx_document.element.body
    n_par = n_tab = 0
    for child in children(body):
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            n_par += 1
            out.append((Paragraph(child, docx_document), f"alinea {n_par}"))
        elif tag == "tbl":
            n_tab += 1
            seen: set[int] = set()
            for r, row in enumerate(Table(child, docx_document).rows, start=1):
                for c, cell in enumerate(row.cells, start=1):
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    out.extend((p, f"tabel {n_tab}, rij {r}, kolom {c}") for p in cell.paragraphs)
    return out


def _docx_cell(paragraph, place: str) -> Cell | None:
    """Return the table cell of a .docx paragraph (from its place); a header when Word marks the row as one
    ("Kopregel herhalen") or every run of a first-row paragraph is bold."""
    m = re.fullmatch(r"tabel (\d+), rij (\d+), kolom (\d+)", place)
    if not m:
        return None
    table, row, col = map(int, m.groups())
    tr = paragraph._p.getparent().getparent()          # w:p → w:tc → w:tr
    marked = tr is not None and tr.find(".//{*}tblHeader") is not None
    runs = [r for r in paragraph.runs if r.text.strip()]
    bold = row == 1 and bool(runs) and all(r.bold for r in runs)
    return Cell(table, row, col, marked or bold)


def read_docx_bytes(data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a .docx given as bytes (for example after edits were applied to it)."""
    return _read_docx(data, name, UNPACK_FACTOR * max_bytes)


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # Microsoft's compound file: .doc, and a .docx with a password

# A .docx is a zip file: its parts may unpack to at most this many times the file size limit, and it
# may have at most MAX_PARTS parts. Text compresses about 10 times; a zip bomb thousands of times.
UNPACK_FACTOR = 10
MAX_PARTS = 5000
MAX_PARAGRAPHS = 200_000


def _check_unpacked_size(data: bytes, name: str, limit: int) -> None:
    """Refuse a .docx whose parts would unpack to more than `limit` bytes, before anything is unpacked."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return   # not a zip: python-docx says it is damaged, below
    total = sum(i.file_size for i in infos)
    if len(infos) > MAX_PARTS or total > limit:
        raise InputError(f"{name}: het Word-bestand is te groot als het wordt uitgepakt ({_size(total)} in "
                         f"{len(infos)} delen; de grens is {_size(limit)}). Dit is geen gewone brief. Stel een andere "
                         "grens in met max-file-mb in de configuratie (eenvoudig.toml).")


def _read_docx(data: bytes, name: str, max_unpacked: int = UNPACK_FACTOR * DEFAULT_MAX_BYTES) -> Document:
    import io

    try:
        import docx
        from docx.enum.style import WD_STYLE_TYPE
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise InputError(f"{name}: python-docx ontbreekt; installeer eenvoudig opnieuw.") from None
    if not data:
        raise InputError(f"{name}: het bestand is leeg.")
    if data[:8] == OLE_MAGIC:   # not a zip: an encrypted .docx or an old .doc with the new name
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise InputError(f"{name}: dit Word-bestand is beveiligd met een wachtwoord, dus eenvoudig kan het niet "
                             "lezen. Haal het wachtwoord weg in Word (Bestand, Info, Document beveiligen) en probeer "
                             "het opnieuw.")
        raise InputError(f"{name}: dit is een bestand in de oude Word-indeling (.doc), met .docx in de naam. Sla het "
                         "in Word op als Word-document (.docx) en probeer het opnieuw.")
    _check_unpacked_size(data, name, max_unpacked)
    try:
        d = docx.Document(io.BytesIO(data))
        if len(d.element.body) > MAX_PARAGRAPHS:   # 2 million empty paragraphs fit in 54 kB
            raise InputError(f"{name}: het Word-bestand heeft te veel alinea's ({len(d.element.body):,}; de grens is "
                             f"{MAX_PARAGRAPHS:,}). Dit is geen gewone brief.".replace(",", "."))
        places = docx_places(d)
        paragraphs = [p for p, _ in places]
        style_names = {s.style_id: s.name for s in d.styles}   # one look-up table, not one search per paragraph
        default = d.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        default_name = default.name if default is not None else ""
    except InputError:
        raise
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError):
        raise InputError(f"{name}: dit is geen geldig Word-bestand (.docx); het is beschadigd of iets anders. "
                         "Open het in Word en sla het opnieuw op als .docx.") from None
    except Exception:  # noqa: BLE001 - lxml errors inside a damaged package
        raise InputError(f"{name}: het Word-bestand is beschadigd. Open het in Word en sla het opnieuw op.") from None
    texts = [docx_text(p._p).replace("\r", "") if len(p._p) else "" for p in paragraphs]   # <w:p/> has no text
    source = "\n".join(texts)
    blocks: list[Block] = []
    offset = 0
    for number, (p, t) in enumerate(zip(paragraphs, texts), start=1):
        if t.strip():
            style = style_names.get(p._p.style or "", default_name) or ""
            numbered = p._p.pPr is not None and p._p.pPr.numPr is not None
            if style.lower().startswith(("heading", "kop", "title", "titel")):
                scope = "heading"
            elif numbered or "list" in style.lower() or "lijst" in style.lower():
                scope = "list_item"
            else:
                scope = "paragraph"
            lead = len(t) - len(t.lstrip())
            place = places[number - 1][1]
            blocks.append(Block(t.strip(), scope, ((0, offset + lead),), number, place, _docx_cell(p, place)))  # type: ignore[arg-type]
        offset += len(t) + 1
    if not blocks:
        raise InputError(f"{name}: het Word-bestand bevat geen tekst.")
    classified = _classify(blocks)
    return _document(name, "docx", source, classified, _subject(classified))
