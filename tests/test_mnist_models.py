"""k-NN, the one-vs-rest perceptron, convolution layers and the CNN, on small made-up data."""
import numpy as np
import pytest

from course_lib.cnn import CNN
from course_lib.conv_layers import conv_backward, conv_forward, maxpool_backward, maxpool_forward
from course_lib.gradcheck import numerical_gradient, relative_error
from course_lib.knn import KNeighborsClassifier
from course_lib.perceptron import OneVsRestPerceptron


def test_knn_matches_brute_force_and_bounds_memory_by_chunks():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(60, 5)), rng.integers(0, 3, 60)
    Q = rng.normal(size=(17, 5))
    knn = KNeighborsClassifier(k=4, chunk_size=5, dtype=np.float64).fit(X, y)
    brute = np.argsort(((Q[:, None, :] - X[None]) ** 2).sum(-1), axis=1)[:, :4]
    assert np.array_equal(knn.kneighbors(Q), brute)
    calls = []
    knn.predict(Q, callback=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (17, 17) and len(calls) == 4


def test_knn_votes_and_ties():
    X = np.array([[0.0], [1.0], [10.0], [11.0]])
    knn = KNeighborsClassifier(k=3, dtype=np.float64).fit(X, [0, 0, 1, 1])
    assert knn.predict([[0.2], [10.4]]).tolist() == [0, 1]
    tie = KNeighborsClassifier(k=2, dtype=np.float64).fit(X, [0, 1, 1, 1])
    assert tie.predict([[0.1]]).tolist() == [0]  # 1 vote each: the nearest decides
    with pytest.raises(ValueError, match="k=5 is larger than the 4 training samples"):
        KNeighborsClassifier(k=5).fit(X, [0, 1, 1, 1])
    with pytest.raises(ValueError, match="call fit before"):
        KNeighborsClassifier().predict(X)


def test_one_vs_rest_perceptron_separates_three_blobs():
    rng = np.random.default_rng(1)
    centres = np.array([[0, 5], [5, 0], [-5, -5]])
    y = np.repeat([0, 1, 2], 30)
    X = centres[y] + rng.normal(0, 0.5, (90, 2))
    model = OneVsRestPerceptron(epochs=5).fit(X, y)
    assert model.score(X, y) == 1.0 and model.mistakes_[-1] == 0


def naive_conv(x, W, b, pad):
    """Direct sum over the kernel, independent of im2col. x (C, N, H, W), W (F, C, k, k)."""
    k = W.shape[2]
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    _, N, H, Wd = xp.shape
    out = np.zeros((W.shape[0], N, H - k + 1, Wd - k + 1))
    for i in range(out.shape[2]):
        for j in range(out.shape[3]):
            out[:, :, i, j] = np.einsum("cnhw,fchw->fn", xp[:, :, i:i + k, j:j + k], W) + b[:, None]
    return out


def test_conv_forward_is_a_convolution_and_backward_its_gradient():
    rng = np.random.default_rng(2)
    x, W, b = rng.normal(size=(3, 2, 6, 6)), rng.normal(size=(4, 3, 3, 3)), rng.normal(size=4)
    out, cache = conv_forward(x, W, b, pad=1)
    np.testing.assert_allclose(out, naive_conv(x, W, b, 1), atol=1e-12)
    g = rng.normal(size=out.shape)
    dx, dW, db = conv_backward(g, cache)
    f = lambda _: float(np.sum(conv_forward(x, W, b, pad=1)[0] * g))
    for analytic, p in ((dx, x), (dW, W), (db, b)):
        assert relative_error(analytic, numerical_gradient(f, p)) < 1e-8


def test_maxpool_forward_backward():
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    out, cache = maxpool_forward(x)
    assert out[0, 0].tolist() == [[5, 7], [13, 15]]
    dx = maxpool_backward(np.ones_like(out), cache)
    assert dx[0, 0].tolist() == [[0, 0, 0, 0], [0, 1, 0, 1], [0, 0, 0, 0], [0, 1, 0, 1]]


def naive_maxpool_backward(x, dout):
    """A plain loop: each 2x2 block's gradient goes to its first maximum in reading order
    (PyTorch's max_pool2d picks the first index it scans)."""
    dx = np.zeros_like(x)
    C, N, H, W = x.shape
    for c in range(C):
        for n in range(N):
            for i in range(0, H, 2):
                for j in range(0, W, 2):
                    block = [(x[c, n, i + a, j + b], a, b) for a in (0, 1) for b in (0, 1)]
                    best = max(v for v, _, _ in block)
                    _, a, b = next(t for t in block if t[0] == best)
                    dx[c, n, i + a, j + b] = dout[c, n, i // 2, j // 2]
    return dx


def test_maxpool_ties_send_the_gradient_to_one_maximum():
    x = np.ones((1, 1, 2, 2))
    out, cache = maxpool_forward(x)
    assert maxpool_backward(np.ones_like(out), cache)[0, 0].tolist() == [[1, 0], [0, 0]]
    rng = np.random.default_rng(5)
    x = rng.integers(0, 3, size=(2, 3, 6, 8)).astype(float)   # small integers: many ties
    out, cache = maxpool_forward(x)
    dout = rng.normal(size=out.shape)
    np.testing.assert_array_equal(maxpool_backward(dout, cache), naive_maxpool_backward(x, dout))


def test_cnn_bias_gradient_on_a_flat_image_matches_finite_differences():
    """A positive conv bias on a zero background makes whole pooling blocks tie."""
    m = CNN(channels=(1, 1), dtype=np.float64)
    m.conv_[0][1][:] = 0.1
    X = np.zeros((1, 784))
    X[0, 406] = 1.0
    grads = m.loss_and_grads(X, [3])[1]
    for p, g in zip(m.params_[:4], grads[:4]):
        assert relative_error(g, numerical_gradient(lambda _: m.loss_and_grads(X, [3])[0], p)) < 1e-7


def test_cnn_gradients_match_finite_differences():
    model = CNN(channels=(2, 3), dtype=np.float64, seed=1)
    rng = np.random.default_rng(0)
    X, y = rng.random((3, 784)), np.array([1, 7, 3])
    _, grads = model.loss_and_grads(X, y)
    loss = lambda _: model.loss_and_grads(X, y)[0]
    for p, g in zip(model.params_, grads):
        assert relative_error(g, numerical_gradient(loss, p)) < 1e-7


def test_cnn_learns_a_tiny_set_and_checks_input():
    rng = np.random.default_rng(3)
    X = rng.random((40, 28, 28)) * 0.1
    y = np.arange(40) % 2
    X[y == 1, 10:18, 10:18] += 0.9   # class 1 has a bright square
    model = CNN(channels=(2, 4), lr=0.05, epochs=8, batch_size=8, dtype=np.float64).fit(X, y)
    assert model.score(X, y) == 1.0
    with pytest.raises(ValueError, match="X must hold 28 x 28 images"):
        model.predict(np.zeros((2, 30)))
    with pytest.raises(ValueError, match="channels must be two positive integers"):
        CNN(channels=(8,))


def test_cnn_continues_where_it_stopped():
    rng = np.random.default_rng(4)
    X, y = rng.random((24, 784)), np.arange(24) % 10
    once = CNN(channels=(2, 2), epochs=2, batch_size=5, dtype=np.float64).fit(X, y)
    twice = CNN(channels=(2, 2), epochs=1, batch_size=5, dtype=np.float64)
    steps = []
    twice.fit(X, y, step_callback=lambda m, info: steps.append((info["epoch"], info["step"])))
    twice.fit(X, y)
    assert twice.history_["loss"] == once.history_["loss"]
    assert steps == [(1, s) for s in range(1, 6)]
