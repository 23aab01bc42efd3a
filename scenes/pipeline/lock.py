"""One render at a time into an output folder, and what a killed render left beside it.

A render (or a deck) holds ``.<folder>.lock`` beside its output folder for as long as it runs (``fcntl.flock``,
released by the system however the process ends, ``kill -9`` included); a second one into the same folder is
refused at once with one line naming the first (its process id and start time), so neither render is lost.

Each render's hidden staging folder (``.<folder>.partial-XXXXXXXX``, :mod:`scenes.pipeline.publish`) holds an
owner file naming its process. A render killed before it could remove its staging folder leaves it behind; the
next render into the folder, holding the lock, removes every such folder whose owner has ended, and nothing
else (not a folder of that name without our owner file, nor one whose process still runs).
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

OWNER = ".backprop-video-owner"  # in a staging folder: "<pid> <start>" of the render building it
_STAGING = "partial-"  # a staging folder is .<folder>.partial-XXXXXXXX (tempfile.mkdtemp's 8 characters)


class BusyError(Exception):
    """Another render is writing into the same output folder; ``str()`` is one line naming it."""


def lock_path(out: Path) -> Path:
    return out.with_name(f".{out.name}.lock")


def staging_prefix(out: Path) -> str:
    return f".{out.name}.{_STAGING}"


@contextmanager
def render_lock(out: Path, shown: str) -> Iterator[None]:
    """Hold the lock of output folder ``out`` (absolute; ``shown`` as the user typed it) until the block ends,
    first removing what dead renders left; BusyError if another render holds it."""
    path = lock_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        handle = path.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise BusyError(
                f"--out {shown}: another render is writing into this folder ({holder}); "
                "wait for it to finish or name another folder (nothing was changed)"
            ) from None
        try:
            same = os.path.samestat(os.fstat(handle.fileno()), path.stat())
        except FileNotFoundError:
            same = False
        if same:
            break
        handle.close()  # the lock file was removed by a render ending meanwhile: lock the new one
    try:
        handle.truncate(0)
        handle.write(f"pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S %Z')}\n")
        handle.flush()
        remove_leftovers(out)
        yield
    finally:
        path.unlink(missing_ok=True)  # while still held: a render waiting on the old file then retries
        handle.close()


def owner_text() -> str:
    """What a staging folder's owner file holds: this process's id and start time (which a reused id lacks)."""
    return f"{os.getpid()} {process_start(os.getpid())}\n"


def process_start(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks since boot, from /proc), or None if it has ended."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()
    return None if fields[0] == "Z" else fields[19]  # a zombie has ended; field 22 of stat is the start time


def owner_alive(owner: str) -> bool:
    """Whether the process an owner file names is still running (the same process, not a reused id)."""
    parts = owner.split()
    if len(parts) != 2 or not parts[0].isdigit():
        return True  # not a file we wrote: leave its folder alone
    return process_start(int(parts[0])) == parts[1]


def remove_leftovers(out: Path) -> list[Path]:
    """Remove the staging folders of ``out`` whose render has ended; the folders removed."""
    pattern = re.compile(re.escape(staging_prefix(out)) + r"[a-z0-9_]{8}")
    removed = []
    for folder in out.parent.iterdir() if out.parent.is_dir() else ():
        if not pattern.fullmatch(folder.name) or folder.is_symlink() or not folder.is_dir():
            continue
        try:
            owner = (folder / OWNER).read_text()
        except OSError:
            continue  # no owner file: not ours, or a render that has not written it yet
        if not owner_alive(owner):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
