"""The Playground as one PNG, for pages without a kernel or a widget front-end (nbconvert HTML,
slides, a PDF): the same maps, links, points and curves the browser paints, drawn by matplotlib
once, when the widget is displayed or exported (never per frame)."""
import io

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from ..figure_view import BLUE, ORANGE, ORANGE_TEXT
from .canvas import GRID, OUT_GRID, edge_weights

CMAP = LinearSegmentedColormap.from_list("playground", [ORANGE, "#ffffff", BLUE])


def poster(model, labels, show_test=False, dpi=80):
    """PNG bytes: the network (every neuron's map, the links), the output map with the points, the losses."""
    fig = Figure(figsize=(10, 4.6), dpi=dpi)
    _network(fig, model, labels)
    _output(fig.add_axes([0.66, 0.30, 0.32, 0.66], xticks=[-6, 0, 6], yticks=[-6, 0, 6]), model, show_test)
    loss = fig.add_axes([0.66, 0.06, 0.32, 0.16])
    loss.tick_params(labelsize=7)
    epochs = [r.epoch for r in model.history]
    loss.plot(epochs, [r.train_loss for r in model.history], color="0.2", lw=1)
    loss.plot(epochs, [r.test_loss for r in model.history], color=ORANGE_TEXT, lw=1)
    buffer = io.BytesIO()
    FigureCanvasAgg(fig).print_png(buffer)
    return buffer.getvalue()


def _network(fig, model, labels):
    small = model.maps(GRID)
    inputs = small["inputs"] / np.maximum(np.abs(small["inputs"]).max(axis=(1, 2), keepdims=True), 1e-12)
    columns = [list(inputs), *[list(layer) for layer in small["layers"]]]
    size = min(0.11, 0.92 / (max(map(len, columns)) * 1.35), 0.58 / len(columns) * 0.55)
    centres = []
    for col, maps in enumerate(columns):
        x0 = 0.02 + col * 0.58 / len(columns)
        ys = [0.5 + (len(maps) / 2 - k - 1) * size * 1.35 + size * 0.175 for k in range(len(maps))]
        centres.append([(x0, y + size / 2) for y in ys])
        for k, (y, data) in enumerate(zip(ys, maps)):
            ax = fig.add_axes([x0, y, size, size], xticks=[], yticks=[])
            ax.imshow(data, cmap=CMAP, vmin=-1, vmax=1)
            if col == 0:
                ax.set_title(labels[model.config.features[k]], fontsize=8, pad=2)
    centres.append([(0.66, 0.62)])
    weights, dead = edge_weights(model)
    segments = [[(xa + size, ya), (xb, yb)] for a, b in zip(centres[:-1], centres[1:]) for xa, ya in a for xb, yb in b]
    overlay = fig.add_axes([0, 0, 1, 1], zorder=-1, xlim=(0, 1), ylim=(0, 1))
    overlay.axis("off")
    overlay.add_collection(LineCollection(segments, colors=[BLUE if w > 0 else ORANGE for w in weights],
                                          linewidths=np.where(dead, 0, 0.3 + 3 * np.minimum(np.abs(weights), 1.5) / 1.5)))


def _output(out, model, show_test):
    out.imshow(model.maps(OUT_GRID)["output"], cmap=CMAP, vmin=-1, vmax=1, extent=(-6, 6, -6, 6),
               interpolation="bilinear")
    sets = [(model.X_train, model.y_train, "white")] + ([(model.X_test, model.y_test, "black")] if show_test else [])
    for X, y, edge in sets:
        if model.config.is_regression:
            out.scatter(X[:, 0], X[:, 1], s=10, c=CMAP((np.clip(y, -1, 1) + 1) / 2), edgecolor=edge, linewidth=0.5)
            continue
        for positive, marker, colour in ((True, "o", BLUE), (False, "s", ORANGE)):
            mask = (y > 0) == positive
            out.scatter(X[mask, 0], X[mask, 1], s=10, marker=marker, c=colour, edgecolor=edge, linewidth=0.5)
