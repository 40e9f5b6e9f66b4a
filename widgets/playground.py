"""TensorFlow Playground inside Jupyter, on course_lib.playground: train a small network on 2-D
data and watch every neuron's output, the weights and the losses change."""
from pathlib import Path

import ipywidgets as widgets
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import LinearSegmentedColormap

from course_lib.datasets import PLAYGROUND_SETS
from course_lib.playground import (FEATURES, LEARNING_RATES, REGULARIZATIONS, Playground, PlaygroundConfig,
                                   load_points, playground_activations)

from .base import CourseWidget, options_with, within
from .figure_view import BLUE, ORANGE

# Playground's palette: orange for negative, white around 0, blue for positive
CMAP = LinearSegmentedColormap.from_list("playground", [ORANGE, "#ffffff", BLUE])
FEATURE_LABELS = {"x1": "X₁", "x2": "X₂", "x1^2": "X₁²", "x2^2": "X₂²", "x1x2": "X₁X₂",
                  "sin_x1": "sin X₁", "sin_x2": "sin X₂"}
GRID = 40
LAYOUT_KEYS = ("features", "hidden")   # the settings that change the figure's layout


class PlaygroundWidget(CourseWidget):
    """PlaygroundWidget(config='dataset=circle&...' or a PlaygroundConfig, X=None, y=None, csv=None,
    hide=(), epochs_per_frame=1, present=False).

    Your own points: X (n, 2) and y (n,), or csv= a file of lines "x1, x2, label".

    hide: names of controls a teacher wants out of sight, e.g. ("learning_rate", "features").
    """

    def __init__(self, config=None, X=None, y=None, csv=None, hide=(), epochs_per_frame=1, present=False):
        super().__init__(present, figsize=(10, 4.6))
        if csv is not None:
            X, y = load_points(csv)
        self.model = Playground(config, X, y)
        self.epochs_per_frame = within(epochs_per_frame, "epochs_per_frame", 1, 1000, integer=True)
        c = self.model.config
        self.controls = {
            "dataset": widgets.Dropdown(options=[*PLAYGROUND_SETS, *(["custom"] if X is not None else [])],
                                        value=c.dataset, description="data"),
            "noise": widgets.IntSlider(c.noise, min=0, max=50, step=5, description="noise %"),
            "train_ratio": widgets.IntSlider(c.train_ratio, min=10, max=90, step=10, description="train %"),
            "batch_size": widgets.IntSlider(c.batch_size, min=1, max=30, description="batch"),
            "learning_rate": widgets.Dropdown(options=options_with(LEARNING_RATES, c.learning_rate), value=c.learning_rate,
                                              description="learning rate"),
            "activation": widgets.Dropdown(options=[*playground_activations(), *([c.activation] if "," in c.activation
                                                                                else [])], value=c.activation,
                                           description="activation"),
            "regularization": widgets.Dropdown(options=list(REGULARIZATIONS), value=c.regularization,
                                               description="regularization"),
            "reg_rate": widgets.Dropdown(options=options_with([0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0], c.reg_rate),
                                         value=c.reg_rate, description="reg. rate"),
            "output": widgets.Dropdown(options=["tanh", "softmax"], value=c.output, description="output"),
            "optimizer": widgets.Dropdown(options=["sgd", "momentum", "adam"], value=c.optimizer,
                                          description="optimizer"),
            "seed": widgets.IntText(c.seed, description="seed", layout=widgets.Layout(width="160px")),
            "lr_decay": widgets.Dropdown(options=options_with([0.0, 0.001, 0.01, 0.1, 1.0], c.lr_decay), value=c.lr_decay,
                                         description="lr decay"),
            "stop_epoch": widgets.IntText(c.stop_epoch, description="stop at epoch",
                                          layout=widgets.Layout(width="200px")),
        }
        for control in self.controls.values():  # show whole labels ("learning rate", not "learning r...")
            control.style.description_width = "initial"
        self.feature_boxes = {f: widgets.Checkbox(f in c.features, description=FEATURE_LABELS[f], indent=False,
                                                  layout=widgets.Layout(width="80px")) for f in FEATURES}
        self.layers_box = widgets.HBox()
        self.show_test = widgets.Checkbox(False, description="show test data", indent=False)
        self.discretize = widgets.Checkbox(False, description="discretize output", indent=False)
        self.play = widgets.Play(value=0, min=0, max=10**7, interval=60, description="Play")
        self.config_text = widgets.Text(c.to_string(), description="config", continuous_update=False,
                                        layout=widgets.Layout(width="100%"))
        self.numbers = widgets.HTML()
        self.details = widgets.HTML()
        self.click_label = widgets.ToggleButtons(options=[("click adds blue (+1)", 1), ("click adds orange (−1)", -1)],
                                                 value=1, style={"button_width": "160px"})
        self.neuron = widgets.Dropdown(description="neuron")
        # the selected neuron's incoming link and bias, live while training, and editable
        self.source = widgets.Dropdown(description="link from")
        self.weight_edit = widgets.FloatText(description="weight", step=0.1, layout=widgets.Layout(width="170px"))
        self.bias_edit = widgets.FloatText(description="bias", step=0.1, layout=widgets.Layout(width="170px"))
        self.metrics = widgets.HTML()
        self.neuron_info = widgets.HTML()
        self.sample = widgets.IntSlider(0, min=0, max=len(self.model.X_train) - 1, description="sample")
        for name, control in self.controls.items():
            self.observe(control, self._settings_changed)
        for box in self.feature_boxes.values():
            self.observe(box, self._settings_changed)
        self.observe(self.config_text, self._config_typed)
        self.observe(self.show_test, lambda: (self._update_points(), self.render()))
        self.observe(self.discretize, self.render)
        self.observe(self.play, self._tick)
        self.observe(self.neuron, lambda: self._show_neuron(fill_boxes=True))
        self.observe(self.source, lambda: self._show_neuron(fill_boxes=True))
        buttons = widgets.HBox([self.play, self.button("Step", self.step, "step-forward", "train one epoch"),
                                self.button("Reset", self.reset, "undo", "same seed: same data and weights"),
                                self.button("+ layer", lambda: self._change_layers(+1)),
                                self.button("− layer", lambda: self._change_layers(-1)),
                                self.button("Show me backprop", self.show_backprop, "search"),
                                self.button("Export weights", self.export, "download"),
                                self.button("Export PyTorch", self.export_pytorch, "code")])
        editor = widgets.HBox([self.neuron, self.source, self.weight_edit,
                               self.button("Set weight", self.set_weight), self.bias_edit,
                               self.button("Set bias", self.set_bias)])
        rows = [widgets.HBox([self.controls[k] for k in ("dataset", "noise", "train_ratio", "seed")]),
                widgets.HBox([self.controls[k] for k in ("learning_rate", "batch_size", "activation", "optimizer")]),
                widgets.HBox([self.controls[k] for k in ("regularization", "reg_rate", "output")] +
                             [self.show_test, self.discretize]),
                widgets.HBox([self.controls["lr_decay"], self.controls["stop_epoch"]]),
                widgets.HBox([widgets.Label("inputs:")] + list(self.feature_boxes.values())),
                widgets.HBox([widgets.Label("hidden layers:"), self.layers_box]),
                buttons, self.numbers, self.view.image, self.click_label, self.status,
                self.metrics, editor, self.neuron_info, self.sample, self.details, self.config_text]
        self.ui = widgets.VBox(rows)
        self._hide(hide)
        self.safe(self._rebuild)()

    # ---- settings ----------------------------------------------------------------------------
    def _hide(self, names):
        for name in names:
            control = self.controls.get(name) or {"features": None, "config": self.config_text}.get(name, "?")
            if control == "?":
                raise ValueError(f"cannot hide {name!r}: known controls are "
                                 f"{', '.join([*self.controls, 'features', 'config'])}")
            targets = list(self.feature_boxes.values()) if name == "features" else [control]
            for t in targets:
                t.layout.display = "none"

    def _config_from_controls(self):
        c = self.model.config
        values = {k: control.value for k, control in self.controls.items()}
        values["features"] = tuple(f for f, box in self.feature_boxes.items() if box.value)
        return PlaygroundConfig(**{**{k: getattr(c, k) for k in ("hidden", "stop_loss")}, **values})

    def _settings_changed(self):
        if getattr(self, "_syncing", False):
            return
        self._apply(self._config_from_controls())   # raises with a clear message if invalid

    def _config_typed(self):
        if getattr(self, "_syncing", False):
            return
        self._apply(PlaygroundConfig.from_string(self.config_text.value))

    def _apply(self, config):
        """Rebuild only what the change touches: the figure's layout only when the inputs, the
        layers or the output change; otherwise new data and weights drawn into the same picture."""
        old, self.model.config = self.model.config, config
        if any(getattr(old, k) != getattr(config, k) for k in LAYOUT_KEYS):
            self._rebuild()
            return
        self.play.playing = False
        self.model.reset()
        self._sync_controls(layers=old.activation != config.activation)
        self._hide_backprop()
        self._update_points()
        self.render()

    def _change_layers(self, delta, layer=None):
        hidden = list(self.model.config.hidden)
        if layer is None:
            hidden = hidden + [4] if delta > 0 else hidden[:-1]
        else:
            hidden[layer] += delta
        acts = self.model.config.activation.split(",")
        if len(acts) > 1:   # one per layer: a new layer repeats the last one's, a removed one takes its own
            acts = (acts + acts[-1:] * len(hidden))[:len(hidden)]
        activation = acts[0] if len(set(acts)) == 1 else ",".join(acts)
        self.model.config = PlaygroundConfig(**{**self.model.config.__dict__, "hidden": tuple(hidden),
                                                "activation": activation})
        self._rebuild()

    def _sync_controls(self, layers=True):
        c = self.model.config
        self._syncing = True
        try:
            for k, control in self.controls.items():
                if k == "dataset" and c.dataset not in control.options:
                    control.options = [*control.options, c.dataset]
                if k == "activation":   # one per layer: the global choice shows the mix
                    control.options = [*playground_activations(), *([c.activation] if "," in c.activation else [])]
                control.value = getattr(c, k)
            for f, box in self.feature_boxes.items():
                box.value = f in c.features
            self.config_text.value = c.to_string()
        finally:
            self._syncing = False
        self.sample.max = len(self.model.X_train) - 1
        if not layers:
            return
        layer_rows = []
        for l, n in enumerate(c.hidden):
            minus = self.button("−", lambda l=l: self._change_layers(-1, l))
            plus = self.button("+", lambda l=l: self._change_layers(+1, l))
            layer_rows.append(widgets.HBox([minus, widgets.Label(f"{n} neurons"), plus],
                                           layout=widgets.Layout(margin="0 12px 0 0")))
        self.layers_box.children = layer_rows
        options = [(f"layer {l + 1}, neuron {j + 1}", (l, j)) for l, n in enumerate(c.hidden) for j in range(n)]
        previous = self.neuron.value
        self.neuron.options = options + [("output", (len(c.hidden), 0))]
        values = [v for _, v in self.neuron.options]
        self.neuron.value = previous if previous in values else values[0]   # never "nothing selected"
        self._layer_activation_controls(layer_rows)

    # ---- actions -----------------------------------------------------------------------------
    def reset(self):
        self.play.playing = False
        self.model.reset()
        self._hide_backprop()
        self.render()

    def _hide_backprop(self):
        """Back to the plain picture: a reset or a new network makes the old deltas meaningless."""
        self.backprop_on = False
        for texts in self.delta_texts:
            for text in texts:
                text.set_visible(False)

    def step(self):
        """Train one epoch and redraw."""
        self.model.step(1)
        self.render()

    def _tick(self):
        """One frame of Play: train, then draw; stop playing once training has ended."""
        if self.model.diverged or self.model.finished:
            self.play.playing = False
            self._say_state()
            return
        self.model.step(self.epochs_per_frame)
        self.render()

    def add_point(self, x1, x2, label=None):
        """Add a point (of the class chosen above the picture) and start again on the new data."""
        label = self.click_label.value if label is None else label
        if self.model.config.output == "softmax":
            label = int(label > 0)
        self.model.add_point(x1, x2, label)
        self._sync_controls()
        self._redraw_all()

    def export(self, folder="."):
        """Write playground-weights.npz and playground.json (weights + configuration) to `folder`."""
        folder = Path(folder)
        self.model.save_npz(folder / "playground-weights.npz")
        (folder / "playground.json").write_text(self.model.to_json())
        self.say(f"saved {folder / 'playground-weights.npz'} and {folder / 'playground.json'}", "#1b7f1b")

    def show_backprop(self):
        """One training sample's forward values and every neuron's delta, on the picture and in a table."""
        v = self.model.backprop_view(self.sample.value)
        rows = []
        for l, (a, f, d) in enumerate(zip(v["a"], v["f"], v["delta"])):
            name = "output" if l == len(v["a"]) - 1 else f"hidden layer {l + 1}"
            rows.append(f"<tr><td>{name}</td><td>{np.round(a, 3).tolist()}</td><td>{np.round(f, 3).tolist()}</td>"
                        f"<td>{np.round(d, 4).tolist()}</td></tr>")
        self.details.value = (f"<b>backprop for training sample {self.sample.value}</b>: x = "
                              f"{np.round(v['x'], 2).tolist()}, target {v['y']:g}<table><tr><th>layer</th>"
                              "<th>a (pre-activation)</th><th>f (output)</th><th>δ = dL/da</th></tr>"
                              + "".join(rows) + "</table>")
        self.backprop_on = True   # the labels follow training from now on: never stale
        self.render()

    def _update_backprop_labels(self):
        v = self.model.backprop_view(self.sample.value)
        for l, d in enumerate(v["delta"][:-1]):
            for j, text in enumerate(self.delta_texts[l]):
                text.set_text(f"f={v['f'][l][j]:.2f} δ={d[j]:.3f}")
                text.set_visible(True)

    def _layer_activation_controls(self, layer_rows):
        """One activation per hidden layer (TF Playground's issue 50): a dropdown under each."""
        c = self.model.config
        for l, (row, act) in enumerate(zip(layer_rows, c.activation.split(",") * len(c.hidden)
                                            if "," not in c.activation else c.activation.split(","))):
            choice = widgets.Dropdown(options=list(playground_activations()), value=act,
                                      layout=widgets.Layout(width="95px"))
            self.observe(choice, lambda l=l, choice=choice: self._set_layer_activation(l, choice.value))
            row.children = (*row.children, choice)

    def _set_layer_activation(self, layer, name):
        c = self.model.config
        acts = [a if a != "identity" else "linear" for a in c.layer_activations]
        acts[layer] = name
        value = acts[0] if len(set(acts)) == 1 else ",".join(acts)
        self.model.config = PlaygroundConfig(**{**c.__dict__, "activation": value})
        self._rebuild()

    def _neuron_links(self):
        l, j = self.neuron.value
        c = self.model.config
        names = [FEATURE_LABELS[f] for f in c.features] if l == 0 else \
            [f"layer {l}, neuron {i + 1}" for i in range(c.hidden[l - 1])]
        return l, j, names

    def _show_neuron(self, fill_boxes=False):
        """The selected neuron's links and bias, as they are now (called after every frame). The
        edit boxes are filled only when the selection changes, so typing is never overwritten."""
        if not self.neuron.options or self.neuron.value is None:
            return
        l, j, names = self._neuron_links()
        if [label for label, _ in self.source.options] != names:
            self.source.options = [(n, i) for i, n in enumerate(names)]
        i = self.source.value or 0
        net = self.model.net
        if fill_boxes:
            self.weight_edit.value = round(float(net.W_[l][i, j]), 4)
            self.bias_edit.value = round(float(net.b_[l][j]), 4)
        w_in = net.W_[l][:, j]
        dead = self.model.dead_[l][:, j]
        links = ", ".join(f"{n}: {'0 (dead)' if d else f'{w:.3f}'}" for n, w, d in zip(names, w_in, dead))
        self.neuron_info.value = f"<b>{self.neuron.label}</b>: bias {net.b_[l][j]:.3f}; incoming weights {links}"

    def set_weight(self, value=None):
        """Set the selected link's weight (the box's value) and redraw: the boundary moves."""
        l, j, _ = self._neuron_links()
        self.model.set_weight(l, self.source.value or 0, j, self.weight_edit.value if value is None else value)
        self.render()

    def set_bias(self, value=None):
        l, j, _ = self._neuron_links()
        self.model.set_bias(l, j, self.bias_edit.value if value is None else value)
        self.render()

    def select_neuron(self, layer, j):
        """Select neuron j of hidden layer `layer` (0-based) or the output (layer = number of hidden layers)."""
        self.neuron.value = (layer, j)

    def export_pytorch(self, folder="."):
        """Write playground_model.py: the network as a runnable PyTorch script (TF Playground's issue 39)."""
        path = Path(folder) / "playground_model.py"
        path.write_text(self.model.to_pytorch())
        self.say(f"saved {path}: run it with PyTorch, predict(points) gives this network's outputs", "#1b7f1b")

    # ---- drawing -----------------------------------------------------------------------------
    def _rebuild(self):
        """The architecture or data changed: new model state and a new figure layout."""
        self.play.playing = False
        self.model.reset()
        self._sync_controls()
        self._redraw_all()

    def _redraw_all(self):
        self.backprop_on = False
        fig = self.view.fig
        fig.clear()
        self.view.forget_clicks()
        fig.set_layout_engine("none")  # the axes are placed by hand below
        self.view._dynamic.clear()
        c = self.model.config
        columns = [len(c.features), *c.hidden]
        n_cols = len(columns)
        left, right = 0.02, 0.60
        col_w = (right - left) / n_cols
        size = min(0.11, 0.92 / (max(columns) * 1.35), col_w * 0.55)
        overlay = fig.add_axes([0, 0, 1, 1], zorder=0)
        overlay.set_xlim(0, 1)
        overlay.set_ylim(0, 1)
        overlay.axis("off")
        centres = []
        maps = self.model.maps(GRID)   # the inputs' pictures; render() draws the rest
        self.neuron_images, self.delta_texts = [], []
        for col, count in enumerate(columns):
            x0 = left + col * col_w + (col_w - size) / 2
            ys = [0.5 + (count / 2 - k - 1) * (size * 1.35) + size * 0.175 for k in range(count)]
            centres.append([(x0, y + size / 2) for y in ys])
            images, texts = [], []
            for k, y in enumerate(ys):
                ax = fig.add_axes([x0, y, size, size], zorder=2)
                ax.set_xticks([])
                ax.set_yticks([])
                # inputs like X1² reach 36: scale each input's picture to its own range
                data = maps["inputs"][k] / max(np.abs(maps["inputs"][k]).max(), 1e-12) if col == 0 \
                    else maps["layers"][col - 1][k]
                im = ax.imshow(data, cmap=CMAP, vmin=-1, vmax=1, interpolation="nearest")
                if col == 0:
                    ax.set_title(FEATURE_LABELS[c.features[k]], fontsize=8, pad=2)
                else:
                    images.append(self.view.dynamic(im))
                    self.view.on_click(ax, lambda x, y, l=col - 1, k=k: self.select_neuron(l, k))
                    texts.append(self.view.dynamic(ax.text(0.5, -0.12, "", transform=ax.transAxes,
                                                           ha="center", va="top", fontsize=6, visible=False)))
            if col:
                self.neuron_images.append(images)
                self.delta_texts.append(texts)
        out_x = 0.66
        centres.append([(out_x, 0.62)])
        self.edges = self.view.dynamic(LineCollection(self._edge_segments(centres, size), zorder=1))
        overlay.add_collection(self.edges)
        self._centres, self._size = centres, size
        self.ax_out = fig.add_axes([out_x, 0.30, 0.32, 0.66], zorder=2)
        self.ax_out.set_xticks([-6, 0, 6])
        self.ax_out.set_yticks([-6, 0, 6])
        self.out_image = self.view.dynamic(self.ax_out.imshow(maps["output"], cmap=CMAP, vmin=-1, vmax=1,
                                                              extent=(-6, 6, -6, 6), interpolation="bilinear"))
        m = self.model
        colours = lambda y: np.where(y > 0, BLUE, ORANGE) if not m.config.is_regression else \
            [CMAP((v + 1) / 2) for v in y]
        # the points are drawn after (over) the output picture, which changes every frame
        self.train_points = self.view.dynamic(self.ax_out.scatter(
            m.X_train[:, 0], m.X_train[:, 1], s=10, c=colours(m.y_train), edgecolor="white", linewidth=0.5, zorder=3))
        self.test_points = self.view.dynamic(self.ax_out.scatter(
            m.X_test[:, 0], m.X_test[:, 1], s=10, c=colours(m.y_test), edgecolor="black", linewidth=0.6, zorder=3,
            visible=self.show_test.value))
        self.ax_out.set_title("output (click to add a point)", fontsize=9)
        self.view.on_click(self.ax_out, self.safe(self.add_point))
        self.ax_loss = fig.add_axes([out_x, 0.06, 0.32, 0.16], zorder=2)
        self.ax_loss.tick_params(labelsize=7)
        self.train_line = self.view.dynamic(self.ax_loss.plot([], [], color="0.2", lw=1)[0])
        self.test_line = self.view.dynamic(self.ax_loss.plot([], [], color=ORANGE, lw=1)[0])
        self._loss_limits = None
        self.view.invalidate()
        self.render()

    def _edge_weights(self):
        """One number per drawn link, in the order of the segments. The picture has one output
        node: with two softmax outputs its links show w(class 1) - w(class 0), the weight of the
        score the picture shows; with more, the largest |w|. Dead links (L1 set them to 0 for
        good) are drawn as gone."""
        m = self.model
        *inner, last = m.net.W_
        *inner_dead, last_dead = m.dead_
        k = last.shape[1]
        last = last[:, 0] if k == 1 else last[:, 1] - last[:, 0] if k == 2 else np.abs(last).max(axis=1)
        last_dead = last_dead[:, 0] if k == 1 else last_dead.all(axis=1)
        weights = np.concatenate([W.ravel() for W in inner] + [last])
        dead = np.concatenate([d.ravel() for d in inner_dead] + [last_dead])
        return weights, dead

    def _update_points(self):
        """New data in the same picture: move and recolour the points."""
        m = self.model
        colours = lambda y: np.where(y > 0, BLUE, ORANGE) if not m.config.is_regression else \
            [CMAP((v + 1) / 2) for v in y]
        for points, X, y in ((self.train_points, m.X_train, m.y_train), (self.test_points, m.X_test, m.y_test)):
            points.set_offsets(X)
            points.set_facecolors(colours(y))
        self.test_points.set_visible(self.show_test.value)

    def _edge_segments(self, centres, size):
        segments = []
        for a, b in zip(centres[:-1], centres[1:]):
            for (xa, ya) in a:
                for (xb, yb) in b:
                    segments.append([(xa + size, ya), (xb, yb)])
        return segments

    def render(self):
        m = self.model
        if self.backprop_on and not m.diverged:
            self._update_backprop_labels()
        maps = m.maps(GRID)
        for images, layer in zip(self.neuron_images, maps["layers"]):
            for im, data in zip(images, layer):
                im.set_data(data)
        out = maps["output"]
        if self.discretize.value:
            out = np.sign(out) if m.config.output == "tanh" or m.net.layer_sizes[-1] == 2 else out
        self.out_image.set_data(out)
        weights, dead = self._edge_weights()
        self.edges.set_colors(np.where(weights[:, None] > 0, np.array([[0.03, 0.47, 0.74, 1]]),
                                       np.array([[0.96, 0.58, 0.13, 1]])))
        self.edges.set_linewidths(np.where(dead, 0.0, 0.3 + 3 * np.minimum(np.abs(weights), 1.5) / 1.5))
        epochs = [r.epoch for r in m.history]
        self._update_loss_axes(epochs)
        self.train_line.set_data(epochs, [r.train_loss for r in m.history])
        self.test_line.set_data(epochs, [r.test_loss for r in m.history])
        self.view.render()
        last = m.history[-1]
        acc = "" if last.train_accuracy is None else \
            f" &nbsp; accuracy: train {last.train_accuracy:.3f}, test {last.test_accuracy:.3f}"
        self.numbers.value = (f"<b>epoch {m.epoch:04d}</b> &nbsp; loss: train {last.train_loss:.3f} "
                              f"(<span style='color:#333'>—</span>), test {last.test_loss:.3f} "
                              f"(<span style='color:{ORANGE}'>—</span>){acc}"
                              + (f" &nbsp; {1000 * last.seconds:.0f} ms per epoch" if last.epoch else "")
                              + (f" &nbsp; {sum(int(d.sum()) for d in m.dead_)} links set to 0 by L1"
                                 if m.config.regularization == "l1" else ""))
        self.metrics.value = self._metrics_html()
        self._show_neuron()
        self._say_state()

    def _metrics_html(self):
        """R^2 for regression; for classification the test set's confusion matrix (TF Playground's issue 7)."""
        m = self.model.metrics()
        if "test_r2" in m:
            return f"R² (1 = perfect fit): train {m['train_r2']:.3f}, test {m['test_r2']:.3f}"
        name = {-1: "orange (−1)", 1: "blue (+1)"}
        label = lambda k: name.get(k, f"class {k}") if self.model.config.output == "tanh" else f"class {k}"
        head = "".join(f"<th style='padding:0 6px'>{label(k)}</th>" for k in m["classes"])
        rows = "".join(f"<tr><th style='padding:0 6px'>{label(k)}</th>"
                       + "".join(f"<td style='text-align:center'>{v}</td>" for v in row) + "</tr>"
                       for k, row in zip(m["classes"], m["confusion"]))
        return ("<details><summary>confusion matrix of the test data (rows: true class, columns: predicted)"
                f"</summary><table><tr><th></th>{head}</tr>{rows}</table></details>")

    def _say_state(self):
        """Why training has ended, for as long as it has."""
        m = self.model
        if m.diverged:
            self.say(m.diverged, "#b00020")
        elif m.finished:
            self.say(m.finished, "#1b7f1b")

    def _update_loss_axes(self, epochs):
        losses = [v for r in self.model.history for v in (r.train_loss, r.test_loss) if np.isfinite(v)]
        top = max(losses) * 1.1 if losses else 1
        right = max(10, epochs[-1])
        if self._loss_limits is None or right > self._loss_limits[0] or top > self._loss_limits[1]:
            self._loss_limits = (right * 2 if right > 10 else 10, top)
            self.ax_loss.set_xlim(0, self._loss_limits[0])
            self.ax_loss.set_ylim(0, top)
            self.view.invalidate()

    @property
    def state(self):
        m = self.model
        return {"epoch": m.epoch, "config": m.config.to_string(), "history": m.history, "diverged": m.diverged}

    def __repr__(self):
        return f"PlaygroundWidget({self.model.config.dataset}, hidden={list(self.model.config.hidden)})"
