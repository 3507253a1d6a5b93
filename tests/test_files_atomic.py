"""write_atomic / open_atomic / replace_file / numbered_backup: the file system after a failure, exactly.

Each failure is simulated with monkeypatch (a full disk, a failed rename, an interrupt between writing
and renaming). After every failure the target is byte for byte the old file (or absent, if there was
none) and the folder holds nothing else: no temporary file, no copy of the letter.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path

import pytest

from eenvoudig import files
from eenvoudig.errors import InputError

OLD = b"Oude brief: Wij hebben uw brief reeds gelezen.\n"
NEW = b"Nieuwe brief: " + b"x" * 100_000 + b"\n"


def _full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture(params=["unnamed", "named"])
def way(request, monkeypatch):
    """Both ways open_atomic works: an unnamed O_TMPFILE file (Linux) and a named private temp file."""
    if request.param == "unnamed" and not hasattr(os, "O_TMPFILE"):
        pytest.skip("no O_TMPFILE here")
    # (where the kernel refuses to link an unnamed file, as in some sandboxes, the data is then copied)
    monkeypatch.setitem(files._UNNAMED, "works", request.param == "unnamed")
    return request.param


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("broken", ["replace", "fsync", "write"])
def test_a_failed_write_leaves_the_old_file_and_nothing_else(tmp_path, monkeypatch, way, broken) -> None:
    target = tmp_path / "brief.txt"
    target.write_bytes(OLD)
    if broken == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, f):
                self._f = f

            def __getattr__(self, name):
                return getattr(self._f, name)

            def write(self, data):
                self._f.write(data[: len(data) // 2])   # half of it fits, then the disk is full
                _full()

        monkeypatch.setattr(os, "fdopen", lambda *a, **k: Full(real_fdopen(*a, **k)))
    else:
        monkeypatch.setattr(os, broken, _full)
    with pytest.raises(InputError) as info:
        files.write_atomic(target, NEW)
    assert str(info.value) == (f"{target}: kan het bestand niet schrijven (de schijf is vol). "
                               "Er is niets veranderd.")
    assert target.read_bytes() == OLD
    assert _names(tmp_path) == ["brief.txt"]


def test_a_failed_new_file_does_not_appear(tmp_path, monkeypatch, way) -> None:
    monkeypatch.setattr(os, "replace", _full)
    with pytest.raises(InputError):
        files.write_atomic(tmp_path / "nieuw.txt", NEW)
    assert _names(tmp_path) == []


def test_the_target_is_old_or_new_never_half(tmp_path, monkeypatch, way) -> None:
    """Interrupted between writing and renaming: the target is still wholly old; the new data is whole."""
    target = tmp_path / "brief.txt"
    target.write_bytes(OLD)
    seen = {}
    real_replace = os.replace

    def interrupted(src, dst):
        seen["target"] = Path(dst).read_bytes()
        seen["temp"] = Path(src).read_bytes()
        seen["names"] = _names(tmp_path)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):   # not turned into a Dutch message: the user stopped us
        files.write_atomic(target, NEW)
    assert seen["target"] == OLD and seen["temp"] == NEW
    assert len(seen["names"]) == 2 and seen["names"][0].startswith(".brief.txt.") \
        and seen["names"][0].endswith(".tmp")
    assert target.read_bytes() == OLD and _names(tmp_path) == ["brief.txt"]
    # and when the rename happens, the target is the whole new file at once
    monkeypatch.setattr(os, "replace", real_replace)
    files.write_atomic(target, NEW)
    assert target.read_bytes() == NEW and _names(tmp_path) == ["brief.txt"]


def test_an_error_inside_the_block_writes_nothing(tmp_path, way) -> None:
    target = tmp_path / "brief.txt"
    target.write_bytes(OLD)
    with pytest.raises(ValueError):
        with files.open_atomic(target) as f:
            f.write(NEW[:5000])
            raise ValueError("stop")
    assert target.read_bytes() == OLD and _names(tmp_path) == ["brief.txt"]


def test_text_is_written_as_utf8(tmp_path, way) -> None:
    files.write_atomic(tmp_path / "a.txt", "één € brief")
    assert (tmp_path / "a.txt").read_bytes() == "één € brief".encode("utf-8")


def test_permission_bits(tmp_path, way) -> None:
    umask = os.umask(0o022)
    try:
        files.write_atomic(tmp_path / "nieuw.txt", b"a")
        assert stat.S_IMODE((tmp_path / "nieuw.txt").stat().st_mode) == 0o644
        old = tmp_path / "oud.txt"
        old.write_bytes(b"a")
        old.chmod(0o640)
        files.write_atomic(old, b"b")
        assert stat.S_IMODE(old.stat().st_mode) == 0o640
        files.write_atomic(old, b"c", mode=0o600)
        assert stat.S_IMODE(old.stat().st_mode) == 0o600 and old.read_bytes() == b"c"
    finally:
        os.umask(umask)


def test_folder_errors_are_dutch(tmp_path) -> None:
    with pytest.raises(InputError) as info:
        files.write_atomic(tmp_path / "weg" / "a.txt", b"a")
    assert str(info.value) == f"{tmp_path / 'weg' / 'a.txt'}: de map {tmp_path / 'weg'} bestaat niet."
    (tmp_path / "f").write_bytes(b"")
    with pytest.raises(InputError) as info:
        files.write_atomic(tmp_path / "f" / "a.txt", b"a")
    assert str(info.value) == f"{tmp_path / 'f' / 'a.txt'}: {tmp_path / 'f'} is geen map maar een bestand."
    folder = tmp_path / "x"
    assert str(files._folder_error(folder / "a", folder, PermissionError(13, "Permission denied"))) == \
        f"{folder / 'a'}: u mag niet schrijven in de map {folder}."
    assert str(files._folder_error(folder / "a", folder, OSError(errno.EIO, "I/O error"))) == \
        f"{folder / 'a'}: kan niet schrijven in de map {folder} (de schijf geeft een fout)."
    # the system's English words were in the message (new user, 2026-12-03: a read-only folder)
    assert str(files._folder_error(folder / "a", folder, OSError(errno.EROFS, "Read-only file system"))) == \
        f"{folder / 'a'}: kan niet schrijven in de map {folder} (de schijf of map is alleen-lezen)."
    assert str(files._folder_error(folder / "a", folder, OSError(errno.ENOTSUP, "Operation not supported"))) == \
        f"{folder / 'a'}: kan niet schrijven in de map {folder} (Operation not supported)."   # a rare one: as it is


def test_a_relative_name_is_written_in_the_working_folder(tmp_path, monkeypatch, way) -> None:
    monkeypatch.chdir(tmp_path)
    files.write_atomic("los.txt", b"a")
    assert (tmp_path / "los.txt").read_bytes() == b"a" and _names(tmp_path) == ["los.txt"]


def test_naming_the_unnamed_file_falls_back_to_a_copy(tmp_path, monkeypatch) -> None:
    if not hasattr(os, "O_TMPFILE"):
        pytest.skip("no O_TMPFILE here")
    monkeypatch.setitem(files._UNNAMED, "works", True)

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", refuse)
    files.write_atomic(tmp_path / "a.txt", NEW, mode=0o640)
    assert (tmp_path / "a.txt").read_bytes() == NEW and _names(tmp_path) == ["a.txt"]
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o640
    assert files._UNNAMED["works"] is False   # and the next write does not try again


def test_sweep_removes_only_our_stale_temp_files(tmp_path) -> None:
    stale = tmp_path / ".brief.txt.abc123.tmp"
    fresh = tmp_path / ".brief.txt.def456.tmp"
    other = tmp_path / ".ander.txt.abc123.tmp"
    odd = tmp_path / ".brief.txt.ab.tmp"          # too short a random part: not ours
    for p in (stale, fresh, other, odd):
        p.write_bytes(b"oud")
    old = time.time() - files.STALE_SECONDS - 5
    for p in (stale, other, odd):
        os.utime(p, (old, old))
    just = time.time() - files.STALE_SECONDS + 30
    os.utime(fresh, (just, just))
    files.write_atomic(tmp_path / "brief.txt", b"a")
    assert _names(tmp_path) == [".ander.txt.abc123.tmp", ".brief.txt.ab.tmp", ".brief.txt.def456.tmp", "brief.txt"]


def test_replace_file_failure_changes_nothing(tmp_path, monkeypatch) -> None:
    target = tmp_path / "brief.txt"
    target.write_bytes(OLD)
    for broken in ("replace", "fsync"):
        with monkeypatch.context() as m:
            m.setattr(os, broken, _full)
            with pytest.raises(InputError) as info:
                files.replace_file(target, NEW)
        assert str(info.value) == (f"{target}: kan het bestand niet schrijven (de schijf is vol). "
                                   "Er is niets veranderd.")
        assert target.read_bytes() == OLD and _names(tmp_path) == ["brief.txt"]
    assert files.replace_file(target, NEW) == target and target.read_bytes() == NEW
    with pytest.raises(InputError) as info:
        files.replace_file(tmp_path / "weg.txt", NEW)
    assert str(info.value) == f"{tmp_path / 'weg.txt'}: het bestand is verdwenen; er is niets veranderd."


def test_in_place_write_failure_keeps_a_rescue_copy(tmp_path, monkeypatch) -> None:
    target = tmp_path / "brief.txt"
    target.write_bytes(OLD)
    monkeypatch.setattr(files, "_can_keep_owner", lambda st: False)
    real_fsync = os.fsync
    calls = []

    def second_fails(fd):
        calls.append(fd)
        if len(calls) >= 2:      # the rescue copy is written; the user's file is not
            _full()
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", second_fails)
    with pytest.raises(InputError) as info:
        files.replace_file(target, NEW)
    rescue = tmp_path / ".brief.txt.eenvoudig-oud"
    assert str(info.value) == (f"{target}: kan het bestand niet schrijven (de schijf is vol). De oude "
                               f"tekst staat in {rescue}.")
    assert rescue.read_bytes() == OLD and stat.S_IMODE(rescue.stat().st_mode) == 0o600


def test_numbered_backup_numbers_and_never_overwrites(tmp_path) -> None:
    f = tmp_path / "brief[1].txt"
    f.write_bytes(OLD)
    f.chmod(0o640)
    assert files.numbered_backup(f, b"een").name == "brief[1].txt.~1~"
    (tmp_path / "brief[1].txt.~7~").write_bytes(b"zeven")
    (tmp_path / "brief[1].txt.~x~").write_bytes(b"geen nummer")
    second = files.numbered_backup(f, b"acht")
    assert second.name == "brief[1].txt.~8~" and second.read_bytes() == b"acht"
    assert stat.S_IMODE(second.stat().st_mode) == 0o640
    assert (tmp_path / "brief[1].txt.~1~").read_bytes() == b"een"
    assert files.glob_escape("a*b?c[d].txt") == "a[*]b[?]c[[]d].txt"


def test_numbered_backup_failure_leaves_no_backup(tmp_path, monkeypatch) -> None:
    f = tmp_path / "brief.txt"
    f.write_bytes(OLD)
    monkeypatch.setattr(os, "fsync", _full)
    with pytest.raises(InputError) as info:
        files.numbered_backup(f, OLD)
    assert str(info.value) == (f"{f}: kan geen reservekopie brief.txt.~1~ maken (de schijf is vol); "
                               "er is niets veranderd.")
    assert _names(tmp_path) == ["brief.txt"]


# ------------------------------------------------------------------------------ folders, reading, edits


def test_make_folder_messages(tmp_path, monkeypatch) -> None:
    assert files.make_folder(tmp_path / "a" / "b") == tmp_path / "a" / "b" and (tmp_path / "a" / "b").is_dir()
    assert files.make_folder(str(tmp_path / "a")) == tmp_path / "a"          # an existing folder is fine
    f = tmp_path / "f.txt"
    f.write_bytes(b"")
    cases = [(f, f"{f}: dit is een bestand, geen map. Kies een andere map met --out."),
             (f / "sub", f"{f / 'sub'}: een deel van deze naam is een bestand, geen map. Kies een andere map met --out.")]
    for path, message in cases:
        with pytest.raises(InputError) as info:
            files.make_folder(path)
        assert str(info.value) == message
    for exc, message in [
        (PermissionError(errno.EACCES, "Permission denied"),
         "u mag deze map niet maken of er niet in schrijven (geen toegang). Kies een andere map met --out."),
        (OSError(errno.ENOSPC, "No space left on device"),
         "de map kan niet gemaakt worden (de schijf is vol). Kies een andere map met --out.")]:
        with monkeypatch.context() as m:
            m.setattr(Path, "mkdir", lambda self, *a, _e=exc, **k: (_ for _ in ()).throw(_e))
            with pytest.raises(InputError) as info:
                files.make_folder(tmp_path / "nieuw")
        assert str(info.value) == f"{tmp_path / 'nieuw'}: {message}"
    with monkeypatch.context() as m:
        m.setattr(Path, "mkdir", lambda self, *a, **k: (_ for _ in ()).throw(OSError(errno.EROFS, "Read-only file system")))
        with pytest.raises(InputError) as info:
            files.make_folder(tmp_path / "nieuw", option="-o")
    assert str(info.value) == (f"{tmp_path / 'nieuw'}: de map kan niet gemaakt worden (de schijf of map is "
                               "alleen-lezen). Kies een andere map met -o.")
    with pytest.raises(InputError) as info:
        files.make_folder(f, option="-o")
    assert str(info.value) == f"{f}: dit is een bestand, geen map. Kies een andere map met -o."
    monkeypatch.setattr(os, "access", lambda p, mode: False)
    with pytest.raises(InputError) as info:
        files.make_folder(tmp_path / "a")
    assert str(info.value) == f"{tmp_path / 'a'}: u mag niet schrijven in deze map. Kies een andere map met --out."

    class ReadOnly:
        f_flag = os.ST_RDONLY

    monkeypatch.setattr(os, "statvfs", lambda p: ReadOnly())   # a folder on a read-only disk (a CD, a locked share)
    with pytest.raises(InputError) as info:
        files.make_folder(tmp_path / "a")
    assert str(info.value) == (f"{tmp_path / 'a'}: deze map staat op een schijf die alleen-lezen is. "
                               "Kies een andere map met --out.")


def test_read_regular_exactly(tmp_path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"x" * 10)
    assert files.read_regular(f, 10) == b"x" * 10
    with pytest.raises(files.TooBig) as info:
        files.read_regular(f, 9)
    assert info.value.size == 10
    with pytest.raises(files.NotAFile) as info:
        files.read_regular(tmp_path, 10)
    assert info.value.kind == "een map"
    with pytest.raises(files.NotAFile) as info:
        files.read_regular("/proc/self/status", 10)
    assert info.value.kind == "een systeembestand (onder /proc of /sys)"
    if os.path.exists("/dev/null"):
        with pytest.raises(files.NotAFile) as info:
            files.read_regular("/dev/null", 10)
        assert info.value.kind == "een apparaat (zoals /dev/zero)"
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pijp"
        os.mkfifo(fifo)
        with pytest.raises(files.NotAFile) as info:
            files.read_regular(fifo, 10)   # opened without blocking
        assert info.value.kind == "een pijp (FIFO)"


def test_read_regular_holds_the_limit_while_reading(tmp_path, monkeypatch) -> None:
    f = tmp_path / "groeit.txt"
    f.write_bytes(b"y" * 5)
    real_fstat = os.fstat

    class Lies:   # the file says it is small but holds more
        def __init__(self, st):
            self._st = st

        def __getattr__(self, name):
            return 1 if name == "st_size" else getattr(self._st, name)

    monkeypatch.setattr(os, "fstat", lambda fd: Lies(real_fstat(fd)))
    with pytest.raises(files.TooBig) as info:
        files.read_regular(f, 3)
    assert info.value.size == 4       # stopped at limit + 1, the rest was never read


class _E:
    def __init__(self, start: int, end: int, after: str) -> None:
        self.start, self.end, self.after = start, end, after


@pytest.mark.parametrize(("data", "encoding", "edits", "result"), [
    (b"ab\r\ncd\r\nef", None, [_E(3, 5, "XY")], b"ab\r\nXY\r\nef"),
    (b"ab\rcd\ref", None, [_E(0, 2, "1\n2")], b"1\r2\rcd\ref"),
    (b"ab\ncd\r\nef\r\ngh", None, [_E(6, 6, "\n")], b"ab\ncd\r\n\r\nef\r\ngh"),   # the most common ending
    (b"\xef\xbb\xbfab cd", None, [_E(3, 5, "\xe9")], b"\xef\xbb\xbfab \xc3\xa9"),
    ("ab cd".encode("utf-16"), None, [_E(0, 2, "x")], "x cd".encode("utf-16")),
    ("caf\xe9 x".encode("cp1252"), "cp1252", [_E(5, 6, "\u20ac")], "caf\xe9 \u20ac".encode("cp1252")),
    (b"ab cd", None, [_E(3, 5, "z"), _E(0, 2, "y")], b"y z"),
    (b"ab", None, [_E(2, 2, "!")], b"ab!"),
    (b"", None, [_E(0, 0, "a")], b"a"),
], ids=["crlf", "cr", "mixed", "bom", "utf16", "cp1252", "order", "end", "empty"])
def test_edit_source_bytes_keeps_the_format(data, encoding, edits, result) -> None:
    # (ids: pytest cannot name bytes parameters when mutation testing turns id escaping off)
    assert files.edit_source_bytes(data, edits, encoding, "b.txt") == result


def test_edit_source_bytes_messages() -> None:
    with pytest.raises(InputError) as info:
        files.edit_source_bytes(b"a\xc3\x28b", [], None, "b.txt")
    assert str(info.value) == "b.txt: kan het bestand niet opnieuw lezen als utf-8; er is niets veranderd."
    with pytest.raises(InputError) as info:
        files.edit_source_bytes(b"ab", [_E(0, 2, "\u4e2d")], "latin-1", "b.txt")
    assert str(info.value) == ("b.txt: het teken '\u4e2d' in de nieuwe tekst past niet in de codering latin-1 van dit "
                               "bestand; er is niets veranderd. Sla het bestand op als UTF-8 en probeer het opnieuw.")
