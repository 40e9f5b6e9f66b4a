"""Every setting of the Playground as a control, read back as a PlaygroundConfig, and set from one."""
import ipywidgets as widgets

from course_lib.datasets import PLAYGROUND_SETS
from course_lib.playground import FEATURES, LEARNING_RATES, REGULARIZATIONS, PlaygroundConfig, playground_activations

from ..base import options_with

FEATURE_LABELS = {"x1": "X₁", "x2": "X₂", "x1^2": "X₁²", "x2^2": "X₂²", "x1x2": "X₁X₂",
                  "sin_x1": "sin X₁", "sin_x2": "sin X₂"}
ROWS = (("dataset", "noise", "train_ratio", "seed"), ("learning_rate", "batch_size", "activation", "optimizer"),
        ("regularization", "reg_rate", "output"), ("lr_decay", "stop_epoch"))


def activation_options(c):
    """The activations a layer can take, plus the current per-layer mix ("tanh,relu") if any."""
    return [*playground_activations(), *([c.activation] if "," in c.activation else [])]


class PlaygroundControls:
    """controls: name -> control of a PlaygroundConfig setting; features: feature -> checkbox."""

    def __init__(self, c, custom_data=False):
        text = lambda value, name, width: widgets.IntText(value, description=name, layout=widgets.Layout(width=width))
        self.controls = {
            "dataset": widgets.Dropdown(options=[*PLAYGROUND_SETS, *(["custom"] if custom_data else [])],
                                        value=c.dataset, description="data"),
            "noise": widgets.IntSlider(c.noise, min=0, max=50, step=5, description="noise %"),
            "train_ratio": widgets.IntSlider(c.train_ratio, min=10, max=90, step=10, description="train %"),
            "batch_size": widgets.IntSlider(c.batch_size, min=1, max=30, description="batch"),
            "learning_rate": widgets.Dropdown(options=options_with(LEARNING_RATES, c.learning_rate),
                                              value=c.learning_rate, description="learning rate"),
            "activation": widgets.Dropdown(options=activation_options(c), value=c.activation,
                                           description="activation"),
            "regularization": widgets.Dropdown(options=list(REGULARIZATIONS), value=c.regularization,
                                               description="regularization"),
            "reg_rate": widgets.Dropdown(options=options_with([0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0],
                                                              c.reg_rate), value=c.reg_rate, description="reg. rate"),
            "output": widgets.Dropdown(options=["tanh", "softmax"], value=c.output, description="output"),
            "optimizer": widgets.Dropdown(options=["sgd", "momentum", "adam"], value=c.optimizer,
                                          description="optimizer"),
            "seed": text(c.seed, "seed", "160px"),
            "lr_decay": widgets.Dropdown(options=options_with([0.0, 0.001, 0.01, 0.1, 1.0], c.lr_decay),
                                         value=c.lr_decay, description="lr decay"),
            "stop_epoch": text(c.stop_epoch, "stop at epoch", "200px"),
        }
        for control in self.controls.values():  # show whole labels ("learning rate", not "learning r...")
            control.style.description_width = "initial"
        self.features = {f: widgets.Checkbox(f in c.features, description=FEATURE_LABELS[f], indent=False,
                                             layout=widgets.Layout(width="80px")) for f in FEATURES}
        self.config_text = widgets.Text(c.to_string(), description="config", continuous_update=False,
                                        layout=widgets.Layout(width="100%"))

    def rows(self):
        return [widgets.HBox([self.controls[k] for k in row]) for row in ROWS] + \
            [widgets.HBox([widgets.Label("inputs:")] + list(self.features.values()))]

    def all(self):
        """Every control whose change means a new configuration."""
        return [*self.controls.values(), *self.features.values()]

    def hide(self, names):
        """Take controls out of sight (a teacher's choice): setting names, 'features' or 'config'."""
        for name in names:
            if name == "features":
                targets = list(self.features.values())
            elif name == "config":
                targets = [self.config_text]
            elif name in self.controls:
                targets = [self.controls[name]]
            else:
                raise ValueError(f"cannot hide {name!r}: known controls are "
                                 f"{', '.join([*self.controls, 'features', 'config'])}")
            for t in targets:
                t.layout.display = "none"

    def config(self, current):
        """The configuration the controls show (hidden sizes and stop_loss kept from `current`)."""
        values = {k: control.value for k, control in self.controls.items()}
        values["features"] = tuple(f for f, box in self.features.items() if box.value)
        return PlaygroundConfig(**{**{k: getattr(current, k) for k in ("hidden", "stop_loss")}, **values})

    def show(self, c):
        """Set every control to configuration c (the caller ignores the changes this causes)."""
        for k, control in self.controls.items():
            if k == "dataset" and c.dataset not in control.options:
                control.options = [*control.options, c.dataset]
            if k == "activation":   # one per layer: the global choice shows the mix
                control.options = activation_options(c)
            control.value = getattr(c, k)
        for f, box in self.features.items():
            box.value = f in c.features
        self.config_text.value = c.to_string()
