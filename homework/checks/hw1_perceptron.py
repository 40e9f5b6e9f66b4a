"""Public checks for homework 1 (the perceptron by hand). Expected values are the slides'."""
from ..checker import CheckFailed, expect_close, need


def q1(ns):
    predict = need(ns, "predict", "q1")
    expect_close("predict(w=(0, 0), x=(1, -1))", predict([0, 0], [1, -1]), 1,
                 "<w, x> = 0 here, and on the slides the sign of zero is +1 (numpy.sign(0) is 0).")
    expect_close("predict(w=(-1, 1), x=(1, -1))", predict([-1, 1], [1, -1]), -1)


def q2(ns):
    update = need(ns, "update", "q2")
    expect_close("update(w=(0, 0), x=(1, -1), y=-1)", update([0, 0], [1, -1], -1), [-1, 1],
                 "The slides' t = 1: y_hat = +1 differs from y = -1, so w <- w + y x.")
    expect_close("update(w=(-1, 1), x=(-1, 1), y=1)", update([-1, 1], [-1, 1], 1), [-1, 1],
                 "A match (y_hat = y) leaves w unchanged.")


def q3(ns):
    trace = need(ns, "trace", "q3")
    got = trace([[1, -1], [-1, 1]], [-1, 1], 1)
    if len(got) != 2:
        raise CheckFailed(f"trace(lecture points, epochs=1) should give 2 weight vectors (one per step), "
                          f"got {len(got)}")
    expect_close("trace(lecture points, epochs=1)", got, [[-1, 1], [-1, 1]])


def q4(ns):
    converged = need(ns, "xor_converged", "q4")
    if not isinstance(converged, bool):
        raise CheckFailed(f"xor_converged should be True or False, got {converged!r}")
