"""Loss functions L(y_hat, y) averaged over samples, with their gradients dL/dy_hat.

For n samples and k outputs (y_hat and y of shape (n, k)):
    l1:            L = 1/n sum_i sum_k |y_hat - y|
    l2:            L = 1/n sum_i sum_k 1/2 (y - y_hat)^2        (the slides' squared error)
    cross_entropy: L = -1/n sum_i log softmax(z_i)[y_i]         (from logits z, stable)
Cross-entropy takes logits z, not probabilities, and integer labels (n,) or one-hot (n, k); its
gradient is dL/dz = (softmax(z) - onehot(y)) / n.
"""
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .activations import softmax
from .validation import lookup


def l1(y_hat, y):
    return np.abs(y_hat - y).sum() / len(y_hat)


def l1_grad(y_hat, y):
    """sign(y_hat - y) / n (0 where they are equal: a subgradient)."""
    return np.sign(y_hat - y) / len(y_hat)


def l2(y_hat, y):
    d = y - y_hat
    return 0.5 * np.sum(d * d) / len(y_hat)


def l2_grad(y_hat, y):
    """-(y - y_hat) / n: the slide's -(y - y_hat) averaged over the samples."""
    return (y_hat - y) / len(y_hat)


def _log_softmax(z):
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def cross_entropy(z, y):
    """Mean -log p(true class) from logits z (n, k) and labels (n,) or one-hot (n, k)."""
    if y.ndim == 1:  # -log p_y = logsumexp(z) - z_y, without forming every log p
        m = z.max(axis=1)
        lse = m + np.log(np.exp(z - m[:, None]).sum(axis=1))
        return float((lse - z[np.arange(len(y)), y.astype(int)]).sum() / len(z))
    return -float(np.sum(y * _log_softmax(z))) / len(z)


def cross_entropy_grad(z, y, p=None):
    """(softmax(z) - onehot(y)) / n; pass p = softmax(z) if it is already known."""
    p = softmax(z) if p is None else p
    if y.ndim == 1:  # subtract 1 at the true class instead of building the one-hot matrix
        g = p / len(z)
        g[np.arange(len(y)), y.astype(int)] -= 1 / len(z)
        return g
    return (p - y) / len(z)


@dataclass(frozen=True)
class Loss:
    name: str
    value: Callable        # value(y_hat, y) -> float
    grad: Callable         # grad(y_hat, y) -> dL/dy_hat, shape of y_hat
    from_logits: bool = False


LOSSES = {
    "l1": Loss("l1", l1, l1_grad),
    "l2": Loss("l2", l2, l2_grad),
    "cross_entropy": Loss("cross_entropy", cross_entropy, cross_entropy_grad, from_logits=True),
}


def get_loss(name):
    """The Loss called `name` ('l1', 'l2', 'cross_entropy')."""
    if isinstance(name, Loss):
        return name
    return lookup(name, LOSSES, "loss")
