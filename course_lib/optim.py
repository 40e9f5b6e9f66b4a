"""Gradient descent, SGD and mini-batch SGD that record their whole trajectory.

The trajectory (parameters and loss at every step) is what the widgets animate. When the loss
stops being finite or explodes, the run stops and says "diverged at step k" instead of handing
back NaN.
"""
from dataclasses import dataclass, field

import numpy as np

from .validation import as_array, check_callable, check_number, check_positive, check_seed


@dataclass
class Trajectory:
    """w: (steps+1, d) iterates, loss: (steps+1,) loss at each iterate, eta: the step size.

    ``diverged_at`` is the step at which the run was stopped (None if it was not); ``message``
    says in words what happened.
    """
    w: np.ndarray
    loss: np.ndarray
    eta: float
    diverged_at: int = None
    message: str = ""
    batch_size: int = None
    extra: dict = field(default_factory=dict)

    @property
    def diverged(self):
        return self.diverged_at is not None

    @property
    def n_steps(self):
        return len(self.loss) - 1


def _diverged(loss_k, loss_0, blowup):
    return not np.isfinite(loss_k) or loss_k > blowup * max(abs(loss_0), 1.0)


def _divergence_message(k, loss_0, loss_k, eta):
    grew = "became infinite or NaN" if not np.isfinite(loss_k) else f"grew from {loss_0:.4g} to {loss_k:.4g}"
    return (f"diverged at step {k}: the loss {grew}. The learning rate eta = {eta:g} is too large "
            f"for this problem; try a smaller one.")


def _run(w0, eta, n_steps, loss, step, blowup):
    """Shared loop: w <- step(w, k) for k = 1..n_steps, watching loss(w) for divergence."""
    ws, losses = [w0.copy()], [float(loss(w0))]
    with np.errstate(over="ignore", invalid="ignore"):   # once: a run has thousands of steps
        for k in range(1, n_steps + 1):
            w = step(ws[-1], k)
            if not np.isfinite(w).all():
                return Trajectory(np.array(ws), np.array(losses), eta, k,
                                  _divergence_message(k, losses[0], np.inf, eta))
            L = float(loss(w))
            if _diverged(L, losses[0], blowup):
                return Trajectory(np.array(ws), np.array(losses), eta, k,
                                  _divergence_message(k, losses[0], L, eta))
            ws.append(w)
            losses.append(L)
    final = f"after {n_steps} steps: loss {losses[-1]:.6g}, w = {np.round(ws[-1], 4).tolist()}"
    return Trajectory(np.array(ws), np.array(losses), eta, None, final)


def gradient_descent(loss, grad, w0, eta, n_steps, blowup=1e4):
    """w(k) = w(k-1) - eta * grad(w(k-1)), for any differentiable loss(w) -> float.

    w0: (d,) start; returns a Trajectory. Stops when loss is non-finite or exceeds
    ``blowup`` times its starting value.
    """
    check_callable(loss, "loss")
    check_callable(grad, "grad")
    w0 = as_array(w0, "w0", ndim=1)
    check_positive(eta, "eta")
    check_number(n_steps, "n_steps", low=0, integer=True)
    check_positive(blowup, "blowup")
    return _run(w0, eta, n_steps, loss, lambda w, k: w - eta * grad(w), blowup)


def minibatches(n, batch_size, rng):
    """Index arrays covering range(n) once in a random order, `batch_size` at a time.

    batch_size 1 is SGD (one random sample), None or n is full-batch gradient descent.
    """
    if batch_size is None or batch_size >= n:
        yield np.arange(n)
        return
    order = rng.permutation(n)
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size]


def sgd(problem, w0, eta, epochs, batch_size=1, seed=0, blowup=1e4):
    """(Mini-batch) stochastic gradient descent on a problem with ``loss(w)``, ``grad(w, idx)``
    and ``n_samples``: one step per batch of samples drawn without replacement each epoch.

    batch_size 1 is the slides' "for each random sample"; None is full-batch gradient descent.
    Returns a Trajectory with the full-data loss after every step.
    """
    if not all(hasattr(problem, a) for a in ("loss", "grad", "n_samples")):
        raise TypeError(f"problem must offer loss(w), grad(w, idx) and n_samples (a LinearNeuron, say), "
                        f"got {problem!r}")
    w0 = as_array(w0, "w0", ndim=1)
    check_positive(eta, "eta")
    check_number(epochs, "epochs", low=1, integer=True)
    if batch_size is not None:
        check_number(batch_size, "batch_size", low=1, integer=True)
    check_positive(blowup, "blowup")
    problem.loss(w0)   # refuses a w0 of the wrong size in the problem's own words
    rng = np.random.default_rng(check_seed(seed))
    batches = [idx for _ in range(epochs) for idx in minibatches(problem.n_samples, batch_size, rng)]
    traj = _run(w0, eta, len(batches), problem.loss,
                lambda w, k: w - eta * problem.grad(w, batches[k - 1]), blowup)
    traj.batch_size = batch_size
    traj.extra["steps_per_epoch"] = len(batches) // epochs
    return traj


class SGD:
    """Stochastic gradient descent, in place: theta <- theta - lr g, or with momentum mu
    v <- mu v - lr g; theta <- theta + v."""

    def __init__(self, lr, momentum=0.0):
        self.lr = check_positive(lr, "lr")
        self.momentum = check_number(momentum, "momentum", low=0, high=0.999)
        self.velocity = None

    def step(self, params, grads):
        if self.momentum and self.velocity is None:
            self.velocity = [np.zeros_like(p) for p in params]
        for i, (p, g) in enumerate(zip(params, grads)):
            if self.momentum:
                v = self.velocity[i]
                v *= self.momentum
                v -= self.lr * g
                p += v
            else:
                p -= self.lr * g


class Adam:
    """Adam (Kingma and Ba, 2015), in place:
    m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2;
    theta <- theta - lr m_hat / (sqrt(v_hat) + eps), m_hat and v_hat corrected for their zero start."""

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = check_positive(lr, "lr")
        self.beta1 = check_number(beta1, "beta1", low=0, high=0.9999)
        self.beta2 = check_number(beta2, "beta2", low=0, high=0.99999)
        self.eps = check_positive(eps, "eps")
        self.m = self.v = None
        self.t = 0

    def step(self, params, grads):
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        c1, c2 = 1 - self.beta1 ** self.t, 1 - self.beta2 ** self.t
        for p, g, m, v in zip(params, grads, self.m, self.v):
            m *= self.beta1
            m += (1 - self.beta1) * g
            v *= self.beta2
            v += (1 - self.beta2) * g * g
            p -= self.lr * (m / c1) / (np.sqrt(v / c2) + self.eps)
