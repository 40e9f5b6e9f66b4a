"""The lecture's chain x -> f1 -> f2 -> f3 -> L, every chain-rule factor as a number."""
import html

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import Circle

from course_lib.chain import FACTOR_NAMES, GRADIENT_FACTORS, Chain
from course_lib.gradcheck import numerical_gradient, relative_error

from .base import CourseWidget, within
from .figure_view import BLUE, ORANGE

PARAMS = ("w1", "b1", "w2", "w3")


class BackpropExplorer(CourseWidget):
    """BackpropExplorer(x=1.0, y=1.0, w1=0.5, b1=0.1, w2=-0.3, w3=0.8, eta=1.0, present=False)."""

    def __init__(self, x=1.0, y=1.0, w1=0.5, b1=0.1, w2=-0.3, w3=0.8, eta=1.0, present=False):
        super().__init__(present, figsize=(9, 3.4))
        slider = lambda name, value, lo, hi: widgets.FloatSlider(within(value, name, lo, hi), min=lo, max=hi,
                                                                 step=0.05, description=name, readout_format=".2f")
        within(eta, "eta", 0.01, 10)
        self.sliders = {"x": slider("x", x, -3, 3), "y": slider("y", y, 0, 1),
                        "w1": slider("w1", w1, -4, 4), "b1": slider("b1", b1, -4, 4),
                        "w2": slider("w2", w2, -4, 4), "w3": slider("w3", w3, -4, 4)}
        self.eta = widgets.FloatLogSlider(eta, base=10, min=-2, max=1, description="η (eta)")
        self.factors = widgets.HTML()
        self.losses = []
        with self.styled():
            self._build_figure()
        for s in self.sliders.values():
            self.observe(s, self.update)
        self.ui = widgets.VBox([
            widgets.HBox([widgets.VBox([self.sliders[k] for k in ("x", "y", "w1")]),
                          widgets.VBox([self.sliders[k] for k in ("b1", "w2", "w3")]),
                          widgets.VBox([self.eta, self.button("Take one gradient step", self.step,
                                                              "arrow-down")])]),
            self.view.image, self.factors, self.status])
        self.safe(self.update)()

    @property
    def chain(self):
        return Chain(*(self.sliders[k].value for k in PARAMS))

    @property
    def state(self):
        """The ChainResult (forward values, loss, factors, grads) and finite-difference grads."""
        x, y = self.sliders["x"].value, self.sliders["y"].value
        result = self.chain.backward(x, y)
        theta = self.chain.as_vector()
        numeric = numerical_gradient(lambda t: Chain(*t).loss(x, y), theta)
        return {"result": result, "numeric": dict(zip(PARAMS, numeric))}

    def step(self):
        """theta <- theta - eta dL/dtheta for w1, b1, w2, w3 (the sliders move)."""
        x, y = self.sliders["x"].value, self.sliders["y"].value
        new = self.chain.step(x, y, self.eta.value)
        self._stepping = True
        try:
            for k in PARAMS:  # sliders clip to their range; the chain's value is what counts
                self.sliders[k].value = float(getattr(new, k))
        finally:
            self._stepping = False
        self.update(from_step=True)

    # ---- drawing ----------------------------------------------------------------------------
    def _build_figure(self):
        v = self.view
        self.ax, self.ax_loss = v.fig.subplots(1, 2, width_ratios=[3, 1])
        ax = self.ax
        ax.set_xlim(-0.5, 8.5)
        ax.set_ylim(-1.3, 1.3)
        ax.set_aspect("equal", adjustable="box")  # round neurons
        ax.axis("off")
        labels = ["x", "a1 = w1·x + b1\nf1 = s(a1)", "a2 = w2·f1\nf2 = s(a2)", "a3 = w3·f2\nf3 = s(a3)",
                  "L = ½(y − f3)²"]
        xs = [0, 2.1, 4.2, 6.3, 8.1]
        for i, (cx, text) in enumerate(zip(xs, labels)):
            ax.add_patch(Circle(
                (cx, 0.35), 0.5 if 0 < i < 4 else 0.35, facecolor="#eef4fb" if 0 < i < 4 else "#f4f4f4",
                edgecolor=BLUE if 0 < i < 4 else "0.4", lw=1.5))
            ax.text(cx, -0.35, text, ha="center", va="top", fontsize="small")
            if i < 4:
                ax.annotate("", xy=(xs[i + 1] - 0.45, 0.35), xytext=(cx + 0.45, 0.35),
                            arrowprops=dict(arrowstyle="->", color="0.3"))
        self.values = [v.dynamic(ax.text(cx, 0.35, "", ha="center", va="center", fontsize="x-small"))
                       for cx in xs]
        self.weights = [v.dynamic(ax.text((a + b) / 2, 0.95, "", ha="center", fontsize="small"))
                        for a, b in zip(xs[:3], xs[1:4])]
        self.ax_loss.set_title("L after each step", fontsize="small")
        self.ax_loss.set_ylim(0, 0.5)  # y and f3 lie in [0, 1], so L = ½(y − f3)² ≤ ½
        self.ax_loss.set_xlim(-0.5, 10.5)
        self.ax_loss.set_xlabel("gradient steps")
        # the kit's blue and orange mean positive and negative: the loss is drawn in neutral grey
        self.loss_line = v.dynamic(self.ax_loss.plot([], [], "o-", color="0.25", ms=3)[0])

    def update(self, from_step=False):
        if getattr(self, "_stepping", False):
            return
        s = self.state
        r = s["result"]
        if not from_step:
            self.losses = []
        self.losses.append(r.loss)
        f = r.forward
        x = self.sliders["x"].value
        layer = lambda i: f"a{i}={f[f'a{i}']:.3f}\nf{i}={f[f'f{i}']:.3f}"
        for text, value in zip(self.values, [f"{x:.2f}", layer(1), layer(2), layer(3), f"{r.loss:.4f}"]):
            text.set_text(value)
        for text, name in zip(self.weights, ("w1", "w2", "w3")):
            extra = f", b1 = {self.sliders['b1'].value:.2f}" if name == "w1" else ""
            text.set_text(f"{name} = {self.sliders[name].value:.2f}{extra}")
            text.set_color(BLUE if self.sliders[name].value >= 0 else ORANGE)   # the sign, as everywhere
        n = len(self.losses)
        right = self.ax_loss.get_xlim()[1]
        if n > right or (n <= 11 and right > 10.5):  # grow by doubling, shrink back after a reset
            self.ax_loss.set_xlim(-0.5, 10.5 if n <= 11 else 2 * right)
            self.view.invalidate()
        self.loss_line.set_data(np.arange(n), self.losses)
        self.view.render()
        self._show_factors(s)

    def describe(self):
        r = self.state["result"]
        f = r.forward
        trend = "" if len(self.losses) < 2 else \
            f" After {len(self.losses) - 1} gradient step(s) the loss went from {self.losses[0]:.4f} to {self.losses[-1]:.4f}."
        return (f"The chain x → f1 → f2 → f3 → L with x = {self.sliders['x'].value:.2f}, "
                + ", ".join(f"{k} = {self.sliders[k].value:.2f}" for k in PARAMS)
                + f": f1 = {f['f1']:.3f}, f2 = {f['f2']:.3f}, f3 = {f['f3']:.3f}, loss L = {r.loss:.4f} "
                  f"for y = {self.sliders['y'].value:.2f}.{trend}")

    def _show_factors(self, s):
        r = s["result"]
        cells = "".join(f"<th>{html.escape(n)}</th>" for n in FACTOR_NAMES)
        values = "".join(f"<td>{r.factors[n]:.4f}</td>" for n in FACTOR_NAMES)
        rows = []
        for name in ("w3", "w2", "w1", "b1"):
            factors, reused = GRADIENT_FACTORS[name]
            parts = []
            for i, f in enumerate(factors):
                style = "background:#fde3c3" if i < reused else ""
                parts.append(f"<span style='{style}' title='{html.escape(f)}'>({r.factors[f]:.4f})</span>")
            numeric = s["numeric"][name]
            err = relative_error(r.grads[name], numeric)
            rows.append(f"<tr><td>∂L/∂{name}</td><td>{' · '.join(parts)}</td>"
                        f"<td><b>{r.grads[name]:.6f}</b></td><td>{numeric:.6f}</td><td>{err:.1e}</td></tr>")
        self.factors.value = (
            f"<table><tr>{cells}</tr><tr>{values}</tr></table>"
            "<p><span style='background:#fde3c3'>shaded</span> factors were already computed for the "
            "gradient above: <i>already computed, re-use (propagate)!</i></p>"
            "<table><tr><th>gradient</th><th>product of factors</th><th>backprop</th>"
            f"<th>finite differences</th><th>relative error</th></tr>{''.join(rows)}</table>")

    def __repr__(self):
        return "BackpropExplorer(" + ", ".join(f"{k}={s.value:.2f}" for k, s in self.sliders.items()) + ")"
