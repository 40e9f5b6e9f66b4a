"""Public checks for homework 5 (losses and the learning rate). Expected values are lesson 3's."""
from ..checker import CheckFailed, expect_close, need


def q1(ns):
    f = need(ns, "loss_and_slope", "q1")
    got = f(0.5, 2.0, 3.0)
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        raise CheckFailed(f"loss_and_slope should return two numbers (loss, slope), got {got!r}")
    expect_close("loss_and_slope(w=0.5, x=2, y=3)", list(got), [2.0, -4.0],
                 "Lesson 3: y_hat = 1, loss = 1/2 (3 - 1)^2 = 2, dL/dw = -(y - y_hat) x = -4.")


def q2(ns):
    train = need(ns, "train", "q2")
    got = train([2.0], [3.0], 0.1, 2)
    expect_close("train(xs=[2], ys=[3], eta=0.1, epochs=2)", got, [0.6, 0.96],
                 "By hand: w1 = 0 + 0.1 (3 - 0*2) 2 = 0.6, then w2 = 0.6 + 0.1 (3 - 0.6*2) 2 = 0.96.", atol=1e-9)


def q3(ns):
    f = need(ns, "max_stable_eta", "q3")
    expect_close("max_stable_eta([1, 1])", f([1.0, 1.0]), 2.0, "2 / mean(x^2) = 2 / 1.")
