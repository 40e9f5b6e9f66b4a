"""The classroom environment pins exactly the versions installed here, where the tests pass."""
from importlib.metadata import version
from pathlib import Path

BINDER = Path(__file__).resolve().parents[1] / "binder"


def test_binder_pins_match_the_tested_environment():
    pins = [line.split(";")[0].strip().split("==") for line in (BINDER / "requirements.txt").read_text().splitlines()
            if line and not line.startswith("#")]
    assert {name for name, _ in pins} >= {"numpy", "matplotlib", "ipywidgets", "jupyterlab"}
    mismatched = {name: (pinned, version(name)) for name, pinned in pins if version(name) != pinned}
    assert not mismatched, f"binder/requirements.txt differs from the tested versions: {mismatched}"
    assert "pip install --no-deps -e ." in (BINDER / "postBuild").read_text()
