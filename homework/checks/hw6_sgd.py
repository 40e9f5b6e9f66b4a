"""Public checks for homework 6 (stochastic gradient descent)."""
import numpy as np

from ..checker import expect_close, need


def q1(ns):
    f = need(ns, "steps_per_epoch", "q1")
    expect_close("steps_per_epoch(60000, 64)", f(60000, 64), 938, "Lesson 5: ceil(60000 / 64); the last batch is smaller.")


def q2(ns):
    f = need(ns, "minibatch_sgd", "q2")
    X, y = np.array([[1.0], [2.0]]), np.array([2.0, 4.0])
    expect_close("minibatch_sgd(X=[[1], [2]], y=[2, 4], eta=0.1, one epoch, one batch of 2)", f(X, y, 0.1, 1, 2, 0),
                 [0.5], "From w = 0 the gradient of the mean loss is -mean((y - x w) x) = -(1*2 + 2*4)/2 = -5, "
                 "so w = 0 - 0.1 * (-5) = 0.5.", atol=1e-9)
