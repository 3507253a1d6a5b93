"""Re-run the reproductions of the attack report (shared research/attack-2026-12.md) and count survivors.

    python benchmarks/attack.py                       # this checkout
    python benchmarks/attack.py --src /old/src        # another version of the code (PYTHONPATH)
    python benchmarks/attack.py --only privacy,files  # some classes only
    python benchmarks/attack.py --json uit.json       # also write every result

"Survived" is what the report means: a clear Dutch message with exit 3 for bad input, or a correct result;
no traceback, no "interne fout", no hang past the timeout, no memory past the cap, no lost or changed
user data, no personal data sent or left behind. Every CLI run has an address-space cap (3 GB; the
machine is shared) and a timeout; a run that hits either did not survive. Each run's wall time and
peak memory are printed, so the script is also the benchmark for issue 11's "near-linear" promise.
Only loopback addresses are used; the online voice is a recording fake or a local TLS server.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
GB = 1024 ** 3
CAP = 3 * GB


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float
    killed: str = ""     # "timeout" or "memory" when a cap was hit

    @property
    def clean(self) -> bool:
        """No traceback, no internal error, no cap hit."""
        return not self.killed and "Traceback" not in self.err and "interne fout" not in self.err \
            and "MemoryError" not in self.err

    def dutch_refusal(self) -> bool:
        return self.clean and self.code == 3 and self.err.startswith("eenvoudig: ")


class Env:
    """How to run the code under test: its source folder, a warm shared word-table cache, a fresh HOME."""

    def __init__(self, src: Path | None, work: Path) -> None:
        self.src = src
        self.work = work
        self.cache = work / "cache"
        self.cache.mkdir(exist_ok=True)

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("EENVOUDIG", "PYTHON"))}
        env.update({"HOME": str(self.work / "home"), "EENVOUDIG_CACHE": str(self.cache), "NO_COLOR": "1"})
        if self.src is not None:
            env["PYTHONPATH"] = str(self.src)
        env.update(extra)
        return env

    def run(self, args: list[str], cwd: Path, *, timeout: float = 120, cap: int = CAP, stdin: bytes | None = None,
            user: str | None = None, fsize: int | None = None, module: bool = True, **extra: str) -> Run:
        cmd = [sys.executable, "-m", "eenvoudig", *args] if module else [sys.executable, *args]
        if user:
            uid = {"nobody": 65534}.get(user, user)
            cmd = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", *cmd]

        def limits() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
            if fsize is not None:
                resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
            os.setsid()

        import threading

        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=self.env(**extra), stdin=subprocess.PIPE if stdin else
                                subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                preexec_fn=limits)
        chunks: dict[str, bytes] = {}

        def drain(name: str, stream) -> None:
            chunks[name] = stream.read()

        readers = [threading.Thread(target=drain, args=(n, s)) for n, s in (("out", proc.stdout), ("err", proc.stderr))]
        for t in readers:
            t.start()
        if stdin:
            proc.stdin.write(stdin)
            proc.stdin.close()
        killed = ""
        while True:   # wait4 gives this child's own peak memory
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                killed = "timeout"
                break
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        for t in readers:
            t.join()
        seconds = time.perf_counter() - start
        err_text = chunks.get("err", b"").decode("utf-8", "replace")
        if "MemoryError" in err_text or (proc.returncode < 0 and not killed):
            killed = killed or "memory"
        return Run(proc.returncode, chunks.get("out", b"").decode("utf-8", "replace"), err_text, seconds,
                   usage.ru_maxrss / 1024, killed)


CASES: list[tuple[str, str, Callable]] = []


def case(cls: str, name: str):
    def register(fn):
        CASES.append((cls, name, fn))
        return fn
    return register


LETTER = "Geachte heer,\n\nWij hebben uw brief reeds gelezen. Wij verstrekken u hierbij de beschikking.\n"


def _word(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice("aeioustrnlkdm") for _ in range(n))


# ---------------------------------------------------------------------------------------- 1b, 1d: size

for n in (1000, 2000, 3000, 4000, 500_000):
    @case("1b/1d size", f"one word of {n:,} letters")
    def _(env: Env, d: Path, n=n) -> tuple[bool, Run]:
        (d / "woord.txt").write_text(f"Wij sturen u de {_word(n)}.\n", encoding="utf-8")
        r = env.run(["check", "woord.txt"], d, timeout=120)
        return r.clean and r.code in (0, 1, 3), r


def _docx(path: Path, body: str, extra: dict[str, tuple[str, int]] | None = None) -> None:
    """Write a .docx made by python-docx (its styles and all) whose body is `body` (w:p elements); the
    parts in `extra` (name: (fill character, size)) are streamed, so a 2 GB part costs no memory here."""
    import io

    import docx

    blank = io.BytesIO()
    docx.Document().save(blank)
    extra = dict(extra or {})
    with zipfile.ZipFile(blank) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                head, _, _ = data.decode("utf-8").partition("<w:body>")
                if item.filename in extra:
                    fill, size = extra.pop(item.filename)
                    with z.open(item.filename, "w", force_zip64=True) as f:
                        f.write(head.encode() + b"<w:body>")
                        chunk = fill.encode() * (1 << 20)
                        for _ in range(size >> 20):
                            f.write(chunk)
                        f.write(b"</w:body></w:document>")
                    continue
                data = (head + "<w:body>" + body + "</w:body></w:document>").encode()
            z.writestr(item, data)
        for name, (fill, size) in extra.items():
            with z.open(name, "w", force_zip64=True) as f:
                chunk = fill.encode() * (1 << 20)
                for _ in range(size >> 20):
                    f.write(chunk)


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


@case("1b/1d size", "docx zip bomb: 2 GB media part in 2 MB")
def _(env, d):
    _docx(d / "bom.docx", _p("Wij sturen u een brief."), {"word/media/image1.png": ("\0", 2 * GB)})
    r = env.run(["check", "bom.docx"], d)
    return r.dutch_refusal() and "te groot" in r.err, r


@case("1b/1d size", "docx with a 1 GB document.xml of spaces")
def _(env, d):
    _docx(d / "xml.docx", "", {"word/document.xml": (" ", GB)})
    r = env.run(["check", "xml.docx"], d)
    return r.dutch_refusal() and "te groot" in r.err and "beschadigd" not in r.err, r


@case("1b/1d size", "docx with 100,000 paragraphs")
def _(env, d):
    _docx(d / "lang.docx", "".join(_p(f"Regel {i} van de brief.") for i in range(100_000)))
    r = env.run(["check", "lang.docx"], d, timeout=300)
    return r.clean and r.code in (0, 1), r


@case("1b/1d size", "docx with 2,000,000 empty paragraphs (54 kB)")
def _(env, d):
    _docx(d / "leeg.docx", _p("Wij sturen u een brief.") + "<w:p/>" * 2_000_000)
    r = env.run(["check", "leeg.docx"], d, timeout=300)
    return r.clean and r.code in (0, 1, 3), r


# ------------------------------------------------------------------------------- D8: quadratic paths

QUADRATIC = {
    "'*' x 200,000": ("txt", "*" * 200_000),
    "'(' x 100,000 + a + ')' x 100,000": ("txt", "(" * 100_000 + "a" + ")" * 100_000),
    "'a.' x 50,000 in one paragraph": ("txt", "Wij " + "a." * 50_000),
    "'a-' x 50,000": ("txt", "Wij " + "a-" * 50_000),
    "'1.' x 50,000": ("txt", "Wij " + "1." * 50_000),
    "'{{ ' x 50,000": ("txt", "Wij betalen " + "{{ " * 50_000),
    "md '[' x 50,000 + a + '](x)' x 50,000": ("md", "[" * 50_000 + "a" + "](x)" * 50_000),
    "md '**a ' x 50,000": ("md", "**a " * 50_000),
    "a line of 1,000,000 spaces": ("txt", "Wij sturen u een brief.\n" + " " * 1_000_000 + "\nTot ziens."),
    "8,000 findings in one paragraph": ("txt", " ".join(["Wij verstrekken u hierbij de beschikking inzake uw "
                                                         "aanvraag."] * 8000)),
}

for label, (kind, text) in QUADRATIC.items():
    @case("D8 quadratic", label)
    def _(env, d, kind=kind, text=text):
        (d / f"brief.{kind}").write_text(text, encoding="utf-8")
        r = env.run(["check", f"brief.{kind}"], d, timeout=180)
        return r.clean and r.code in (0, 1, 3), r


def _unique_text(size: int, seed: int = 1) -> str:
    demo = (ROOT / "src" / "eenvoudig" / "templates" / "demo" / "bijzondere-bijstand.txt").read_text("utf-8").split()
    rng = random.Random(seed)
    parts, n = [], 0
    while n < size:
        rng.shuffle(demo)
        p = " ".join(demo[:60]) + ".\n\n"
        parts.append(p)
        n += len(p)
    return "".join(parts)


for command in (["check"], ["rewrite"], ["render", "--format", "speech", "--no-rewrite"]):
    @case("D8 quadratic", f"1 MB of plain Dutch: {' '.join(command)}")
    def _(env, d, command=command):
        (d / "brief.txt").write_text(_unique_text(1_000_000), encoding="utf-8")
        r = env.run([*command, "brief.txt"], d, timeout=600)
        return r.clean and r.code in (0, 1), r


# ------------------------------------------------------------------------------- 1c: devices and pipes

for target in ("/dev/zero", "/dev/urandom", "link to /dev/zero", "fifo", "/proc/self/status"):
    for command in (["check"], ["rewrite", "--fix"]):
        @case("1c devices", f"{' '.join(command)} {target}")
        def _(env, d, target=target, command=command):
            name = target
            if target == "link to /dev/zero":
                (d / "brief.txt").symlink_to("/dev/zero")
                name = "brief.txt"
            elif target == "fifo":
                os.mkfifo(d / "brief.txt")
                name = "brief.txt"
            r = env.run([*command, name], d, timeout=30)
            return r.dutch_refusal(), r


# --------------------------------------------------------------------------------------- 2: file safety


def _fix(env, d, *extra, **kw):
    return env.run(["rewrite", "brief.txt", "--fix", *extra], d, **kw)


@case("2 file safety", "--backup twice keeps the first original")
def _(env, d):
    (d / "brief.txt").write_text(LETTER, encoding="utf-8")
    _fix(env, d, "--backup")
    r = _fix(env, d, "--backup", "--unsafe")
    kept = [p for p in d.iterdir() if p.name != "brief.txt" and p.read_text("utf-8", "replace") == LETTER]
    return r.clean and bool(kept), r


@case("2 file safety", "an existing brief.txt.bak is left alone")
def _(env, d):
    (d / "brief.txt").write_text(LETTER, encoding="utf-8")
    (d / "brief.txt.bak").write_text("mijn eigen kopie", encoding="utf-8")
    r = _fix(env, d, "--backup")
    return r.clean and (d / "brief.txt.bak").read_text("utf-8") == "mijn eigen kopie", r


@case("2 file safety", "three concurrent --fix --backup keep the original")
def _(env, d):
    (d / "brief.txt").write_text(LETTER * 2000, encoding="utf-8")
    env_ = env.env()
    procs = [subprocess.Popen([sys.executable, "-m", "eenvoudig", "rewrite", "brief.txt", "--fix", "--backup"],
                              cwd=d, env=env_, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(3)]
    errs = [p.communicate(timeout=300)[1].decode() for p in procs]
    start = time.perf_counter()
    kept = [p for p in d.iterdir() if p.name != "brief.txt" and p.read_text("utf-8", "replace") == LETTER * 2000]
    r = Run(max(p.returncode for p in procs), "", "\n".join(errs), time.perf_counter() - start, 0)
    return r.clean and bool(kept), r


FORMS = {
    "CRLF": "Titel\r\nWij hebben uw brief reeds gelezen.\r\n".encode(),
    "CR": b"Titel\rWij hebben uw brief reeds gelezen.\r",
    "mixed CRLF/LF": b"Titel\r\nTwee\nWij hebben uw brief reeds gelezen.\r\n",
    "UTF-8 BOM": b"\xef\xbb\xbfWij hebben uw brief reeds gelezen.\n",
    "UTF-16 (Notepad)": b"\xff\xfe" + "Wij hebben uw brief reeds gelezen.\r\n".encode("utf-16-le"),
}

for label, data in FORMS.items():
    @case("2 file safety", f"--fix keeps {label}")
    def _(env, d, data=data):
        (d / "brief.txt").write_bytes(data)
        r = _fix(env, d)
        return r.clean and (d / "brief.txt").read_bytes() == data.replace(b"reeds", b"al").replace(
            "reeds".encode("utf-16-le"), "al".encode("utf-16-le")), r


@case("2 file safety", "--fix --encoding ascii --unsafe with 'één' in the explanation")
def _(env, d):
    (d / "brief.txt").write_bytes(b"U krijgt de kostendelersnorm.\n")
    r = _fix(env, d, "--encoding", "ascii", "--unsafe")
    return r.dutch_refusal() and (d / "brief.txt").read_bytes() == b"U krijgt de kostendelersnorm.\n", r


@case("2 file safety", "--fix with 0 edits touches nothing (same inode, same mtime)")
def _(env, d):
    f = d / "brief.txt"
    f.write_bytes(b"Wij betalen u het geld.\r\n")
    os.utime(f, (1_700_000_000, 1_700_000_000))
    before = f.stat()
    r = _fix(env, d)
    after = f.stat()
    return r.clean and (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns), r


@case("2 file safety", "--fix writes through a symlink")
def _(env, d):
    (d / "echt").mkdir()
    (d / "echt" / "brief.txt").write_text(LETTER, encoding="utf-8")
    (d / "brief.txt").symlink_to(d / "echt" / "brief.txt")
    r = _fix(env, d)
    return r.clean and (d / "brief.txt").is_symlink() and "al gelezen" in (d / "echt" / "brief.txt").read_text(), r


@case("2 file safety", "--fix keeps a hard link")
def _(env, d):
    (d / "brief.txt").write_text(LETTER, encoding="utf-8")
    os.link(d / "brief.txt", d / "kopie.txt")
    r = _fix(env, d)
    return r.clean and "al gelezen" in (d / "kopie.txt").read_text(), r


@case("2 file safety", "root fixing a user's 0600 letter keeps the owner")
def _(env, d):
    if os.geteuid() != 0:
        return None, None
    f = d / "brief.txt"
    f.write_text(LETTER, encoding="utf-8")
    os.chown(f, 65534, 65534)
    os.chmod(f, 0o600)
    r = _fix(env, d)
    st = f.stat()
    return r.clean and (st.st_uid, st.st_gid, st.st_mode & 0o777) == (65534, 65534, 0o600), r


@case("2 file safety", "nobody fixing root's 0660 group-writable letter does not take it over")
def _(env, d):
    if os.geteuid() != 0:
        return None, None
    os.chmod(d, 0o777)
    f = d / "brief.txt"
    f.write_text(LETTER, encoding="utf-8")
    os.chown(f, 0, 65534)
    os.chmod(f, 0o660)
    r = _fix(env, d, user="nobody")
    st = f.stat()
    return r.clean and (st.st_uid, st.st_gid) == (0, 65534) and "al gelezen" in f.read_text(), r


for fmt in ("text", "html", "sheet", "pdf", "audio"):
    @case("2 file safety", f"render --format {fmt} into a read-only folder (as nobody)")
    def _(env, d, fmt=fmt):
        if os.geteuid() != 0:
            return None, None
        (d / "brief.txt").write_text(LETTER, encoding="utf-8")
        os.chmod(d, 0o555)
        r = env.run(["render", str(d / "brief.txt"), "--format", fmt, "--out", "uit"], d, user="nobody")
        os.chmod(d, 0o755)
        return r.dutch_refusal(), r

    @case("2 file safety", f"render --format {fmt} --out brief.txt/sub")
    def _(env, d, fmt=fmt):
        (d / "brief.txt").write_text(LETTER, encoding="utf-8")
        r = env.run(["render", "brief.txt", "--format", fmt, "--out", "brief.txt/sub"], d)
        return r.dutch_refusal(), r


@case("2 file safety", "demo into a read-only folder (as nobody)")
def _(env, d):
    if os.geteuid() != 0:
        return None, None
    os.chmod(d, 0o555)
    r = env.run(["demo"], d, user="nobody", timeout=300)
    os.chmod(d, 0o755)
    return r.dutch_refusal(), r


@case("2 file safety", "rewrite -o brief.txt/uit.txt")
def _(env, d):
    (d / "brief.txt").write_text(LETTER, encoding="utf-8")
    r = env.run(["rewrite", "brief.txt", "-o", "brief.txt/uit.txt"], d)
    return r.dutch_refusal(), r


@case("2 file safety", "a full disk while building the word tables")
def _(env, d):
    cache = d / "leeg"
    cache.mkdir()
    (d / "brief.txt").write_text(LETTER, encoding="utf-8")
    r = env.run(["check", "brief.txt"], d, fsize=600_000, EENVOUDIG_CACHE=str(cache))
    left = [p.name for p in cache.iterdir()]
    return (r.dutch_refusal() or (r.clean and r.code in (0, 1))) and not left, r


# -------------------------------------------------------------------------------------------- 4: privacy

PRIVACY_SCRIPT = textwrap.dedent('''
    import json, sys
    import eenvoudig
    from eenvoudig.errors import PrivacyError
    from eenvoudig.speech import FakeBackend, write_audio
    out = {}
    for key, (salutation, body, secrets) in json.loads(sys.argv[1]).items():
        a = eenvoudig.analyze(eenvoudig.read_text(f"{salutation}\\n\\n{body}\\n\\nMet vriendelijke groet,\\n\\nTeam Inkomen\\n"))
        voice = FakeBackend(online=True)
        try:
            list(write_audio(a, sys.argv[2] + "/a", online=True, backend=voice))
            refused = False
        except PrivacyError:
            refused = True
        first = " ".join(t for t, _ in voice.calls).lower()
        voice = FakeBackend(online=True)
        try:
            list(write_audio(a, sys.argv[2] + "/b", online=True, redact=True, backend=voice))
            sent = " ".join(t for t, _ in voice.calls).lower()
        except PrivacyError:
            sent = ""
        out[key] = [refused and not first, not any(s in sent for s in secrets), sent[:200]]
    print(json.dumps(out))
''')

PRIVACY = {   # label: (salutation, body, secrets that may not reach the voice in any form)
    "BSN 111 222 333": ("Geachte heer,", "Uw BSN is 111 222 333.", ["111", "honderdelf", "één één één"]),
    "BSN 111-222-333": ("Geachte heer,", "Uw BSN is 111-222-333.", ["111", "honderdelf", "één één één"]),
    "BSN 1112 22 333": ("Geachte heer,", "Uw BSN is 1112 22 333.", ["1112", "honderdelf", "één één één"]),
    "BSN 11122233 3": ("Geachte heer,", "Uw BSN is 11122233 3.", ["11122233", "één één één", "elf miljoen"]),
    "BSN 8 digits 12345672": ("Geachte heer,", "Uw nummer is 12345672.", ["12345672", "twaalf miljoen"]),
    "BSN 111.222.333": ("Geachte heer,", "Uw BSN is 111.222.333.", ["111", "honderdelf", "één één één"]),
    "IBAN lower case": ("Geachte heer,", "Rekening nl91abna0417164300.", ["abna", "0417", "nul vier één zeven"]),
    "IBAN lower case, spaced": ("Geachte heer,", "Rekening nl91 abna 0417 1643 00.", ["abna", "0417",
                                                                                    "nul vier één zeven"]),
    "IBAN with dashes": ("Geachte heer,", "Rekening NL91-ABNA-0417-1643-00.", ["abna", "0417", "nul vier één zeven"]),
    "IBAN 'NL 91 ABNA'": ("Geachte heer,", "Rekening NL 91 ABNA 0417 1643 00.", ["abna", "0417", "nul vier één"]),
    "IBAN with dots": ("Geachte heer,", "Rekening NL91.ABNA.0417.1643.00.", ["abna", "0417", "nul vier één zeven"]),
    "phone +31 (0)30": ("Geachte heer,", "Bel mij op +31 (0)30 123 4567.", ["4567", "vier vijf zes zeven"]),
    "phone (0)30": ("Geachte heer,", "Bel mij op (0)30 1234567.", ["1234567", "vier vijf zes zeven"]),
    "phone 030-1234567": ("Geachte heer,", "Bel mij op 030-1234567.", ["1234567", "vier vijf zes zeven"]),
    "phone right after a BSN": ("Geachte heer,", "Nummers: 111222333 0031 6 12345678.", ["12345678", "één twee"]),
    "e-mail [at]": ("Geachte heer,", "Mail naar jan [at] gemeente.nl.", ["jan"]),
    "e-mail (at)": ("Geachte heer,", "Mail naar jan(at)gemeente.nl.", ["jan"]),
    "e-mail at … dot": ("Geachte heer,", "Mail naar jan at gemeente dot nl.", ["jan"]),
    "e-mail full-width ＠": ("Geachte heer,", "Mail naar jan＠gemeente.nl.", ["jan"]),
    "e-mail @localhost": ("Geachte heer,", "Mail naar jan@localhost.", ["jan"]),
    "postcode 1234 ab": ("Geachte heer,", "Ik woon in 1234 ab Voorbeeldstad.", ["1234", "twaalf", "aa bee"]),
    "postcode 1234ab": ("Geachte heer,", "Ik woon in 1234ab Voorbeeldstad.", ["1234", "twaalf", "aa bee"]),
    "street kerkstraat 12": ("Geachte heer,", "Ik woon op kerkstraat 12.", ["kerkstraat"]),
    "street Laan van Meerdervoort 123": ("Geachte heer,", "Ik woon op Laan van Meerdervoort 123.", ["meerdervoort"]),
    "birth 'Uw geboortedatum is 03-03-1980'": ("Geachte heer,", "Uw geboortedatum is 03-03-1980.",
                                               ["1980", "negentienhonderdtachtig", "drie maart"]),
    "birth 'op 3 maart 1980 geboren'": ("Geachte heer,", "U bent op 3 maart 1980 geboren.",
                                        ["1980", "negentienhonderdtachtig", "drie maart"]),
    "birth written out": ("Geachte heer,", "U bent geboren op drie maart negentienhonderdtachtig.",
                          ["negentienhonderdtachtig", "drie maart"]),
    "birth 'Geb. datum 3/3/80'": ("Geachte heer,", "Geb. datum 3/3/80.", ["3/3", "drie maart"]),
    "name Ömer-Yıldız": ("Geachte mevrouw Ömer-Yıldız,", "Mevrouw Ömer-Yıldız, u krijgt geld.", ["ömer", "yıldız"]),
    "name Çelik": ("Geachte heer Çelik,", "Meneer Çelik krijgt geld.", ["çelik"]),
    "name Şahin": ("Geachte heer Şahin,", "Meneer Şahin krijgt geld.", ["şahin"]),
    "name 'heer/mevrouw Bakker'": ("Geachte heer/mevrouw Bakker,", "Wij betalen Bakker.", ["bakker"]),
    "name 'mevrouw dr. Bakker'": ("Geachte mevrouw dr. Bakker,", "Wij betalen mevrouw Bakker.", ["bakker"]),
    "name 'mr. A.B. Bakker'": ("Geachte heer mr. A.B. Bakker,", "Wij betalen de heer Bakker.", ["bakker"]),
    "salutation and text on one line": ("Geachte heer Bakker, wij sturen u geld.", "Meneer Bakker, bel ons.",
                                        ["bakker"]),
    "name after 'heer en mevrouw'": ("Geachte heer en mevrouw Bakker,", "Familie Bakker krijgt geld.", ["bakker"]),
    "part of a double name": ("Geachte mevrouw De Vries-Bakker,", "Mevrouw De Vries belt. Bakker ook.",
                              ["vries", "bakker"]),
    "first name of two": ("Beste Jan en Piet,", "Jan krijgt geld. Piet ook.", ["jan", "piet"]),
    "first name of a full name": ("Beste Fatima el Amrani,", "Fatima krijgt geld.", ["fatima"]),
}


def _privacy_results(env: Env, d: Path) -> dict:
    if "privacy" not in _MEMO:
        r = env.run(["-c", PRIVACY_SCRIPT, json.dumps(PRIVACY), str(d)], d, module=False, timeout=600)
        try:
            _MEMO["privacy"] = (json.loads(r.out.strip().splitlines()[-1]), r)
        except (ValueError, IndexError):
            _MEMO["privacy"] = ({}, r)
    return _MEMO["privacy"]


_MEMO: dict = {}

for label in PRIVACY:
    @case("4 privacy", f"guard refuses: {label}")
    def _(env, d, label=label):
        results, r = _privacy_results(env, d)
        return bool(results.get(label, [False])[0]), r

    @case("4 privacy", f"--redact replaces: {label}")
    def _(env, d, label=label):
        results, r = _privacy_results(env, d)
        return bool(results.get(label, [False, False])[1]), r


@case("4 privacy", "a config file switches the online voice on")
def _(env, d):
    (d / ".git").mkdir()
    (d / "sub").mkdir()
    (d / "pyproject.toml").write_text('[tool.eenvoudig.speech]\nonline = true\nredact = true\nbackend = "fake"\n'
                                      'online-backend = "fake"\n')
    (d / "sub" / "brief.txt").write_text("Wij sturen u een brief.\n", encoding="utf-8")
    r = env.run(["render", "brief.txt", "--format", "audio", "--out", "uit", "--no-rewrite"], d / "sub")
    manifest = d / "sub" / "uit" / "audio.json"
    online = json.loads(manifest.read_text())["online"] if manifest.exists() else None
    return r.clean and online is False and "--online" in r.err, r


@case("4 privacy", "tld = 'nl@127.0.0.1:8443' in the config")
def _(env, d):
    (d / "eenvoudig.toml").write_text('[speech]\ntld = "nl@127.0.0.1:8443"\n')
    (d / "brief.txt").write_text("Wij sturen u een brief.\n", encoding="utf-8")
    r = env.run(["render", "brief.txt", "--format", "audio", "--online", "--out", "uit", "--no-rewrite"], d)
    return r.dutch_refusal() and "tld" in r.err, r


TLS_SCRIPT = textwrap.dedent('''
    import json, socket, ssl, subprocess, sys, threading
    from pathlib import Path
    d = Path(sys.argv[1])
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(d / "key.pem"),
                    "-out", str(d / "cert.pem"), "-days", "1", "-subj", "/CN=niet-google"], capture_output=True)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(d / "cert.pem", d / "key.pem")
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen()
    port = srv.getsockname()[1]
    got = []
    def serve():
        while True:
            conn, _ = srv.accept()
            try:
                with ctx.wrap_socket(conn, server_side=True) as s:
                    got.append(s.recv(65536))
            except Exception:
                pass
    threading.Thread(target=serve, daemon=True).start()
    import gtts.tts, eenvoudig.speech as sp
    url = f"https://127.0.0.1:{port}/_/TranslateWebserverUi/data/batchexecute"
    gtts.tts._translate_url = lambda tld="com", path="": url      # the old code sends here
    sp.GTTS_URL = url                                             # the new code sends here
    try:
        sp.GttsBackend().synthesize("Uw geheime zin.")
        outcome = "sent"
    except Exception as exc:
        outcome = type(exc).__name__ + ": " + str(exc)
    import time; time.sleep(0.5)
    print(json.dumps({"received": [g.decode("latin-1") for g in got], "outcome": outcome}))
''')


@case("4 privacy", "a TLS server with a self-signed certificate gets nothing")
def _(env, d):
    if not shutil.which("openssl"):
        return None, None
    r = env.run(["-c", TLS_SCRIPT, str(d)], d, module=False, timeout=60, EENVOUDIG_CACHE=str(d / "c"))
    try:
        res = json.loads(r.out.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return False, r
    return not any("geheime" in g for g in res["received"]) and "veilige verbinding" in res["outcome"], r


CACHE_SCRIPT = textwrap.dedent('''
    import hashlib, json, os, stat, sys
    from pathlib import Path
    import eenvoudig.speech as sp
    sp.GttsBackend._send = lambda self, text, slow: b"ID3 geluid"     # the new code: no network
    try:
        import gtts.tts
        class Fake:                                                   # the old code: no network either
            def __init__(self, *a, **k): pass
            def write_to_fp(self, fp): fp.write(b"ID3 geluid")
        gtts.gTTS = Fake
    except ImportError:
        pass
    sp.GttsBackend().synthesize("Uw geheime zin.")
    folder = Path(os.environ["EENVOUDIG_CACHE"]) / "gtts"
    files = list(folder.glob("*.mp3"))
    old_name = hashlib.sha256(json.dumps(["gtts", 1, "nl", "nl", False, "Uw geheime zin."], ensure_ascii=False)
                              .encode()).hexdigest()
    print(json.dumps({"dir": oct(stat.S_IMODE(folder.stat().st_mode)),
                      "files": [oct(stat.S_IMODE(f.stat().st_mode)) for f in files],
                      "guessable": any(f.stem == old_name for f in files)}))
''')


@case("4 privacy", "online cache: private and not a plain hash of the sentence")
def _(env, d):
    r = env.run(["-c", CACHE_SCRIPT], d, module=False, EENVOUDIG_CACHE=str(d / "c"))
    try:
        res = json.loads(r.out.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return False, r
    return res["dir"] == "0o700" and res["files"] == ["0o600"] and not res["guessable"], r


@case("4 privacy", "kill -9 during an atomic write leaves no letter text")
def _(env, d):
    script = ("import sys, time\nfrom eenvoudig.files import open_atomic\n"
              "with open_atomic(sys.argv[1]) as f:\n    f.write(b'Geheime brieftekst' * 1000)\n    f.flush()\n"
              "    print('klaar', flush=True)\n    time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", script, str(d / "brief.txt")], env=env.env(), cwd=d,
                            stdout=subprocess.PIPE)
    proc.stdout.readline()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    left = [p.name for p in d.iterdir()]
    return left == [], Run(proc.returncode, "", " ".join(left), 0, 0)


# --------------------------------------------------------------------------------- 5: config and lexicon

CONFIGS = {
    "tool = 5": ("pyproject.toml", "tool = 5\n"),
    "[tool] eenvoudig = 'x'": ("pyproject.toml", '[tool]\neenvoudig = "x"\n'),
    "[tool] eenvoudig = [1, 2]": ("pyproject.toml", "[tool]\neenvoudig = [1, 2]\n"),
    "max-file-mb = inf": ("eenvoudig.toml", "max-file-mb = inf\n"),
    "max-file-mb = nan": ("eenvoudig.toml", "max-file-mb = nan\n"),
    "max-file-mb = 1e308": ("eenvoudig.toml", "max-file-mb = 1e308\n"),
    "max-file-mb = 0": ("eenvoudig.toml", "max-file-mb = 0\n"),
    "max-file-mb = -1": ("eenvoudig.toml", "max-file-mb = -1\n"),
    "max-file-mb = true": ("eenvoudig.toml", "max-file-mb = true\n"),
    "threshold warning = 'abc'": ("eenvoudig.toml", '[thresholds."zin.lang"]\nwarning = "abc"\n'),
    "threshold warning = [1,2]": ("eenvoudig.toml", '[thresholds."zin.lang"]\nwarning = [1, 2]\n'),
    "threshold warning = {}": ("eenvoudig.toml", '[thresholds."zin.lang"]\nwarning = {a = 1}\n'),
    "a = [[[…]]] 100,000 deep": ("eenvoudig.toml", "a = " + "[" * 100_000 + "]" * 100_000 + "\n"),
    "lint = 5": ("eenvoudig.toml", "lint = 5\n"),
}

for label, (name, content) in CONFIGS.items():
    @case("5 config", label)
    def _(env, d, name=name, content=content):
        (d / ".git").mkdir()
        (d / name).write_text(content, encoding="utf-8")
        (d / "brief.txt").write_text(LETTER, encoding="utf-8")
        r = env.run(["check", "brief.txt"], d)
        # a pyproject.toml whose [tool] is not a table is not eenvoudig's config: checking goes on
        return r.dutch_refusal() or (name == "pyproject.toml" and r.clean and r.code in (0, 1)), r


@case("5 config", "unknown rule id 'zin.lengte' in [rules] gets a warning")
def _(env, d):
    (d / ".git").mkdir()
    (d / "eenvoudig.toml").write_text('[rules]\n"zin.lengte" = false\n', encoding="utf-8")
    (d / "brief.txt").write_text(LETTER, encoding="utf-8")
    r = env.run(["check", "brief.txt"], d)
    return r.clean and "zin.lengte" in r.err, r


for target in ("/dev/zero", "a folder"):
    @case("5 config", f"--config {target}")
    def _(env, d, target=target):
        (d / "map").mkdir()
        (d / "brief.txt").write_text(LETTER, encoding="utf-8")
        r = env.run(["--config", "map" if target == "a folder" else target, "check", "brief.txt"], d, timeout=30)
        return r.clean and r.code in (2, 3) and "is a directory" not in r.err, r


@case("5 config", "a lexicon that is a link to /dev/zero")
def _(env, d):
    (d / ".git").mkdir()
    (d / "lex").mkdir()
    (d / "lex" / "a.tsv").symlink_to("/dev/zero")
    (d / "eenvoudig.toml").write_text('lexicons = ["lex/a.tsv"]\n', encoding="utf-8")
    (d / "brief.txt").write_text(LETTER, encoding="utf-8")
    r = env.run(["check", "brief.txt"], d, timeout=30)
    return r.dutch_refusal(), r


@case("5 config", "a user lexicon saved with a BOM")
def _(env, d):
    (d / ".git").mkdir()
    (d / "eigen.tsv").write_bytes(b"\xef\xbb\xbf" + (ROOT / "src" / "eenvoudig" / "lexicon" / "afkortingen.tsv").read_bytes())
    (d / "eenvoudig.toml").write_text('lexicons = ["eigen.tsv"]\n', encoding="utf-8")
    (d / "brief.txt").write_text(LETTER, encoding="utf-8")
    r = env.run(["check", "brief.txt"], d)
    return r.clean and r.code in (0, 1), r


# ---------------------------------------------------------------------------------- 6: load, D16: small

LOAD_SCRIPT = textwrap.dedent('''
    import random, resource, sys
    import eenvoudig
    rng = random.Random(3)
    def word(n):
        return "".join(rng.choice("aeioustrnlkdm") for _ in range(n))
    rss = []
    for i in range(6000):
        names = " ".join(word(16) for _ in range(20))
        text = f"Geachte heer {word(8).title()},\\n\\nWij sturen u een brief over {names}.\\n\\nMet vriendelijke groet,\\n"
        eenvoudig.check(eenvoudig.analyze(eenvoudig.read_text(text)))
        if i % 1000 == 999:
            rss.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    print(rss)
''')


@case("6 load", "6,000 unique letters in one process: memory levels off")
def _(env, d):
    r = env.run(["-c", LOAD_SCRIPT], d, module=False, timeout=1800)
    try:
        rss = json.loads(r.out.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return False, r
    r.out = f"RSS after 1000, 2000, … letters (MB): {rss}"
    return r.clean and rss[-1] < 600 and rss[-1] - rss[-3] < 40, r   # the last 2,000 letters: flat


@case("D16 small", "check does not echo terminal escapes")
def _(env, d):
    (d / "brief.txt").write_text("Wij verstrekken u \x1b]0;gehackt\x07de beschikking \x1b[2J inzake uw aanvraag. "
                                 "U krijgt het geld binnen twee weken op uw rekening. Hebt u vragen? Bel ons dan.\n")
    r = env.run(["check", "brief.txt"], d)
    return r.clean and r.code == 1 and "\x1b" not in r.out and "\x07" not in r.out, r


for label, text in {"Word bullets U+F0B7": "\uf0b7 Neem uw paspoort mee.\n\uf0b7 Kom op tijd.\n",
                    "Greek UTF-8": "Καλημέρα, αυτό είναι ένα γράμμα.\n",
                    "Arabic UTF-8": "مرحبا، هذه رسالة من البلدية.\n",
                    "full-width UTF-8": "ｗｉｊ ｓｔｕｒｅｎ ｕ ｅｅｎ ｂｒｉｅｆ．\n"}.items():
    @case("D16 small", f"{label} is text, not 'binair'")
    def _(env, d, text=text):
        (d / "brief.txt").write_text(text, encoding="utf-8")
        r = env.run(["check", "brief.txt"], d)
        return r.clean and r.code in (0, 1) and "binair" not in r.err, r


@case("D16 small", "lone surrogates in the API are an InputError")
def _(env, d):
    script = ("import eenvoudig\nfrom eenvoudig.errors import InputError\ntry:\n"
              "    eenvoudig.analyze(eenvoudig.read_text('Wij \\ud800 betalen.'))\n    print('geaccepteerd')\n"
              "except InputError:\n    print('InputError')\n")
    r = env.run(["-c", script], d, module=False)
    return r.out.strip() == "InputError", r


# ------------------------------------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--src", type=Path, help="source folder of the code to attack (default: installed)")
    parser.add_argument("--only", help="comma-separated class prefixes, e.g. 4,2,D8")
    parser.add_argument("--json", type=Path, help="write every result to this file")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="eenvoudig-aanval-"))
    os.chmod(work, 0o755)
    env = Env(args.src.resolve() if args.src else None, work)
    (work / "home").mkdir()
    env.run(["-c", "import eenvoudig; eenvoudig.analyze(eenvoudig.read_text('Wij sturen u een brief.'))"],
            work, module=False, timeout=300)   # warm the word-table cache once
    wanted = [w.strip() for w in args.only.split(",")] if args.only else None
    results: list[dict] = []
    totals: dict[str, list[int]] = {}
    for cls, name, fn in CASES:
        if wanted and not any(cls.startswith(w) for w in wanted):
            continue
        d = work / f"case-{len(results):03d}"
        d.mkdir()
        os.chmod(d, 0o755)
        try:
            ok, run = fn(env, d)
        except Exception as exc:  # noqa: BLE001 - a case that cannot even be set up did not survive
            ok, run = False, Run(-1, "", f"{type(exc).__name__}: {exc}", 0, 0)
        if ok is None:
            print(f"  skip  {cls:14s} {name}")
            continue
        t = totals.setdefault(cls, [0, 0])
        t[0] += 1
        t[1] += bool(ok)
        detail = (run.killed or f"exit {run.code}") if run else ""
        print(f"  {'ok  ' if ok else 'FAIL'}  {cls:14s} {name:58s} {detail:9s} {run.seconds:7.1f} s "
              f"{run.peak_mb:7.0f} MB  {(run.err or run.out).strip().splitlines()[-1][:90] if (run.err or run.out).strip() else ''}",
              flush=True)
        results.append({"class": cls, "case": name, "survived": bool(ok), "exit": run.code, "killed": run.killed,
                        "seconds": round(run.seconds, 2), "peak_mb": round(run.peak_mb), "stderr": run.err[-500:]})
        shutil.rmtree(d, ignore_errors=True)
    print("\n| class | tried | survived |\n| --- | ---: | ---: |")
    for cls, (tried, ok) in totals.items():
        print(f"| {cls} | {tried} | {ok} |")
    print(f"| **all** | **{sum(t for t, _ in totals.values())}** | **{sum(o for _, o in totals.values())}** |")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
