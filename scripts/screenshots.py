"""Take screenshots of a built site in headless Chromium (Debian's `chromium`).

    python scripts/screenshots.py --readme
        rebuilds the example site and regenerates the README's pictures in docs/images/
    python scripts/screenshots.py SITE_DIR OUT_DIR PAGE [PAGE ...] [--width 1280] [--dark]
        screenshots the given pages (paths inside the site, e.g. `reviews/cs50/`)

The site is served on 127.0.0.1 while the pictures are taken.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.browser import CHROMIUM_ARGS, INSTALL_HINT, chromium_path, serve


def take(  # noqa: PLR0913 - every knob of a screenshot
    site_dir: Path,
    out_dir: Path,
    pages: list[str],
    *,
    width: int = 1280,
    height: int = 900,
    dark: bool = False,
    full_page: bool = True,
    prefix: str = "",
) -> list[Path]:
    """Screenshot each page; return the PNG files written."""
    executable = chromium_path()
    if executable is None:
        raise SystemExit(INSTALL_HINT)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme="dark" if dark else "light",
        )
        page = context.new_page()
        for path in pages:
            page.goto(base + path.lstrip("/"))
            page.wait_for_load_state("networkidle")
            name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
            suffix = f"{width}{'-dark' if dark else ''}"
            target = out_dir / f"{prefix}{name}-{suffix}.png"
            page.screenshot(path=str(target), full_page=full_page)
            written.append(target)
        browser.close()
    return written


ROOT = Path(__file__).resolve().parents[1]
README_PICTURES = {
    "home": "",
    "review": "reviews/full-stack-open/",
    "category": "categories/machine-learning/",
    "all-reviews": "reviews/",
    "years": "years/",
}


def readme_pictures() -> None:
    """Build the example site and write the README's pictures, light and dark."""
    out_dir = ROOT / "docs" / "images"
    with tempfile.TemporaryDirectory() as temporary:
        site_dir = Path(temporary) / "site"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "-q",
                "-f",
                str(ROOT / "example_site/mkdocs.yml"),
                "-d",
                str(site_dir),
            ],
            check=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        for dark in (False, True):
            shots = take(
                site_dir,
                Path(temporary),
                list(README_PICTURES.values()),
                dark=dark,
                full_page=False,
            )
            for name, shot in zip(README_PICTURES, shots, strict=True):
                target = out_dir / f"{name}-{'dark' if dark else 'light'}.png"
                out_dir.mkdir(parents=True, exist_ok=True)
                target.write_bytes(shot.read_bytes())
                print(target.relative_to(ROOT))


def main() -> None:
    """Command line: see the module's docstring."""
    if sys.argv[1:] == ["--readme"]:
        readme_pictures()
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--prefix", default="")
    args = parser.parse_args()
    for path in take(
        args.site_dir,
        args.out_dir,
        args.pages,
        width=args.width,
        dark=args.dark,
        prefix=args.prefix,
    ):
        print(path)


if __name__ == "__main__":
    main()
