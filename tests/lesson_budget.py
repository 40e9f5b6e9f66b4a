"""Each lesson's time budget: seconds it needs on a quiet 2-core machine with one BLAS thread,
set by its author in the notebook's metadata (``kit.budget_seconds``). Timeouts are derived from
it with a wide margin, so a busy machine slows a test down without failing it."""
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
HOMEWORK_SOURCES = sorted((ROOT / "lessons" / "homework" / "source").glob("*.ipynb"))
MARGIN = 5          # a machine whose two cores are both busy elsewhere runs about 2-3x slower


def budget(path):
    return nbformat.read(path, as_version=4).metadata.get("kit", {}).get("budget_seconds")


def timeout(path, start_up=60):
    """Seconds to wait for a whole notebook: start-up plus its budget with the margin."""
    return start_up + MARGIN * budget(path)
