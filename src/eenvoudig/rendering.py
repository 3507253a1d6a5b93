"""`render`: the letter as simplified text, an accessible HTML page, an easy-read sheet, speech and audio.

Every format starts from the same `prepare()`: read → analyse → rewrite (when asked) → analyse the
simplified letter again, so each output shows the plain version, sentence by sentence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from eenvoudig.analysis import Analysis, analyze
from eenvoudig.config import Config
from eenvoudig.document import Document, read, read_text
from eenvoudig.files import write_atomic

DEFAULT_OUT = Path("eenvoudig-uitvoer")


def prepare(source: str | Path | Document, config: Config | None = None, *, simplify: bool = True,
            encoding: str | None = None) -> Analysis:
    """Return the analysis of the letter to render: the simplified letter unless `simplify` is False."""
    config = config or Config()
    doc = source if isinstance(source, Document) else read(source, encoding=encoding, max_bytes=config.max_bytes)
    analysis = analyze(doc)
    if not simplify:
        return analysis
    from eenvoudig.rewriting import rewrite

    result = rewrite(analysis, config)
    if result.text == doc.text:
        return analysis
    return analyze(read_text(result.text, kind="txt", path=doc.path))


def plain_text(analysis: Analysis) -> str:
    """Return the letter as plain text: one block per paragraph, list items with a dash."""
    parts = []
    for block in analysis.document.blocks:
        text = " ".join(block.text.split()) if block.scope != "meta" and block.scope != "closing" else block.text
        parts.append(f"- {text}" if block.scope == "list_item" else text)
    out, previous = [], None
    for block, text in zip(analysis.document.blocks, parts):
        if out and not (block.scope == "list_item" and previous == "list_item"):
            out.append("")
        out.append(text)
        previous = block.scope
    return "\n".join(out) + "\n"


def render_file(file: str | Path, fmt: str, *, out_dir: Path | None = None, config: Config | None = None,
                online: bool = False, redact: bool = False, slow: bool = False, simplify: bool = True,
                encoding: str | None = None) -> Iterator[str]:
    """Render one letter in one format; yield the lines to show (the text itself, or the files written)."""
    config = config or Config()
    analysis = prepare(file, config, simplify=simplify, encoding=encoding)
    out = out_dir or DEFAULT_OUT
    if fmt == "text":
        text = plain_text(analysis)
        if out_dir is None:
            yield text.rstrip("\n")
            return
        out.mkdir(parents=True, exist_ok=True)
        path = out / "brief-eenvoudig.txt"
        write_atomic(path, text)
        yield f"Geschreven: {path}"
    elif fmt == "speech":
        from eenvoudig.speech import speech_text

        yield speech_text(analysis)
    elif fmt == "audio":
        from eenvoudig.speech import write_audio

        out.mkdir(parents=True, exist_ok=True)
        yield from write_audio(analysis, out, online=online, redact=redact, slow=slow, config=config)
    elif fmt in ("html", "sheet", "pdf"):
        from eenvoudig.errors import EenvoudigError

        raise EenvoudigError(f"het formaat '{fmt}' is nog niet beschikbaar.")
    else:  # pragma: no cover - click limits the choices
        raise ValueError(fmt)
