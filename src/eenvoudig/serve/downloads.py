"""The files the page offers, made in memory from the letter with the accepted changes (never stored).

* the letter as .docx: for a .docx upload the user's own file with the accepted changes as Word tracked
  changes (author "eenvoudig"; accept or reject each in Word, layout kept); for text, a new Word file with
  one paragraph per block;
* the pictogram sheet as PDF, the easy-read HTML page, and the letter read aloud as MP3.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any, Sequence

from eenvoudig.analysis import Analysis, analyze
from eenvoudig.config import Config
from eenvoudig.document import Document
from eenvoudig.errors import EenvoudigError, PrivacyError, SpeechError
from eenvoudig.rewriting import Edit
from eenvoudig.serve.review import Letter, Problem

SHEET_DPI = 200      # sharp enough to print, and a one-page letter stays a few seconds of work


@dataclass(frozen=True)
class Download:
    """A file to send: its name, media type and bytes."""

    filename: str
    media_type: str
    data: bytes


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_file(letter: Letter, edits: Sequence[Edit], edited: Document) -> Download:
    """Return the letter with the changes as a Word file (tracked changes for a Word upload)."""
    if letter.kind == "docx":
        from eenvoudig.rewriting.docx import review_docx

        data = review_docx(letter.docx, edits).data if edits else letter.docx
        return Download(f"{letter.stem}-nagekeken.docx", DOCX_TYPE, data)
    return Download(f"{letter.stem}-eenvoudig.docx", DOCX_TYPE, text_docx(edited))


def text_docx(doc: Document) -> bytes:
    """Return a simple Word file of a letter read from text: headings, paragraphs, list items, line breaks."""
    import docx

    out = docx.Document()
    for block in doc.blocks:
        if block.scope == "heading":
            paragraph = out.add_heading(level=2)
        elif block.scope == "list_item":
            paragraph = out.add_paragraph(style="List Bullet")
        else:
            paragraph = out.add_paragraph()
        lines = block.text.split("\n")
        run = paragraph.add_run(lines[0])
        for line in lines[1:]:
            run.add_break()
            run = paragraph.add_run(line)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _easy_read(analysis: Analysis):
    from eenvoudig.render import easy_read

    try:
        return easy_read(analysis)
    except EenvoudigError as exc:
        raise Problem(str(exc)) from None


def sheet_pdf(letter: Letter, edited: Document) -> Download:
    """Return the easy-read pictogram sheet of the letter as one PDF, made in memory."""
    from eenvoudig import render
    from eenvoudig.render.sheet import paginate

    er = _easy_read(analyze(edited))
    try:
        render._need_lines(er)
        from eenvoudig.render.pdf import pdf_document

        pages = paginate(er.title, render._items(er), None, er.details)
        data = pdf_document(pages, er.title, attribution=er.attribution, dpi=SHEET_DPI)
    except EenvoudigError as exc:
        raise Problem(str(exc)) from None
    return Download(f"{letter.stem}-pictogrammen.pdf", "application/pdf", data)


def html_file(letter: Letter, edited: Document) -> Download:
    """Return the easy-read web page of the letter (one file, pictures and font inside)."""
    from eenvoudig.render import html_page

    try:
        page = html_page(_easy_read(analyze(edited)))
    except EenvoudigError as exc:
        raise Problem(str(exc)) from None
    return Download(f"{letter.stem}.html", "text/html; charset=utf-8", page.encode("utf-8"))


def mp3_file(letter: Letter, edited: Document, config: Config, *, online_voice: Any = None) -> Download:
    """Return the letter read aloud as one MP3.

    Offline with espeak-ng unless `online_voice` is given; an online voice always sits behind the privacy
    guard, and personal data (names, addresses, numbers) is replaced by neutral words before anything is
    sent. The sound is made sentence by sentence and joined in memory.
    """
    from eenvoudig.speech import (PrivacyGuard, encode_mp3, get_backend, letter_names, speech_settings,
                                  utterances)

    analysis = analyze(edited)
    try:
        settings = speech_settings(config)
        names = letter_names(analysis)
        if online_voice is not None:
            voice = PrivacyGuard(online_voice, names, redact=True)
            units = utterances(analysis, redact_personal=True)
        else:
            voice = get_backend(settings.backend, settings)
            units = utterances(analysis)
        if not units:
            raise Problem("er is niets om voor te lezen: de brief heeft geen zinnen met woorden.")
        pcm, mp3, rate = bytearray(), bytearray(), 0
        for i, unit in enumerate(units):
            sound = voice.synthesize(unit.spoken)
            if sound.mp3:
                mp3 += sound.mp3
                continue
            if rate and i:
                pause = settings.pause_ms / 1000 * (2 if unit.block != units[i - 1].block else 1)
                pcm += b"\0\0" * int(pause * rate)
            rate = sound.rate
            pcm += sound.pcm
        data = bytes(mp3) if mp3 else encode_mp3(bytes(pcm), rate, settings.bitrate)
    except (PrivacyError, SpeechError) as exc:
        raise Problem(str(exc), 422) from None
    return Download(f"{letter.stem}.mp3", "audio/mpeg", data)


def online_voice(config: Config) -> Any:
    """Google's voice (gTTS), sent with TLS verified, without the disk cache: the page keeps no sound of a letter."""
    from eenvoudig.speech import GttsBackend, speech_settings

    return GttsBackend(speech_settings(config), cache=False)
