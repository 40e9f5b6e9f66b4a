"""Finite-difference gradients and the relative error used to compare them with backprop.

    df/dx_i ~ (f(x + h e_i) - f(x - h e_i)) / (2h)        (central differences, error O(h^2))
"""
from typing import NamedTuple

import numpy as np

from .validation import as_array, check_callable, check_positive


def numerical_gradient(f, x, h=1e-5, order=2):
    """Central-difference gradient of the scalar function f at the float array x (any shape).

    order=2: (f(x+h) - f(x-h)) / 2h, error O(h^2) (the textbook formula).
    order=4: (-f(x+2h) + 8f(x+h) - 8f(x-h) + f(x-2h)) / 12h, error O(h^4): lets h be larger,
    so rounding matters less when the gradient is tiny.
    x is changed in place during the computation and restored, so f may read x itself (as when
    x is one of a model's parameter arrays).
    """
    check_callable(f, "f")
    check_positive(h, "h")
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, got {x.dtype}")
    if order not in (2, 4):
        raise ValueError(f"order must be 2 or 4, got {order!r}")
    # (shift, weight) pairs applied as weight * (f(x + shift h) - f(x - shift h)): differencing
    # each symmetric pair first keeps a flat f at exactly 0
    stencil = {2: ((1, 1 / 2),), 4: ((1, 8 / 12), (2, -1 / 12))}[order]
    grad = np.zeros(x.shape, dtype=np.float64)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    if not np.shares_memory(flat, x):
        raise ValueError("x must be contiguous so it can be perturbed in place")
    for i in range(flat.size):
        old = flat[i]
        total = 0.0
        for shift, weight in stencil:
            flat[i] = old + shift * h
            up = f(x)
            flat[i] = old - shift * h
            total += weight * (up - f(x))
        flat[i] = old
        gflat[i] = total / h
    return grad


def relative_error(analytic, numeric, floor=1e-8):
    """||a - n|| / max(||a|| + ||n||, floor) over the whole array.

    Taken over the array rather than entry by entry (CS231n's per-entry max) so that entries
    that are almost zero, whose finite-difference error is all rounding, do not dominate.
    The floor (CS231n's 1e-8) keeps exact zeros meaningful: where both gradients are (almost) 0,
    for instance behind a dead ReLU, the error becomes the absolute difference divided by the
    floor instead of rounding noise divided by itself (= 1). ``noise_floor`` gives the floor that
    matches a finite-difference step. Below 1e-7 is excellent agreement; above 1e-3 there is a bug.
    """
    a = as_array(analytic, "analytic", allow_empty=True)
    n = as_array(numeric, "numeric", allow_empty=True)
    if a.shape != n.shape:
        raise ValueError(f"analytic has shape {a.shape} but numeric has {n.shape}")
    if not floor > 0:
        raise ValueError(f"floor must be a positive number, got {floor!r}")
    scale = max(np.linalg.norm(a) + np.linalg.norm(n), floor)
    return float(np.linalg.norm(a - n) / scale)


def noise_floor(loss, h, dtype=np.float64, resolution=1e-7):
    """The smallest gradient norm that differences with step h resolve to `resolution`.

    A difference quotient of a loss L carries rounding error of about eps |L| / h; a gradient
    smaller than that error / resolution cannot be checked relatively, only absolutely, so it
    is the floor to pass to ``relative_error``.
    """
    eps = np.finfo(dtype).eps
    return max(1e-8, float(eps * max(abs(loss), 1.0) / h / resolution))


class GradCheck(NamedTuple):
    name: str              # 'W1', 'b1', ...
    analytic: np.ndarray   # backprop's gradient
    numeric: np.ndarray    # central differences
    error: float           # relative_error(analytic, numeric, noise_floor(loss, h))


def check_mlp_gradients(model, X, y, h=1e-5, order=2):
    """Backprop's gradient of every parameter of `model` vs central differences on (X, y).

    Returns a list of GradCheck, one per array in the order of model.params_ ('W1', 'b1', ...).
    """
    value, grads = model.loss_and_grads(X, y)
    floor = noise_floor(value, h, model.dtype)
    loss = lambda _: model.loss_and_grads(X, y)[0]
    names = [f"{kind}{l + 1}" for l in range(len(model.W_)) for kind in ("W", "b")]
    checks = []
    for name, p, g in zip(names, model.params_, grads):
        numeric = numerical_gradient(loss, p, h, order)
        checks.append(GradCheck(name, g, numeric, relative_error(g, numeric, floor)))
    return checks
