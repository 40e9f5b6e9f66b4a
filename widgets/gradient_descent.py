"""Gradient descent on the world's smallest perceptron (y_hat = w x) and the second smallest
(y_hat = w1 x1 + w2 x2): the loss surface, the iterates, the learning rate's effect."""
import ipywidgets as widgets
import numpy as np
from matplotlib import animation

from course_lib.linear_neuron import LinearNeuron, second_smallest_perceptron, smallest_perceptron
from course_lib.optim import gradient_descent
from course_lib.validation import as_array, lookup

from .base import CourseWidget, within
from .figure_view import BLUE, ORANGE, ORANGE_TEXT
from .player import Player

PROBLEMS = {"smallest": smallest_perceptron, "two": second_smallest_perceptron}
SPANS = np.array([1.0, 1.3, 1.75, 2.5, 3.5, 5.0, 6.0])   # half-widths the loss picture snaps to


def snap_span(span):
    """The view's half-width: the smallest of SPANS that holds `span` (6 at most: a diverging run
    leaves the picture rather than shrink it). Snapping keeps the axes still while a slider
    moves, so that only the path is redrawn and sent."""
    return SPANS[np.minimum(np.searchsorted(SPANS, span), len(SPANS) - 1)] * 1.15


def decades(values):
    """Log-axis limits on whole powers of ten around the positive finite values."""
    v = values[np.isfinite(values) & (values > 0)]
    if not v.size:
        return 1e-12, 1.0
    return 10.0 ** np.floor(np.log10(max(v.min(), 1e-12))), 10.0 ** np.ceil(np.log10(v.max()))


class GradientDescentAnimator(CourseWidget):
    """GradientDescentAnimator(problem='smallest' | 'two' | a LinearNeuron, eta=0.1, w0=None,
    n_steps=30, present=False).

    The trajectory comes from course_lib.optim.gradient_descent; the widget only draws it.
    """

    def __init__(self, problem="smallest", eta=0.1, w0=None, n_steps=30, present=False):
        super().__init__(present, figsize=(9, 3.6))
        self.problem = problem if isinstance(problem, LinearNeuron) else lookup(problem, PROBLEMS, "problem")()
        d = self.problem.n_weights
        if d not in (1, 2):
            raise ValueError(f"the animator draws problems with 1 or 2 weights, this one has {d}")
        w_star = self.problem.w_star
        within(eta, "eta", 0.001, 10)
        within(n_steps, "n_steps", 1, 200, integer=True)
        w0 = np.zeros(d) if w0 is None else np.atleast_1d(as_array(w0, "w0", ndim=(0, 1)))
        if w0.shape != (d,):
            raise ValueError(f"w0 must hold {d} starting weight(s), got {w0.tolist()}")
        for i in range(d):
            within(float(w0[i]), "w0", round(w_star[i] - 4, 1), round(w_star[i] + 4, 1))
        self.eta = widgets.FloatLogSlider(eta, base=10, min=-3, max=1, step=0.05, description="η (eta)",
                                          readout_format=".3g")
        names = ["w"] if d == 1 else ["w1", "w2"]
        self.w0 = [widgets.FloatSlider(float(w0[i]), min=round(w_star[i] - 4, 1), max=round(w_star[i] + 4, 1),
                                       step=0.1, description=f"start {n}") for i, n in enumerate(names)]
        self.n_steps = widgets.IntSlider(n_steps, min=1, max=200, description="steps")
        self.k = widgets.IntSlider(0, min=0, max=n_steps, description="step k")
        self.play = Player(interval=250, min=0, max=n_steps, description="one gradient step per frame")
        widgets.link((self.play, "value"), (self.k, "value"))
        self.readout = widgets.HTML()
        with self.styled():
            self._build_figure()
        for control in (self.eta, self.n_steps, *self.w0):
            self.observe(control, self.reset)
        self.observe(self.k, self._show_step)
        buttons = widgets.HBox([self.play, self.button("Step", self.step, "step-forward"),
                                self.button("Reset", self.reset, "undo"), self.k])
        self.ui = widgets.VBox([widgets.HBox([self.eta, self.n_steps]), widgets.HBox(self.w0), buttons,
                                self.view.image, self.readout, self.status])
        self.view.on_click(self.ax_loss, self.safe(self._start_at))
        self.safe(self.reset)()

    # ---- model ------------------------------------------------------------------------------
    def reset(self):
        """Recompute the whole trajectory for the current eta, start and number of steps."""
        w0 = np.array([s.value for s in self.w0])
        self.trajectory = gradient_descent(self.problem.loss, self.problem.grad, w0, self.eta.value,
                                           self.n_steps.value)
        self._draw_static()
        self.restart(self.k, self.play, self.trajectory.n_steps, self._show_step)

    def step(self):
        self.advance(self.k, self.trajectory.n_steps)

    def _start_at(self, x, y):
        """A click on the loss picture: start there (w for one weight, (w1, w2) for two)."""
        for slider, value in zip(self.w0, (x,) if self.problem.n_weights == 1 else (x, y)):
            slider.value = float(np.clip(round(value, 1), slider.min, slider.max))

    @property
    def state(self):
        """k, w, loss, grad at step k; diverged and message once the last step is shown."""
        k = min(self.k.value, self.trajectory.n_steps)
        w = self.trajectory.w[k]
        at_end = k == self.trajectory.n_steps
        return {"k": k, "w": w, "loss": self.trajectory.loss[k], "grad": self.problem.grad(w),
                "diverged": self.trajectory.diverged and at_end,
                "message": self.trajectory.message if at_end else ""}

    # ---- drawing ----------------------------------------------------------------------------
    def _build_figure(self):
        fig, v = self.view.fig, self.view
        self.ax_loss, self.ax_right = fig.subplots(1, 2)
        p = self.problem
        if p.n_weights == 1:
            self.ax_loss.set_xlabel("w")
            self.ax_loss.set_ylabel("L(w) = mean ½(y − w x)²")
            self.curve, = self.ax_loss.plot([], [], color="0.3")
            self.tangent = v.dynamic(self.ax_loss.plot([], [], color="#d00", lw=1.5, label="tangent (slope = dL/dw)")[0])
            self.ax_loss.legend(loc="upper center", fontsize="small")
            self.ax_right.scatter(p.X[:, 0], p.y, color=BLUE, edgecolor="k", zorder=3, label="data")
            self.ax_right.set_xlabel("x")
            self.ax_right.set_ylabel("y")
            self.fit_line = v.dynamic(self.ax_right.plot([], [], color=ORANGE, lw=2, label="ŷ = w x")[0])
            self.ax_right.legend(loc="upper left", fontsize="small")
        else:
            self.ax_loss.set_xlabel("w1")
            self.ax_loss.set_ylabel("w2")
            self.ax_right.set_xlabel("step k")
            self.ax_right.set_ylabel("loss")
            self.ax_right.set_yscale("log")
            self.loss_line = v.dynamic(self.ax_right.plot([], [], "o-", color=ORANGE, ms=3)[0])
        self.path = v.dynamic(self.ax_loss.plot([], [], "o-", color=ORANGE, ms=4, lw=1)[0])
        self.ball = v.dynamic(self.ax_loss.plot([], [], "o", color="#d00", ms=11, mec="k", zorder=5)[0])

    def _draw_static(self):
        """Axes limits and the loss surface, sized to the trajectory (clipped when it diverges)."""
        p, traj = self.problem, self.trajectory
        w_star = p.w_star
        span = snap_span(np.abs(np.nan_to_num(traj.w - w_star, posinf=99, neginf=99)).max(axis=0))
        lo, hi = w_star - span, w_star + span
        key = (tuple(lo), tuple(hi), traj.n_steps, decades(traj.loss) if p.n_weights == 2 else None)
        if key == getattr(self, "_drawn", None):
            return   # the same axes: the background stays, only the path changes
        self._drawn = key
        if p.n_weights == 1:
            ws = np.linspace(lo[0], hi[0], 200)
            L = p.loss_grid(ws)
            self.curve.set_data(ws, L)
            self.ax_loss.set_xlim(lo[0], hi[0])
            self.ax_loss.set_ylim(-0.05 * L.max(), L.max() * 1.05)
            x = p.X[:, 0]
            self.ax_right.set_xlim(min(0, x.min()) - 0.2, x.max() + 0.2)
            self.ax_right.set_ylim(min(0, p.y.min()) - 1, p.y.max() + 1)
        else:
            for c in getattr(self, "_contours", []):
                c.remove()
            a, b = np.linspace(lo[0], hi[0], 80), np.linspace(lo[1], hi[1], 80)
            grid = p.loss_grid(a, b).T
            levels = np.quantile(grid, np.linspace(0.002, 0.98, 14) ** 2)
            self._contours = [self.ax_loss.contour(a, b, grid, levels=np.unique(levels), cmap="viridis",
                                                   linewidths=0.8),
                              self.ax_loss.plot(*w_star, "*", color="k", ms=12)[0]]
            self.ax_loss.set_xlim(lo[0], hi[0])
            self.ax_loss.set_ylim(lo[1], hi[1])
            self.ax_right.set_xlim(0, max(traj.n_steps, 1))
            self.ax_right.set_ylim(*key[3])
        self.view.invalidate()

    def _clip(self, w):
        """Iterates outside the view are drawn on its edge (the readout gives the true value)."""
        (x0, x1), (y0, y1) = self.ax_loss.get_xlim(), self.ax_loss.get_ylim()
        if self.problem.n_weights == 1:
            return np.clip(w, x0, x1)
        return np.column_stack([np.clip(w[:, 0], x0, x1), np.clip(w[:, 1], y0, y1)])

    def _show_step(self):
        s, p = self.state, self.problem
        ws = self.trajectory.w[:s["k"] + 1]
        if p.n_weights == 1:
            w, L, g = s["w"][0], s["loss"], s["grad"][0]
            shown = self._clip(ws[:, 0])
            losses = np.minimum(self.trajectory.loss[:s["k"] + 1], self.ax_loss.get_ylim()[1])
            self.path.set_data(shown, losses)
            self.ball.set_data([shown[-1]], [losses[-1]])
            half = 0.25 * np.diff(self.ax_loss.get_xlim())[0]
            self.tangent.set_data([w - half, w + half], [L - g * half, L + g * half])
            xs = np.array(self.ax_right.get_xlim())
            self.fit_line.set_data(xs, p.predict([w], xs[:, None]))
        else:
            shown = self._clip(ws)
            self.path.set_data(shown[:, 0], shown[:, 1])
            self.ball.set_data([shown[-1, 0]], [shown[-1, 1]])
            self.loss_line.set_data(np.arange(s["k"] + 1), self.trajectory.loss[:s["k"] + 1])
        self.view.render()
        self._show_text(s)

    def describe(self):
        s = self.state
        w = ", ".join(f"{v:.3g}" for v in s["w"])
        shape = "the loss curve L(w) and the data with the line ŷ = w x" if self.problem.n_weights == 1 else \
            "contour lines of the loss over (w1, w2), the minimum marked by a star, and the loss per step"
        end = f" {s['message']}" if s["message"] else ""
        return (f"Gradient descent with η = {self.eta.value:.3g}, drawn on {shape}. Step {s['k']} of "
                f"{self.trajectory.n_steps}: w = ({w}), loss {s['loss']:.4g}; the minimum is at w = "
                f"({', '.join(f'{v:.3g}' for v in self.problem.w_star)}).{end}")

    def _show_text(self, s):
        w = ", ".join(f"{v:.4g}" for v in s["w"])
        g = ", ".join(f"{v:.4g}" for v in s["grad"])
        self.readout.value = (f"<b>step {s['k']}</b>: w = ({w}), loss = {s['loss']:.5g}, "
                              f"gradient = ({g}); next w = w − η·gradient with η = {self.eta.value:.3g}")
        limit = self.problem.max_stable_eta
        if s["diverged"]:
            self.say(s["message"], "#b00020")
        elif self.eta.value >= limit:
            self.say(f"η = {self.eta.value:.3g} is at or above 2 / (curvature of the loss) = {limit:.3g}: "
                     "each step overshoots the minimum by more than it gains, so the iterates swing "
                     "from side to side further and further out.", ORANGE_TEXT)
        elif s["message"]:
            self.say(s["message"], "#1b7f1b")

    # ---- static export ----------------------------------------------------------------------
    def to_jshtml(self, fps=5):
        """The current trajectory as an HTML/JavaScript animation that needs no kernel."""
        dynamic = list(self.view._dynamic)
        for artist in dynamic:
            artist.set_animated(False)
        try:
            def frame(k):
                self.k.value = k
                return dynamic
            anim = animation.FuncAnimation(self.view.fig, frame, frames=self.trajectory.n_steps + 1,
                                           interval=1000 / fps, blit=False)
            return anim.to_jshtml(fps=fps, default_mode="once")
        finally:
            for artist in dynamic:
                artist.set_animated(True)
            self.view.invalidate()
            self.k.value = 0

    def __repr__(self):
        return (f"GradientDescentAnimator({self.problem.n_weights} weight(s), eta={self.eta.value:.3g}, "
                f"{self.trajectory.n_steps} steps)")
