import warnings

import numpy as np
import pytest

from course_lib.activations import ACTIVATIONS, get_activation, sigmoid, softmax, softmax_jacobian
from course_lib.gradcheck import numerical_gradient, relative_error
from course_lib.losses import LOSSES, get_loss

EXTREME = np.array([-1e4, -800.0, -30.0, -1.0, 0.0, 1e-3, 1.0, 30.0, 800.0, 1e4])


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activations_are_finite_and_silent_at_extremes(name):
    act = get_activation(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", divide="raise", invalid="raise"):
            f = act.f(EXTREME[None, :])
            g = act.backward(EXTREME[None, :], f, np.ones_like(f))
    assert np.all(np.isfinite(f)) and np.all(np.isfinite(g))


def test_known_values():
    assert sigmoid(0.0) == 0.5
    assert sigmoid(1e4) == 1.0 and sigmoid(-1e4) == 0.0
    np.testing.assert_allclose(softmax(np.array([1e4, 1e4, -1e4])), [0.5, 0.5, 0.0])
    assert get_activation("relu").f(np.array([-2.0, 3.0])).tolist() == [0.0, 3.0]


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "identity"])
def test_derivative_matches_finite_differences(name):
    act = get_activation(name)
    a = np.array([-3.0, -0.7, 0.4, 2.5])
    numeric = np.array([numerical_gradient(lambda v: float(act.f(v)[0]), np.array([x]))[0] for x in a])
    assert relative_error(act.df(a, act.f(a)), numeric) < 1e-8


def test_softmax_backward_is_jacobian_product():
    a = np.array([0.3, -1.2, 2.0])
    g = np.array([1.0, -2.0, 0.5])
    f = softmax(a)
    np.testing.assert_allclose(get_activation("softmax").backward(a, f, g), softmax_jacobian(a).T @ g)


def test_l2_is_the_slides_half_squared_error():
    l2 = get_loss("l2")
    assert l2.value(np.array([[3.0]]), np.array([[1.0]])) == 2.0   # 1/2 (1 - 3)^2
    assert l2.grad(np.array([[3.0]]), np.array([[1.0]])) == 2.0    # -(y - y_hat)
    assert get_loss("l1").value(np.array([[3.0]]), np.array([[1.0]])) == 2.0
    bce = get_loss("binary_cross_entropy")
    assert bce.value(np.array([[0.5]]), np.array([[1.0]])) == pytest.approx(np.log(2))
    assert np.isfinite(bce.value(np.array([[0.0], [1.0]]), np.array([[1.0], [0.0]])))


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_loss_gradients_match_finite_differences(name):
    loss = get_loss(name)
    rng = np.random.default_rng(1)
    if name == "binary_cross_entropy":
        y_hat, y = rng.uniform(0.1, 0.9, (4, 3)), rng.random((4, 3))
    else:
        y_hat = rng.normal(size=(4, 3))
        y = np.array([0, 2, 1, 2]) if loss.from_logits else rng.normal(size=(4, 3))
    numeric = numerical_gradient(lambda v: loss.value(v, y), y_hat.copy())
    assert relative_error(loss.grad(y_hat, y), numeric) < 1e-7


def test_cross_entropy_is_stable_and_accepts_one_hot():
    ce = get_loss("cross_entropy")
    z = np.array([[1e4, -1e4], [-1e4, 1e4]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ce.value(z, np.array([0, 1])) == 0.0
        assert ce.value(z, np.array([1, 0])) == 2e4
        assert ce.value(z, np.eye(2)[[1, 0]]) == 2e4


@pytest.mark.parametrize("getter, words", [(get_activation, "unknown activation 'softplus'"),
                                           (get_loss, "unknown loss 'softplus'")])
def test_unknown_names_list_the_valid_ones(getter, words):
    with pytest.raises(ValueError, match=words) as info:
        getter("softplus")
    assert "'sigmoid'" in str(info.value) or "'l2'" in str(info.value)


def test_a_new_activation_needs_only_its_registry_entry(monkeypatch):
    """CONTRIBUTING's recipe: one Activation in the registry and every part of the kit offers it."""
    from course_lib.activations import ACTIVATIONS, Activation
    from course_lib.mlp import MLP
    from course_lib.playground import Playground
    from widgets import ActivationLossExplorer, PlaygroundWidget

    leaky = Activation("leaky_relu", lambda a: np.where(a > 0, a, 0.01 * a),
                       lambda a, f=None: np.where(np.asarray(a) > 0, 1.0, 0.01), init="he", label="leaky ReLU")
    monkeypatch.setitem(ACTIVATIONS, "leaky_relu", leaky)
    m = MLP([400, 300, 1], activation="leaky_relu", output="identity")
    assert np.std(m.W_[0]) == pytest.approx(np.sqrt(2 / 400), rel=0.05)      # He, not Glorot
    p = Playground("dataset=xor&hidden=4&activation=leaky_relu")
    p.step(2)
    assert p.epoch == 2 and np.isfinite(p.history[-1].train_loss)
    assert ActivationLossExplorer(activation="leaky_relu").state["df"] == 1.0
    assert "leaky_relu" in PlaygroundWidget().controls["activation"].options


def test_cross_entropy_from_the_softmax_already_computed_equals_the_logits_form():
    from course_lib.losses import cross_entropy, cross_entropy_from_probabilities
    from course_lib.mlp import MLP

    rng = np.random.default_rng(3)
    z, y = rng.normal(0, 4, (50, 7)), rng.integers(0, 7, 50)
    assert cross_entropy_from_probabilities(softmax(z), y) == pytest.approx(cross_entropy(z, y).mean(), rel=1e-12)
    # a probability too small to trust after rounding: the caller must use the logits
    z[0] = [60, 0, 0, 0, 0, 0, 0]
    y[0] = 1
    assert cross_entropy_from_probabilities(softmax(z), y) is None
    m = MLP([7, 7], activation="relu", output="softmax", seed=0)
    m.W_[0][:] = np.eye(7)
    _, cache = m.forward(z)
    assert m.loss_from_cache(cache, y) == pytest.approx(cross_entropy(z, y).mean(), rel=1e-12)   # 60 in it
