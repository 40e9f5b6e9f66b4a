import numpy as np
import pytest

from course_lib.datasets import (PLAYGROUND_SETS, extended_points, lecture_points, logic_gate,
                                 make_playground, train_test_split)


def test_lecture_points():
    X, y = lecture_points()
    assert X.tolist() == [[1, -1], [-1, 1]] and y.tolist() == [-1, 1]
    X, y = extended_points()
    assert X[2:].tolist() == [[1, 1], [-1, -1]] and y.tolist() == [-1, 1, -1, 1]


def test_logic_gates():
    assert logic_gate("xor")[1].tolist() == [-1, 1, 1, -1]
    assert logic_gate("AND")[1].tolist() == [-1, -1, -1, 1]
    with pytest.raises(ValueError, match="unknown logic gate 'nor'"):
        logic_gate("nor")


@pytest.mark.parametrize("name", sorted(PLAYGROUND_SETS))
def test_playground_sets_are_seeded_and_shaped(name):
    X, y = make_playground(name, n_samples=200, noise=0.1, seed=4)
    X2, y2 = make_playground(name, n_samples=200, noise=0.1, seed=4)
    assert X.shape == (200, 2) and y.shape == (200,)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    assert not np.array_equal(X, make_playground(name, n_samples=200, noise=0.1, seed=5)[0])
    if name.startswith("regression"):
        assert np.all(np.abs(y) <= 1.5)
    else:
        assert set(np.unique(y)) == {-1, 1}


def test_noise_free_labels_follow_the_rule():
    X, y = make_playground("circle", noise=0.0)
    assert np.array_equal(y == 1, np.linalg.norm(X, axis=1) < 2.5)
    X, y = make_playground("xor", noise=0.0)
    assert np.array_equal(y == 1, X[:, 0] * X[:, 1] >= 0)
    X, y = make_playground("regression_plane")
    np.testing.assert_allclose(y, X.sum(axis=1) / 10)


def test_split():
    X, y = make_playground("gaussian", n_samples=100)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_fraction=0.3, seed=1)
    assert len(Xtr) == 70 and len(Xte) == 30
    assert sorted(map(tuple, np.vstack([Xtr, Xte]))) == sorted(map(tuple, X))
    with pytest.raises(ValueError, match="test_fraction must be <= 1"):
        train_test_split(X, y, test_fraction=1.5)
    with pytest.raises(ValueError, match="noise must be <= 0.5"):
        make_playground("circle", noise=30)
    with pytest.raises(ValueError, match="unknown data set 'moons'"):
        make_playground("moons")
