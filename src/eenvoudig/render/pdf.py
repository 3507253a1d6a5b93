"""The easy-read sheet as a PDF with real text: selectable, searchable, tagged, in Dutch (fpdf2).

The pages are the sheet's pages (`sheet.paginate`, the same rows and line breaks as the PNGs), drawn as
text in the shipped Atkinson Hyperlegible font (embedded, with a ToUnicode map) and the pictograms as
small images. Aimed at PDF/UA-1: document language `nl-NL`, the title shown in the window
(DisplayDocTitle), XMP metadata with `pdfuaid:part 1`, and a structure tree in reading order:
H1 title, P for the date lines, H2 headings, P per sentence, L/LI/LBody for list items, Figure with
Alt text for each pictogram, Table/TR/TH/TD for tables (TH with Scope Column). Rules, grid lines, the
repeated title and the page numbers are marked as artifacts. fpdf2 itself tags only images, so the
marked-content sequences and the nested tree are written here on top of its structure builder.

Memory stays flat for long letters: a page is text operators and references to a few cached pictures,
never a page-sized image (the old image PDF kept every 300 dpi page in memory: 4.8 GB for 121 kB).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from eenvoudig.render.draw import font, font_path, picture
from eenvoudig.render.pictograms import ATTRIBUTION, PictogramSet
from eenvoudig.render.sheet import HEADER_FILL, MM_PER_INCH, Grid, Layout, Page, Row, _text_height

if TYPE_CHECKING:  # pragma: no cover
    from eenvoudig.render.choose import Pictogram

LANG = "nl-NL"
FAMILY = "atkinson"
GREY = (138, 138, 138)


def _structure():
    """Return fpdf2 classes for a structure tree with nested elements (fpdf2 itself keeps a flat list)."""
    from fpdf.structure_tree import StructElem, StructureTreeBuilder

    class Elem(StructElem):
        """A structure element that may carry an attribute dictionary (/A), e.g. a table header's scope."""

        __slots__ = ("a",)

        def __init__(self, *args, a: str | None = None, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.a = a

    class Builder(StructureTreeBuilder):
        """fpdf2's builder, serialising every element of the tree (not just the Document's children)."""

        def __iter__(self):
            yield self.struct_tree_root
            yield self.doc_struct_elem
            yield self.struct_tree_root.parent_tree

            def walk(elem):
                for kid in elem.k:
                    if isinstance(kid, StructElem):
                        yield kid
                        yield from walk(kid)

            yield from walk(self.doc_struct_elem)

    return Elem, Builder


class _Tagger:
    """Write marked content and the structure tree while drawing a page."""

    def __init__(self, pdf) -> None:
        self.pdf = pdf
        self.Elem, builder = _structure()
        pdf.struct_builder = builder()
        self.builder = pdf.struct_builder
        self.doc = self.builder.doc_struct_elem

    def group(self, kind: str, parent=None, a: str | None = None):
        """Return a new structure element without content of its own (Table, TR, L, LI …)."""
        parent = parent if parent is not None else self.doc
        elem = self.Elem(struct_type=f"/{kind}", parent=parent, kids=[], page_number=self.pdf.page, a=a)
        elem.pg = self.pdf.pages[self.pdf.page]
        parent.k.append(elem)
        return elem

    @contextmanager
    def mark(self, kind: str, parent=None, *, alt: str | None = None, a: str | None = None) -> Iterator[None]:
        """Draw content as one marked-content sequence that belongs to a new element of this kind."""
        pdf, page = self.pdf, self.pdf.page
        parent = parent if parent is not None else self.doc
        spid = self.builder.spid_per_page_number.setdefault(page, len(self.builder.spid_per_page_number))
        numbers = self.builder.struct_tree_root.parent_tree.nums[spid]
        mcid = len(numbers)
        elem = self.Elem(struct_type=f"/{kind}", parent=parent, kids=[mcid], page_number=page, alt=alt, a=a)
        elem.pg = pdf.pages[page]
        parent.k.append(elem)
        numbers.append(elem)
        pdf.pages[page].struct_parents = spid
        pdf._out(f"/{kind} <</MCID {mcid}>> BDC")
        yield
        pdf._out("EMC")

    @contextmanager
    def artifact(self) -> Iterator[None]:
        """Draw content that is decoration or page furniture: screen readers skip it."""
        self.pdf._out("/Artifact BMC")
        yield
        self.pdf._out("EMC")


@lru_cache(maxsize=2)
def _ascent(bold: bool) -> float:
    """Return the font's ascent as a share of its size (the baseline below the top of a line)."""
    f = font(1000, bold)
    return f.getmetrics()[0] / 1000


def _pt_mm(pt: float) -> float:
    return pt * MM_PER_INCH / 72


def _xmp(title: str) -> str:
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n'
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/">\n'
        f'   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>\n'
        f'   <dc:language><rdf:Bag><rdf:li>{LANG}</rdf:li></rdf:Bag></dc:language>\n'
        '   <dc:creator><rdf:Seq><rdf:li>eenvoudig</rdf:li></rdf:Seq></dc:creator>\n'
        '   <pdf:Producer>eenvoudig (fpdf2)</pdf:Producer>\n'
        '   <xmp:CreatorTool>eenvoudig</xmp:CreatorTool>\n'
        '   <pdfuaid:part>1</pdfuaid:part>\n'
        '  </rdf:Description>\n'
        ' </rdf:RDF>\n'
        '</x:xmpmeta>')


class _Writer:
    """Draw the sheet's pages into an fpdf2 document, tagged."""

    def __init__(self, title: str, layout: Layout, pictos: PictogramSet | None, dpi: int, attribution: bool) -> None:
        from fpdf import FPDF
        from fpdf.prefs import ViewerPreferences

        self.layout, self.pictos, self.dpi, self.attribution = layout, pictos, dpi, attribution
        pdf = FPDF(unit="mm", format=(layout.page_w, layout.page_h))
        pdf.set_auto_page_break(False)
        pdf.set_margins(0, 0, 0)
        pdf.add_font(FAMILY, "", str(font_path(False)))
        pdf.add_font(FAMILY, "B", str(font_path(True)))
        pdf.set_title(title)
        pdf.set_lang(LANG)
        pdf.set_subject("Brief in eenvoudige taal met pictogrammen")
        pdf.set_creator("eenvoudig")
        pdf.set_author("eenvoudig")
        pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
        pdf.set_xmp_metadata(_xmp(title))
        pdf.set_draw_color(0, 0, 0)
        self.pdf = pdf
        self.tags = _Tagger(pdf)
        self.list = None             # the open L element while list items follow each other

    # ---------------------------------------------------------------------------------------- text
    def text(self, x: float, top: float, line: str, pt: float, bold: bool = False) -> None:
        """Draw one line with its top-left at (x, top) mm."""
        self.pdf.set_font(FAMILY, "B" if bold else "", pt)
        # a no-break space only kept the line together; in the PDF it is an ordinary space (searchable)
        self.pdf.text(x, top + _pt_mm(pt) * _ascent(bold), line.replace("\u00a0", " "))

    def lines(self, x: float, top: float, lines: Sequence[str], pt: float, bold: bool = False) -> None:
        """Draw wrapped lines of one piece of text; each line but the last ends in a space, so the text
        read from the PDF (copy, search, screen reader) keeps a space where the line was broken."""
        for n, line in enumerate(lines):
            self.text(x, top, line + (" " if n + 1 < len(lines) else ""), pt, bold)
            top += self.layout.line_h(pt)

    def rule(self, y: float, width: float, grey: bool) -> None:
        layout = self.layout
        with self.tags.artifact():
            self.pdf.set_draw_color(*(GREY if grey else (0, 0, 0)))
            self.pdf.set_line_width(width)
            self.pdf.line(layout.margin_x, y, layout.page_w - layout.margin_x, y)
            self.pdf.set_draw_color(0, 0, 0)

    # ---------------------------------------------------------------------------------------- page
    def page(self, page: Page, total: int) -> None:
        layout, pdf, tags = self.layout, self.pdf, self.tags
        pdf.add_page()
        first = page.number == 1
        title_pt = layout.title_pt if first else layout.title_next_pt
        y = layout.margin_top
        if first:
            with tags.mark("H1"):
                self.lines(layout.margin_x, y, page.title, title_pt, bold=True)
            y += len(page.title) * layout.line_h(title_pt)
        else:
            with tags.artifact():          # the title repeated at the top of later pages is page furniture
                for line in page.title:
                    self.text(layout.margin_x, y, line, title_pt, bold=True)
                    y += layout.line_h(title_pt)
        if page.details:
            y += 1.5
            for line in page.details:
                with tags.mark("P"):
                    self.text(layout.margin_x, y, line, layout.detail_pt)
                y += layout.line_h(layout.detail_pt)
        y += 1.5
        self.rule(y, 0.6, grey=False)
        y += 2.5
        for n, row in enumerate(page.rows):
            if n:
                self.rule(y, 0.25, grey=True)
            self.row(row, y)
            y += row.height
        self.footer(page, total)

    def row(self, row: Row, y: float) -> None:
        layout, tags = self.layout, self.tags
        top, inner = y + layout.row_pad, row.height - 2 * layout.row_pad
        if not row.bullet or row.grid is not None:
            self.list = None
        if row.grid is not None:
            ty = top
            if row.heading:
                with tags.mark("H2"):
                    self.lines(layout.margin_x, ty, row.heading, layout.heading_pt, bold=True)
                ty += len(row.heading) * layout.line_h(layout.heading_pt) + 1.5
            self.grid(row.grid, layout.margin_x, ty)
            return
        ty = top + (inner - _text_height(layout, row.heading, row.lines)) / 2
        if row.heading:                 # reading order: the heading, then the picture, then the sentence
            self.list = None
            with tags.mark("H2"):
                self.lines(layout.text_x, ty, row.heading, layout.heading_pt, bold=True)
            ty += len(row.heading) * layout.line_h(layout.heading_pt) + 1.5
        if row.picture is not None:
            self.figure(row.picture, layout.margin_x, top + (inner - layout.picto) / 2)
        if not row.lines:
            return
        parent = None
        if row.bullet:                  # list items: L → LI → LBody (the bullet is part of the body text)
            if self.list is None:
                self.list = tags.group("L")
            parent = tags.group("LBody", tags.group("LI", self.list))
        with tags.mark("P", parent):
            self.lines(layout.text_x, ty, row.lines, layout.body_pt)

    def figure(self, pic: Pictogram, x: float, y: float) -> None:
        size = self.layout.picto
        img = picture(pic, round(size * self.dpi / MM_PER_INCH), self.pictos)
        with self.tags.mark("Figure", alt=pic.alt, a=f"<</O /Layout /BBox [{x * 72 / MM_PER_INCH:.2f} "
                            f"{(self.layout.page_h - y - size) * 72 / MM_PER_INCH:.2f} {(x + size) * 72 / MM_PER_INCH:.2f} "
                            f"{(self.layout.page_h - y) * 72 / MM_PER_INCH:.2f}]>>"):
            self.pdf.image(img, x=x, y=y, w=size, h=size)

    def grid(self, grid: Grid, x: float, y: float) -> None:
        layout, pdf, tags = self.layout, self.pdf, self.tags
        edges = [x]
        for w in grid.widths:
            edges.append(edges[-1] + w)
        table = tags.group("Table")
        top = y
        for n, (cells, h) in enumerate(zip(grid.rows, grid.heights)):
            header = n < grid.header
            if header:
                with tags.artifact():
                    pdf.set_fill_color(*(int(HEADER_FILL[i:i + 2], 16) for i in (1, 3, 5)))
                    pdf.rect(edges[0], top, edges[-1] - edges[0], h, style="F")
            tr = tags.group("TR", table)
            for k, lines in enumerate(cells):
                kind = "TH" if header else "TD"
                with tags.mark(kind, tr, a="<</O /Table /Scope /Column>>" if header else None):
                    self.lines(edges[k] + layout.cell_pad, top + layout.cell_pad, [x for x in lines if x],
                               layout.table_pt, bold=header)
            top += h
        with tags.artifact():
            pdf.set_line_width(0.3)
            for k in range(len(grid.rows) + 1):
                yy = y + sum(grid.heights[:k])
                pdf.line(edges[0], yy, edges[-1], yy)
            for e in edges:
                pdf.line(e, y, e, top)

    def footer(self, page: Page, total: int) -> None:
        layout, tags = self.layout, self.tags
        fy = layout.page_h - layout.margin_bottom - layout.line_h(layout.page_no_pt)
        self.rule(fy - 2.5, 0.25, grey=True)
        number = f"Pagina {page.number} van {total}"
        self.pdf.set_font(FAMILY, "B", layout.page_no_pt)
        width = self.pdf.get_string_width(number)
        with tags.artifact():
            self.text(layout.page_w - layout.margin_x - width, fy, number, layout.page_no_pt, bold=True)
        if self.attribution:
            # the licence line is read once (on the last page); elsewhere it is page furniture
            with (tags.mark("P") if page.number == total else tags.artifact()):
                self.text(layout.margin_x, fy + 0.8, ATTRIBUTION, layout.footer_pt)


def pdf_document(pages: Sequence[Page], title: str, *, attribution: bool, layout: Layout | None = None,
                 pictos: PictogramSet | None = None, dpi: int = 300) -> bytes:
    """Return the sheet's pages as one tagged PDF with a text layer; pictures at `dpi`."""
    writer = _Writer(title, layout or Layout(), pictos, dpi, attribution)
    for page in pages:
        writer.page(page, len(pages))
    return bytes(writer.pdf.output())
