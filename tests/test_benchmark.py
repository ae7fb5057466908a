"""The benchmark runs, small, so that it never rots. No timing is asserted."""

from __future__ import annotations

import datetime
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"


def load_corpus_module() -> Any:
    spec = importlib.util.spec_from_file_location("corpus", BENCHMARKS / "corpus.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


corpus = load_corpus_module()
FORMS = {
    "year": r"\d{4}",
    "year-month": r"\d{4}-\d{2}",
    "month year": r"[A-Z][a-z]+ \d{4}",
    "day month year": r"\d{1,2} [A-Z][a-z]+ \d{4}",
    "month day, year": r"[A-Z][a-z]+ \d{1,2}, \d{4}",
}


def test_corpus_is_what_the_benchmark_promises(tmp_path: Path) -> None:
    root = corpus.write(200, tmp_path)
    reviews = sorted((root / "docs/reviews").glob("*.md"))
    assert len(reviews) == 200
    assert len(corpus.CATEGORIES) == 25
    assert len(corpus.INSTITUTIONS) == 60
    drafts = 0
    forms = set()
    for path in reviews:
        front, body = path.read_text().split("---\n", 2)[1:]
        meta = yaml.safe_load(front)
        drafts += meta["draft"]
        date = meta["date"]
        if isinstance(date, datetime.date):
            forms.add("yaml date")
        else:
            forms.update(name for name, form in FORMS.items() if re.fullmatch(form, date))
        assert 300 <= len(body.split()) <= 700  # 300-600 words of prose, plus Markdown
        categories = meta["category"] if isinstance(meta["category"], list) else [meta["category"]]
        assert 1 <= len(categories) <= 2
    assert 1 <= drafts <= 10
    assert len(forms) == 6  # dates written in every form
    posts = list((root / "peer/docs/blog/posts").glob("*.md"))
    assert len(posts) == 200


@pytest.mark.slow
def test_runner_builds_the_three_sites(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    result = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "run.py"),
            "--sizes",
            "50",
            "--repeats",
            "1",
            "--workdir",
            str(tmp_path),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.splitlines()[2].startswith("| 50 | ")
    (measured,) = json.loads(out.read_text())
    for site in ("floor", "ours", "peer"):
        assert measured[site]["wall"] > 0
        assert measured[site]["peak_mib"] > 0
        assert (tmp_path / "50" / site / "site" / "index.html").exists()
    assert measured["check"] > 0
    assert set(measured["serve_rebuild"]) == {"floor", "ours"}
    assert (tmp_path / "50/ours/site/categories/index.html").exists()
