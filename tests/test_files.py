"""File safety: `rewrite --fix`, `--backup` and output folders never lose or mangle a user's file.

Each test reproduces a defect of the attack report (research/attack-2026-12.md, D5-D7, D12) and failed
on the code before the fix.
"""

from __future__ import annotations

import os
import stat
import threading
import time
from pathlib import Path

import pytest

OLD = "Wij hebben uw brief reeds gelezen.\n"
NEW = "Wij hebben uw brief al gelezen.\n"


def _fix(run_main, path: Path, *extra: str):
    return run_main("rewrite", str(path), "--fix", *extra, cwd=path.parent)


# ------------------------------------------------------------------------------------- D5: backups


def test_backup_keeps_the_first_original(run_main, tmp_path) -> None:
    f = tmp_path / "brief.txt"
    f.write_text("Wij hebben uw brief reeds gelezen. Dit is in casu niet nodig.\n", encoding="utf-8")
    (tmp_path / "brief.txt.bak").write_text("mijn eigen kopie", encoding="utf-8")
    first = _fix(run_main, f, "--backup")
    assert first.exit_code == 0, first.stderr
    assert "brief.txt.~1~" in first.stderr
    second = _fix(run_main, f, "--backup", "--unsafe")
    assert second.exit_code == 0, second.stderr
    assert (tmp_path / "brief.txt.~1~").read_text(encoding="utf-8") == \
        "Wij hebben uw brief reeds gelezen. Dit is in casu niet nodig.\n"
    assert (tmp_path / "brief.txt.bak").read_text(encoding="utf-8") == "mijn eigen kopie"   # never touched
    names = sorted(p.name for p in tmp_path.iterdir() if p.name != ".git")
    assert names[:2] == ["brief.txt", "brief.txt.bak"] and "brief.txt.~1~" in names


def test_backup_message_names_the_folder_too(run_main, tmp_path) -> None:
    # new user, 2026-12-03: "het origineel staat in brief.txt.~1~" for a letter in another folder
    (tmp_path / "brieven").mkdir()
    f = tmp_path / "brieven" / "brief.txt"
    f.write_text(OLD, encoding="utf-8")
    result = run_main("rewrite", "brieven/brief.txt", "--fix", "--backup", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("eenvoudig: 1 verandering uitgevoerd (1 woord); geschreven naar brieven/brief.txt; het "
                             "origineel staat in brieven/brief.txt.~1~.\n")
    assert (tmp_path / "brieven" / "brief.txt.~1~").read_text(encoding="utf-8") == OLD


def test_concurrent_fixes_wait_for_each_other(tmp_path) -> None:
    from eenvoudig.files import locked

    f = tmp_path / "brief.txt"
    f.write_text(OLD, encoding="utf-8")
    order: list[str] = []
    inside = threading.Event()

    def first() -> None:
        with locked(f):
            order.append("eerste in")
            inside.set()
            time.sleep(0.3)
            order.append("eerste uit")

    def second() -> None:
        inside.wait()
        with locked(f):
            order.append("tweede in")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert order == ["eerste in", "eerste uit", "tweede in"]


def test_a_waiting_fix_locks_the_new_file_after_a_replace(tmp_path) -> None:
    from eenvoudig.files import locked, replace_file

    f = tmp_path / "brief.txt"
    f.write_text(OLD, encoding="utf-8")
    seen: list[bytes] = []
    inside = threading.Event()

    def first() -> None:
        with locked(f):
            inside.set()
            time.sleep(0.2)
            replace_file(f, NEW.encode())

    def second() -> None:
        inside.wait()
        with locked(f):
            seen.append(f.read_bytes())

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == [NEW.encode()]


# ------------------------------------------------------------------------------ D6: keep the file's own form

FORMS = [
    ("crlf", OLD.replace("\n", "\r\n").encode(), NEW.replace("\n", "\r\n").encode(), None),
    ("cr", b"Titel\rWij hebben uw brief reeds gelezen.\r", b"Titel\rWij hebben uw brief al gelezen.\r", None),
    ("mixed", b"Titel\r\nTweede regel\nWij hebben uw brief reeds gelezen.\r\n",
     b"Titel\r\nTweede regel\nWij hebben uw brief al gelezen.\r\n", None),
    ("bom", b"\xef\xbb\xbf" + OLD.encode(), b"\xef\xbb\xbf" + NEW.encode(), None),
    ("utf16", b"\xff\xfe" + OLD.replace("\n", "\r\n").encode("utf-16-le"),
     b"\xff\xfe" + NEW.replace("\n", "\r\n").encode("utf-16-le"), None),
    ("utf16be", b"\xfe\xff" + OLD.encode("utf-16-be"), b"\xfe\xff" + NEW.encode("utf-16-be"), None),
    ("cp1252", "Café: wij hebben uw brief reeds gelezen.\n".encode("cp1252"),
     "Café: wij hebben uw brief al gelezen.\n".encode("cp1252"), "cp1252"),
]


@pytest.mark.parametrize(("name", "before", "after", "encoding"), FORMS, ids=[f[0] for f in FORMS])
def test_fix_keeps_line_endings_bom_and_encoding(run_main, tmp_path, name, before, after, encoding) -> None:
    f = tmp_path / "brief.txt"
    f.write_bytes(before)
    result = _fix(run_main, f, *(["--encoding", encoding] if encoding else []))
    assert result.exit_code == 0, result.stderr
    assert f.read_bytes() == after


def test_an_encoding_that_cannot_hold_the_new_text_changes_nothing(run_main, tmp_path) -> None:
    f = tmp_path / "brief.txt"
    f.write_bytes(b"U krijgt de kostendelersnorm.\n")
    before = f.stat()
    result = _fix(run_main, f, "--encoding", "ascii", "--unsafe")
    assert result.exit_code == 3
    assert "past niet in de codering ascii" in result.stderr and "interne fout" not in result.stderr
    assert f.read_bytes() == b"U krijgt de kostendelersnorm.\n" and f.stat().st_ino == before.st_ino


def test_fix_without_edits_touches_nothing(run_main, tmp_path) -> None:
    f = tmp_path / "brief.txt"
    f.write_bytes(b"Wij betalen u het geld.\r\n")
    old = time.time() - 3600
    os.utime(f, (old, old))
    before = f.stat()
    result = _fix(run_main, f, "--backup")
    assert result.exit_code == 0
    assert "niet veranderd" in result.stderr
    after = f.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (before.st_ino, before.st_mtime_ns, before.st_size)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".git") == ["brief.txt"]   # no backup either


def test_fix_writes_through_a_symlink(run_main, tmp_path) -> None:
    real = tmp_path / "echt"
    real.mkdir()
    target = real / "brief.txt"
    target.write_text(OLD, encoding="utf-8")
    link = tmp_path / "brief.txt"
    link.symlink_to(target)
    result = _fix(run_main, link)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == NEW


def test_fix_keeps_hard_links(run_main, tmp_path) -> None:
    f = tmp_path / "brief.txt"
    f.write_text(OLD, encoding="utf-8")
    other = tmp_path / "kopie.txt"
    os.link(f, other)
    inode = f.stat().st_ino
    result = _fix(run_main, f)
    assert result.exit_code == 0, result.stderr
    assert f.stat().st_ino == inode and other.read_text(encoding="utf-8") == NEW
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".git") == ["brief.txt", "kopie.txt"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file to another user")
def test_fix_keeps_owner_group_and_mode(run_main, tmp_path) -> None:
    f = tmp_path / "brief.txt"
    f.write_text(OLD, encoding="utf-8")
    os.chown(f, 65534, 65534)
    os.chmod(f, 0o640)
    result = _fix(run_main, f)
    assert result.exit_code == 0, result.stderr
    st = f.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (65534, 65534, 0o640)
    assert f.read_text(encoding="utf-8") == NEW


def test_in_place_write_keeps_the_inode_and_leaves_nothing(tmp_path, monkeypatch) -> None:
    # the path taken when the owner cannot be kept (not root, not our file): same inode, no rescue left
    from eenvoudig import files

    f = tmp_path / "brief.txt"
    f.write_text(OLD, encoding="utf-8")
    inode = f.stat().st_ino
    monkeypatch.setattr(files, "_can_keep_owner", lambda st: False)
    files.replace_file(f, NEW.encode())
    assert f.stat().st_ino == inode and f.read_text(encoding="utf-8") == NEW
    assert [p.name for p in tmp_path.iterdir()] == ["brief.txt"]


# --------------------------------------------------------------------------- D7: folders and a full disk


@pytest.mark.parametrize("fmt", ["text", "html", "sheet", "audio"])
def test_render_into_a_file_as_folder_is_a_dutch_message(run_main, tmp_path, fmt) -> None:
    f = tmp_path / "brief.txt"
    f.write_text("Wij sturen u een brief.\n", encoding="utf-8")
    result = run_main("render", str(f), "--format", fmt, "--out", str(f / "sub"), "--no-rewrite", cwd=tmp_path)
    assert result.exit_code == 3, result.stderr
    assert "is een bestand, geen map" in result.stderr and "interne fout" not in result.stderr


def test_render_into_a_folder_we_may_not_write_is_a_dutch_message(run_main, tmp_path, monkeypatch) -> None:
    # as root every folder is writable, so the operating system's refusal is simulated
    f = tmp_path / "brief.txt"
    f.write_text("Wij sturen u een brief.\n", encoding="utf-8")

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    for args in (["render", str(f), "--format", "html", "--out", "uit"], ["demo", "--out", "uit"]):
        result = run_main(*args, cwd=tmp_path)
        assert result.exit_code == 3, result.stderr
        assert "geen toegang" in result.stderr and "interne fout" not in result.stderr


def test_rewrite_output_below_a_file_is_a_dutch_message(run_main, tmp_path) -> None:
    f = tmp_path / "brief.txt"
    f.write_text(OLD, encoding="utf-8")
    result = run_main("rewrite", str(f), "-o", str(f / "uit.txt"), cwd=tmp_path)
    assert result.exit_code == 3
    assert "geen map" in result.stderr and "interne fout" not in result.stderr


def test_a_full_disk_while_building_the_word_tables(monkeypatch, tmp_path) -> None:
    import sqlite3

    from eenvoudig.analysis import wordinfo
    from eenvoudig.errors import DataError

    monkeypatch.setenv("EENVOUDIG_CACHE", str(tmp_path))

    def full(conn) -> None:
        conn.execute("CREATE TABLE x(a)")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(wordinfo, "_fill", full)
    with pytest.raises(DataError, match="schijf vol"):
        wordinfo._open()
    assert list(tmp_path.iterdir()) == []           # no .woorden-*.tmp left


# ------------------------------------------------------------------------------ D12: not a regular file


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/urandom"])
def test_devices_are_refused(run_main, tmp_path, path) -> None:
    if not os.path.exists(path):
        pytest.skip(f"{path} does not exist here")
    link = tmp_path / "brief.txt"
    link.symlink_to(path)
    for target in (path, str(link)):
        result = run_main("check", target, cwd=tmp_path)
        assert result.exit_code == 3
        assert "geen gewoon bestand maar een apparaat" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_hanging(run_main, tmp_path) -> None:
    fifo = tmp_path / "brief.txt"
    os.mkfifo(fifo)
    result = run_main("rewrite", str(fifo), "--fix", cwd=tmp_path)
    assert result.exit_code == 3
    assert "pijp" in result.stderr


def test_proc_files_are_refused(run_main, tmp_path) -> None:
    if not os.path.exists("/proc/self/status"):
        pytest.skip("no /proc here")
    result = run_main("rewrite", "/proc/self/status", "--fix", cwd=tmp_path)
    assert result.exit_code == 3
    assert "systeembestand" in result.stderr


def test_the_size_limit_holds_while_reading(tmp_path, monkeypatch) -> None:
    # a file that says it is small but is not (it grows, or its size lies) is cut off at the limit
    from eenvoudig.document import read
    from eenvoudig.errors import InputError

    f = tmp_path / "brief.txt"
    f.write_bytes(b"Wij sturen u een brief. " * 100)
    def lying(real):
        def stat_(*args, **kwargs):
            st = real(*args, **kwargs)
            return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, 0,
                                   st.st_atime, st.st_mtime, st.st_ctime))
        return stat_

    monkeypatch.setattr(os, "fstat", lying(os.fstat))
    monkeypatch.setattr(os, "stat", lying(os.stat))
    with pytest.raises(InputError, match="te groot"):
        read(f, max_bytes=1000)
