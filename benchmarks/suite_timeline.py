"""Where the test suite's time goes: runs the README's test command with each test's time recorded
(tests/timeline.py), then prints the wall and CPU time by test file, each worker's busy time and when it ran out of
work, and the slowest tests. A slow file dealt out last, or one test longer than the rest of the suite on the other
core, shows here as one worker's idle tail.

    .venv/bin/python benchmarks/suite_timeline.py [--from FILE] [pytest arguments...]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_suite(out: Path, extra: list[str]) -> float:
    env = {**os.environ, "BACKPROP_SUITE_TIMELINE": str(out)}
    start = time.time()
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *extra], cwd=ROOT, env=env)
    return time.time() - start


def report(lines: list[dict[str, object]], top: int) -> None:
    by_file: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    by_worker: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, float("inf"), 0.0])
    for line in lines:
        name = str(line["test"]).split("::")[0]
        wall = float(line["end"]) - float(line["start"])  # type: ignore[arg-type]
        by_file[name][0] += wall
        by_file[name][1] += float(line["cpu"])  # type: ignore[arg-type]
        by_file[name][2] += 1
        worker = by_worker[str(line["worker"])]
        worker[0] += wall
        worker[1] += float(line["cpu"])  # type: ignore[arg-type]
        worker[2] = min(worker[2], float(line["start"]))  # type: ignore[arg-type]
        worker[3] = max(worker[3], float(line["end"]))  # type: ignore[arg-type]
    first = min(w[2] for w in by_worker.values())
    last = max(w[3] for w in by_worker.values())
    cpu = sum(w[1] for w in by_worker.values())
    print(f"tests: {len(lines)}, first start to last end {last - first:.1f} s, CPU of the test processes {cpu:.1f} s")
    for name, (wall, used, _start, end) in sorted(by_worker.items()):
        print(f"  {name}: busy {wall:.1f} s, CPU {used:.1f} s, ran out of work {last - end:.1f} s before the end")
    print(f"\n{'file':48} {'tests':>5} {'wall s':>8} {'CPU s':>8}")
    for name, (wall, used, count) in sorted(by_file.items(), key=lambda kv: -kv[1][1]):
        print(f"{name:48} {count:5d} {wall:8.1f} {used:8.1f}")
    print(f"\nslowest {top} tests (wall s, CPU s):")
    for line in sorted(lines, key=lambda x: float(x["start"]) - float(x["end"]))[:top]:  # type: ignore[arg-type]
        wall = float(line["end"]) - float(line["start"])  # type: ignore[arg-type]
        print(f"  {wall:7.1f} {float(line['cpu']):7.1f}  {line['worker']}  {line['test']}")  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--from", dest="source", type=Path, help="summarise a timeline recorded before")
    parser.add_argument("--top", type=int, default=25)
    args, extra = parser.parse_known_args()
    if args.source is None:
        args.source = Path(tempfile.mkdtemp()) / "timeline.jsonl"
        wall = run_suite(args.source, extra)
        print(f"suite: {wall:.1f} s wall, load average now {os.getloadavg()}")
    report([json.loads(line) for line in args.source.read_text().splitlines()], args.top)


if __name__ == "__main__":
    main()
