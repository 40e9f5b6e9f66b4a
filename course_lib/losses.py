"""Loss functions and their gradients.

Each loss has a per-sample form ``pointwise(y_hat, y)`` -> (n,) and its derivative
``pointwise_grad`` with respect to that sample's own y_hat; ``value`` is the mean over the n samples
and ``grad`` the gradient of that mean (pointwise_grad / n). For y_hat and y of shape (n, k):
    l1:                   |y_hat - y| summed over k
    l2:                   1/2 (y - y_hat)^2 summed over k           (the slides' squared error)
    binary_cross_entropy: -[y log p + (1 - y) log(1 - p)] for probabilities p = y_hat
    cross_entropy:        -log softmax(z)[y]   from logits z and labels (n,) or one-hot (n, k)
"""
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .activations import sigmoid, softmax
from .validation import lookup


def l1(y_hat, y):
    return np.abs(y_hat - y).sum(axis=-1)


def l1_grad(y_hat, y):
    """sign(y_hat - y) (0 where they are equal: a subgradient)."""
    return np.sign(y_hat - y)


def l2(y_hat, y):
    d = y - y_hat
    return 0.5 * (d * d).sum(axis=-1)


def l2_grad(y_hat, y):
    """-(y - y_hat): the slide's gradient of 1/2 (y - y_hat)^2."""
    return y_hat - y


def _clip_probability(p):
    eps = np.finfo(np.asarray(p).dtype if np.issubdtype(np.asarray(p).dtype, np.floating) else float).eps
    return np.clip(p, eps, 1 - eps)


def binary_cross_entropy(p, y):
    """-[y log p + (1 - y) log(1 - p)], p kept inside [eps, 1 - eps] so it is always finite."""
    p = _clip_probability(p)
    return -(y * np.log(p) + (1 - y) * np.log1p(-p)).sum(axis=-1)


def binary_cross_entropy_grad(p, y):
    """(p - y) / (p (1 - p))."""
    p = _clip_probability(p)
    return (p - y) / (p * (1 - p))


def binary_cross_entropy_logits(z, y):
    """The same loss from the sigmoid's input z: softplus(z) - y z = max(z, 0) - y z + log(1 + e^-|z|),
    exact for any z (no clipping, so a confident mistake keeps its full gradient)."""
    return (np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z)))).sum(axis=-1)


def binary_cross_entropy_logits_grad(z, y, p=None):
    """sigmoid(z) - y: the slope (p - y) / (p (1 - p)) times the sigmoid's p (1 - p), cancelled."""
    return (sigmoid(z) if p is None else p) - y


def _log_softmax(z):
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def cross_entropy(z, y):
    """-log softmax(z)[y] per sample, from logits z (n, k) and labels (n,) or one-hot (n, k)."""
    if y.ndim == 1:  # -log p_y = logsumexp(z) - z_y, without forming every log p
        m = z.max(axis=1)
        lse = m + np.log(np.exp(z - m[:, None]).sum(axis=1))
        return lse - z[np.arange(len(y)), y.astype(int)]
    return -(y * _log_softmax(z)).sum(axis=-1)


def cross_entropy_from_probabilities(p, y):
    """Mean -log p_y from probabilities p = softmax(z) already computed (one gather and one log
    instead of a second softmax), or None when some p_y is so small (< 1e-20) that its rounding
    would show: then the loss is computed from the logits."""
    if y.ndim != 1:
        return None
    p_y = p[np.arange(len(y)), y]
    if p_y.min() < 1e-20:
        return None
    return -float(np.log(p_y).mean())


def cross_entropy_grad(z, y, p=None):
    """softmax(z) - onehot(y); pass p = softmax(z) if it is already known."""
    p = softmax(z) if p is None else p
    if y.ndim == 1:  # subtract 1 at the true class instead of building the one-hot matrix
        g = p.copy()
        g[np.arange(len(y)), y.astype(int)] -= 1
        return g
    return p - y


ANY_OUTPUT = ("identity", "sigmoid", "tanh", "relu", "softmax")


@dataclass(frozen=True)
class Loss:
    """A loss and what it needs: ``outputs`` are the output activations it makes sense after;
    ``fused`` is the same loss computed from the output layer's input a (logits), used in
    training because its gradient p - y never vanishes where the probability form saturates."""
    name: str
    pointwise: Callable        # pointwise(y_hat, y) -> (n,) one loss per sample
    pointwise_grad: Callable   # d pointwise_i / d y_hat_i, shape of y_hat
    from_logits: bool = False  # True: y_hat are logits (the output layer's a)
    outputs: tuple = ANY_OUTPUT
    fused: "Loss" = None
    target_range: tuple = None  # (low, high) the targets must lie in, if bounded
    from_probabilities: Callable = None   # mean loss from the output's probabilities, or None: a shortcut

    def value(self, y_hat, y):
        """Mean loss over the samples (a float)."""
        return float(np.mean(self.pointwise(y_hat, y)))

    def grad(self, y_hat, y, *extra):
        """Gradient of the mean loss with respect to y_hat: pointwise_grad / n."""
        g = self.pointwise_grad(y_hat, y, *extra)
        g /= len(y_hat)
        return g


LOSSES = {
    "l1": Loss("l1", l1, l1_grad),
    "l2": Loss("l2", l2, l2_grad),
    "binary_cross_entropy": Loss(
        "binary_cross_entropy", binary_cross_entropy, binary_cross_entropy_grad, outputs=("sigmoid",),
        fused=Loss("binary_cross_entropy", binary_cross_entropy_logits, binary_cross_entropy_logits_grad,
                   from_logits=True, outputs=("sigmoid",), target_range=(0, 1)),
        target_range=(0, 1)),
    "cross_entropy": Loss("cross_entropy", cross_entropy, cross_entropy_grad, from_logits=True,
                          outputs=("softmax",), from_probabilities=cross_entropy_from_probabilities),
}


def sensible_pairs():
    """'output + loss' for every pair the registry allows, for error messages."""
    return ", ".join(f"{o} + {name}" for name, loss in LOSSES.items() for o in loss.outputs)


def get_loss(name):
    """The Loss called `name` ('l1', 'l2', 'binary_cross_entropy', 'cross_entropy')."""
    if isinstance(name, Loss):
        return name
    return lookup(name, LOSSES, "loss")
