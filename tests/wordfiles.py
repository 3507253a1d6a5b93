"""Build real-looking Word letters for the tests: hyperlinks, fields, a picture, footnote and comment
references, a symbol, tabs and breaks, a table, a header and a footer (python-docx plus a little XML)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def png_bytes() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def _el(tag: str, **attrs: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    return OxmlElement(tag, attrs={qn(k.replace("_", ":", 1)): v for k, v in attrs.items()})


def _run(text: str, **attrs: str):
    from docx.oxml.ns import qn

    r = _el("w:r")
    t = _el("w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    return r


def add_hyperlink(paragraph, text: str, url: str) -> None:
    """Append a w:hyperlink (external, styled) with one run to a paragraph."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = _el("w:hyperlink", r_id=rid)
    run = _run(text)
    rpr = _el("w:rPr")
    rpr.append(_el("w:rStyle", w_val="Hyperlink"))
    run.insert(0, rpr)
    link.append(run)
    paragraph._p.append(link)


def add_footnotes_part(document) -> None:
    """Give the document a footnotes part with footnote 1, so a w:footnoteReference has its body."""
    from docx.opc.constants import CONTENT_TYPE  # noqa: F401 - only to make sure python-docx is there
    from docx.opc.packuri import PackURI
    from docx.opc.part import XmlPart
    from docx.oxml import parse_xml

    xml = (f'<w:footnotes xmlns:w="{W}">'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
           '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Artikel 35 Participatiewet.</w:t></w:r></w:p></w:footnote>'
           '</w:footnotes>')
    part = XmlPart(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, parse_xml(xml), document.part.package)
    document.part.relate_to(part, FOOTNOTES_RT)


def rich_letter(path: Path) -> Path:
    """Write a letter with everything Word users have in their letters; return its path.

    Paragraphs (alinea): 1 heading, 2 salutation, 3 bold/italic runs, 4 hyperlink (words outside the link),
    5 hyperlink (a word inside the link), 6 one run with footnote ref + picture + comment ref + symbol,
    7 merge field, 8 complex field result, 9 tab and line break, table 1 (2×2), 10 closing.
    """
    import docx
    from docx.shared import Cm

    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "Gemeente Rivierstad – Afdeling Werk en Inkomen"
    footer = section.footer.paragraphs[0]
    footer.text = "Bladzijde "
    fld = _el("w:fldSimple", w_instr=" PAGE ")
    fld.append(_run("1"))
    footer._p.append(fld)

    d.add_heading("Uw aanvraag bijzondere bijstand", level=1)
    d.add_paragraph("Geachte heer Jansen,")
    p = d.add_paragraph()
    p.add_run("Indien u ").bold = True
    p.add_run("vragen heeft, kunt u ons ")
    p.add_run("reeds").italic = True
    p.add_run(" bellen.")
    p = d.add_paragraph("Nadere informatie treft u aan op ")
    add_hyperlink(p, "www.rivierstad.nl", "https://www.rivierstad.nl")
    p.add_run(" of middels de app.")
    p = d.add_paragraph("U kunt het ")
    add_hyperlink(p, "formulier reeds online invullen", "https://www.rivierstad.nl/formulier")
    p.add_run(".")

    # one run: text, footnote reference, text, soft hyphen, picture, comment reference, symbol (D4)
    p = d.add_paragraph()
    pic_run = p.add_run()
    pic_run.add_picture(io.BytesIO(png_bytes()), width=Cm(1))
    drawing = pic_run._r.find(f"{{{W}}}drawing")
    r = pic_run._r
    r.remove(drawing)
    r.append(_t("Wij verstrekken u "))
    r.append(_el("w:footnoteReference", w_id="1"))
    r.append(_t("hierbij de beschikking."))
    r.append(_el("w:softHyphen"))
    r.append(drawing)
    add_footnotes_part(d)
    note = d.add_comment(p.add_run(" Lees dit goed."), text="Eigen opmerking van de schrijver.", author="Schrijver")
    ref = r.getparent().findall(f".//{{{W}}}commentReference")[-1]
    ref.getparent().remove(ref)
    r.append(ref)
    r.append(_el("w:sym", w_font="Wingdings", w_char="F0E0"))
    assert note.comment_id == 0

    p = d.add_paragraph("Uw naam is ")
    fld = _el("w:fldSimple", w_instr=" MERGEFIELD naam ")
    fld.append(_run("«naam»"))
    p._p.append(fld)
    p.add_run(" en wij hebben uw aanvraag ontvangen.")

    p = d.add_paragraph("Wij hebben ")
    for piece in (_fld("begin"), _instr(" MERGEFIELD zin "), _fld("separate")):
        r = _el("w:r")
        r.append(piece)
        p._p.append(r)
    p._p.append(_run("reeds"))
    r = _el("w:r")
    r.append(_fld("end"))
    p._p.append(r)
    p.add_run(" een besluit genomen.")

    p = d.add_paragraph()
    run = p.add_run("Telefoon:")
    run.add_tab()
    run.add_text("14 020")
    run.add_break()
    run.add_text("Wij zijn reeds bereikbaar.")

    table = d.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "Bedrag"
    table.cell(0, 1).text = "€ 450,00"
    table.cell(1, 0).text = "Uitbetaling"
    table.cell(1, 1).text = "Indien nodig betalen wij reeds in maart."
    d.add_paragraph("Met vriendelijke groet,")
    d.save(path)
    return path


def _t(text: str):
    t = _el("w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return t


def _fld(kind: str):
    return _el("w:fldChar", w_fldCharType=kind)


def _instr(code: str):
    el = _el("w:instrText")
    el.text = code
    el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return el


def with_document(data: bytes, root) -> bytes:
    """Return the package with another word/document.xml."""
    from lxml import etree

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) \
                if item.filename == "word/document.xml" else src.read(item.filename)
            dst.writestr(item, body)
    return out.getvalue()


def unwrap(el) -> None:
    """Put an element's children in its place (rejecting a w:ins, accepting a w:del … by hand)."""
    parent = el.getparent()
    i = parent.index(el)
    for child in reversed(list(el)):
        parent.insert(i, child)
    parent.remove(el)


def reject(root):
    """Reject every tracked change, as Word does: insertions go, deletions come back."""
    for ins in list(root.iter(f"{{{W}}}ins")):
        ins.getparent().remove(ins)
    for d in list(root.iter(f"{{{W}}}del")):
        for t in d.iter(f"{{{W}}}delText"):
            t.tag = f"{{{W}}}t"
        unwrap(d)
    return root


def accept(root):
    """Accept every tracked change: deletions go, insertions stay; a paragraph whose mark is deleted joins
    the next paragraph (its content goes in front, the next paragraph's properties stay)."""
    for d in list(root.iter(f"{{{W}}}del")):
        rpr = d.getparent()
        if rpr.tag == f"{{{W}}}rPr" and rpr.getparent().tag == f"{{{W}}}pPr":
            p = rpr.getparent().getparent()
            following = p.getnext()
            at = 1 if following.find(f"{{{W}}}pPr") is not None else 0
            for child in reversed([c for c in p if c.tag != f"{{{W}}}pPr"]):
                following.insert(at, child)
            p.getparent().remove(p)
            continue
        d.getparent().remove(d)
    for ins in list(root.iter(f"{{{W}}}ins")):
        unwrap(ins)
    return root
