"""Build one site in this process and print its wall time and peak memory as JSON.

python benchmarks/build_one.py CONFIG_FILE SITE_DIR
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build
from mkdocs.config import load_config


def timed_build(config_file: str, site_dir: str) -> tuple[float, float]:
    """Load the config and build, as `mkdocs build` does.

    Returns the wall time and the CPU time (user + system) of this process, in seconds.
    """
    start, start_cpu = time.perf_counter(), time.process_time()
    config = load_config(config_file, site_dir=site_dir)
    build(config)
    return time.perf_counter() - start, time.process_time() - start_cpu


def main() -> None:
    """Command line: see the module's docstring."""
    wall, cpu = timed_build(sys.argv[1], sys.argv[2])
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"wall": wall, "cpu": cpu, "peak_mib": peak_kib / 1024}))


if __name__ == "__main__":
    main()
