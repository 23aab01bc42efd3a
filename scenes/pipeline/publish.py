"""Write then replace, in one place: a file, or the whole output folder, appears complete or not at all.

A file is written to a hidden ``.<name>.part`` beside it and renamed over its target. The output folder is
built in a hidden sibling, ``.<name>.partial-XXXX/`` (same filesystem), and exchanged with the old folder in
one ``renameat2(RENAME_EXCHANGE)`` call; where that call is missing, the old folder is renamed aside, the new
one renamed in, and the old one put back if that fails. Either way a reader, a failure or Ctrl-C sees the
previous render or the new one, never a mix, and the hidden folder goes, the replaced render with it.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from types import FrameType

from scenes.pipeline.lock import OWNER, owner_text

_AT_FDCWD = -100  # <fcntl.h>: paths relative to the working directory
_RENAME_EXCHANGE = 1 << 1  # <linux/fs.h>
_HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class NotWritableError(OSError):
    """The folder that would hold the output cannot be written; a one-line message."""


@contextmanager
def atomic_file(out: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``out``; move it onto ``out`` on success, delete it on any failure."""
    tmp = out.with_name(f".{out.name}.part")
    try:
        yield tmp
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def staging_folder(out: Path) -> Iterator[Path]:
    """A new, empty folder to build the next render in, inside a hidden folder beside ``out``.

    The hidden folder, with whatever is left in it (a failed build, the folder a swap replaced), is removed at exit.
    """
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        workspace = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
    except OSError as exc:
        raise NotWritableError(exc.errno, f"cannot write in {out.parent} ({exc.strerror})") from exc
    try:
        (workspace / OWNER).write_text(owner_text())  # so the next render removes it if this one is killed
        staged = workspace / "new"
        staged.mkdir()
        yield staged
    finally:
        with signals_held():  # a second Ctrl-C must not leave half a folder behind
            shutil.rmtree(workspace, ignore_errors=True)


def replace_folder(staged: Path, out: Path) -> None:
    """Put the complete folder ``staged`` (from ``staging_folder``) at ``out`` in one step.

    The folder it replaces is left beside ``staged``, to be removed with the staging folder.
    """
    if not out.exists():
        os.rename(staged, out)
        return
    staged.chmod(stat.S_IMODE(out.stat().st_mode))  # the folder keeps its permissions
    if exchange(staged, out):
        return  # ``staged`` now holds the previous render
    previous = staged.with_name("previous")
    try:
        os.rename(out, previous)
        os.rename(staged, out)
    except BaseException:
        if previous.exists() and not out.exists():  # moved aside, the new one not in: put the old one back
            os.rename(previous, out)
        raise


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths atomically (Linux ``renameat2``); False where the system or filesystem cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # an old kernel, or a filesystem without it
        return False
    raise OSError(code, os.strerror(code), str(b))


@cache
def _renameat2() -> Callable[..., int] | None:
    """libc's ``renameat2`` (glibc 2.28+, musl 1.2+), or None."""
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


@contextmanager
def signals_held() -> Iterator[list[int]]:
    """SIGINT and SIGTERM wait until the block ends, then are delivered: for steps that must not be cut in two.

    Yields the signals received meanwhile; a caller that clears the list has handled them itself.
    """
    if threading.current_thread() is not threading.main_thread():  # only the main thread can set handlers
        yield []
        return
    received: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        received.append(signum)

    previous = {signum: signal.signal(signum, hold) for signum in _HELD_SIGNALS}
    try:
        yield received
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        if received:
            signal.raise_signal(received[0])
