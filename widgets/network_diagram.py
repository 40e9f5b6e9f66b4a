"""Draw a fully connected MLP and count its neurons, weights, biases and parameters."""
import re

import ipywidgets as widgets
import numpy as np
from matplotlib.collections import LineCollection

from course_lib.mlp import MLP

from .base import CourseWidget
from .figure_view import BLUE, ORANGE, ORANGE_TEXT

MAX_DRAWN = 12  # wider layers are drawn with their first and last neurons and a gap


def parse_layer_sizes(text):
    """'3-4-2' (or '3, 4, 2' or '3 4 2') -> [3, 4, 2], with a message a student can act on."""
    parts = re.split(r"\s*[-,x]\s*|\s+", str(text).strip())   # '3--1-2' leaves an empty part: refused
    if len(parts) < 2 or not all(p.isdigit() and int(p) > 0 for p in parts):
        raise ValueError(f"layer sizes must be positive whole numbers separated by '-', at least two "
                         f"of them (inputs and outputs), like 3-4-2; got {text!r}")
    return [int(p) for p in parts]


class NetworkDiagram(CourseWidget):
    """NetworkDiagram(layer_sizes='3-4-2', color_weights=False, seed=0, present=False)."""

    def __init__(self, layer_sizes="3-4-2", color_weights=False, seed=0, present=False):
        super().__init__(present, figsize=(7, 4))
        if not isinstance(layer_sizes, str):
            sizes = list(layer_sizes) if isinstance(layer_sizes, (list, tuple)) else None
            if not sizes or len(sizes) < 2 or not all(isinstance(s, (int, np.integer)) and not isinstance(s, bool)
                                                      and s >= 1 for s in sizes):
                raise ValueError(f"layer_sizes must be at least two positive whole numbers, like [3, 4, 2] "
                                 f"or '3-4-2'; got {layer_sizes!r}")
            layer_sizes = "-".join(str(s) for s in sizes)
        parse_layer_sizes(layer_sizes)
        self.seed = seed
        self.sizes_text = widgets.Text(layer_sizes, description="layers", continuous_update=False,
                                       placeholder="e.g. 3-4-2")
        self.color_weights = widgets.Checkbox(color_weights, description="colour edges by weight")
        self.counts = widgets.HTML()
        with self.styled():
            self.ax = self.view.fig.add_subplot()
        self.observe(self.sizes_text, self.update)
        self.observe(self.color_weights, self.update)
        self.ui = widgets.VBox([widgets.HBox([self.sizes_text, self.color_weights]), self.view.image,
                                self.counts, self.status])
        self.model = None
        self.safe(self.update)()

    @property
    def state(self):
        m = self.model
        return {"layer_sizes": m.layer_sizes, "n_neurons": m.n_neurons, "n_weights": m.n_weights,
                "n_biases": sum(len(b) for b in m.b_), "n_params": m.n_params}

    def update(self):
        sizes = parse_layer_sizes(self.sizes_text.value)
        self.model = MLP(sizes, activation="tanh", seed=self.seed)
        self._draw()
        s = self.state
        terms = " + ".join(f"({a} × {b})" for a, b in zip(sizes[:-1], sizes[1:]))
        self.counts.value = (
            f"<b>neurons</b> (hidden + output): {' + '.join(map(str, sizes[1:]))} = {s['n_neurons']}<br>"
            f"<b>weights</b> (edges): {terms} = {s['n_weights']}<br>"
            f"<b>biases</b> (one per neuron): {s['n_biases']}<br>"
            f"<b>learnable parameters</b>: {s['n_weights']} + {s['n_biases']} = {s['n_params']}"
            + (f"<br>edges: <span style='color:{BLUE}'>blue positive</span>, <span style='color:{ORANGE_TEXT}'>"
               "orange negative</span> weights (a seeded random start); thicker = larger |w|"
               if self.color_weights.value else ""))

    def describe(self):
        s = self.state
        sizes = s["layer_sizes"]
        hidden = ", ".join(str(n) for n in sizes[1:-1]) or "none"
        return (f"A fully connected network: {sizes[0]} inputs, hidden layers of {hidden} neurons, "
                f"{sizes[-1]} outputs; every neuron linked to every neuron of the next layer: "
                f"{s['n_weights']} weights and {s['n_biases']} biases. "
                + ("Each link is coloured by its weight (a seeded random start): blue positive, orange "
                   "negative, thicker for a larger size." if self.color_weights.value else "Links drawn in grey."))

    def _positions(self, sizes):
        """(x, y) of the drawn neurons of each layer; the middle of wide layers is left out."""
        layers = []
        for i, n in enumerate(sizes):
            shown = np.arange(n) if n <= MAX_DRAWN else np.r_[0:MAX_DRAWN // 2, n - MAX_DRAWN // 2:n]
            slots = np.arange(len(shown)) + (len(shown) > MAX_DRAWN - 1) * (np.arange(len(shown)) >= MAX_DRAWN // 2)
            y = (slots - slots.mean()) * -1.0
            layers.append((shown, np.column_stack([np.full(len(shown), float(i)), y])))
        return layers

    def _draw(self):
        """A new shape redraws everything; the colour switch only recolours the links."""
        sizes = self.model.layer_sizes
        if sizes != getattr(self, "_drawn_sizes", None):
            self._draw_layout(sizes)
        self._colour_edges()
        self.view.render()

    def _draw_layout(self, sizes):
        ax = self.ax
        ax.clear()
        ax.axis("off")
        self.view._dynamic.clear()
        layers = self._positions(sizes)
        self._edge_weights = []
        segments = []
        for l, ((idx_a, pa), (idx_b, pb)) in enumerate(zip(layers[:-1], layers[1:])):
            W = self.model.W_[l][np.ix_(idx_a, idx_b)]
            for i, p in enumerate(pa):
                for j, q in enumerate(pb):
                    segments.append([p, q])
                    self._edge_weights.append(W[i, j])
        self.edges = self.view.dynamic(LineCollection(segments, zorder=1))
        ax.add_collection(self.edges)
        names = ["input layer"] + ["hidden layer"] * (len(sizes) - 2) + ["output layer"]
        for l, ((idx, pos), n, name) in enumerate(zip(layers, sizes, names)):
            face = "#f4f4f4" if l == 0 else "#eef4fb"
            # the neurons are drawn over the (dynamic) links
            self.view.dynamic(ax.scatter(pos[:, 0], pos[:, 1], s=260, facecolor=face, edgecolor="0.2", zorder=2))
            if n > MAX_DRAWN:
                ax.text(l, 0, "⋮", ha="center", va="center", fontsize="large")
            top = pos[:, 1].max() + 0.9
            label = f"{name}\n({n} {'input' if l == 0 else 'neuron'}{'s' if n > 1 else ''})"
            ax.text(l, top, label, ha="center", va="bottom", fontsize="small")
        ys = np.concatenate([p[:, 1] for _, p in layers])
        ax.set_xlim(-0.6, len(sizes) - 0.4)
        ax.set_ylim(ys.min() - 0.6, ys.max() + 2.4)  # room for the layer names above
        self._drawn_sizes = sizes
        self.view.invalidate()

    def _colour_edges(self):
        w = np.asarray(self._edge_weights)
        if self.color_weights.value:
            self.edges.set_colors([BLUE if v > 0 else ORANGE for v in w])
            self.edges.set_linewidths(0.5 + 2.5 * np.minimum(np.abs(w), 1.5) / 1.5)
        else:
            self.edges.set_colors(["0.6"])
            self.edges.set_linewidths([0.8])

    def __repr__(self):
        return f"NetworkDiagram({self.sizes_text.value})"
