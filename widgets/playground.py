"""TensorFlow Playground inside Jupyter, on course_lib.playground: train a small network on 2-D
data and watch every neuron's output, the weights and the losses change.

The kernel trains and sends numbers; the browser paints them (playground_parts/canvas.py and
front/playground.js), so a frame is about 12 KB whatever the picture's size."""
from pathlib import Path

import ipywidgets as widgets
import numpy as np

from course_lib.playground import Playground, PlaygroundConfig, load_points, playground_activations

from .base import CourseWidget, within
from .player import Player
from .playground_parts.canvas import OUT_GRID, PlaygroundCanvas
from .playground_parts.controls import FEATURE_LABELS, PlaygroundControls
from .playground_parts.panels import backprop_html, describe, metrics_html, numbers_html
from .playground_parts.poster import poster

LAYOUT_KEYS = ("features", "hidden")   # the settings that change the network's layout


class PlaygroundWidget(CourseWidget):
    """PlaygroundWidget(config='dataset=circle&...' or a PlaygroundConfig, X=None, y=None, csv=None,
    hide=(), epochs_per_frame=1, present=False).

    Your own points: X (n, 2) and y (n,), or csv= a file of lines "x1, x2, label".

    hide: names of controls a teacher wants out of sight, e.g. ("learning_rate", "features").
    """

    def __init__(self, config=None, X=None, y=None, csv=None, hide=(), epochs_per_frame=1, present=False):
        super().__init__(present, figsize=None)
        if csv is not None:
            X, y = load_points(csv)
        self.model = Playground(config, X, y)
        self.epochs_per_frame = within(epochs_per_frame, "epochs_per_frame", 1, 1000, integer=True)
        self.settings = PlaygroundControls(self.model.config, custom_data=X is not None)
        self.controls, self.feature_boxes = self.settings.controls, self.settings.features
        self.config_text = self.settings.config_text
        self.canvas = PlaygroundCanvas(zoom=1.4 if present else 1.0)
        self.canvas.on_action(self.safe(self.select_neuron), self.safe(self.add_point))
        self.layers_box = widgets.HBox()
        self.show_test = widgets.Checkbox(False, description="show test data", indent=False)
        self.discretize = widgets.Checkbox(False, description="discretize output", indent=False)
        self.play = Player(value=0, min=0, max=10**7, interval=60, description="one epoch per frame")
        self.numbers, self.details, self.metrics, self.neuron_info = (widgets.HTML() for _ in range(4))
        self.click_label = widgets.ToggleButtons(options=[("click adds blue (+1)", 1), ("click adds orange (−1)", -1)],
                                                 value=1, style={"button_width": "160px"})
        self.backprop_on = False
        for control in self.settings.all():
            self.observe(control, self._settings_changed)
        self.observe(self.config_text, self._config_typed)
        self.observe(self.show_test, self.render)
        self.observe(self.discretize, self.render)
        self.observe(self.play, self._tick)
        self.ui = widgets.VBox([*self.settings.rows(), widgets.HBox([self.show_test, self.discretize]),
                                widgets.HBox([widgets.Label("hidden layers:"), self.layers_box]),
                                self._buttons(), self.numbers, self.canvas, self.click_label, self.status,
                                self.metrics, self._neuron_editor(), self.neuron_info, self.sample, self.details,
                                self.config_text])
        self.settings.hide(hide)
        self.safe(self._rebuild)()

    def _buttons(self):
        return widgets.HBox([self.play, self.button("Step", self.step, "step-forward", "train one epoch"),
                             self.button("Reset", self.reset, "undo", "same seed: same data and weights"),
                             self.button("+ layer", lambda: self._change_layers(+1)),
                             self.button("− layer", lambda: self._change_layers(-1)),
                             self.button("Show me backprop", self.show_backprop, "search"),
                             self.button("Export weights", self.export, "download"),
                             self.button("Export PyTorch", self.export_pytorch, "code")])

    def _neuron_editor(self):
        """The selected neuron's incoming link and bias, live while training, and editable."""
        self.neuron = widgets.Dropdown(description="neuron")
        self.source = widgets.Dropdown(description="link from")
        self.weight_edit = widgets.FloatText(description="weight", step=0.1, layout=widgets.Layout(width="170px"))
        self.bias_edit = widgets.FloatText(description="bias", step=0.1, layout=widgets.Layout(width="170px"))
        self.sample = widgets.IntSlider(0, min=0, max=len(self.model.X_train) - 1, description="sample")
        self.observe(self.neuron, lambda: self._show_neuron(fill_boxes=True))
        self.observe(self.source, lambda: self._show_neuron(fill_boxes=True))
        return widgets.HBox([self.neuron, self.source, self.weight_edit, self.button("Set weight", self.set_weight),
                             self.bias_edit, self.button("Set bias", self.set_bias)])

    # ---- settings ----------------------------------------------------------------------------
    def _settings_changed(self):
        if not getattr(self, "_syncing", False):
            self._apply(self.settings.config(self.model.config))   # raises with a clear message if invalid

    def _config_typed(self):
        if not getattr(self, "_syncing", False):
            self._apply(PlaygroundConfig.from_string(self.config_text.value))

    def _apply(self, config):
        """Rebuild the layer controls only when the inputs or the layers change; otherwise new data
        and weights in the same layout."""
        old, self.model.config = self.model.config, config
        if any(getattr(old, k) != getattr(config, k) for k in LAYOUT_KEYS):
            self._rebuild()
            return
        self.play.playing = False
        self.model.reset()
        self._sync_controls(layers=old.activation != config.activation)
        self.backprop_on = False
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
            self.settings.show(c)
        finally:
            self._syncing = False
        self.sample.max = len(self.model.X_train) - 1
        if layers:
            self._layer_controls()

    def _layer_controls(self):
        """Per hidden layer: fewer / more neurons, and its own activation (TF Playground's issue 50)."""
        c = self.model.config
        acts = c.activation.split(",") if "," in c.activation else [c.activation] * len(c.hidden)
        rows = []
        for l, (n, act) in enumerate(zip(c.hidden, acts)):
            minus = self.button("−", lambda l=l: self._change_layers(-1, l), tooltip=f"one neuron fewer in layer {l + 1}")
            plus = self.button("+", lambda l=l: self._change_layers(+1, l), tooltip=f"one neuron more in layer {l + 1}")
            choice = widgets.Dropdown(options=list(playground_activations()), value=act,
                                      tooltip=f"activation of layer {l + 1}", layout=widgets.Layout(width="95px"))
            self.observe(choice, lambda l=l, choice=choice: self._set_layer_activation(l, choice.value))
            rows.append(widgets.HBox([minus, widgets.Label(f"{n} neurons"), plus, choice],
                                     layout=widgets.Layout(margin="0 12px 0 0")))
        self.layers_box.children = rows
        options = [(f"layer {l + 1}, neuron {j + 1}", (l, j)) for l, n in enumerate(c.hidden) for j in range(n)]
        previous = self.neuron.value
        self.neuron.options = options + [("output", (len(c.hidden), 0))]
        values = [v for _, v in self.neuron.options]
        self.neuron.value = previous if previous in values else values[0]   # never "nothing selected"

    def _set_layer_activation(self, layer, name):
        c = self.model.config
        acts = [a if a != "identity" else "linear" for a in c.layer_activations]
        acts[layer] = name
        value = acts[0] if len(set(acts)) == 1 else ",".join(acts)
        self.model.config = PlaygroundConfig(**{**c.__dict__, "activation": value})
        self._rebuild()

    # ---- actions -----------------------------------------------------------------------------
    def reset(self):
        self.play.playing = False
        self.model.reset()
        self.backprop_on = False
        self.render()

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
        self._rebuild()

    def export(self, folder="."):
        """Write playground-weights.npz and playground.json (weights + configuration) to `folder`."""
        folder = Path(folder)
        self.model.save_npz(folder / "playground-weights.npz")
        (folder / "playground.json").write_text(self.model.to_json())
        self.say(f"saved {folder / 'playground-weights.npz'} and {folder / 'playground.json'}", "#1b7f1b")

    def export_pytorch(self, folder="."):
        """Write playground_model.py: the network as a runnable PyTorch script (TF Playground's issue 39)."""
        path = Path(folder) / "playground_model.py"
        path.write_text(self.model.to_pytorch())
        self.say(f"saved {path}: run it with PyTorch, predict(points) gives this network's outputs", "#1b7f1b")

    def show_backprop(self):
        """One training sample's forward values and every neuron's delta, in a table that follows training."""
        self.backprop_on = True
        self.render()

    # ---- the selected neuron -----------------------------------------------------------------
    def select_neuron(self, layer, j):
        """Select neuron j of hidden layer `layer` (0-based) or the output (layer = number of hidden layers)."""
        self.neuron.value = (layer, j)

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
        w_in, dead = net.W_[l][:, j], self.model.dead_[l][:, j]
        links = ", ".join(f"{n}: {'0 (dead)' if d else f'{w:.3f}'}" for n, w, d in zip(names, w_in, dead))
        self.neuron_info.value = f"<b>{self.neuron.label}</b>: bias {net.b_[l][j]:.3f}; incoming weights {links}"
        self.canvas.selected = [l, j]

    def set_weight(self, value=None):
        """Set the selected link's weight (the box's value) and redraw: the boundary moves."""
        l, j, _ = self._neuron_links()
        self.model.set_weight(l, self.source.value or 0, j, self.weight_edit.value if value is None else value)
        self.render()

    def set_bias(self, value=None):
        l, j, _ = self._neuron_links()
        self.model.set_bias(l, j, self.bias_edit.value if value is None else value)
        self.render()

    # ---- drawing -----------------------------------------------------------------------------
    def _rebuild(self):
        """The architecture or the data changed: new model state, new layer controls, new layout."""
        self.play.playing = False
        self.model.reset()
        self._sync_controls()
        self.backprop_on = False
        self.render()

    def render(self):
        m = self.model
        self.canvas.show_test = self.show_test.value
        # the labels and the table follow training: never stale
        view = m.backprop_view(self.sample.value) if self.backprop_on and not m.diverged else None
        self.canvas.show(m, FEATURE_LABELS, self.discretize.value, lambda out: describe(m, FEATURE_LABELS, out),
                         backprop=view)
        self.numbers.value = numbers_html(m)
        self.metrics.value = metrics_html(m)
        self.details.value = "" if view is None else backprop_html(view, self.sample.value)
        self._show_neuron()
        self._say_state()

    def _say_state(self):
        """Why training has ended, for as long as it has."""
        m = self.model
        if m.diverged:
            self.say(m.diverged, "#b00020")
        elif m.finished:
            self.say(m.finished, "#1b7f1b")

    def png(self):
        return poster(self.model, FEATURE_LABELS, self.show_test.value)

    @property
    def state(self):
        m = self.model
        return {"epoch": m.epoch, "config": m.config.to_string(), "history": m.history, "diverged": m.diverged}

    def __repr__(self):
        return f"PlaygroundWidget({self.model.config.dataset}, hidden={list(self.model.config.hidden)})"
