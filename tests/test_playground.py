import json

import numpy as np
import pytest

from course_lib.gradcheck import check_mlp_gradients
from course_lib.playground import FEATURES, Playground, PlaygroundConfig, feature_matrix
from tf_playground_reference import Reference


def test_config_string_round_trips_exactly():
    c = PlaygroundConfig(dataset="spiral", noise=25, train_ratio=70, seed=3, features=("x1", "x2", "sin_x1"),
                         hidden=(8, 8, 3), activation="relu", learning_rate=0.003, batch_size=30,
                         regularization="l2", reg_rate=0.01, optimizer="adam", lr_decay=0.1)
    text = c.to_string()
    assert PlaygroundConfig.from_string(text) == c
    assert PlaygroundConfig.from_string(text).to_string() == text
    assert PlaygroundConfig.from_string("") == PlaygroundConfig()
    assert PlaygroundConfig.from_string("hidden=").hidden == ()


@pytest.mark.parametrize("text, words", [
    ("dataset=moons", "dataset='moons' is not valid: expected one of circle"),
    ("noise=70", "noise=70 is not valid: expected a whole percentage from 0 to 50"),
    ("hidden=9", "0 to 6 hidden layers of 1 to 8 neurons"),
    ("hidden=1,1,1,1,1,1,1", "0 to 6 hidden layers"),
    ("features=x3", r"features=\('x3',\) is not valid"),
    ("learning_rate=fast", "learning_rate='fast' in the configuration is not a float"),
    ("colour=red", "unknown setting 'colour'"),
    ("batch_size=0", "batch_size=0 is not valid"),
    ("noise", "bad query field|noise"),
])
def test_bad_configuration_strings_say_what_is_wrong(text, words):
    with pytest.raises(ValueError, match=words):
        PlaygroundConfig.from_string(text)


def test_playground_initialisation_and_features():
    p = Playground("hidden=3&features=x1,x2,x1x2")
    assert all(np.all(np.abs(W) < 0.5) for W in p.net.W_)
    assert all(np.all(b == 0.1) for b in p.net.b_)
    X = np.array([[2.0, 3.0]])
    assert feature_matrix(X, tuple(FEATURES)).tolist() == [[2, 3, 4, 9, 6, np.sin(2), np.sin(3)]]


def test_seeded_runs_reproduce_and_reset_restores_the_start():
    a, b = Playground("dataset=xor&seed=4"), Playground("dataset=xor&seed=4")
    start = [W.copy() for W in a.net.W_]
    a.step(5), b.step(5)
    assert [r.train_loss for r in a.history] == [r.train_loss for r in b.history]
    a.reset()
    assert a.epoch == 0 and all(np.array_equal(W, S) for W, S in zip(a.net.W_, start))


def test_gradients_are_tf_playgrounds_per_example_average():
    """The batch gradient equals TF Playground's per-example accumulation divided by the count,
    computed by an independent plain-Python transcription of its nn.ts."""
    p = Playground("dataset=gaussian&hidden=3,2&activation=tanh")
    X = feature_matrix(p.X_train[:7], p.config.features)
    for check in check_mlp_gradients(p.net, X, p.y_train[:7]):
        assert check.error < 1e-6
    ref = Reference([W.T for W in p.net.W_], p.net.b_, "tanh", "tanh")
    for x, t in zip(X, p.y_train[:7]):
        ref.backprop(x, t)
    loss, grads = p.net.loss_and_grads(X, p.y_train[:7])
    assert loss == pytest.approx(ref.loss(X, p.y_train[:7]), rel=1e-12)
    for l in range(len(p.net.W_)):
        np.testing.assert_allclose(grads[2 * l], np.array(ref.acc_W[l]).T / ref.n_acc, rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(grads[2 * l + 1], np.array(ref.acc_b[l]) / ref.n_acc, rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize("config", [
    "dataset=gaussian&hidden=",                          # linear problem, no hidden layer
    "dataset=xor&hidden=&features=x1,x2,x1x2",           # XOR with the product feature
    "dataset=circle&hidden=&features=x1^2,x2^2",         # circle with squares
    "dataset=xor&hidden=4&optimizer=adam&learning_rate=0.03",
    "dataset=circle&hidden=4,2&optimizer=momentum&output=softmax",
])
def test_problems_are_learned(config):
    p = Playground(config)
    p.step(60)
    assert p.history[-1].test_accuracy >= 0.9


def test_regression_and_regularisation():
    p = Playground("dataset=regression_plane&hidden=2&learning_rate=0.01")
    p.step(30)
    assert p.history[-1].train_accuracy is None
    assert p.history[-1].test_loss < 0.1 * p.history[0].test_loss
    l1 = Playground("dataset=gaussian&hidden=8&regularization=l1&reg_rate=0.1&learning_rate=0.03")
    free = Playground("dataset=gaussian&hidden=8&learning_rate=0.03")
    l1.step(50), free.step(50)
    assert sum(np.abs(W).sum() for W in l1.net.W_) < 0.5 * sum(np.abs(W).sum() for W in free.net.W_)


def test_divergence_stops_with_words():
    p = Playground("dataset=regression_plane&hidden=8,8&activation=relu&learning_rate=10&batch_size=1")
    p.step(20)
    assert p.diverged and "learning rate 10 is probably too large" in p.diverged
    epoch = p.epoch
    p.step(3)
    assert p.epoch == epoch  # stopped


def test_own_data_more_classes_and_export(tmp_path):
    rng = np.random.default_rng(0)
    centres = np.array([[-3, -3], [3, -3], [0, 3]])
    y = np.repeat([0, 1, 2], 20)
    X = centres[y] + rng.normal(0, 0.7, (60, 2))
    p = Playground("output=softmax&hidden=5&learning_rate=0.1", X=X, y=y)
    assert p.config.dataset == "custom" and p.net.layer_sizes[-1] == 3
    p.step(40)
    assert p.history[-1].test_accuracy > 0.9
    p.add_point(0.0, 0.0, 2)
    assert len(p.X) == 61
    p.save_npz(tmp_path / "w.npz")
    saved = np.load(tmp_path / "w.npz")
    assert np.array_equal(saved["W1"], p.net.W_[0]) and str(saved["config"]) == p.config.to_string()
    assert json.loads(p.to_json())["layer_sizes"] == [2, 5, 3]
    with pytest.raises(ValueError, match="y must hold labels -1 and \\+1"):
        Playground(X=X, y=y)
    with pytest.raises(ValueError, match="X must hold 2-D points"):
        Playground(X=np.zeros((5, 3)), y=np.ones(5))


def test_maps_and_backprop_view():
    p = Playground("hidden=3,2")
    maps = p.maps(20)
    assert maps["inputs"].shape == (2, 20, 20) and [m.shape for m in maps["layers"]] == [(3, 20, 20), (2, 20, 20)]
    assert maps["output"].shape == (20, 20)
    v = p.backprop_view(0)
    assert [len(d) for d in v["delta"]] == [3, 2, 1]
    _, deltas = p.net.backward(p.net.forward(feature_matrix(p.X_train[:1], p.config.features))[1],
                               p.net.targets(p.y_train[:1]))
    assert np.allclose(v["delta"][0], deltas[0][0])


def test_stop_conditions():
    p = Playground("dataset=gaussian&hidden=&stop_epoch=7")
    p.step(20)
    assert p.epoch == 7 and "stopped at epoch 7" in p.finished
    q = Playground("dataset=gaussian&hidden=&stop_loss=0.05&learning_rate=0.1")
    q.step(200)
    assert q.history[-1].test_loss < 0.05 and "below 0.05" in q.finished and q.epoch < 200


def test_points_from_csv(tmp_path):
    from course_lib.playground import load_points

    f = tmp_path / "points.csv"
    f.write_text("x1,x2,label\n1,1,1\n2,2,1\n-1,-1,-1\n-2,-2,-1\n")
    X, y = load_points(f)
    assert X.shape == (4, 2) and y.tolist() == [1, 1, -1, -1]
    f.write_text("1,1,1\n2,two,1\n")
    with pytest.raises(ValueError, match="line 2: '2,two,1' is not three numbers"):
        load_points(f)
    f.write_text("1,1\n")
    with pytest.raises(ValueError, match="line 1: expected 3 columns"):
        load_points(f)
    with pytest.raises(ValueError, match="cannot read the points file"):
        load_points(tmp_path / "missing.csv")


def _reference_for(p):
    c = p.config
    act = "linear" if c.activation == "linear" else c.activation
    out = "linear" if c.is_regression else "tanh"
    return Reference([W.T for W in p.net.W_], p.net.b_, act, out, c.regularization, c.reg_rate)


@pytest.mark.parametrize("config", [
    "dataset=xor&hidden=4&batch_size=10",                                  # 250 points: batches divide
    "dataset=circle&hidden=3,2&batch_size=30",                             # 250 / 30 leaves 10 over
    "dataset=gaussian&hidden=4&batch_size=7&regularization=l2&reg_rate=0.03",
    "dataset=spiral&hidden=5&batch_size=30&regularization=l1&reg_rate=0.01&learning_rate=0.1",
    "dataset=xor&hidden=8&batch_size=1&regularization=l1&reg_rate=0.1&learning_rate=0.1",
    "dataset=regression_plane&hidden=3&batch_size=25&activation=relu&train_ratio=30",
    "dataset=circle&hidden=2&batch_size=13&activation=sigmoid&features=x1,x2,x1x2",
])
def test_epochs_equal_tf_playgrounds_per_example_loop(config):
    """Same data, same initial weights, same settings: TF Playground's numbers, epoch after epoch
    (the leftover batch carried into the next epoch, L1's dead weights, L2 after the step)."""
    p = Playground(config)
    ref = _reference_for(p)
    X, y = p._F, p.y_train
    for epoch in (1, 2):
        ref.one_step(X, y, p.config.learning_rate, p.config.batch_size)
        record = p.step(1)
        for l, (W, b) in enumerate(zip(p.net.W_, p.net.b_)):
            np.testing.assert_allclose(W, np.array(ref.W[l]).T, rtol=1e-9, atol=1e-12, err_msg=f"epoch {epoch}")
            np.testing.assert_allclose(b, ref.b[l], rtol=1e-9, atol=1e-12, err_msg=f"epoch {epoch}")
        assert record.train_loss == pytest.approx(ref.loss(X, y), rel=1e-9)
    dead = sum(int(d.sum()) for d in p.dead_)
    assert dead == sum(flag for layer in ref.dead for row in layer for flag in row)
    assert all(np.all(W[d] == 0.0) for W, d in zip(p.net.W_, p.dead_))


def test_l1_sets_weights_to_exactly_zero_and_keeps_them_there():
    p = Playground("dataset=xor&hidden=8&batch_size=1&regularization=l1&reg_rate=0.1&learning_rate=0.1")
    p.step(1)
    zeros = sum(int(np.sum(W == 0.0)) for W in p.net.W_)
    assert zeros >= 10 and zeros == sum(int(d.sum()) for d in p.dead_)
    p.step(3)
    assert all(np.all(W[d] == 0.0) for W, d in zip(p.net.W_, p.dead_))


def test_data_sizes_and_one_stream_per_purpose():
    assert len(Playground("dataset=regression_plane").X) == 1200
    assert len(Playground("dataset=spiral").X) == 500
    p = Playground("dataset=circle&hidden=4")
    radii = np.linalg.norm(p.X, axis=1)
    first_weights = np.sort(np.abs(p.net.W_[0].ravel() + 0.5))
    assert not np.any(np.isclose(first_weights[:, None], radii[None, :] / 2.5, atol=1e-12))
    with pytest.raises(TypeError, match="config must be a configuration string"):
        Playground(5)
    with pytest.raises(ValueError, match="epochs must be >= 0"):
        p.step(-1)


def test_one_activation_per_layer():
    p = Playground("dataset=xor&hidden=3,2&activation=relu,tanh")
    assert [a.name for a in p.net.activations] == ["relu", "tanh", "tanh"]
    assert PlaygroundConfig.from_string(p.config.to_string()) == p.config
    with pytest.raises(ValueError, match="one per hidden layer"):
        Playground("dataset=xor&hidden=3,2&activation=relu,tanh,tanh")
    X = feature_matrix(p.X_train[:5], p.config.features)
    ref = Reference([W.T for W in p.net.W_], p.net.b_, "tanh", "tanh")
    ref.acts = ["relu", "tanh", "tanh"]
    np.testing.assert_allclose(p.net.forward(X)[0][:, 0], [ref.forward(x)[0][-1][0] for x in X], rtol=1e-12)


def test_metrics_beside_the_loss():
    p = Playground("dataset=circle&hidden=4&learning_rate=0.1")
    p.step(30)
    m = p.metrics()
    assert m["classes"] == [-1, 1] and m["confusion"].sum() == len(p.X_test)
    assert np.trace(m["confusion"]) / len(p.X_test) == pytest.approx(m["test_accuracy"])
    assert m["test_accuracy"] == pytest.approx(p.history[-1].test_accuracy)
    r = Playground("dataset=regression_plane&hidden=3")
    r.step(5)
    F = feature_matrix(r.X_test, r.config.features)
    pred, y = r.net.forward(F)[0][:, 0], r.y_test
    assert r.metrics()["test_r2"] == pytest.approx(1 - np.sum((y - pred) ** 2) / np.sum((y - y.mean()) ** 2))


def test_edit_a_weight_or_a_bias_by_hand():
    p = Playground("dataset=xor&hidden=2&regularization=l1&reg_rate=0.3&learning_rate=0.3&batch_size=1")
    p.step(2)
    layer, i, j = next((l, *map(int, np.argwhere(d)[0])) for l, d in enumerate(p.dead_) if d.any())
    p.set_weight(layer, i, j, 0.7)
    assert p.net.W_[layer][i, j] == 0.7 and not p.dead_[layer][i, j]
    before = p.history[-1].test_loss
    p.set_bias(len(p.net.b_) - 1, 0, 3.0)   # the output neuron's bias moves every prediction
    assert p.net.b_[-1][0] == 3.0 and p.history[-1].test_loss != before
    with pytest.raises(ValueError, match="neuron"):
        p.set_bias(0, 5, 1.0)
    with pytest.raises(ValueError, match="source"):
        p.set_weight(0, 9, 0, 1.0)
    with pytest.raises(TypeError, match="value"):
        p.set_weight(0, 0, 0, "big")


class _TensorShim:
    """The few torch calls the export uses, with PyTorch's documented meaning (nn.Linear computes
    x A^T + b), in numpy: the export's structure is checked even without PyTorch installed."""

    def __init__(self):
        import types
        torch = types.ModuleType("torch")
        nn = types.ModuleType("torch.nn")

        class Array(np.ndarray):
            def copy_(self, other):
                self[...] = other

            def numpy(self):
                return np.asarray(self)

        class Module:
            def double(self):
                return self

        class Linear(Module):
            def __init__(self, n_in, n_out):
                self.weight, self.bias = np.zeros((n_out, n_in)).view(Array), np.zeros(n_out).view(Array)

            def __call__(self, x):
                return x @ self.weight.T + self.bias

        class Sequential(Module):
            def __init__(self, *layers):
                self.layers = layers

            def __iter__(self):
                return iter(self.layers)

            def __call__(self, x):
                for layer in self.layers:
                    x = layer(x)
                return x

        class Tanh(Module):
            __call__ = staticmethod(np.tanh)

        class ReLU(Module):
            __call__ = staticmethod(lambda x: np.maximum(x, 0))

        class Sigmoid(Module):
            __call__ = staticmethod(lambda x: 1 / (1 + np.exp(-x)))

        class Identity(Module):
            __call__ = staticmethod(lambda x: x)

        class Softmax(Module):
            def __init__(self, dim):
                pass

            def __call__(self, x):
                e = np.exp(x - x.max(axis=1, keepdims=True))
                return e / e.sum(axis=1, keepdims=True)

        def as_array(x, dtype=None):
            return np.asarray(x, dtype=float).view(Array)

        class NoGrad:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return False

        for cls in (Linear, Sequential, Tanh, ReLU, Sigmoid, Identity, Softmax):
            setattr(nn, cls.__name__, cls)
        torch.nn, torch.float64 = nn, float
        torch.tensor = torch.as_tensor = as_array
        torch.sin = np.sin
        torch.stack = lambda xs, dim: np.stack(xs, axis=dim).view(Array)
        torch.no_grad = NoGrad
        self.modules = {"torch": torch, "torch.nn": nn}


def _run_export(p, points):
    namespace = {}
    exec(compile(p.to_pytorch(), "exported.py", "exec"), namespace)
    return np.asarray(namespace["predict"](points))


@pytest.mark.parametrize("config", ["dataset=spiral&hidden=5,3&activation=relu,tanh&features=x1,x2,x1x2,sin_x1,x1^2",
                                    "dataset=regression_gaussian&hidden=4&activation=sigmoid",
                                    "dataset=circle&hidden=3&output=softmax"])
def test_the_pytorch_export_predicts_what_the_model_predicts(config, monkeypatch):
    import sys
    p = Playground(config)
    p.step(3)
    points = p.X_test[:20]
    ours = p.net.forward(feature_matrix(points, p.config.features))[0]
    shim = _TensorShim()
    with monkeypatch.context() as m:
        for name, module in shim.modules.items():
            m.setitem(sys.modules, name, module)
        np.testing.assert_allclose(_run_export(p, points), ours, rtol=1e-12)
    try:
        import torch  # noqa: F401  (the real thing, where it is installed)
    except ImportError:
        return
    np.testing.assert_allclose(_run_export(p, points), ours, rtol=1e-12)
