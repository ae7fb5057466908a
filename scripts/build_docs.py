"""Build the documentation with the example learning log as its live demo, as published.

python scripts/build_docs.py [FOLDER]

Builds `mkdocs.yml` (the docs) into FOLDER (default `public/`) and `example_site/mkdocs.yml`
into FOLDER/demo/, both strict (any warning fails the build, as `mkdocs build --strict`), the
demo at its published address, then checks every internal link of FOLDER
(scripts/check_links.py). The docs workflow publishes FOLDER; `.ci/run` builds it the same way.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_links import broken_links

ROOT = Path(__file__).resolve().parents[1]


def _build(config_file: Path, site_dir: Path, site_url: str | None = None) -> None:
    """Build one site strictly into `site_dir` (at `site_url`, if given, instead of its own)."""
    overrides = {"site_url": site_url} if site_url else {}
    config = load_config(str(config_file), strict=True, site_dir=str(site_dir), **overrides)
    build(config)


def main() -> int:
    """Build both sites into the folder named on the command line, then check its links."""
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "public").resolve()
    # Warnings must reach MkDocs' counter (what `-q` would hide): strict mode counts them there.
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's notice, not a problem of ours
    os.chdir(ROOT)  # pymdownx.snippets reads CHANGELOG.md from here
    docs_url = load_config(str(ROOT / "mkdocs.yml")).site_url or "/"
    try:
        _build(ROOT / "mkdocs.yml", folder)
        _build(ROOT / "example_site" / "mkdocs.yml", folder / "demo", docs_url + "demo/")
    except (Abort, ConfigurationError) as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    broken = broken_links(folder, urlsplit(docs_url).path)
    for line in broken:
        print(line, file=sys.stderr)
    pages = sum(1 for _ in folder.rglob("*.html"))
    print(f"{folder}: docs and demo built; {len(broken)} broken internal links in {pages} pages")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
