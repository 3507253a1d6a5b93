"""The real `eenvoudig serve` process writes no file with letter text, and logs none.

The server runs with a fresh HOME, TMPDIR, EENVOUDIG_CACHE and working folder. Letters with a made-up
word go through every route (page, choices, every download with the real offline voice, the JSON API,
a .docx upload bigger than 1 MB); then every file under those folders is searched for the word, inside zip and gzip
files too, and so is everything the server printed.
"""

from __future__ import annotations

import gzip
import io
import os
import random
import re
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")


def _contains(data: bytes, words: list[bytes]) -> bool:
    low = data.lower()
    if any(w in low for w in words):
        return True
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                return any(_contains(z.read(name), words) for name in z.namelist())
        except zipfile.BadZipFile:
            return False
    if data[:2] == b"\x1f\x8b":
        try:
            return _contains(gzip.decompress(data), words)
        except OSError:
            return False
    return False


def _files(*folders: Path) -> list[Path]:
    return sorted(p for folder in folders for p in folder.rglob("*") if p.is_file())


@pytest.mark.slow
def test_server_writes_no_file_with_letter_text(tmp_path):
    import docx

    marker = "".join(random.choice("bdfgklmnprstvz") + random.choice("aeiou") for _ in range(6))
    home, tmp, cache, work = (tmp_path / name for name in ("home", "tmp", "cache", "work"))
    for folder in (home, tmp, cache, work):
        folder.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "EENVOUDIG_"))}
    env.update(HOME=str(home), TMPDIR=str(tmp), TEMP=str(tmp), TMP=str(tmp), EENVOUDIG_CACHE=str(cache),
               NO_COLOR="1")
    proc = subprocess.Popen([sys.executable, "-m", "eenvoudig", "serve", "--port", "0", "--no-browser"], cwd=work,
                            env=env, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    printed: list[str] = []
    started = threading.Event()

    def read() -> None:
        for line in proc.stderr:
            printed.append(line)
            if "de pagina staat op" in line:
                started.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert started.wait(120), "".join(printed)
        url = re.search(r"http://127\.0\.0\.1:\d+/", "".join(printed)).group()
        letter = (f"Geachte mevrouw {marker.capitalize()},\n\nWij hebben uw aanvraag {marker} ontvangen. Indien u "
                  f"vragen heeft over {marker}, kunt u ons bellen.\n\nMet vriendelijke groet,\n\nJ. {marker}\n")
        word = docx.Document()
        word.add_paragraph(f"Geachte heer {marker.capitalize()},")
        word.add_paragraph(f"Indien u vragen heeft over {marker}, kunt u ons middels de telefoon bellen.")
        # a logo of 1.7 MB: Starlette's own form parser would spool an upload this big to a temporary file
        from PIL import Image

        logo = io.BytesIO()
        Image.frombytes("RGB", (760, 760), os.urandom(760 * 760 * 3)).save(logo, "PNG")
        word.add_picture(logo)
        buffer = io.BytesIO()
        word.save(buffer)
        assert len(buffer.getvalue()) > 1.5 * 1024 * 1024
        with httpx.Client(base_url=url, timeout=120) as client:
            csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/").text).group(1)
            empty = {"leeg": ("", b"")}
            codes = [client.post("/brief", data={"csrf": csrf, "tekst": letter}, files=empty).status_code]
            files = {"bestand": (f"{marker}.docx", buffer.getvalue())}
            upload = client.post("/brief", data={"csrf": csrf}, files=files)
            codes.append(upload.status_code)
            docx_state = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', upload.text))
            text_state = {"csrf": csrf, "soort": "txt", "naam": f"{marker}.txt", "bron": letter, "keuze-1": "ja"}
            for state, kinds in ((text_state, ("docx", "pdf", "html", "mp3")),
                                 ({**docx_state, "keuze-1": "ja"}, ("docx", "html"))):
                codes.append(client.post("/brief/meten?deel=meter", data=state, files=empty).status_code)
                codes.append(client.post("/brief/meten", data=state, files=empty).status_code)
                for what in kinds:
                    got = client.post(f"/download/{what}", data=state, files=empty)
                    codes.append(got.status_code)
                    if what in ("docx", "html"):  # the word really went in (the PDF is pictures, the MP3 sound)
                        assert _contains(got.content, [marker.encode()])
            codes.append(client.post("/api/check", content=letter.encode(), headers={"content-type": "text/plain"}
                                     ).status_code)
            codes.append(client.post("/api/rewrite", files={"file": (f"{marker}.docx", buffer.getvalue())}).status_code)
            codes.append(client.post("/api/check", content=b"\x00" * 10, headers={"content-type": "text/plain"}
                                     ).status_code)
        assert codes == [200] * 12 + [200, 200, 400]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        reader.join(timeout=10)
    words = [marker.encode(), marker.encode("utf-16-le")]
    written = _files(home, tmp, cache, work)
    assert [p for p in written if _contains(p.read_bytes(), words)] == []
    assert _files(tmp, work, home) == []          # not even a temporary file
    assert {p.relative_to(cache).parts[0] for p in written} <= {"pictogrammen"} | {
        p.name for p in cache.glob("woorden-*.sqlite")}  # only public word lists and pictogram pictures
    log = "".join(printed)
    assert marker not in log.lower()
    assert re.search(r"eenvoudig: POST /download/mp3 200 \d+ ms", log)
