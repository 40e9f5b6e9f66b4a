"""Full batch, mini-batches and one sample at a time, side by side on the two-parameter bowl:
the noisy paths over the loss surface and the loss against the cost (sample-gradients computed)."""
import ipywidgets as widgets
import numpy as np

from course_lib.datasets import make_playground, train_test_split
from course_lib.linear_neuron import LinearNeuron
from course_lib.mlp import MLP
from course_lib.optim import sgd

from .base import CourseWidget, within
from .figure_view import BLUE, ORANGE

COLOURS = {"full batch": "0.25", "mini-batch": BLUE, "one sample (SGD)": ORANGE}


def cost(n, batch_size, epochs):
    """Sample-gradients computed after each step: every epoch visits the n samples in batches of
    batch_size (None: all of them), the last batch holding what is left."""
    B = batch_size or n
    per_epoch = [B] * (n // B) + ([n % B] if n % B else [])
    return np.concatenate([[0], np.cumsum(per_epoch * epochs)])


class SGDExplorer(CourseWidget):
    """SGDExplorer(eta=0.02, batch_size=10, epochs=5, n_samples=200, noise=20, seed=0, problem="bowl",
    present=False).

    problem="bowl": the second-smallest perceptron y_hat = w1 x1 + w2 x2 on TensorFlow Playground's
    plane data, from w = (0, 0), trained three ways with the same eta for the same epochs; the
    paths are drawn over the loss surface. problem="circle": an MLP 2-8-1 (tanh, sigmoid output)
    on Playground's circle, the same three ways; test accuracy per epoch beside the loss per step.
    """

    def __new__(cls, *args, problem="bowl", **kwargs):
        """problem picks the class: one widget name for both problems, one class per problem."""
        if problem not in ("bowl", "circle"):
            raise ValueError(f"problem must be 'bowl' or 'circle', got {problem!r}")
        return super().__new__(CircleSGDExplorer if problem == "circle" and cls is SGDExplorer else cls)

    def __init__(self, eta=0.02, batch_size=10, epochs=5, n_samples=200, noise=20, seed=0, problem="bowl",
                 present=False):
        super().__init__(present, figsize=(9, 3.6))
        self._controls(eta, batch_size, epochs, n_samples, noise, seed, eta_min=1e-4, batch_max=n_samples - 1)
        X, y = make_playground("regression_plane", n_samples=n_samples, noise=noise / 100, seed=seed)
        self.problem = LinearNeuron(X, y)
        self._start()

    def _controls(self, eta, batch_size, epochs, n_samples, noise, seed, eta_min, batch_max):
        """The settings checked against the controls' ranges, then the controls themselves."""
        within(eta, "eta", eta_min, 2)
        within(n_samples, "n_samples", 10, 2000, integer=True)
        within(batch_size, "batch_size", 2, batch_max, integer=True)
        within(epochs, "epochs", 1, 50, integer=True)
        within(noise, "noise", 0, 50, integer=True)
        self.seed = seed
        self.eta = widgets.FloatLogSlider(eta, base=10, min=np.log10(eta_min), max=np.log10(2), step=0.05,
                                          description="η (eta)", readout_format=".3g")
        self.batch = widgets.IntSlider(batch_size, min=2, max=batch_max, description="mini-batch B")
        self.epochs = widgets.IntSlider(epochs, min=1, max=50, description="epochs")
        self.readout = widgets.HTML()

    def _start(self):
        """Draw the figure, wire the controls, show the first runs."""
        with self.styled():
            self._build_figure()
        # a thousand-step noisy path drawn without anti-aliasing: the same picture in a third of
        # the bytes each update sends (its many blended edge colours compress badly)
        for line in (*self.paths.values(), *self.curves.values()):
            line.set_antialiased(False)
        for control in (self.eta, self.batch, self.epochs):
            self.observe(control, self.update)
        self.ui = widgets.VBox([widgets.HBox([self.eta, self.batch, self.epochs]), self.view.image,
                                self.readout, self.status])
        self.safe(self.update)()

    def runs(self):
        """The three trajectories for the current settings (course_lib.optim.sgd, seeded)."""
        eta, epochs = self.eta.value, self.epochs.value
        sizes = {"full batch": None, "mini-batch": self.batch.value, "one sample (SGD)": 1}
        return {name: sgd(self.problem, [0.0, 0.0], eta=eta, epochs=epochs, batch_size=b, seed=self.seed)
                for name, b in sizes.items()}

    def _build_figure(self):
        self.ax_path, self.ax_cost = self.view.fig.subplots(1, 2)
        p = self.problem
        w_star = p.w_star
        a = np.linspace(w_star[0] - 1.5, w_star[0] + 1.5, 80)
        b = np.linspace(w_star[1] - 1.5, w_star[1] + 1.5, 80)
        grid = p.loss_grid(a, b).T
        self.ax_path.contour(a, b, grid, levels=np.quantile(grid, np.linspace(0.01, 0.95, 12) ** 2), cmap="viridis",
                             linewidths=0.7)
        self.ax_path.plot(*w_star, "*", color="k", ms=12)
        self.ax_path.set_xlabel("w1")
        self.ax_path.set_ylabel("w2")
        self.ax_path.set_xlim(a[0], a[-1])
        self.ax_path.set_ylim(b[0], b[-1])
        self.ax_cost.set_xlabel("sample-gradients computed (cost)")
        self.ax_cost.set_ylabel("loss over all samples")
        self.ax_cost.set_yscale("log")
        # fixed limits (every run starts at w = 0; none can beat least squares), so that a new
        # setting redraws the runs only, not the axes
        self.ax_cost.set_ylim(p.loss(w_star) * 0.8, p.loss(np.zeros(2)) * 1.5)
        self.paths, self.curves = {}, {}
        for name, colour in COLOURS.items():
            self.paths[name] = self.view.dynamic(self.ax_path.plot([], [], "-", color=colour, lw=1, label=name)[0])
            self.curves[name] = self.view.dynamic(self.ax_cost.plot([], [], "-", color=colour, lw=1, label=name)[0])
        self.ax_path.legend(loc="upper left", fontsize="small")

    def update(self):
        runs = self._runs = self.runs()
        lines, n = [], self.problem.n_samples
        for name, run in runs.items():
            B = run.batch_size or n
            spent = cost(n, run.batch_size, self.epochs.value)[:run.n_steps + 1]
            self.paths[name].set_data(run.w[:, 0], run.w[:, 1])
            self.curves[name].set_data(spent, run.loss)
            steps = run.extra["steps_per_epoch"]
            verdict = run.message.split(":")[0] if run.diverged else f"final loss {run.loss[-1]:.5f}"
            lines.append(f"<b>{name}</b>, B = {B}: {steps} steps per epoch, {run.n_steps} steps, "
                         f"{spent[-1]} sample-gradients; {verdict}")
        self._cost_axis(n)
        self.view.render()
        self.readout.value = "<br>".join(lines) + (f"<br>best possible loss (least squares): "
                                                   f"{self.problem.loss(self.problem.w_star):.5f}")

    def _cost_axis(self, n):
        """Every run costs epochs x n sample-gradients: the axis changes only with the epochs."""
        right = self.epochs.value * n
        if self.ax_cost.get_xlim()[1] != right:
            self.ax_cost.set_xlim(0, right)
            self.view.invalidate()

    def describe(self):
        runs = self._runs
        parts = [f"{name}: {run.n_steps} steps, " + ("diverged" if run.diverged else f"final loss {run.loss[-1]:.4g}")
                 for name, run in runs.items()]
        return (f"Left: the paths of full-batch, mini-batch (B = {self.batch.value}) and one-sample gradient "
                f"descent over the contour lines of the loss, from w = (0, 0) towards the minimum (star). "
                f"Right: the loss against the sample-gradients computed. η = {self.eta.value:.3g}, "
                f"{self.epochs.value} epochs. " + "; ".join(parts) + ".")

    @property
    def state(self):
        return {name: {"steps": run.n_steps, "final_loss": float(run.loss[-1]), "diverged": run.diverged}
                for name, run in self.runs().items()}

    def __repr__(self):
        return f"SGDExplorer(eta={self.eta.value:.3g}, B={self.batch.value}, epochs={self.epochs.value})"


class CircleSGDExplorer(SGDExplorer):
    """SGDExplorer(problem="circle"): the three methods on a small classification problem."""

    def __init__(self, eta=0.5, batch_size=20, epochs=20, n_samples=400, noise=10, seed=0, problem="circle",
                 present=False):
        CourseWidget.__init__(self, present, figsize=(9, 3.6))
        self._controls(eta, batch_size, epochs, n_samples, noise, seed, eta_min=1e-3, batch_max=n_samples // 2 - 1)
        X, labels = make_playground("circle", n_samples=n_samples, noise=noise / 100, seed=seed)
        self.data = train_test_split(X, (labels + 1) // 2, test_fraction=0.5, seed=seed)
        self._start()

    def _build_figure(self):
        self.ax_path, self.ax_cost = self.view.fig.subplots(1, 2)
        self.ax_path.set_xlabel("epoch")
        self.ax_path.set_ylabel("test accuracy")
        self.ax_path.set_ylim(0, 1.02)
        self.ax_cost.set_xlabel("sample-gradients computed (cost)")
        self.ax_cost.set_ylabel("loss of each step's batch")
        self.ax_cost.set_yscale("log")
        self.ax_cost.set_ylim(1e-4, 1)   # a squared error of probabilities lies below ½
        self.paths, self.curves = {}, {}
        for name, colour in COLOURS.items():
            self.paths[name] = self.view.dynamic(self.ax_path.plot([], [], "o-", color=colour, ms=3, label=name)[0])
            self.curves[name] = self.view.dynamic(self.ax_cost.plot([], [], "-", color=colour, lw=0.8)[0])
        self.ax_path.legend(loc="lower right", fontsize="small")

    def runs(self):
        X_train, X_test, y_train, y_test = self.data
        sizes = {"full batch": None, "mini-batch": self.batch.value, "one sample (SGD)": 1}
        out = {}
        for name, b in sizes.items():
            net = MLP([2, 8, 1], activation="tanh", output="sigmoid", loss="l2", lr=self.eta.value,
                      epochs=self.epochs.value, batch_size=b, seed=self.seed)
            steps = []
            net.fit(X_train, y_train, X_val=X_test, y_val=y_test,
                    step_callback=lambda model, info: steps.append(info["loss"]))
            out[name] = (b or len(X_train), np.array(steps), net.history_["val_accuracy"])
        return out

    def update(self):
        lines, n = [], len(self.data[0])
        self._runs = self.runs()
        for name, (B, steps, accuracy) in self._runs.items():
            spent = cost(n, B, self.epochs.value)[1:len(steps) + 1]
            self.paths[name].set_data(np.arange(1, len(accuracy) + 1), accuracy)
            self.curves[name].set_data(spent, np.maximum(steps, 1e-12))
            lines.append(f"<b>{name}</b>, B = {B}: {len(steps)} steps, {spent[-1]} sample-gradients; "
                         f"test accuracy {accuracy[-1]:.0%} after {len(accuracy)} epochs")
        if self.ax_path.get_xlim()[1] != self.epochs.value + 0.5:
            self.ax_path.set_xlim(0.5, self.epochs.value + 0.5)
            self.view.invalidate()
        self._cost_axis(n)
        self.view.render()
        self.readout.value = "<br>".join(lines)

    def describe(self):
        parts = [f"{name}: test accuracy {acc[-1]:.0%}" for name, (B, steps, acc) in self._runs.items()]
        return (f"Left: test accuracy after each epoch of full-batch, mini-batch (B = {self.batch.value}) and "
                f"one-sample training of a 2-8-1 network on the circle data. Right: each step's batch loss "
                f"against the sample-gradients computed. η = {self.eta.value:.3g}, {self.epochs.value} epochs. "
                + "; ".join(parts) + ".")

    @property
    def state(self):
        return {name: {"steps": len(steps), "test_accuracy": float(acc[-1])}
                for name, (B, steps, acc) in self.runs().items()}

    def __repr__(self):
        return f"SGDExplorer(problem='circle', eta={self.eta.value:.3g}, B={self.batch.value}, epochs={self.epochs.value})"
