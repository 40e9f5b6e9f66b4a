"""Activation functions f(a) and their derivatives df/da, numerically stable for |a| up to 1e4.

Every activation offers ``f(a)``, ``df(a, f)`` (elementwise derivative, given a and f = f(a) so
sigmoid can use s(1 - s) as on the slide) and ``backward(a, f, grad_f)`` = dL/da from dL/df,
which for softmax is the Jacobian-vector product. Look them up with ``get_activation(name)``.
"""
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from .validation import lookup


def sigmoid(a):
    """s(a) = 1 / (1 + exp(-a)); exp is only taken of -|a| so it never overflows."""
    a = np.asarray(a)
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(a, f=None):
    """ds/da = s(a) (1 - s(a))."""
    s = sigmoid(a) if f is None else f
    return s * (1 - s)


def tanh(a):
    return np.tanh(a)


def tanh_grad(a, f=None):
    """d tanh/da = 1 - tanh(a)^2."""
    t = np.tanh(a) if f is None else f
    return 1 - t * t


def relu(a):
    return np.maximum(a, 0)


def relu_grad(a, f=None):
    """1 where a > 0, else 0 (the subgradient 0 is taken at a = 0)."""
    return (np.asarray(a) > 0).astype(np.asarray(a).dtype)


def identity(a):
    return np.asarray(a)


def identity_grad(a, f=None):
    return np.ones_like(a)


def softmax(a):
    """softmax over the last axis: exp(a_k - max a) / sum_j exp(a_j - max a)."""
    a = np.asarray(a)
    if not np.issubdtype(a.dtype, np.floating):   # whole numbers in: probabilities out
        a = a.astype(float)
    e = a - a.max(axis=-1, keepdims=True)
    np.exp(e, out=e)   # in place: one array for the whole computation
    e /= e.sum(axis=-1, keepdims=True)
    return e


def softmax_jacobian(a):
    """d softmax_k / d a_j = p_k (delta_kj - p_j), for one vector a (K,) -> (K, K)."""
    p = softmax(np.asarray(a, dtype=float))
    return np.diag(p) - np.outer(p, p)


@dataclass(frozen=True)
class Activation:
    """f, its derivative, and what the rest of the kit needs to know about it: ``init`` the
    weight initialisation that keeps its layer's signal alive ('he' before ReLU-like units,
    'glorot' otherwise), ``label`` its display name, ``output_range`` the values it can take
    (targets outside it can never be reached), ``hidden`` whether it may be a hidden layer's."""
    name: str
    f: Callable
    df: Optional[Callable]   # elementwise df/da(a, f); None for softmax (not elementwise)
    init: str = "glorot"
    label: str = ""
    output_range: tuple = None
    hidden: bool = True

    def backward(self, a, f, grad_f):
        """dL/da given dL/df (same shape as a)."""
        if self.df is None:  # softmax: J^T g with J = diag(p) - p p^T
            return f * (grad_f - np.sum(grad_f * f, axis=-1, keepdims=True))
        if self.df is relu_grad:  # the mask itself: one pass over the layer instead of two
            return grad_f * (a > 0)
        return grad_f * self.df(a, f)


ACTIVATIONS = {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_grad, label="sigmoid σ", output_range=(0, 1)),
    "tanh": Activation("tanh", tanh, tanh_grad, label="tanh", output_range=(-1, 1)),
    "relu": Activation("relu", relu, relu_grad, init="he", label="ReLU"),
    "identity": Activation("identity", identity, identity_grad, label="identity (linear)"),
    "softmax": Activation("softmax", softmax, None, label="softmax", output_range=(0, 1), hidden=False),
}


def get_activation(name):
    """The Activation called `name` ('sigmoid', 'tanh', 'relu', 'identity', 'softmax')."""
    if isinstance(name, Activation):
        return name
    return lookup(name, ACTIVATIONS, "activation")
