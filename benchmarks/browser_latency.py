"""From a key press to the new pixels on screen, for every widget of the kit, in a real browser:
JupyterLab + headless Chromium on this machine (kernel, server and browser share its cores).

Each widget gets N key presses on its first slider (or checkbox); the page records the time from
the key press to the frame its picture marks as painted (data-shown). Target: p95 <= 100 ms.
Reference in the same run: the same path for a bare ipywidgets IntSlider linked to a Label, the
cost of the round trip alone on this machine today.

    python benchmarks/browser_latency.py [--n 30]
"""
import argparse
import sys
import tempfile
from pathlib import Path

import nbformat
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from lab_session import (chromium, every_widget_notebook, jupyterlab, keyboard_latencies,  # noqa: E402
                         run_all, widget_outputs)

ROUND_TRIP = """import ipywidgets as w
from widgets.picture import Picture
s = w.IntSlider(description="n")
p = Picture()
s.observe(lambda c: setattr(p, "frame", p.frame + 1), names="value")
w.VBox([s, p])"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="latency-"))
    names = every_widget_notebook(root / "every_widget.ipynb")
    nb = nbformat.read(root / "every_widget.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(ROUND_TRIP))
    nbformat.write(nb, root / "every_widget.ipynb")
    with jupyterlab(root) as (base, token), chromium() as browser:
        page = browser.new_page()
        run_all(page, base, token, "every_widget.ipynb", wait_ms=300_000)
        page.wait_for_timeout(2000)
        outputs = widget_outputs(page)
        print(f"{'widget':28} {'median':>8} {'p95':>8}   (ms from key press to new pixels; target p95 <= 100)")
        for name, output in zip(names + ["reference: slider round trip"], outputs):
            samples = keyboard_latencies(page, output, args.n)
            p95 = np.percentile(samples, 95)
            verdict = "" if name.startswith("reference") else ("ok" if p95 <= 100 else "OVER")
            print(f"{name:28} {np.median(samples):8.1f} {p95:8.1f}   {verdict}")


if __name__ == "__main__":
    main()
