"""Print the Troubleshooting table of docs/troubleshooting.md from the cases the test suite checks.

python scripts/troubleshooting_table.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.bad_inputs import CASES


def main() -> None:
    """Print the table as Markdown."""
    print("| input | message (one warning each) | page |")
    print("|---|---|---|")
    for case in CASES:
        messages = "<br>".join(f"`reviews/x.md: {m}`" for m in case.messages) or "none"
        print(f"| {case.what} | {messages} | {case.fate} |")


if __name__ == "__main__":
    main()
