import warnings

import numpy as np
import pytest
from hypothesis import assume, example, given, settings, strategies as st

from course_lib.datasets import logic_gate
from course_lib.gradcheck import check_mlp_gradients, noise_floor, relative_error
from course_lib.mlp import MLP, DivergenceError

import plain_mlp_reference as plain

H = 1e-4  # with 4th-order differences: truncation ~1e-16, rounding ~1e-12


def test_lecture_counts_3_4_2():
    m = MLP([3, 4, 2])
    assert (m.n_neurons, m.n_weights, m.n_params) == (6, 20, 26)
    assert sum(p.size for p in m.params_) == 26


def test_forward_keeps_a_and_f_per_layer():
    m = MLP([3, 4, 2], activation="tanh")
    X = np.arange(6.0).reshape(2, 3)
    out, cache = m.forward(X)
    assert [c.a.shape for c in cache] == [(2, 4), (2, 2)]
    np.testing.assert_allclose(cache[0].a, X @ m.W_[0] + m.b_[0])
    np.testing.assert_allclose(cache[0].f, np.tanh(cache[0].a))
    np.testing.assert_allclose(out, 1 / (1 + np.exp(-(cache[0].f @ m.W_[1] + m.b_[1]))))


OUTPUT_LOSS = [("sigmoid", "l2"), ("sigmoid", "l1"), ("sigmoid", "binary_cross_entropy"), ("tanh", "l2"), ("identity", "l2"),
               ("identity", "l1"), ("relu", "l2"), ("softmax", "cross_entropy"), ("softmax", "l2")]


def _random_problem(hidden, acts, pair, n_in, n_out, n, seed):
    output, loss = pair
    if output == "softmax":
        n_out = max(n_out, 2)
    m = MLP([n_in, *hidden, n_out], activation=acts[:len(hidden)], output=output, loss=loss, seed=seed)
    rng = np.random.default_rng(seed)
    for p in m.b_:
        p += rng.normal(0, 0.5, p.shape)
    X = rng.normal(size=(n, n_in))
    if loss == "cross_entropy":
        y = rng.integers(0, n_out, n)
    elif output in ("sigmoid", "softmax"):   # targets an output of (0, 1) can reach
        y = rng.random((n, n_out))
    elif output == "tanh":
        y = rng.uniform(-1, 1, (n, n_out))
    else:
        y = rng.normal(size=(n, n_out))
    return m, X, y


@settings(max_examples=150, deadline=None)
@given(hidden=st.lists(st.integers(1, 8), min_size=1, max_size=4),
       acts=st.lists(st.sampled_from(["sigmoid", "tanh", "relu", "identity"]), min_size=4, max_size=4),
       pair=st.sampled_from(OUTPUT_LOSS), n_in=st.integers(1, 4), n_out=st.integers(1, 4),
       n=st.integers(1, 6), seed=st.integers(0, 2**16))
# exact zeros (a dead ReLU, a saturated sigmoid) once gave rounding noise / rounding noise = 1
@example(hidden=[1], acts=["relu", "sigmoid", "sigmoid", "sigmoid"], pair=("sigmoid", "l1"),
         n_in=2, n_out=1, n=2, seed=5048)
@example(hidden=[1, 2, 3, 1], acts=["sigmoid", "sigmoid", "relu", "sigmoid"], pair=("identity", "l1"),
         n_in=3, n_out=1, n=6, seed=4160)
@example(hidden=[4, 4, 1, 5], acts=["sigmoid", "sigmoid", "relu", "sigmoid"], pair=("sigmoid", "l1"),
         n_in=1, n_out=1, n=2, seed=0)
def test_backprop_matches_finite_differences(hidden, acts, pair, n_in, n_out, n, seed):
    m, X, y = _random_problem(hidden, acts, pair, n_in, n_out, n, seed)
    loss = pair[1]
    out, cache = m.forward(X)
    # relu and l1 have kinks; a finite difference straddling one measures nothing. A step of 2H
    # in one parameter moves a pre-activation by about 2H times the inputs (|x| < ~4 here).
    for c, act in zip(cache, m.activations):
        if act.name == "relu":
            assume(np.min(np.abs(c.a)) > 40 * H)
    if loss == "l1":
        assume(np.min(np.abs(out - y)) > 40 * H)
    checks = check_mlp_gradients(m, X, y, h=H, order=4)
    analytic = np.concatenate([c.analytic.ravel() for c in checks])
    numeric = np.concatenate([c.numeric.ravel() for c in checks])
    floor = noise_floor(m.loss_and_grads(X, y)[0], H)
    assert relative_error(analytic, numeric, floor) <= 1e-6
    for c in checks:  # every entry, with an absolute allowance at the rounding level (~1e-12)
        np.testing.assert_allclose(c.analytic, c.numeric, rtol=1e-6, atol=1e-9, err_msg=c.name)


def test_sigmoid_cross_entropy_keeps_its_gradient_when_confidently_wrong():
    m = MLP([1, 1], output="sigmoid", loss="binary_cross_entropy")
    m.W_[0][:] = 1.0
    m.b_[0][:] = 0.0
    for z in (5.0, 40.0, 800.0):   # logit z, label 0: loss = softplus(z), dL/db = sigmoid(z)
        loss, grads = m.loss_and_grads([[z]], [0])
        assert loss == pytest.approx(z + np.log1p(np.exp(-z)), rel=1e-12)
        assert grads[1][0] == pytest.approx(1 / (1 + np.exp(-z)), rel=1e-12)


@pytest.mark.parametrize("output, loss", [("identity", "binary_cross_entropy"), ("tanh", "binary_cross_entropy"),
                                          ("sigmoid", "cross_entropy"), ("identity", "cross_entropy")])
def test_nonsense_output_loss_pairs_are_refused_with_the_sensible_ones_listed(output, loss):
    with pytest.raises(ValueError, match=r"does not fit output=.*sensible pairs.*sigmoid \+ binary_cross_entropy"):
        MLP([2, 3, 1], output=output, loss=loss)


@pytest.mark.parametrize("output, loss, y", [("sigmoid", "binary_cross_entropy", [0, 5]),
                                             ("sigmoid", "binary_cross_entropy", [-1, 1]),
                                             ("sigmoid", "l2", [0, 5]), ("tanh", "l2", [0, 3])])
def test_targets_the_output_cannot_reach_are_refused(output, loss, y):
    m = MLP([2, 3, 1], output=output, loss=loss)
    with pytest.raises(ValueError, match=r"y holds values from .* every target must lie in"):
        m.fit(np.zeros((2, 2)), y)


def test_learns_xor_from_a_fixed_seed():
    X, y = logic_gate("xor")
    m = MLP([2, 4, 1], activation="tanh", output="sigmoid", lr=0.5, epochs=2000, seed=0)
    m.fit(X, (y + 1) // 2)
    assert m.score(X, (y + 1) // 2) == 1.0
    assert m.history_["loss"][-1] < 0.01 < m.history_["loss"][0]


@pytest.mark.parametrize("batch_size, lr", [(None, 0.5), (1, 0.01), (3, 0.05)])
def test_gd_sgd_and_minibatch_lower_the_loss_and_are_seeded(batch_size, lr):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    runs = [MLP([2, 8, 2], activation="relu", output="softmax", lr=lr, epochs=30,
                batch_size=batch_size, momentum=0.9, seed=3).fit(X, y).history_ for _ in range(2)]
    assert runs[0]["loss"] == runs[1]["loss"]
    assert runs[0]["loss"][-1] < 0.5 * runs[0]["loss"][0]
    assert len(runs[0]["accuracy"]) == 30


def test_history_callback_and_validation():
    X, y = logic_gate("xor")
    seen = []
    m = MLP([2, 3, 1], epochs=50, lr=1.0)
    m.fit(X, (y + 1) // 2, X_val=X, y_val=(y + 1) // 2,
          callback=lambda model, info: seen.append(info["epoch"]) or info["epoch"] == 10)
    assert seen == list(range(1, 11))
    steps = []
    MLP([2, 3, 1], epochs=2, batch_size=3).fit(X, (y + 1) // 2, step_callback=lambda m, info: steps.append(
        (info["epoch"], info["step"], info["n_steps"])))
    assert steps == [(1, 1, 2), (1, 2, 2), (2, 1, 2), (2, 2, 2)]
    assert len(m.history_["val_loss"]) == 10 and len(m.history_["val_accuracy"]) == 10


def test_float32_stays_float32():
    m = MLP([784, 32, 10], activation="relu", output="softmax", dtype=np.float32, epochs=1, batch_size=16)
    X = np.random.default_rng(0).random((64, 784), dtype=np.float32)
    m.fit(X, np.arange(64) % 10)
    assert all(p.dtype == np.float32 for p in m.params_)
    assert m.predict_proba(X).dtype == np.float32


def test_predict_proba_and_score():
    X, y = logic_gate("xor")
    m = MLP([2, 4, 1], activation="tanh", lr=0.5, epochs=1500).fit(X, (y + 1) // 2)
    proba = m.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1)
    assert m.predict(X).tolist() == [0, 1, 1, 0]
    reg = MLP([1, 8, 1], activation="tanh", output="identity", lr=0.1, epochs=500)
    x = np.linspace(-1, 1, 30)[:, None]
    assert reg.fit(x, x[:, 0] ** 2).score(x, x[:, 0] ** 2) > 0.9
    with pytest.raises(ValueError, match="predict_proba needs a softmax"):
        reg.predict_proba(x)


def test_divergence_is_reported_in_words():
    x = np.linspace(-1, 1, 20)[:, None] * 100
    m = MLP([1, 4, 1], activation="relu", output="identity", lr=10.0, epochs=50)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"), pytest.raises(DivergenceError, match="learning rate 10 is probably too large"):
            m.fit(x, x[:, 0] * 3)


@pytest.mark.parametrize("kwargs, err, words", [
    (dict(layer_sizes=[3]), ValueError, "layer_sizes must be a list of at least two"),
    (dict(layer_sizes=[3, 0, 2]), ValueError, "layer_sizes must be"),
    (dict(layer_sizes=[2, 3, 1], activation=["relu", "tanh"]), ValueError, "one per hidden layer"),
    (dict(layer_sizes=[2, 1], activation="swish"), ValueError, "unknown activation 'swish'"),
    (dict(layer_sizes=[2, 1], loss="hinge"), ValueError, "unknown loss 'hinge'"),
    (dict(layer_sizes=[2, 1], output="sigmoid", loss="cross_entropy"), ValueError, "does not fit output='sigmoid'"),
    (dict(layer_sizes=[2, 1], lr=0), ValueError, "lr must be > 0"),
    (dict(layer_sizes=[2, 1], lr=-0.1), ValueError, "lr must be > 0"),
    (dict(layer_sizes=[2, 1], lr="fast"), TypeError, "lr must be a number"),
    (dict(layer_sizes=[2, 1], batch_size=0), ValueError, "batch_size must be >= 1"),
    (dict(layer_sizes=[2, 1], dtype=np.int32), ValueError, "dtype must be float32 or float64"),
])
def test_bad_settings(kwargs, err, words):
    with pytest.raises(err, match=words):
        MLP(**kwargs)


def test_bad_data():
    m = MLP([2, 3, 2], output="softmax")
    with pytest.raises(ValueError, match="X has 3 features per sample but the network has 2 inputs"):
        m.fit(np.zeros((4, 3)), [0, 1, 0, 1])
    with pytest.raises(ValueError, match="y has label 2 but the model has only 2 outputs"):
        m.fit(np.zeros((4, 2)), [0, 1, 2, 1])
    with pytest.raises(ValueError, match="X has 4 samples but y has 3"):
        m.fit(np.zeros((4, 2)), [0, 1, 1])
    with pytest.raises(ValueError, match="X contains NaN"):
        m.fit(np.full((4, 2), np.nan), [0, 1, 1, 0])
    with pytest.raises(TypeError, match="X must hold numbers"):
        m.predict([["a", "b"]])
    with pytest.raises(ValueError, match="X_val has 2 samples but y_val has 1"):
        m.fit(np.zeros((4, 2)), [0, 1, 1, 0], X_val=np.zeros((2, 2)), y_val=[0])


@pytest.mark.parametrize("batch_size, momentum", [(None, 0.0), (7, 0.9), (1, 0.5)])
def test_k_fits_of_one_epoch_are_one_fit_of_k_epochs(batch_size, momentum):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(40, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    make = lambda epochs: MLP([2, 6, 2], activation="tanh", output="softmax", lr=0.3, momentum=momentum,
                              batch_size=batch_size, lr_decay=0.1, epochs=epochs, seed=2)
    once = make(3).fit(X, y)
    step = make(1)
    for _ in range(3):
        step.fit(X, y)
    assert step.history_["loss"] == once.history_["loss"]
    assert [r.epoch for r in step.history_] == [1, 2, 3]
    for a, b in zip(step.params_, once.params_):
        np.testing.assert_array_equal(a, b)
    step.init_params()
    assert step.fit(X, y).history_["loss"] == once.history_["loss"][:1]   # starts again


@settings(max_examples=120, deadline=None)
@given(hidden=st.lists(st.integers(1, 6), min_size=0, max_size=3),
       acts=st.lists(st.sampled_from(["sigmoid", "tanh", "relu", "identity"]), min_size=3, max_size=3),
       pair=st.sampled_from(OUTPUT_LOSS), n_in=st.integers(1, 4), n_out=st.integers(1, 3),
       n=st.integers(1, 5), seed=st.integers(0, 2**16))
def test_loss_and_gradients_equal_a_plain_per_sample_loop(hidden, acts, pair, n_in, n_out, n, seed):
    """An independent oracle: tests/plain_mlp_reference.py computes the same loss and gradient
    with Python loops over samples and neurons, from the definitions."""
    m, X, y = _random_problem(hidden, acts, pair, n_in, n_out, n, seed)
    loss, grads = m.loss_and_grads(X, y)
    Y = m.targets(y)
    ref_loss, ref_grads = plain.loss_and_grads([W.tolist() for W in m.W_], [b.tolist() for b in m.b_],
                                               [a.name for a in m.activations], m.loss.name, X.tolist(),
                                               Y.tolist())
    assert loss == pytest.approx(ref_loss, rel=1e-7, abs=1e-12)
    for g, r in zip(grads, ref_grads):
        np.testing.assert_allclose(g, np.array(r), rtol=1e-7, atol=1e-12)
