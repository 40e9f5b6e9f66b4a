import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from course_lib.datasets import extended_points, lecture_points, logic_gate
from course_lib.perceptron import Perceptron, mistake_bound, sign


def test_sign_of_zero_is_plus_one():
    assert sign(0) == 1 and sign(0.0) == 1 and sign(-1e-12) == -1
    assert sign(np.array([-2, 0, 3])).tolist() == [-1, 1, 1]


def test_lecture_trace_matches_the_slides():
    p = Perceptron().fit(*lecture_points(), max_epochs=10)
    t1, t2 = p.trace_[:2]
    assert (t1.t, t1.x.tolist(), t1.activation, t1.y_hat, t1.y) == (1, [1, -1], 0, 1, -1)
    assert t1.mistake and t1.verdict() == "no match!"
    assert t1.w_before.tolist() == [0, 0] and t1.w_after.tolist() == [-1, 1]
    assert t1.equation() == "w(1) = (0, 0) + (-1)(1, -1)(1) = (-1, 1)"
    assert (t2.x.tolist(), t2.activation, t2.y_hat, t2.y, t2.mistake) == ([-1, 1], 2, 1, 1, False)
    assert t2.w_after.tolist() == [-1, 1] and t2.verdict() == "match"
    assert p.converged_ and p.n_epochs_ == 2 and p.n_mistakes_ == 1
    assert p.summary().startswith("converged after 2 epochs")


def test_extended_points_repeat_with_sign_zero_again():
    p = Perceptron().fit(*extended_points(), max_epochs=10)
    t3 = p.trace_[2]
    assert (t3.x.tolist(), t3.activation, t3.y_hat, t3.y) == ([1, 1], 0, 1, -1)
    assert t3.w_after.tolist() == [-2, 0]
    assert [r.mistake for r in p.trace_] == [True, False, True, False] + [False] * 4
    assert p.converged_ and p.n_epochs_ == 2 and p.w_.tolist() == [-2, 0]


def test_xor_does_not_converge():
    p = Perceptron(fit_bias=True).fit(*logic_gate("xor"), max_epochs=25)
    assert not p.converged_ and p.n_epochs_ == 25
    assert p.summary().startswith("no line separates these points: did not converge after 25 epochs")


@pytest.mark.parametrize("gate", ["and", "or", "nand"])
def test_gates_with_bias_converge(gate):
    X, y = logic_gate(gate)
    p = Perceptron(fit_bias=True).fit(X, y, max_epochs=100)
    assert p.converged_ and p.score(X, y) == 1.0 and len(p.w_) == 3


def test_learning_rate_scales_the_update():
    p = Perceptron(eta=0.5)
    r = p.step([1, -1], -1)
    assert r.w_after.tolist() == [-0.5, 0.5]
    assert r.equation() == "w(1) = (0, 0) + 0.5·(-1)(1, -1)(1) = (-0.5, 0.5)"


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 40), d=st.integers(2, 5))
def test_mistakes_never_exceed_novikoff_bound(seed, n, d):
    rng = np.random.default_rng(seed)
    w_star = rng.normal(size=d)
    X = rng.normal(size=(n, d))
    margin = X @ w_star / np.linalg.norm(w_star)
    X = X[np.abs(margin) > 0.1]  # keep a margin so the bound is finite
    if len(X) == 0:
        X = w_star[None, :].copy()
    y = np.where(X @ w_star > 0, 1, -1)
    p = Perceptron().fit(X, y, max_epochs=100_000)
    assert p.converged_
    assert p.n_mistakes_ <= mistake_bound(X, y, w_star)


@pytest.mark.parametrize("X, y, err, words", [
    ([[1, 2]], [0], ValueError, r"y must contain only -1 and \+1"),
    ([[1, 2]], [1, -1], ValueError, "X has 1 samples but y has 2"),
    ([[np.nan, 2]], [1], ValueError, "X contains NaN"),
    ([[np.inf, 2]], [1], ValueError, "X contains NaN or infinity"),
    ([1, 2], [1, 1], ValueError, "X must be 2-D"),
    (np.zeros((0, 2)), [], ValueError, "X is empty"),
    ([["a", "b"]], [1], TypeError, "X must hold numbers"),
])
def test_bad_input_is_named(X, y, err, words):
    with pytest.raises(err, match=words):
        Perceptron().fit(X, y)


def test_bad_settings_are_named():
    with pytest.raises(ValueError, match="eta must be > 0"):
        Perceptron(eta=0)
    with pytest.raises(ValueError, match="max_epochs must be >= 1"):
        Perceptron().fit(*lecture_points(), max_epochs=0)
    with pytest.raises(ValueError, match="x has 3 features but the perceptron was started with 2"):
        p = Perceptron()
        p.step([1, 1], 1)
        p.step([1, 1, 1], 1)
    with pytest.raises(ValueError, match="no weights yet"):
        Perceptron().predict([[1, 2]])
