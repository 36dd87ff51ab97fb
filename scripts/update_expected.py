"""Rewrite fixtures/expected/*.json from the current parser output.

Run after a deliberate change to the output, then read the diff (git diff fixtures/expected)
before committing: the golden files are the review of every change in behaviour.

    python scripts/update_expected.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.conftest import PAGES  # noqa: E402
from tests.golden import expected_path, golden_output  # noqa: E402


def main() -> None:
    for page in sorted(PAGES.iterdir()):
        if page.name.startswith(".") or page.name == "README.md":
            continue
        target = expected_path(page)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(golden_output(page), ensure_ascii=False, indent=2) + "\n"
        changed = not target.exists() or target.read_text("utf-8") != text
        target.write_text(text, "utf-8")
        print(f"{'updated' if changed else 'same   '} {target.relative_to(REPO)}")


if __name__ == "__main__":
    main()
