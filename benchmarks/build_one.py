"""Build one site in this process and print its wall time and peak memory as JSON.

    python benchmarks/build_one.py CONFIG_FILE SITE_DIR [--serve-rebuild REVIEW_FILE]

With --serve-rebuild, it builds as `mkdocs serve` does, edits REVIEW_FILE, rebuilds, restores
the file, and reports the rebuild.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"


def timed_build(config_file: str, site_dir: str, serve_url: str | None) -> tuple[float, float]:
    """Load the config and build, as `mkdocs build` (or one `mkdocs serve` round) does.

    Returns the wall time and the CPU time (user + system) of this process, in seconds.
    """
    start, start_cpu = time.perf_counter(), time.process_time()
    config = load_config(config_file, site_dir=site_dir)
    build(config, serve_url=serve_url)
    return time.perf_counter() - start, time.process_time() - start_cpu


def main() -> None:
    """Command line: see the module's docstring."""
    config_file, site_dir = sys.argv[1], sys.argv[2]
    if len(sys.argv) > 3 and sys.argv[3] == "--serve-rebuild":  # noqa: PLR2004
        review = Path(sys.argv[4])
        original = review.read_text(encoding="utf-8")
        timed_build(config_file, site_dir, SERVE_URL)
        try:
            review.write_text(original.replace("title: ", "title: Edited ", 1), encoding="utf-8")
            wall, cpu = timed_build(config_file, site_dir, SERVE_URL)
        finally:
            review.write_text(original, encoding="utf-8")
    else:
        wall, cpu = timed_build(config_file, site_dir, None)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"wall": wall, "cpu": cpu, "peak_mib": peak_kib / 1024}))


if __name__ == "__main__":
    main()
