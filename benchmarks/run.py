"""Build and serve the benchmark's sites from one corpus, interleaved, and compare them.

    python benchmarks/run.py [--sizes 2000 10000] [--measure cold peer check dirty serve]
        [--repeats 3] [--edit-repeats 5] [--edits edit add delete draft] [--peer-repeats 1]
        [--workdir DIR] [--json FILE] [--timeout SECONDS]

Sites (see corpus.py): floor (MkDocs + Material on the reviews), samepages (the same-pages
floor: ours' pages written by hand, see samepages.py), ours (the
course-reviews plugin with its defaults), peer (Material's blog plugin on the same pages).

Measurements (`--measure`):
  cold   build floor, samepages and ours, each in a fresh process, interleaved (`--repeats`),
         and check that samepages built ours' pages;
  peer   also build the peer site in the cold runs (slow: `--peer-repeats` limits it);
  check  `mkdocs-course-reviews check`, start-up included (`--repeats`);
  dirty  `mkdocs serve --dirty` on floor and ours, one edit of each kind per session
         (`--edits`), sessions interleaved (`--edit-repeats`), see edit_loop.py;
  serve  the same with a plain `mkdocs serve`.
Prints a Markdown report: medians and every run, ratios to each floor, and the targets.
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
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import write  # noqa: E402
from edit_loop import KINDS, as_json, read_categories, run_session  # noqa: E402
from samepages import mismatches  # noqa: E402

MEASURES = ("cold", "peer", "check", "dirty", "serve")
COLD_SITES = ("floor", "samepages", "ours")
SERVED_SITES = ("floor", "ours")
LINEARITY_SIZES = (2000, 10000)
TARGET_SIZES = (2000, 10000)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
NAMES = {"floor": "floor", "samepages": "same-pages floor", "ours": "ours", "peer": "peer"}

SHOWN = 5
"""Differences between the same-pages floor and ours the report names."""

Result = dict[str, Any]


def measure(root: Path, site: str) -> dict[str, float]:
    """Build `site` of the corpus at `root` in a fresh process; its wall time and peak memory."""
    result = subprocess.run(
        [
            sys.executable,
            str(HERE / "build_one.py"),
            str(root / site / "mkdocs.yml"),
            str(root / site / "site"),
        ],
        capture_output=True,
        text=True,
        check=True,
        env=ENV,
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


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


def count_pages(site_dir: Path) -> dict[str, float]:
    """The HTML pages a build wrote (404.html aside) and their size in MiB."""
    pages = [path for path in site_dir.rglob("*.html") if path.name != "404.html"]
    return {"pages": len(pages), "mib": sum(p.stat().st_size for p in pages) / 2**20}


def _load() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def run_size(n: int, args: argparse.Namespace) -> Result:
    """Every measurement asked for, at one corpus size."""
    root = write(n, args.workdir)
    result: Result = {"n": n, "load_before": _load()}
    if "cold" in args.measure:
        sites = [*COLD_SITES, *(["peer"] if "peer" in args.measure else [])]
        runs: dict[str, list[dict[str, float]]] = {site: [] for site in sites}
        for repeat in range(args.repeats):
            for site in sites if repeat % 2 == 0 else reversed(sites):
                if site == "peer" and args.peer_repeats is not None and repeat >= args.peer_repeats:
                    continue
                runs[site].append(measure(root, site))
                print(f"N={n} cold {site}: {runs[site][-1]['wall']:.2f} s", file=sys.stderr)
        result["cold"] = runs
        result["pages"] = {site: count_pages(root / site / "site") for site in sites}
        result["floor_mismatches"] = mismatches(
            root / "ours" / "site", root / "docs", root / "samepages" / "site"
        )
    if "check" in args.measure:
        result["check"] = [measure_check(root) for _ in range(args.repeats)]
    modes = [mode for mode in ("dirty", "serve") if mode in args.measure]
    # As corpus.py built it before any edit (a cold build of ours builds the same).
    categories = read_categories(root / "ours" / "site", root / "docs") if modes else []
    for mode in modes:
        sessions = []
        for repeat in range(args.edit_repeats):
            order = SERVED_SITES if repeat % 2 == 0 else tuple(reversed(SERVED_SITES))
            for site in order:
                session = run_session(
                    root,
                    site,
                    dirty=mode == "dirty",
                    session=repeat,
                    kinds=args.edits,
                    categories=categories,
                    timeout=args.timeout,
                )
                sessions.append(as_json(session))
                times = ", ".join(
                    f"{e.kind} {e.http if e.http is not None else e.log_total:.2f}"
                    for e in session.edits
                )
                print(f"N={n} {mode} {site} #{repeat}: {times} s", file=sys.stderr)
        result[mode] = sessions
    result["load_after"] = _load()
    return result


# The report


def _median(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def _num(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _ratio(a: float | None, b: float | None) -> str:
    return "-" if a is None or b is None or b == 0 else f"{a / b:.2f}"


def _runs(values: Iterable[float | None], digits: int = 2) -> str:
    return " / ".join(_num(v, digits) for v in values)


def cold_median(r: Result, site: str, key: str = "wall") -> float | None:
    """The median of one measure of a site's cold builds, if it was built."""
    runs = r.get("cold", {}).get(site)
    return _median(run[key] for run in runs) if runs else None


def edits(r: Result, mode: str, site: str, kind: str) -> list[dict[str, Any]]:
    """Every edit of `kind` made on `site` in `mode` ("dirty" or "serve")."""
    return [
        edit
        for session in r.get(mode, [])
        if session["site"] == site
        for edit in session["edits"]
        if edit["kind"] == kind
    ]


def shown_at(edit: dict[str, Any]) -> float | None:
    """When the change could be seen: over HTTP if it shows there, else by the server's log."""
    seen: float | None = edit["http"] if edit["http"] is not None else edit["log_total"]
    return seen


def edit_median(r: Result, mode: str, site: str, kind: str, key: str) -> float | None:
    """The median of one measure of the edits of `kind`."""
    return _median(edit.get(key) for edit in edits(r, mode, site, kind))


def _pages_table(results: Sequence[Result]) -> list[str]:
    lines = [
        "| N | site | HTML pages | HTML MiB | pages / ours | MiB / ours |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        pages = r.get("pages", {})
        ours = pages.get("ours", {})
        for site, counted in pages.items():
            lines.append(
                f"| {r['n']} | {NAMES[site]} | {counted['pages']} | {counted['mib']:.1f} "
                f"| {_ratio(counted['pages'], ours.get('pages'))} "
                f"| {_ratio(counted['mib'], ours.get('mib'))} |"
            )
    lines.append("")
    for r in results:
        found = r.get("floor_mismatches", [])
        shown = "; ".join(found[:SHOWN]) + (f"; {len(found)} in all" if found[SHOWN:] else "")
        lines.append(
            f"N = {r['n']}: the same-pages floor "
            + (
                f"**differs from ours**: {shown}"
                if found
                else "built ours' pages, articles and nav"
            )
            + "."
        )
    return lines


def _cold_table(results: Sequence[Result]) -> list[str]:
    lines = [
        (
            "| N | site | median s | every run s | / floor | / same-pages | CPU s "
            "| CPU / same-pages | median MiB | every run MiB | / floor | / same-pages |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        for site, runs in r.get("cold", {}).items():
            wall, mib = cold_median(r, site), cold_median(r, site, "peak_mib")
            cpu = cold_median(r, site, "cpu")
            lines.append(
                f"| {r['n']} | {NAMES[site]} | {_num(wall)} | {_runs(x['wall'] for x in runs)} "
                f"| {_ratio(wall, cold_median(r, 'floor'))} "
                f"| {_ratio(wall, cold_median(r, 'samepages'))} | {_num(cpu)} "
                f"| {_ratio(cpu, cold_median(r, 'samepages', 'cpu'))} | {_num(mib, 0)} "
                f"| {_runs((x['peak_mib'] for x in runs), 0)} "
                f"| {_ratio(mib, cold_median(r, 'floor', 'peak_mib'))} "
                f"| {_ratio(mib, cold_median(r, 'samepages', 'peak_mib'))} |"
            )
    return lines


def _edit_table(results: Sequence[Result], mode: str) -> list[str]:
    lines = [
        (
            "| N | edit | site | seen s (median) | every run s | rebuild s (median) | every run s "
            "| server CPU s | ours / floor seen | ours / floor rebuild | listing fresh "
            "| deleted page served |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if mode not in r:
            continue
        for kind in KINDS:
            for site in SERVED_SITES:
                made = edits(r, mode, site, kind)
                if not made:
                    continue
                fresh = [e["listing_fresh"] for e in made if e["listing_fresh"] is not None]
                stale = [e["stale_page"] for e in made if e["stale_page"] is not None]
                seen = _median(shown_at(e) for e in made)
                rebuild = edit_median(r, mode, site, kind, "log_build")
                how = "" if made[0]["http"] is not None else " (log)"
                ratios = ("", "")
                if site == "ours":
                    floor_seen = _median(shown_at(e) for e in edits(r, mode, "floor", kind))
                    floor_rebuild = edit_median(r, mode, "floor", kind, "log_build")
                    ratios = (_ratio(seen, floor_seen), _ratio(rebuild, floor_rebuild))
                lines.append(
                    f"| {r['n']} | {kind} | {site} | {_num(seen)}{how} "
                    f"| {_runs(shown_at(e) for e in made)} | {_num(rebuild)} "
                    f"| {_runs(e['log_build'] for e in made)} "
                    f"| {_num(edit_median(r, mode, site, kind, 'cpu'))} "
                    f"| {ratios[0]} | {ratios[1]} "
                    f"| {f'{sum(fresh)}/{len(fresh)}' if fresh else ''} "
                    f"| {f'{sum(stale)}/{len(stale)}' if stale else ''} |"
                )
        for site in SERVED_SITES:
            starts = [s["startup"] for s in r[mode] if s["site"] == site]
            lines.append(
                f"| {r['n']} | first build | {site} | {_num(_median(starts))} | {_runs(starts)} "
                "| | | | | | | |"
            )
    return lines


def _target(  # noqa: PLR0913 - a row of the targets table
    name: str,
    n: int,
    value: float | None,
    base: float | None,
    limit: float,
    *,
    cpu: tuple[float | None, float | None] = (None, None),
) -> str:
    """One row of the targets table: `value` against `limit` x `base` (and in CPU time)."""
    if value is None or base is None:
        return f"| {name} | {n} | not measured | | |"
    unit = "MiB" if "memory" in name else "s"
    met = "met" if value <= limit * base else "**not met**"
    return (
        f"| {name} | {n} | {value / base:.3f} ({value:.2f} {unit} / {base:.2f} {unit}) "
        f"| {_ratio(*cpu)} | {met} |"
    )


def _size_targets(r: Result) -> list[str]:
    n, rows = r["n"], []
    floor, same, ours = (cold_median(r, site) for site in COLD_SITES)
    floor_cpu, same_cpu, ours_cpu = (cold_median(r, site, "cpu") for site in COLD_SITES)
    if "dirty" in r:
        dirty = edit_median(r, "dirty", "ours", "edit", "http")
        dirty_cpu = edit_median(r, "dirty", "ours", "edit", "cpu")
        name = "dirty edit, write to page shown <= 0.10 x floor's build"
        rows.append(_target(name, n, dirty, floor, 0.10, cpu=(dirty_cpu, floor_cpu)))
    if "serve" in r:
        serve = edit_median(r, "serve", "ours", "edit", "log_build")
        serve_cpu = edit_median(r, "serve", "ours", "edit", "cpu")
        name = "plain serve rebuild after an edit <= ours' cold build"
        rows.append(_target(name, n, serve, ours, 1.0, cpu=(serve_cpu, ours_cpu)))
    if "cold" in r and n in TARGET_SIZES:
        name = "cold build <= 1.05 x same-pages floor"
        rows.append(_target(name, n, ours, same, 1.05, cpu=(ours_cpu, same_cpu)))
        mib, same_mib = (cold_median(r, site, "peak_mib") for site in ("ours", "samepages"))
        rows.append(_target("peak memory <= 1.10 x same-pages floor", n, mib, same_mib, 1.10))
    if "check" in r:
        rows.append(_target("`check` <= 0.10 x floor's build", n, _median(r["check"]), floor, 0.10))
    return rows


def _own_time(r: Result, floor_site: str) -> float | None:
    ours, base = cold_median(r, "ours"), cold_median(r, floor_site)
    return None if ours is None or base is None else ours - base


def _linearity(results: Sequence[Result]) -> list[str]:
    """The plugin's own time (ours - floor) at most x5.5 for x5 the reviews."""
    by_n = {r["n"]: r for r in results}
    small, large = LINEARITY_SIZES
    if small not in by_n or large not in by_n:
        return []
    name = f"own time (ours - floor) <= 5.5 x its value at {small:,}"
    row = _target(
        name, large, _own_time(by_n[large], "floor"), _own_time(by_n[small], "floor"), 5.5
    )
    same = [_own_time(by_n[n], "samepages") for n in (small, large)]
    return [row, f"| (ours - same-pages floor: {_num(same[0])} s, {_num(same[1])} s) | | | | |"]


def _targets(results: Sequence[Result]) -> list[str]:
    lines = [
        "| target | N | ratio (value / base) | ratio in CPU time | |",
        "|---|---|---|---|---|",
    ]
    for r in results:
        lines += _size_targets(r)
    return lines + _linearity(results)


def report(results: Sequence[Result]) -> str:
    """The Markdown report of every measurement."""
    sections: list[tuple[str, Callable[[Sequence[Result]], list[str]]]] = [
        ("Pages built", _pages_table),
        ("Cold builds", _cold_table),
    ]
    out = [
        "Load average (1, 5, 15 min) before and after each size: "
        + "; ".join(f"N = {r['n']}: {r['load_before']} → {r['load_after']}" for r in results),
        "",
    ]
    for title, table in sections:
        if any("cold" in r for r in results):
            out += [f"### {title}", "", *table(results), ""]
    if any("check" in r for r in results):
        out += ["### check", "", "| N | median s | every run s |", "|---|---|---|"]
        out += [
            f"| {r['n']} | {_num(_median(r['check']))} | {_runs(r['check'])} |" for r in results
        ]
        out.append("")
    for mode, title in (("dirty", "`mkdocs serve --dirty`"), ("serve", "`mkdocs serve`")):
        if any(mode in r for r in results):
            out += [
                f"### Edits under {title}",
                "",
                "seen: from the write to the page showing the change over HTTP, or, marked (log),",
                'to the server\'s "Reloading browsers" where no page shows it. rebuild: from',
                '"Building documentation..." to "Reloading browsers".',
                "",
                *_edit_table(results, mode),
                "",
            ]
    out += ["### Targets", "", *_targets(results)]
    return "\n".join(out)


def main() -> None:
    """Command line: see the module's docstring."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000])
    parser.add_argument(
        "--measure", nargs="+", choices=MEASURES, default=["cold", "check", "dirty", "serve"]
    )
    parser.add_argument("--repeats", type=int, default=3, help="cold builds and checks")
    parser.add_argument("--edit-repeats", type=int, default=5, help="serve sessions per site")
    parser.add_argument("--edits", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--peer-repeats", type=int, help="fewer runs of the slow peer site")
    parser.add_argument("--timeout", type=float, default=900, help="seconds, per wait")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        args.workdir = args.workdir or Path(temporary)
        results = []
        for n in args.sizes:
            results.append(run_size(n, args))
            if args.json:  # after each size, so that a long run leaves what it measured
                args.json.write_text(json.dumps(results, indent=2))
    print(report(results))


if __name__ == "__main__":
    main()
