"""A real JupyterLab server and a headless Chromium driven by Playwright.

Skipped (with the reason) on a machine without Chromium or Playwright, except in CI (CI=true),
where a missing browser is a failure.
"""
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from lab_session import CHROMIUM, chromium, jupyterlab

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


def _missing():
    if not Path(CHROMIUM).exists():
        return "Chromium is not installed (apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install playwright; never 'playwright install')"
    return None


@pytest.fixture(scope="session")
def browser_ready():
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def lab_root(browser_ready):
    """The folder JupyterLab serves: a copy of lessons/ (tests may add notebooks to it)."""
    root = Path(tempfile.mkdtemp(prefix="lab-root-")) / "root"
    shutil.copytree(ROOT / "lessons", root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    yield root
    shutil.rmtree(root.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def lab(lab_root):
    """(base URL, token) of a JupyterLab serving lab_root; stopped at the end."""
    with jupyterlab(lab_root) as server:
        yield server


@pytest.fixture(scope="session")
def browser(browser_ready):
    with chromium() as context:
        yield context


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
