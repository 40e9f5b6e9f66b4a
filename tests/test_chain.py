import math

import pytest

from course_lib.chain import FACTOR_NAMES, GRADIENT_FACTORS, Chain
from course_lib.gradcheck import numerical_gradient, relative_error


def test_factors_for_a_case_worked_by_hand():
    # x = 0, w1 = 1, b1 = 0, w2 = 0, w3 = 2, y = 1:
    # a1 = 0, f1 = 1/2; a2 = 0, f2 = 1/2; a3 = 1, f3 = s(1) = e/(1+e)
    s1 = math.e / (1 + math.e)
    r = Chain(w1=1.0, b1=0.0, w2=0.0, w3=2.0).backward(0.0, 1.0)
    assert r.forward == pytest.approx({"a1": 0, "f1": 0.5, "a2": 0, "f2": 0.5, "a3": 1, "f3": s1})
    assert r.loss == pytest.approx(0.5 * (1 - s1) ** 2)
    expected = {"dL/df3": -(1 - s1), "df3/da3": s1 * (1 - s1), "da3/dw3": 0.5, "da3/df2": 2.0,
                "df2/da2": 0.25, "da2/dw2": 0.5, "da2/df1": 0.0, "df1/da1": 0.25, "da1/dw1": 0.0,
                "da1/db1": 1.0}
    assert r.factors == pytest.approx(expected)
    delta3 = -(1 - s1) * s1 * (1 - s1)
    assert r.grads["w3"] == pytest.approx(delta3 * 0.5)
    assert r.grads["w2"] == pytest.approx(delta3 * 2.0 * 0.25 * 0.5)
    assert r.grads["w1"] == 0.0 and r.grads["b1"] == 0.0   # w2 = 0 blocks the signal


def test_gradients_are_the_product_of_their_factors_and_match_finite_differences():
    c, x, y = Chain(w1=0.5, b1=0.1, w2=-0.3, w3=0.8), 1.5, 1.0
    r = c.backward(x, y)
    for name, (factors, reused) in GRADIENT_FACTORS.items():
        assert r.grads[name] == pytest.approx(math.prod(r.factors[f] for f in factors))
    theta = c.as_vector()
    numeric = numerical_gradient(lambda t: Chain(*t).loss(x, y), theta)
    analytic = [r.grads[k] for k in ("w1", "b1", "w2", "w3")]
    assert relative_error(analytic, numeric) < 1e-8
    assert set(FACTOR_NAMES) == set(r.factors)


def test_each_gradient_reuses_the_product_above():
    """The re-used factors are the gradient above's leading ones, and their product is the
    delta dL/da of that layer, measured here by differencing L as a function of a alone."""
    order = ["w3", "w2", "w1", "b1"]
    for above, name in zip(order, order[1:]):
        factors, reused = GRADIENT_FACTORS[name]
        assert reused > 0 and factors[:reused] == GRADIENT_FACTORS[above][0][:reused]
    c, x, y = Chain(w1=0.5, b1=0.1, w2=-0.3, w3=0.8), 1.5, 1.0
    r = c.backward(x, y)
    s = lambda a: 1 / (1 + math.exp(-a))
    loss_from = {  # L as a function of the pre-activation the re-used product ends at
        "df3/da3": lambda a3: 0.5 * (y - s(a3)) ** 2,
        "df2/da2": lambda a2: 0.5 * (y - s(c.w3 * s(a2))) ** 2,
        "df1/da1": lambda a1: 0.5 * (y - s(c.w3 * s(c.w2 * s(a1)))) ** 2,
    }
    for name in ("w2", "w1", "b1"):
        factors, reused = GRADIENT_FACTORS[name]
        last = factors[reused - 1]
        a = r.forward["a" + last[-1]]
        h = 1e-6
        delta = (loss_from[last](a + h) - loss_from[last](a - h)) / (2 * h)
        assert math.prod(r.factors[f] for f in factors[:reused]) == pytest.approx(delta, rel=1e-7)


def test_a_gradient_step_lowers_the_loss():
    c, x, y = Chain(w1=0.5, b1=0.1, w2=-0.3, w3=0.8), 1.5, 1.0
    losses = [c.loss(x, y)]
    for _ in range(20):
        c = c.step(x, y, eta=1.0)
        losses.append(c.loss(x, y))
    assert all(b < a for a, b in zip(losses, losses[1:]))


def test_bad_input():
    with pytest.raises(TypeError, match="w1 must be a number"):
        Chain(w1="big")
    with pytest.raises(ValueError, match="x must be finite"):
        Chain().forward(float("nan"))
    with pytest.raises(ValueError, match="eta must be > 0"):
        Chain().step(1.0, 1.0, eta=0)
