"""Frames per second of the Playground widget: one frame = one training epoch + everything the
browser needs to paint it (every neuron's map and the output map as bytes, the weights, the loss
curves, the numbers), i.e. what the kernel does per Play frame.
Network: 2 hidden layers of 8 neurons, all seven input features, circle data (250 training points).

Reference in the same run: the same frame drawn as one PNG by matplotlib (the poster the static
exports use), i.e. what a picture-per-frame widget would cost.

    python benchmarks/playground_fps.py [--frames 100]
"""
import argparse
import time

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402

from widgets import PlaygroundWidget  # noqa: E402
from widgets.playground_parts.canvas import GRID  # noqa: E402

CONFIG = "dataset=circle&hidden=8,8&features=x1,x2,x1^2,x2^2,x1x2,sin_x1,sin_x2&learning_rate=0.03"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=100)
    args = parser.parse_args()
    w = PlaygroundWidget(CONFIG)
    times = []
    for i in range(1, args.frames + 1):
        t0 = time.perf_counter()
        w.play.value = i               # what the Play button does: train, then send the frame
        times.append(time.perf_counter() - t0)
    frame = np.median(times)
    t0 = time.perf_counter()
    for _ in range(10):
        w.model.step(1)
        w.png()
    full = (time.perf_counter() - t0) / 10
    train = np.median([(lambda t: (w.model.step(1), time.perf_counter() - t)[1])(time.perf_counter())
                       for _ in range(20)])
    print(f"2 x 8 hidden neurons, {sum(w.model.config.hidden)} neuron maps of {GRID}^2, "
          f"{len(w.model.X_train)} training points")
    print(f"frame: median {frame * 1e3:.1f} ms = {1 / frame:.0f} frames/s (p95 {np.percentile(times, 95) * 1e3:.1f} ms)"
          f"   target >= 60 steps/s (a step: one epoch and the new picture)")
    print(f"  of which training one epoch: {train * 1e3:.1f} ms")
    print(f"reference, one matplotlib PNG per frame: {full * 1e3:.1f} ms = {1 / full:.0f} frames/s; "
          f"ratio {frame / full:.2f}")
    control_latency()


# each control moved between two values, as a student would click it
CHANGES = {"dataset": ("xor", "circle"), "noise": (10, 0), "train_ratio": (60, 50), "batch_size": (20, 10),
           "learning_rate": (0.1, 0.03), "activation": ("relu", "tanh"), "regularization": ("l2", "none"),
           "reg_rate": (0.01, 0.0), "output": ("softmax", "tanh"), "optimizer": ("adam", "sgd"),
           "seed": (1, 0), "lr_decay": (0.01, 0.0), "stop_epoch": (100, 0)}


def control_latency(rounds=5):
    """From a control change to the new frame sent (what the browser then paints)."""
    w = PlaygroundWidget(CONFIG)
    times = {}
    for _ in range(rounds):
        for name, values in CHANGES.items():
            for value in values:
                t0 = time.perf_counter()
                w.controls[name].value = value
                times.setdefault(name, []).append(time.perf_counter() - t0)
    every = np.concatenate(list(times.values()))
    print(f"control change to new picture: median {np.median(every) * 1e3:.0f} ms, "
          f"p95 {np.percentile(every, 95) * 1e3:.0f} ms   target p95 <= 100 ms")
    slowest = sorted(times, key=lambda k: -np.percentile(times[k], 95))[:4]
    print("  slowest p95: " + ", ".join(f"{k} {np.percentile(times[k], 95) * 1e3:.0f} ms" for k in slowest))


if __name__ == "__main__":
    main()
