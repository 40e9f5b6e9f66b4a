"""Frames per second of the Playground widget: one frame = one training epoch + a redraw of the
output heatmap, every neuron's heatmap and the edges, encoded as PNG (what the browser receives).
Network: 2 hidden layers of 8 neurons, all seven input features, circle data (250 training points).

Reference in the same run: the same frame with a full figure redraw instead of blitting.

    python benchmarks/playground_fps.py [--frames 100]
"""
import argparse
import time

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402

from widgets import PlaygroundWidget  # noqa: E402

CONFIG = "dataset=circle&hidden=8,8&features=x1,x2,x1^2,x2^2,x1x2,sin_x1,sin_x2&learning_rate=0.03"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=100)
    args = parser.parse_args()
    w = PlaygroundWidget(CONFIG)
    times = []
    for i in range(1, args.frames + 1):
        t0 = time.perf_counter()
        w.play.value = i               # what the Play button does: train, then render
        times.append(time.perf_counter() - t0)
    frame = np.median(times)
    t0 = time.perf_counter()
    for _ in range(20):
        w.model.step(1)
        w.view.canvas.draw()
        w.view.png()
    full = (time.perf_counter() - t0) / 20
    w.view.invalidate()
    train = np.median([(lambda t: (w.model.step(1), time.perf_counter() - t)[1])(time.perf_counter())
                       for _ in range(20)])
    print(f"2 x 8 hidden neurons, {sum(len(r) for r in w.neuron_images)} neuron heatmaps of "
          f"{w.model.maps(40)['output'].shape[0]}^2, {len(w.model.X_train)} training points")
    print(f"frame: median {frame * 1e3:.1f} ms = {1 / frame:.0f} frames/s (p95 {np.percentile(times, 95) * 1e3:.1f} ms)"
          f"   target >= 30 frames/s")
    print(f"  of which training one epoch: {train * 1e3:.1f} ms")
    print(f"reference, full redraw per frame: {full * 1e3:.1f} ms = {1 / full:.0f} frames/s; "
          f"ratio {frame / full:.2f}")


if __name__ == "__main__":
    main()
