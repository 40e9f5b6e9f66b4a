"""Public checks for homework 4 (counting and the forward pass). Expected values are lesson 2's."""
import numpy as np

from ..checker import CheckFailed, expect_close, need


def q1(ns):
    count = need(ns, "count", "q1")
    got = count([3, 4, 2])
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        raise CheckFailed(f"count([3, 4, 2]) should return three numbers (neurons, weights, parameters), got {got!r}")
    expect_close("count([3, 4, 2])", list(got), [6, 20, 26],
                 "The slides: 4 + 2 = 6 neurons, 3*4 + 4*2 = 20 weights, one bias per neuron.")


def q2(ns):
    forward = need(ns, "forward", "q2")
    W1, b1 = np.array([[1.0, -1.0], [0.5, 0.5]]), np.array([0.0, 0.0])
    expect_close("forward(x=(0, 0), one layer, zero biases)", forward(np.zeros(2), [W1], [b1]), [0.5, 0.5],
                 "sigmoid(0) = 1/2 for every neuron.")
    got = forward(np.array([1.0, 2.0]), [W1], [b1])
    expect_close("forward(x=(1, 2), one layer)", got, 1 / (1 + np.exp(-np.array([2.0, 0.0]))),
                 "a = x @ W + b = (1*1 + 2*0.5, 1*(-1) + 2*0.5) = (2, 0), then the sigmoid.")
