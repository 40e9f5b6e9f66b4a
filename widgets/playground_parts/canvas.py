"""The Playground's pictures as numbers for the browser (front/playground.js paints them).

Per frame the kernel sends every hidden neuron's map and the output map as uint8 (0 = -1,
255 = +1), each link's weight as float32 (NaN: L1 set it to 0 for good) and the loss curves;
the inputs' maps and the points only when they change (a synced trait set to an equal value is
not sent again). 2 hidden layers of 8 neurons: about 12 KB a frame instead of a 230 KB PNG.
"""
import anywidget
import numpy as np
import traitlets

from ..picture import module

GRID = 24        # a neuron's map, n x n (TF Playground draws them 10 x 10)
OUT_GRID = 48    # the output map, smoothed by the browser
CURVE = 256      # points per loss curve at most


def as_uint8(values):
    """[-1, 1] -> 0..255 (values outside are clipped)."""
    return np.clip(np.rint((np.asarray(values, dtype=np.float64) + 1) * 127.5), 0, 255).astype(np.uint8)


class PlaygroundCanvas(anywidget.AnyWidget):
    _esm = module("playground")
    # inputs' labels, hidden sizes, grids, regression (not "layout": every widget's layout is its CSS box)
    network = traitlets.Dict().tag(sync=True)
    input_maps = traitlets.Bytes(b"").tag(sync=True)
    maps = traitlets.Bytes(b"").tag(sync=True)
    output = traitlets.Bytes(b"").tag(sync=True)
    weights = traitlets.Bytes(b"").tag(sync=True)
    train_points = traitlets.Bytes(b"").tag(sync=True)   # float32 rows x1, x2, label
    test_points = traitlets.Bytes(b"").tag(sync=True)
    show_test = traitlets.Bool(False).tag(sync=True)
    losses = traitlets.Bytes(b"").tag(sync=True)         # float32 rows: epochs, train, test
    loss_limits = traitlets.List([10, 1]).tag(sync=True)
    labels = traitlets.List([]).tag(sync=True)           # text under each hidden neuron ("Show me backprop")
    selected = traitlets.List([0, 0]).tag(sync=True)     # layer, neuron (layer = number of hidden: output)
    alt = traitlets.Unicode("").tag(sync=True)
    zoom = traitlets.Float(1.0).tag(sync=True)           # 1.4 on a projector
    frame = traitlets.Int(0).tag(sync=True)

    def on_action(self, neuron, point):
        """neuron(layer, j) when a neuron's picture is pressed; point(x1, x2) when the output is."""
        def handle(_, content, buffers):
            if not isinstance(content, dict):
                return
            if content.get("type") == "neuron":
                neuron(int(content["layer"]), int(content["j"]))
            elif content.get("type") == "point":
                point(float(content["x"]), float(content["y"]))
        self.on_msg(handle)

    def show(self, model, labels, discretize=False, describe=lambda output: "", backprop=None):
        """Send the frame of `model` (a course_lib Playground): one message. backprop: a
        Playground.backprop_view to write under the hidden neurons, or None."""
        c = model.config
        network = {"inputs": [labels[f] for f in c.features], "hidden": list(c.hidden), "grid": GRID,
                  "out_grid": OUT_GRID, "regression": bool(c.is_regression)}
        small, large = model.maps(GRID), model.maps(OUT_GRID)
        out = large["output"]
        if discretize and (c.output == "tanh" or model.net.layer_sizes[-1] == 2):
            out = np.sign(out)
        # inputs like X1² reach 36: each input's picture is scaled to its own range
        inputs = [m / max(np.abs(m).max(), 1e-12) for m in small["inputs"]]
        with self.hold_sync():
            self.network = network
            self.input_maps = as_uint8(inputs).tobytes()
            self.maps = as_uint8(np.concatenate(small["layers"]) if small["layers"] else []).tobytes()
            self.output = as_uint8(out).tobytes()
            weights, dead = edge_weights(model)
            self.weights = np.where(dead, np.nan, weights).astype(np.float32).tobytes()
            self.train_points = points(model.X_train, model.y_train)
            self.test_points = points(model.X_test, model.y_test)
            self.losses, self.loss_limits = curves(model.history, self.loss_limits)
            self.labels = [] if backprop is None else backprop_labels(backprop)
            self.alt = describe(large["output"])
            self.frame += 1


def backprop_labels(view):
    """Under each hidden neuron, for one training sample: its output f and its delta dL/da."""
    return [f"f={f:.2f} δ={d:.3f}" for fs, ds in zip(view["f"][:-1], view["delta"][:-1]) for f, d in zip(fs, ds)]


def points(X, y):
    return np.column_stack([X, y]).astype(np.float32).tobytes()


def curves(history, limits):
    """The loss curves, at most CURVE points each, and the axes' limits: the epoch axis doubles
    when training passes its end (as in TF Playground), the loss axis grows to fit."""
    epochs = np.array([r.epoch for r in history], dtype=np.float64)
    train = np.array([r.train_loss for r in history], dtype=np.float64)
    test = np.array([r.test_loss for r in history], dtype=np.float64)
    keep = np.unique(np.rint(np.linspace(0, len(epochs) - 1, min(len(epochs), CURVE))).astype(int))
    finite = np.concatenate([train, test])
    finite = finite[np.isfinite(finite)]
    right, top = limits
    if epochs[-1] > right or (len(epochs) == 1 and right != 10):
        right = 10 if epochs[-1] <= 10 else 2 * epochs[-1]
    if finite.size and (finite.max() > top or len(epochs) == 1):
        top = float(finite.max() * 1.1)
    data = np.stack([epochs[keep], train[keep], test[keep]]).astype(np.float32)
    return data.tobytes(), [float(right), top]


def edge_weights(model):
    """One number per drawn link, in the order the browser draws them (inputs to layer 1, ...,
    last layer to the single output node). The picture has one output node: with two softmax
    outputs its links show w(class 1) - w(class 0), the weight of the score the picture shows;
    with more, the largest |w|. dead: links L1 set to 0 for good."""
    *inner, last = model.net.W_
    *inner_dead, last_dead = model.dead_
    k = last.shape[1]
    last = last[:, 0] if k == 1 else last[:, 1] - last[:, 0] if k == 2 else np.abs(last).max(axis=1)
    last_dead = last_dead[:, 0] if k == 1 else last_dead.all(axis=1)
    weights = np.concatenate([W.ravel() for W in inner] + [last])
    dead = np.concatenate([d.ravel() for d in inner_dead] + [last_dead])
    return weights, dead
