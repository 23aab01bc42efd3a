"""Where the suite's time goes: with BACKPROP_SUITE_TIMELINE=FILE set, each process that runs tests appends one
JSON line per test (its worker, start and end, and the CPU it and the processes it waited for used, set-up and
tear-down included) for benchmarks/suite_timeline.py to sum by file and by worker. Measures only; asserts nothing."""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Generator

import pytest

TIMELINE_ENV = "BACKPROP_SUITE_TIMELINE"


def _cpu() -> float:
    """CPU seconds (user + system) of this process and of its children that have ended."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None, object, object]:
    path = os.environ.get(TIMELINE_ENV)
    if not path:
        return (yield)
    start, cpu = time.time(), _cpu()
    try:
        return (yield)
    finally:
        line = {
            "worker": os.environ.get("PYTEST_XDIST_WORKER", "main"),
            "test": item.nodeid,
            "start": start,
            "end": time.time(),
            "cpu": _cpu() - cpu,
        }
        with open(path, "a") as out:  # one short line per write: the workers' lines do not interleave
            out.write(json.dumps(line) + "\n")
