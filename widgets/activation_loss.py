"""Activation functions with their derivatives, and losses over y_hat, with a movable point."""
import ipywidgets as widgets
import numpy as np

from course_lib.activations import ACTIVATIONS, get_activation
from course_lib.losses import get_loss
from course_lib.validation import lookup

from .base import CourseWidget
from .figure_view import BLUE, ORANGE

A_RANGE = (-6.0, 6.0)
Y_HAT_RANGE = {"l1": (-1.0, 2.0), "l2": (-1.0, 2.0), "binary_cross_entropy": (0.001, 0.999)}


class ActivationLossExplorer(CourseWidget):
    """ActivationLossExplorer(activation='sigmoid', loss='l2', present=False)."""

    def __init__(self, activation="sigmoid", loss="l2", present=False):
        super().__init__(present, figsize=(9, 3.4))
        # elementwise activations only (softmax acts on a whole vector, not on one a); unknown
        # names fail here, with the valid ones listed
        shown = {name: a for name, a in ACTIVATIONS.items() if a.df is not None}
        lookup(activation, shown, "activation (one that acts on each number: softmax does not)")
        lookup(loss, Y_HAT_RANGE, "loss (one drawn over a single prediction)")
        self.activation = widgets.Dropdown(options=[(a.label or n, n) for n, a in shown.items()],
                                           value=activation.lower(), description="f")
        self.a = widgets.FloatSlider(1.0, min=A_RANGE[0], max=A_RANGE[1], step=0.05, description="a")
        self.loss = widgets.Dropdown(options=list(Y_HAT_RANGE), value=loss.lower(), description="loss")
        self.y = widgets.FloatSlider(1.0, min=0, max=1, step=0.05, description="y (true)")
        self.y_hat = widgets.FloatSlider(0.3, min=-1, max=2, step=0.01, description="ŷ")
        self.readout = widgets.HTML()
        with self.styled():
            self._build_figure()
        for control in (self.activation, self.loss, self.y):
            self.observe(control, self.redraw_curves)
        for control in (self.a, self.y_hat):
            self.observe(control, self.update)
        self.ui = widgets.VBox([widgets.HBox([widgets.VBox([self.activation, self.a]),
                                              widgets.VBox([self.loss, self.y, self.y_hat])]),
                                self.view.image, self.readout, self.status])
        self.safe(self.redraw_curves)()

    @property
    def state(self):
        act, loss = get_activation(self.activation.value), get_loss(self.loss.value)
        a = np.array([self.a.value])
        f = act.f(a)
        y_hat, y = np.array([[self.y_hat.value]]), np.array([[self.y.value]])
        return {"a": float(a[0]), "f": float(f[0]), "df": float(act.df(a, f)[0]),
                "y_hat": self.y_hat.value, "loss": float(loss.pointwise(y_hat, y)[0]),
                "dloss": float(loss.pointwise_grad(y_hat, y)[0, 0])}

    def _build_figure(self):
        v = self.view
        self.ax_act, self.ax_loss = v.fig.subplots(1, 2)
        self.f_line, = self.ax_act.plot([], [], color=BLUE, label="f(a)")
        self.df_line, = self.ax_act.plot([], [], color=ORANGE, ls="--", label="df/da")
        self.ax_act.set_xlabel("a")
        self.ax_act.axhline(0, color="0.85", lw=0.8)
        self.ax_act.axvline(0, color="0.85", lw=0.8)
        self.ax_act.legend(loc="upper left", fontsize="small")
        self.loss_line, = self.ax_loss.plot([], [], color=BLUE)
        self.ax_loss.set_xlabel("ŷ")
        self.act_point = v.dynamic(self.ax_act.plot([], [], "o", color="#d00", mec="k", ms=9, zorder=5)[0])
        self.act_tangent = v.dynamic(self.ax_act.plot([], [], color="#d00", lw=1.2)[0])
        self.loss_point = v.dynamic(self.ax_loss.plot([], [], "o", color="#d00", mec="k", ms=9, zorder=5)[0])
        self.loss_tangent = v.dynamic(self.ax_loss.plot([], [], color="#d00", lw=1.2)[0])

    def redraw_curves(self):
        """A new activation, loss or y: recompute the curves (static part)."""
        act, loss = get_activation(self.activation.value), get_loss(self.loss.value)
        a = np.linspace(*A_RANGE, 301)
        f = act.f(a)
        self.f_line.set_data(a, f)
        self.df_line.set_data(a, act.df(a, f))
        self.ax_act.set_xlim(*A_RANGE)
        self.ax_act.set_ylim(min(-0.1, f.min() - 0.2), min(f.max(), 6) + 0.3)
        self.ax_act.set_title(f"{self.activation.value} and its derivative", fontsize="medium")
        lo, hi = Y_HAT_RANGE[self.loss.value]
        self.y_hat.min, self.y_hat.max = -10, 10  # widen first so the new range is always valid
        self.y_hat.min, self.y_hat.max = lo, hi
        self.y_hat.value = float(np.clip(self.y_hat.value, lo, hi))
        y_hat = np.linspace(lo, hi, 301)[:, None]
        L = loss.pointwise(y_hat, np.full_like(y_hat, self.y.value))
        self.loss_line.set_data(y_hat[:, 0], L)
        self.ax_loss.set_xlim(lo, hi)
        self.ax_loss.set_ylim(-0.05 * L.max(), L.max() * 1.05)
        self.ax_loss.set_title(f"{self.loss.value} for y = {self.y.value:g}", fontsize="medium")
        self.view.invalidate()
        self.update()

    def update(self):
        s = self.state
        half = 1.5
        self.act_point.set_data([s["a"]], [s["f"]])
        self.act_tangent.set_data([s["a"] - half, s["a"] + half],
                                  [s["f"] - half * s["df"], s["f"] + half * s["df"]])
        lo, hi = Y_HAT_RANGE[self.loss.value]
        h = 0.15 * (hi - lo)
        self.loss_point.set_data([s["y_hat"]], [s["loss"]])
        self.loss_tangent.set_data([s["y_hat"] - h, s["y_hat"] + h],
                                   [s["loss"] - h * s["dloss"], s["loss"] + h * s["dloss"]])
        self.view.render()
        self.readout.value = (f"f({s['a']:.2f}) = {s['f']:.4f}, slope df/da = {s['df']:.4f} &nbsp;|&nbsp; "
                              f"L(ŷ = {s['y_hat']:.3f}, y = {self.y.value:g}) = {s['loss']:.4f}, "
                              f"slope dL/dŷ = {s['dloss']:.4f}")

    def describe(self):
        s = self.state
        return (f"Left: {self.activation.value} f(a) and its slope df/da for a from {A_RANGE[0]} to {A_RANGE[1]}; "
                f"at a = {s['a']:.2f}, f = {s['f']:.4f} and the slope is {s['df']:.4f}. Right: the "
                f"{self.loss.value} loss for y = {self.y.value:g}; at ŷ = {s['y_hat']:.3f} the loss is "
                f"{s['loss']:.4f} and its slope {s['dloss']:.4f}.")

    def __repr__(self):
        return f"ActivationLossExplorer({self.activation.value}, {self.loss.value})"
