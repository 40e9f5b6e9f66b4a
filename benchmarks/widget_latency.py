"""Latency of each widget from a control change to the figure drawn and PNG-encoded (what is
sent to the browser), over N changes: median and 95th percentile, in milliseconds.

Reference in the same run: the naive path, a full `canvas.draw()` + PNG of the same figure, so
the ratio says what blitting buys on this machine whatever its load.

    python benchmarks/widget_latency.py [--n 200]
"""
import argparse
import time

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402

from widgets import (ActivationLossExplorer, BackpropExplorer, GradientDescentAnimator,  # noqa: E402
                     NetworkDiagram, PerceptronStepper)


def cases():
    p = PerceptronStepper("XOR")
    yield "PerceptronStepper: t slider", p, lambda i: setattr(p.t, "value", i % p.t.max)
    g1 = GradientDescentAnimator("smallest", n_steps=50)
    yield "GradientDescentAnimator (1 weight): step k", g1, lambda i: setattr(g1.k, "value", i % 50)
    g2 = GradientDescentAnimator("two", n_steps=50)
    yield "GradientDescentAnimator (2 weights): step k", g2, lambda i: setattr(g2.k, "value", i % 50)
    b = BackpropExplorer()
    yield "BackpropExplorer: w2 slider", b, lambda i: setattr(b.sliders["w2"], "value", -2 + (i % 40) / 10)
    a = ActivationLossExplorer()
    yield "ActivationLossExplorer: a slider", a, lambda i: setattr(a.a, "value", -5 + (i % 100) / 10)
    n = NetworkDiagram()
    yield "NetworkDiagram: layer sizes (full redraw)", n, \
        lambda i: setattr(n.sizes_text, "value", f"3-{2 + i % 6}-2")


def measure(change, n):
    times = []
    for i in range(1, n + 1):
        t0 = time.perf_counter()
        change(i)
        times.append(time.perf_counter() - t0)
    return np.median(times) * 1e3, np.percentile(times, 95) * 1e3


def full_redraw(widget, n):
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        widget.view.canvas.draw()
        widget.view.png()
        times.append(time.perf_counter() - t0)
    widget.view.invalidate()
    return np.median(times) * 1e3


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    print(f"{'widget: control':48} {'median':>8} {'p95':>8} {'full redraw':>12} {'ratio':>6}   (ms; target median <= 5, p95 <= 16)")
    for name, widget, change in cases():
        median, p95 = measure(change, args.n)
        reference = full_redraw(widget, min(args.n, 50))
        print(f"{name:48} {median:8.2f} {p95:8.2f} {reference:12.2f} {median / reference:6.2f}")


if __name__ == "__main__":
    main()
