"""Build the floor, ours and peer sites from one corpus, interleaved, and compare them.

    python benchmarks/run.py --sizes 500 2000 10000 --repeats 3 [--workdir DIR] [--json FILE]

floor: the same pages with no collection plugin, kept out of the nav (MkDocs + Material alone);
ours:  the course-reviews plugin with its defaults;
peer:  Material's blog plugin on the same pages as posts, with categories.
Each build runs in a fresh process; the runs are interleaved (floor, ours, peer, floor, ...)
and the medians reported. Also measured: `mkdocs-course-reviews check` against the floor's
build, and a `mkdocs serve` rebuild after one review is edited, ours against the floor's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import write  # noqa: E402

SITES = ("floor", "ours", "peer")
LINEARITY_SIZES = (2000, 10000)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def measure(root: Path, site: str, *extra: str) -> dict[str, float]:
    """Build `site` of the corpus at `root` in a fresh process; its wall time and peak memory."""
    result = subprocess.run(
        [
            sys.executable,
            str(HERE / "build_one.py"),
            str(root / site / "mkdocs.yml"),
            str(root / site / "site"),
            *extra,
        ],
        capture_output=True,
        text=True,
        check=True,
        env=ENV,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure_check(root: Path) -> float:
    """Wall time of `mkdocs-course-reviews check` on the corpus, start-up included."""
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs_course_reviews",
            "check",
            "-f",
            str(root / "ours/mkdocs.yml"),
        ],
        capture_output=True,
        check=False,
        env=ENV,
    )
    return time.perf_counter() - start


def run_size(  # noqa: PLR0913 - one knob per part of the run
    n: int, repeats: int, workdir: Path, *, serve: bool, peer: bool, peer_repeats: int | None = None
) -> dict[str, object]:
    """All measurements for one corpus size."""
    root = write(n, workdir)
    sites = [s for s in SITES if peer or s != "peer"]
    runs: dict[str, list[dict[str, float]]] = {s: [] for s in sites}
    for repeat in range(repeats):
        for site in sites:
            if site == "peer" and peer_repeats is not None and repeat >= peer_repeats:
                continue
            runs[site].append(measure(root, site))
    result: dict[str, object] = {"n": n, "repeats": repeats}
    for site in sites:
        result[site] = {
            "wall": statistics.median(r["wall"] for r in runs[site]),
            "peak_mib": statistics.median(r["peak_mib"] for r in runs[site]),
            "walls": [round(r["wall"], 2) for r in runs[site]],
        }
    result["check"] = statistics.median(measure_check(root) for _ in range(repeats))
    if serve:
        review = root / "docs" / "reviews" / "course-00001.md"
        rebuilds: dict[str, list[float]] = {"floor": [], "ours": []}
        for _ in range(repeats):
            for site, walls in rebuilds.items():
                walls.append(measure(root, site, "--serve-rebuild", str(review))["wall"])
        result["serve_rebuild"] = {s: statistics.median(v) for s, v in rebuilds.items()}
    return result


def report(results: list[dict[str, object]]) -> str:
    """A Markdown table of the medians and the ratios to the floor."""
    lines = [
        (
            "| N | floor s | ours s | peer s | ours/floor time | peer/floor time | floor MiB "
            "| ours MiB | peer MiB | ours/floor memory | check s | check/floor "
            "| serve rebuild floor s | ours s |"
        ),
        "|" + "---|" * 14,
    ]
    for r in results:
        floor, ours = r["floor"], r["ours"]
        peer = r.get("peer") or {"wall": float("nan"), "peak_mib": float("nan")}
        serve = r.get("serve_rebuild") or {"floor": float("nan"), "ours": float("nan")}
        lines.append(
            f"| {r['n']} | {floor['wall']:.1f} | {ours['wall']:.1f} | {peer['wall']:.1f} "
            f"| {ours['wall'] / floor['wall']:.2f} | {peer['wall'] / floor['wall']:.2f} "
            f"| {floor['peak_mib']:.0f} | {ours['peak_mib']:.0f} | {peer['peak_mib']:.0f} "
            f"| {ours['peak_mib'] / floor['peak_mib']:.2f} | {r['check']:.2f} "
            f"| {r['check'] / floor['wall']:.3f} | {serve['floor']:.1f} | {serve['ours']:.1f} |"
        )
    if len(results) > 1:
        by_n = {r["n"]: r for r in results}
        small, large = LINEARITY_SIZES
        if small in by_n and large in by_n:
            own = {n: by_n[n]["ours"]["wall"] - by_n[n]["floor"]["wall"] for n in (small, large)}
            lines.append("")
            lines.append(
                f"The plugin's own time (ours - floor): {own[small]:.1f} s at {small:,}, "
                f"{own[large]:.1f} s at {large:,}: x{own[large] / own[small]:.2f}."
            )
    return "\n".join(lines)


def main() -> None:
    """Command line: see the module's docstring."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve-rebuild runs")
    parser.add_argument("--no-peer", action="store_true", help="skip Material's blog plugin")
    parser.add_argument(
        "--peer-repeats", type=int, help="fewer runs of the (slow) peer site than of the others"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        workdir = args.workdir or Path(temporary)
        results = []
        for n in args.sizes:
            results.append(
                run_size(
                    n,
                    args.repeats,
                    workdir,
                    serve=not args.no_serve,
                    peer=not args.no_peer,
                    peer_repeats=args.peer_repeats,
                )
            )
            print(f"N={n}: {json.dumps(results[-1])}", file=sys.stderr, flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    print(report(results))


if __name__ == "__main__":
    main()
