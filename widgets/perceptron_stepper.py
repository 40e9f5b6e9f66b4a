"""Step Rosenblatt's perceptron through 2-D points, the slide's update line filled in each time."""
import html

import ipywidgets as widgets
import numpy as np

from course_lib.datasets import extended_points, lecture_points, logic_gate
from course_lib.perceptron import Perceptron, fmt_vector
from course_lib.validation import as_array, check_pm1_labels, check_same_length, lookup

from .base import CourseWidget, within
from .figure_view import BLUE, ORANGE
from .player import Player

TABLE_ROWS = 12   # steps shown in the table at once
DATASETS = {"lecture points": lecture_points, "extended points": extended_points,
            "AND": lambda: logic_gate("and"), "OR": lambda: logic_gate("or"),
            "XOR": lambda: logic_gate("xor")}


class PerceptronStepper(CourseWidget):
    """PerceptronStepper(dataset='lecture points' | 'extended points' | 'AND' | 'OR' | 'XOR',
    X=None, y=None, fit_bias=None, max_epochs=10, present=False).

    Pass X (n, 2) and y (n,) in {-1, +1} for your own points. The whole run is computed by
    course_lib's Perceptron once; Step / Back / Play move through its trace.
    """

    def __init__(self, dataset="lecture points", X=None, y=None, fit_bias=None, max_epochs=10,
                 present=False):
        super().__init__(present, figsize=(5.2, 4.6))
        self.max_epochs = within(max_epochs, "max_epochs", 1, 1000, integer=True)
        if X is None:   # any spelling of a known name; its canonical spelling in the dropdown
            canonical = {k.lower(): k for k in DATASETS}
            dataset = lookup(dataset, canonical, "dataset")
        self.fixed_bias = fit_bias
        self.dataset = widgets.Dropdown(options=list(DATASETS) + (["your points"] if X is not None else []),
                                        value="your points" if X is not None else dataset,
                                        description="points")
        if X is not None:
            X = as_array(X, "X", ndim=2)
            if X.shape[1] != 2:
                raise ValueError(f"X must have 2 columns (points in the plane), got shape {X.shape}")
            y = check_pm1_labels(y, "y")
            check_same_length(X, y)
            self._own = (X, y)
        self.t = widgets.IntSlider(0, min=0, max=1, description="t")
        self.play = Player(interval=800, min=0, max=1, description="one update per frame")
        widgets.link((self.play, "value"), (self.t, "value"))
        self.speed = widgets.FloatLogSlider(1.0, base=2, min=-2, max=3, description="speed")
        self.speed.observe(lambda c: setattr(self.play, "interval", int(800 / c["new"])), names="value")
        self.equation = widgets.HTML()
        self.table = widgets.HTML()
        with self.styled():
            self._build_figure()
        self.observe(self.dataset, self.reset)
        self.observe(self.t, self._show_step)
        controls = widgets.HBox([self.button("Back", self.back, "step-backward"), self.play,
                                 self.button("Step", self.step, "step-forward"),
                                 self.button("Reset", self.reset, "undo"), self.speed])
        self.ui = widgets.VBox([widgets.HBox([self.dataset, self.t]), controls,
                                widgets.HBox([self.view.image, widgets.VBox([self.equation, self.table])]),
                                self.status])
        self.safe(self.reset)()

    # ---- model ------------------------------------------------------------------------------
    def _points(self):
        if self.dataset.value == "your points":
            return self._own
        return lookup(self.dataset.value, {k.lower(): v for k, v in DATASETS.items()}, "data set")()

    def reset(self):
        """Recompute the run for the chosen points and go back to t = 0, w(0) = 0."""
        self.X, self.y = self._points()
        # the logic gates live in {0,1}^2: without a bias every boundary passes through (0, 0)
        bias = self.fixed_bias if self.fixed_bias is not None else self.dataset.value in ("AND", "OR", "XOR")
        self.perceptron = Perceptron(fit_bias=bias).fit(self.X, self.y, max_epochs=self.max_epochs)
        self.trace = self.perceptron.trace_
        self._draw_points()
        self.restart(self.t, self.play, len(self.trace), self._show_step)

    def step(self):
        self.advance(self.t, len(self.trace))

    def back(self):
        self.advance(self.t, len(self.trace), -1)

    @property
    def state(self):
        """t, w (after step t), the StepRecord of step t (None at t = 0), finished, message."""
        k = self.t.value
        record = self.trace[k - 1] if k else None
        w = record.w_after if record else np.zeros_like(self.perceptron.w_)
        finished = k == len(self.trace)
        return {"t": k, "w": w, "record": record, "finished": finished,
                "message": self.perceptron.summary() if finished else ""}

    # ---- drawing ----------------------------------------------------------------------------
    def _build_figure(self):
        ax = self.ax = self.view.fig.add_subplot()
        ax.set_aspect("equal")
        ax.axhline(0, color="0.8", lw=0.8)
        ax.axvline(0, color="0.8", lw=0.8)
        v = self.view
        self.shade = v.dynamic(ax.fill([], [], color=BLUE, alpha=0.15, lw=0, zorder=0)[0])
        # points are dynamic only so that they are drawn over the (dynamic) shading
        # shape as well as colour tells the classes apart (for students who do not see colour)
        self.points = {label: v.dynamic(ax.scatter([], [], s=90, color=c, marker=m, edgecolor="k", zorder=3,
                                                   label=f"label {label:+d}"))
                       for label, c, m in ((1, BLUE, "o"), (-1, ORANGE, "s"))}
        ax.legend(handles=list(self.points.values()), loc="upper right", fontsize="small")
        self.boundary = v.dynamic(ax.plot([], [], color="k", lw=2)[0])
        self.arrow = v.dynamic(ax.quiver([0], [0], [0], [0], angles="xy", scale_units="xy", scale=1,
                                         color="#2a2", width=0.012, zorder=4))
        self.current = v.dynamic(ax.scatter([], [], s=380, facecolor="none", edgecolor="#d00", lw=2.5, zorder=5))
        ax.set_title("blue side: sign(<w, x>) = +1", fontsize="medium")

    def _draw_points(self):
        for label, sc in self.points.items():
            sc.set_offsets(self.X[self.y == label])
        span = max(2.0, 1.5 * np.abs(self.X).max(), 1.2 * max(np.abs(r.w_after).max() for r in self.trace))
        self.ax.set_xlim(-span, span)
        self.ax.set_ylim(-span, span)
        self.view.invalidate()

    def _show_step(self):
        s = self.state
        w, r = s["w"], s["record"]
        lo, hi = self.ax.get_xlim()
        self.shade.set_xy(self._positive_side(w, lo, hi))
        self.boundary.set_data(*self._boundary_line(w, lo, hi))
        self.arrow.set_UVC([w[0]], [w[1]])
        self.current.set_offsets(r.x[None, :2] if r else np.empty((0, 2)))
        self.view.render()
        self._show_text(s)

    def describe(self):
        s = self.state
        w, r = s["w"], s["record"]
        wrong = int(np.sum(self._at(w).predict(self.X) != self.y))
        where = "every point is on the blue side (w = 0)" if not np.any(w) else \
            f"the boundary leaves {wrong} of {len(self.y)} points on the wrong side" if wrong else \
            f"the boundary separates all {len(self.y)} points"
        now = f"; the circled point x({r.t}) = {fmt_vector(r.x)}, label {r.y:+d}: {r.verdict()}" if r else ""
        return (f"Perceptron on the {self.dataset.value}: blue circles are labelled +1, orange squares -1. "
                f"Step {s['t']} of {len(self.trace)}: w = {fmt_vector(w)}; {where}{now}.")

    def _at(self, w):
        """The run's perceptron as it was with weights w (a step of the trace)."""
        p = Perceptron(fit_bias=self.perceptron.fit_bias)
        p.w_ = w
        return p

    def _positive_side(self, w, lo, hi):
        """The part of the view where sign(<w, x>) = +1, as a polygon: the view's corners on that
        side plus the points where the boundary crosses the view's edges."""
        corners = np.array([[lo, lo], [hi, lo], [hi, hi], [lo, hi]])
        value = self._at(w).decision_function(corners)
        polygon = []
        for i in range(4):
            j = (i + 1) % 4
            if value[i] >= 0:
                polygon.append(corners[i])
            if (value[i] >= 0) != (value[j] >= 0):  # the boundary crosses this edge
                s = value[i] / (value[i] - value[j])
                polygon.append(corners[i] + s * (corners[j] - corners[i]))
        return np.array(polygon) if polygon else np.empty((0, 2))

    @staticmethod
    def _boundary_line(w, lo, hi):
        """Points of w1 x1 + w2 x2 (+ b) = 0 across the view (none while w = 0)."""
        b = w[2] if len(w) == 3 else 0.0
        if abs(w[1]) > 1e-12:
            xs = np.array([lo, hi])
            return xs, -(w[0] * xs + b) / w[1]
        if abs(w[0]) > 1e-12:
            return np.full(2, -b / w[0]), np.array([lo, hi])
        return [], []

    def _show_text(self, s):
        r = s["record"]
        if r is None:
            self.equation.value = ("<p><b>t = 0:</b> w(0) = " + fmt_vector(s["w"]) +
                                   ". sign(0) = +1, so every point is predicted +1.</p>")
        else:
            colour = "#b00020" if r.mistake else "#1b7f1b"
            self.equation.value = (
                f"<p><b>t = {r.t}</b> (epoch {r.epoch}): observation x({r.t}) = {fmt_vector(r.x)}, "
                f"label y = {r.y:+d}<br>"
                f"ŷ = sign(&lt;w({r.t - 1}), x({r.t})&gt;) = sign({r.activation:g}) = {r.y_hat:+d} "
                f"&rarr; <b style='color:{colour}'>{r.verdict()}</b><br>"
                f"<code>{html.escape(r.equation())}</code></p>")
        cells = lambda values, tag="td": "".join(f"<{tag} style='padding:1px 8px'>{v}</{tag}>" for v in values)
        rows = "".join("<tr>" + cells([q.t, fmt_vector(q.x), f"{q.y:+d}", f"{q.activation:g}", f"{q.y_hat:+d}",
                                       fmt_vector(q.w_after), "no match!" if q.mistake else "match"]) + "</tr>"
                       for q in self.trace[max(0, s["t"] - TABLE_ROWS):s["t"]])
        if s["t"] > TABLE_ROWS:   # a long run (XOR: 40 steps) shows its latest steps, not a page of rows
            rows = (f"<tr><td colspan='7'>… steps 1 to {s['t'] - TABLE_ROWS} above (move t back to see them)"
                    "</td></tr>" + rows)
        header = cells(["t", "x", "y", "&lt;w,x&gt;", "ŷ", "w(t)", ""], "th")
        self.table.value = f"<table style='border-collapse:collapse'><tr>{header}</tr>{rows}</table>"
        if s["finished"]:
            self.say(s["message"], "#1b7f1b" if self.perceptron.converged_ else "#b00020")

    def __repr__(self):
        return f"PerceptronStepper({self.dataset.value}, t={self.t.value} of {len(self.trace)})"
