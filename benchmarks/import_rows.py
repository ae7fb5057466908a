"""How long `mkdocs-course-reviews import` takes on N rows: a first run, and a second one.

    python benchmarks/import_rows.py 10000 --rounds 3

Each round imports a fresh CSV of N rows (every date and rating form, notes with markup) into
an empty site, then imports it again (every file exists: the run reads them and writes
nothing), each in a fresh process; the first and second runs alternate. Prints the medians
of wall and CPU time.
"""

from __future__ import annotations

import argparse
import csv
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATES = ("02/2024", "2/15/2024", "15/02/2024", "2024-02-15", "Feb 2024", "45337")
RATINGS = ("4", "4.5", "4/5", "80%", "")


def write_rows(path: Path, count: int) -> None:
    """A CSV of `count` rows at `path`."""
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["Course", "Provider", "Topic", "Finished", "Stars", "Notes"])
        for number in range(count):
            writer.writerow(
                [
                    f"Course {number}",
                    f"Institution {number % 60}",
                    f"Category {number % 25}",
                    DATES[number % len(DATES)],
                    RATINGS[number % len(RATINGS)],
                    f"Notes on {number}: <b>markup</b>, [a link](x) and a second line\nhere.",
                ]
            )


def run(site: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one import, in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs_course_reviews", "import", "rows.csv", "--publish"],
        cwd=site,
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    """Run the rounds and print the medians."""
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", type=int)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    first: list[tuple[float, float]] = []
    second: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.rounds):
            site = Path(folder) / "site"
            shutil.rmtree(site, ignore_errors=True)
            (site / "docs").mkdir(parents=True)
            (site / "mkdocs.yml").write_text("site_name: Log\nplugins:\n  - course-reviews\n")
            write_rows(site / "rows.csv", args.rows)
            first.append(run(site))
            second.append(run(site))
            written = len(list((site / "docs/reviews").glob("*.md")))
            assert written == args.rows, written  # noqa: S101 - a benchmark that checks itself
    for name, runs in (("first run", first), ("second run", second)):
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        medians = f"{wall:.2f} s wall, {cpu:.2f} s CPU (median of {len(runs)})"
        print(f"{args.rows:,} rows, {name}: {medians}")


if __name__ == "__main__":
    main()
