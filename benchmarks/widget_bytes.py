"""What each widget sends to the browser per update, and what it costs the server.

Every widget message is counted (its JSON and its binary buffers) while the widget is driven
in-process as a student would drive it; the first update after the widget is built (a full
picture) is reported apart. Server CPU: the time from the control change until every message
is out, minus, for the Playground, the epoch's own training (measured in the same run).

Targets (300 students each making 30 updates a second fit in 1 Gb/s):
  every widget <= 14 KB per update; Playground 2 x 8, 7 inputs <= 30 KB per Play frame and
  <= 5 ms of server CPU beyond the epoch's training.

    python benchmarks/widget_bytes.py [--n 40]
"""
import argparse
import json
import time

import matplotlib

matplotlib.use("Agg")
import ipywidgets  # noqa: E402
import numpy as np  # noqa: E402

from widgets import (ActivationLossExplorer, BackpropExplorer, GradientDescentAnimator,  # noqa: E402
                     NetworkDiagram, PerceptronStepper, PlaygroundWidget, SGDExplorer)

BIG = "dataset=circle&hidden=8,8&features=x1,x2,x1^2,x2^2,x1x2,sin_x1,sin_x2&learning_rate=0.03"
SENT = []


def counting_send(self, msg, buffers=None):
    SENT.append(len(json.dumps(msg, default=str)) + sum(memoryview(b).nbytes for b in buffers or ()))


def cases():
    p = PerceptronStepper("XOR")
    yield "PerceptronStepper: t slider", p, lambda i: setattr(p.t, "value", i % (p.t.max + 1)), 14
    g1 = GradientDescentAnimator("smallest", n_steps=50)
    yield "GradientDescentAnimator, 1 weight: step", g1, lambda i: setattr(g1.k, "value", i % 51), 14
    g2 = GradientDescentAnimator("two", n_steps=50)
    yield "GradientDescentAnimator, 2 weights: step", g2, lambda i: setattr(g2.k, "value", i % 51), 14
    b = BackpropExplorer()
    yield "BackpropExplorer: w2 slider", b, lambda i: setattr(b.sliders["w2"], "value", -2 + (i % 40) / 10), 14
    a = ActivationLossExplorer()
    yield "ActivationLossExplorer: a slider", a, lambda i: setattr(a.a, "value", -5 + (i % 100) / 10), 14
    n = NetworkDiagram()
    yield "NetworkDiagram: layer sizes", n, lambda i: setattr(n.sizes_text, "value", f"3-{2 + i % 6}-2"), 14
    s = SGDExplorer()
    yield "SGDExplorer: mini-batch slider", s, lambda i: setattr(s.batch, "value", 2 + i % 30), 14
    d = PlaygroundWidget()
    yield "Playground, default: Play frame", d, lambda i: setattr(d.play, "value", i), 14
    big = PlaygroundWidget(BIG)
    yield "Playground, 2 x 8, 7 inputs: Play frame", big, lambda i: setattr(big.play, "value", i), 30


def training_time(widget, n):
    """One epoch of the same network, alone: what a frame costs before anything is drawn."""
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        widget.model.step(1)
        times.append(time.perf_counter() - t0)
    return np.median(times)


def measure(change, n):
    sizes, times = [], []
    for i in range(1, n + 1):
        SENT.clear()
        t0 = time.perf_counter()
        change(i)
        times.append(time.perf_counter() - t0)
        sizes.append(sum(SENT))
    return sizes, times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40)
    args = parser.parse_args()
    ipywidgets.Widget._send = counting_send
    print(f"{'widget: update':44} {'first':>8} {'median':>8} {'max':>8} {'target':>7} {'300 x 30/s':>11} "
          f"{'CPU ms':>7}  verdict")
    for name, widget, change, target_kb in cases():
        sizes, times = measure(change, args.n + 1)
        first, rest = sizes[0], np.array(sizes[1:])
        cpu = np.median(times[1:])
        if isinstance(widget, PlaygroundWidget):
            cpu -= training_time(widget, 20)   # the epoch itself is the lesson, not the picture
        ok = rest.max() <= target_kb * 1000 and (target_kb != 30 or cpu <= 5e-3)
        print(f"{name:44} {first / 1e3:7.1f}K {np.median(rest) / 1e3:7.1f}K {rest.max() / 1e3:7.1f}K "
              f"{target_kb:6d}K {np.median(rest) * 8 * 30 * 300 / 1e9:8.2f} Gb/s {cpu * 1e3:7.1f}  "
              f"{'ok' if ok else 'OVER'}")


if __name__ == "__main__":
    main()
