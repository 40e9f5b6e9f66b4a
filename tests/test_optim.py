import numpy as np
import pytest

from course_lib.linear_neuron import LinearNeuron, second_smallest_perceptron, smallest_perceptron
from course_lib.gradcheck import numerical_gradient, relative_error
from course_lib.optim import gradient_descent, minibatches, sgd


def test_smallest_perceptron_update_is_the_slides_rule():
    # one sample: w <- w - eta * dL/dw = w + eta (y - w x) x
    p = LinearNeuron([2.0], [3.0])
    w, eta = 0.5, 0.1
    traj = gradient_descent(p.loss, p.grad, [w], eta, 1)
    assert traj.w[1, 0] == pytest.approx(w + eta * (3.0 - w * 2.0) * 2.0)
    assert p.loss([w]) == pytest.approx(0.5 * (3.0 - 1.0) ** 2)


@pytest.mark.parametrize("problem", [smallest_perceptron(), second_smallest_perceptron()])
def test_gradient_matches_finite_differences_and_gd_converges(problem):
    w = np.full(problem.n_weights, 0.3)
    assert relative_error(problem.grad(w), numerical_gradient(problem.loss, w.copy())) < 1e-8
    traj = gradient_descent(problem.loss, problem.grad, np.zeros(problem.n_weights),
                            0.9 * problem.max_stable_eta, 500)
    assert not traj.diverged
    np.testing.assert_allclose(traj.w[-1], problem.w_star, atol=1e-6)
    assert np.all(np.diff(traj.loss) <= 1e-15)


def test_second_smallest_has_the_stated_minimum():
    np.testing.assert_allclose(second_smallest_perceptron().w_star, [1.5, -0.5], atol=1e-12)


def test_too_large_a_step_oscillates_then_diverges_in_words():
    p = smallest_perceptron()
    traj = gradient_descent(p.loss, p.grad, [0.0], 1.5 * p.max_stable_eta, 200)
    assert traj.diverged and traj.diverged_at is not None
    assert traj.message.startswith(f"diverged at step {traj.diverged_at}: the loss grew from")
    assert np.all(np.isfinite(traj.w)) and np.all(np.isfinite(traj.loss))
    signs = np.sign(traj.w[1:, 0] - p.w_star[0])
    assert np.all(signs[1:] != signs[:-1])  # overshoots to alternate sides


def test_nan_loss_is_stopped():
    traj = gradient_descent(lambda w: float(w[0] ** 2), lambda w: np.array([1e300]), [1.0], 1.0, 5)
    assert traj.diverged_at == 1 and "diverged at step 1" in traj.message


def test_loss_grid_matches_pointwise_loss():
    p = second_smallest_perceptron()
    a, b = np.linspace(-1, 3, 5), np.linspace(-2, 1, 4)
    grid = p.loss_grid(a, b)
    assert grid.shape == (5, 4)
    assert grid[2, 3] == pytest.approx(p.loss([a[2], b[3]]))


def test_minibatches_cover_every_sample_once():
    rng = np.random.default_rng(0)
    for batch_size in (None, 1, 4, 100):
        idx = np.concatenate(list(minibatches(10, batch_size, rng)))
        assert sorted(idx.tolist()) == list(range(10))


@pytest.mark.parametrize("batch_size, steps", [(1, 5 * 5), (2, 5 * 3), (None, 5)])
def test_sgd_steps_and_seed(batch_size, steps):
    p = smallest_perceptron()
    a = sgd(p, [0.0], 0.05, epochs=5, batch_size=batch_size, seed=1)
    b = sgd(p, [0.0], 0.05, epochs=5, batch_size=batch_size, seed=1)
    assert a.n_steps == steps and np.array_equal(a.w, b.w)
    assert a.loss[-1] < a.loss[0]


def test_bad_input():
    p = smallest_perceptron()
    with pytest.raises(ValueError, match="eta must be > 0"):
        gradient_descent(p.loss, p.grad, [0.0], -1, 3)
    with pytest.raises(ValueError, match="w must hold 1 weight"):
        p.loss([1.0, 2.0])
    with pytest.raises(ValueError, match="X has 2 samples but y has 3"):
        LinearNeuron([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="batch_size must be >= 1"):
        sgd(p, [0.0], 0.1, epochs=1, batch_size=0)
