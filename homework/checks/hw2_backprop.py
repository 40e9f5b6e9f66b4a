"""Public checks for homework 2 (backpropagation)."""
import numpy as np

from ..checker import CheckFailed, expect_close, need


def q1(ns):
    d = need(ns, "sigmoid_derivative", "q1")
    expect_close("sigmoid_derivative(0)", d(0.0), 0.25, "s(0) = 1/2, and ds/da = s(1 - s).")
    expect_close("sigmoid_derivative([0, 0])", d(np.array([0.0, 0.0])), [0.25, 0.25],
                 "It should work on whole arrays too.")


def q2(ns):
    grads = need(ns, "chain_gradients", "q2")
    got = grads(x=1.5, y=1.0, w1=0.5, b1=0.1, w2=-0.3, w3=0.8)
    if not isinstance(got, dict) or set(got) != {"w1", "b1", "w2", "w3"}:
        raise CheckFailed(f"chain_gradients should return a dict with keys w1, b1, w2, w3; got {got!r}")
    expected = {"w3": -0.0445972085, "w2": -0.0138058061, "w1": 0.0018602604, "b1": 0.0012401736}
    for k, v in expected.items():
        expect_close(f"dL/d{k} for x=1.5, y=1, w1=0.5, b1=0.1, w2=-0.3, w3=0.8", got[k], v,
                     "Lesson 4 prints these factors one by one.", atol=1e-8)


def q3(ns):
    fd = need(ns, "finite_difference", "q3")
    got = fd(lambda t: float(t[0] ** 2 + 3 * t[1]), np.array([2.0, 5.0]))
    expect_close("finite_difference(t0^2 + 3 t1 at (2, 5))", got, [4.0, 3.0],
                 "(f(t + h e_i) - f(t - h e_i)) / (2h) for each i.", atol=1e-5)


def q4(ns):
    err = need(ns, "relative_error_2_layer", "q4")
    if not np.isscalar(err) or not np.isfinite(err):
        raise CheckFailed(f"relative_error_2_layer should be one finite number, got {err!r}")
