"""A catalogue of bad calls across the public API, grouped by module.

Each must be refused well: a ValueError or TypeError (or the kit's documented subclass) whose
message names the argument and says what was expected; no RuntimeWarning on the way; no hang.
"""
import gzip
import warnings

import numpy as np
import pytest

from course_lib.activations import get_activation
from course_lib.chain import Chain
from course_lib.cnn import CNN
from course_lib.datasets import lecture_points, load_mnist, logic_gate, make_playground, train_test_split
from course_lib.datasets.mnist import MnistFileError, read_idx
from course_lib.gradcheck import numerical_gradient, relative_error
from course_lib.knn import KNeighborsClassifier
from course_lib.linear_neuron import LinearNeuron
from course_lib.losses import get_loss
from course_lib.mlp import MLP
from course_lib.optim import SGD, Adam, gradient_descent, sgd
from course_lib.perceptron import OneVsRestPerceptron, Perceptron, mistake_bound
from course_lib.playground import Playground, PlaygroundConfig, feature_matrix, load_points
from course_lib.training import Trainer

X2 = np.array([[0.0, 1.0], [1.0, 0.0]])
PM = [-1, 1]


def fitted_mlp():
    return MLP([2, 3, 1], epochs=1).fit(X2, [0, 1])


def fitted_knn():
    return KNeighborsClassifier(k=1).fit(X2, [0, 1])


def fitted_ovr():
    return OneVsRestPerceptron().fit(X2, [0, 1])


def idx_file(tmp, name, header, body=b""):
    path = tmp / name
    path.write_bytes(header + body)
    return path


CASES = {
    "validation (through MLP.fit)": [
        ("huge finite X", lambda: MLP([2, 3, 1]).fit(np.full((2, 2), 1e308), [0, 1]), ValueError, "X"),
        ("X too large for float32", lambda: MLP([2, 3, 1], dtype=np.float32).fit(np.full((2, 2), 1e300), [0, 1]),
         ValueError, "X"),
        ("complex X", lambda: MLP([2, 3, 1]).fit(X2 + 1j, [0, 1]), TypeError, "X"),
        ("NaN in X", lambda: MLP([2, 3, 1]).fit([[np.nan, 0], [0, 0]], [0, 1]), ValueError, "X"),
        ("inf in y", lambda: MLP([2, 3, 1], output="identity").fit(X2, [np.inf, 0]), ValueError, "y"),
        ("strings in X", lambda: MLP([2, 3, 1]).fit([["a", "b"], ["c", "d"]], [0, 1]), TypeError, "X"),
        ("ragged X", lambda: MLP([2, 3, 1]).fit([[1, 2], [3]], [0, 1]), TypeError, "X"),
        ("empty X", lambda: MLP([2, 3, 1]).fit(np.zeros((0, 2)), []), ValueError, "X"),
        ("1-D X", lambda: MLP([2, 3, 1]).fit([1.0, 2.0], [0, 1]), ValueError, "X"),
        ("3-D X", lambda: MLP([2, 3, 1]).fit(np.zeros((2, 2, 2)), [0, 1]), ValueError, "X"),
        ("wrong feature count", lambda: MLP([2, 3, 1]).fit(np.zeros((2, 3)), [0, 1]), ValueError, "X"),
        ("mismatched lengths", lambda: MLP([2, 3, 1]).fit(X2, [0, 1, 1]), ValueError, "y"),
        ("None as X", lambda: MLP([2, 3, 1]).fit(None, [0, 1]), TypeError, "X"),
        ("dict as y", lambda: MLP([2, 3, 1]).fit(X2, {"a": 1}), TypeError, "y"),
    ],
    "mlp: settings": [
        ("layer_sizes int", lambda: MLP(3), ValueError, "layer_sizes"),
        ("layer_sizes one entry", lambda: MLP([3]), ValueError, "layer_sizes"),
        ("layer_sizes zero", lambda: MLP([3, 0, 1]), ValueError, "layer_sizes"),
        ("layer_sizes negative", lambda: MLP([3, -1, 1]), ValueError, "layer_sizes"),
        ("layer_sizes float", lambda: MLP([3, 2.5, 1]), ValueError, "layer_sizes"),
        ("layer_sizes string", lambda: MLP("3-4-2"), ValueError, "layer_sizes"),
        ("layer far too large", lambda: MLP([2, 10**12, 1]), ValueError, "layer_sizes"),
        ("unknown activation", lambda: MLP([2, 3, 1], activation="swish"), ValueError, "activation"),
        ("activation list too short", lambda: MLP([2, 3, 3, 1], activation=["relu"]), ValueError, "activation"),
        ("softmax hidden", lambda: MLP([2, 3, 2], activation="softmax", output="softmax"), ValueError, "activation"),
        ("unknown output", lambda: MLP([2, 3, 1], output="step"), ValueError, "activation"),
        ("unknown loss", lambda: MLP([2, 3, 1], loss="hinge"), ValueError, "loss"),
        ("identity + bce", lambda: MLP([2, 3, 1], output="identity", loss="binary_cross_entropy"), ValueError, "loss"),
        ("tanh + cross-entropy", lambda: MLP([2, 3, 2], output="tanh", loss="cross_entropy"), ValueError, "loss"),
        ("lr zero", lambda: MLP([2, 1], lr=0), ValueError, "lr"),
        ("lr negative", lambda: MLP([2, 1], lr=-1), ValueError, "lr"),
        ("lr string", lambda: MLP([2, 1], lr="fast"), TypeError, "lr"),
        ("lr NaN", lambda: MLP([2, 1], lr=float("nan")), ValueError, "lr"),
        ("epochs zero", lambda: MLP([2, 1], epochs=0), ValueError, "epochs"),
        ("epochs float", lambda: MLP([2, 1], epochs=2.5), TypeError, "epochs"),
        ("batch_size zero", lambda: MLP([2, 1], batch_size=0), ValueError, "batch_size"),
        ("batch_size string", lambda: MLP([2, 1], batch_size="all"), TypeError, "batch_size"),
        ("momentum 1", lambda: MLP([2, 1], momentum=1.0), ValueError, "momentum"),
        ("momentum negative", lambda: MLP([2, 1], momentum=-0.1), ValueError, "momentum"),
        ("lr_decay negative", lambda: MLP([2, 1], lr_decay=-1), ValueError, "lr_decay"),
        ("dtype int", lambda: MLP([2, 1], dtype=np.int32), ValueError, "dtype"),
        ("dtype banana", lambda: MLP([2, 1], dtype="banana"), TypeError, "dtype"),
        ("seed string", lambda: MLP([2, 1], seed="abc"), TypeError, "seed"),
        ("seed negative", lambda: MLP([2, 1], seed=-1), ValueError, "seed"),
        ("seed float", lambda: MLP([2, 1], seed=1.5), TypeError, "seed"),
    ],
    "mlp: calls": [
        ("y_val without X_val", lambda: MLP([2, 3, 1]).fit(X2, [0, 1], y_val=[0, 1]), ValueError, "X_val"),
        ("X_val without y_val", lambda: MLP([2, 3, 1]).fit(X2, [0, 1], X_val=X2), ValueError, "y_val"),
        ("X_val wrong width", lambda: MLP([2, 3, 1]).fit(X2, [0, 1], X_val=np.zeros((2, 3)), y_val=[0, 1]),
         ValueError, "X"),
        ("y_val wrong length", lambda: MLP([2, 3, 1]).fit(X2, [0, 1], X_val=X2, y_val=[0]), ValueError, "y_val"),
        ("labels beyond softmax outputs", lambda: MLP([2, 3, 2], output="softmax").fit(X2, [0, 2]), ValueError, "y"),
        ("negative class label", lambda: MLP([2, 3, 2], output="softmax").fit(X2, [0, -1]), ValueError, "y"),
        ("fractional class label", lambda: MLP([2, 3, 2], output="softmax").fit(X2, [0, 0.5]), ValueError, "y"),
        ("bce label 5", lambda: MLP([2, 3, 1], loss="binary_cross_entropy").fit(X2, [0, 5]), ValueError, "y"),
        ("sigmoid target -1", lambda: MLP([2, 3, 1]).fit(X2, [-1, 1]), ValueError, "y"),
        ("tanh target 3", lambda: MLP([2, 3, 1], output="tanh").fit(X2, [0, 3]), ValueError, "y"),
        ("y columns", lambda: MLP([2, 3, 2]).fit(X2, np.zeros((2, 3))), ValueError, "y"),
        ("predict wrong width", lambda: fitted_mlp().predict(np.zeros((1, 5))), ValueError, "X"),
        ("predict string", lambda: fitted_mlp().predict("x"), TypeError, "X"),
        ("score mismatched", lambda: fitted_mlp().score(X2, [0]), ValueError, "y"),
        ("predict_proba identity", lambda: MLP([2, 3, 1], output="identity").predict_proba(X2), ValueError, "predict_proba"),
        ("forward NaN", lambda: fitted_mlp().predict([[np.nan, 1.0]]), ValueError, "X"),
        ("callback not callable", lambda: MLP([2, 3, 1]).fit(X2, [0, 1], callback=3), TypeError, "callback"),
        ("step_callback not callable", lambda: MLP([2, 3, 1]).fit(X2, [0, 1], step_callback="x"), TypeError,
         "step_callback"),
    ],
    "perceptron": [
        ("eta zero", lambda: Perceptron(eta=0), ValueError, "eta"),
        ("eta string", lambda: Perceptron(eta="1"), TypeError, "eta"),
        ("fit_bias string", lambda: Perceptron(fit_bias="yes"), TypeError, "fit_bias"),
        ("labels 0/1", lambda: Perceptron().fit(X2, [0, 1]), ValueError, "y"),
        ("labels 2", lambda: Perceptron().fit(X2, [2, -1]), ValueError, "y"),
        ("lengths", lambda: Perceptron().fit(X2, [1]), ValueError, "y"),
        ("max_epochs zero", lambda: Perceptron().fit(X2, PM, max_epochs=0), ValueError, "max_epochs"),
        ("max_epochs float", lambda: Perceptron().fit(X2, PM, max_epochs=1.5), TypeError, "max_epochs"),
        ("X NaN", lambda: Perceptron().fit([[np.nan, 1], [1, 1]], PM), ValueError, "X"),
        ("X complex", lambda: Perceptron().fit(X2 * 1j, PM), TypeError, "X"),
        ("step x 2-D", lambda: Perceptron().step(X2, 1), ValueError, "x"),
        ("step y 0", lambda: Perceptron().step([1.0, 2.0], 0), ValueError, "y"),
        ("step x wrong length", lambda: Perceptron().fit(X2, PM).step([1.0, 2.0, 3.0], 1), ValueError, "x"),
        ("predict before fit", lambda: Perceptron().predict(X2), ValueError, "fit"),
        ("predict wrong width", lambda: Perceptron().fit(X2, PM).predict(np.zeros((1, 3))), ValueError, "X"),
        ("reset zero", lambda: Perceptron().reset(0), ValueError, "n_features"),
        ("mistake_bound w_star wrong", lambda: mistake_bound(X2, PM, [1.0, 2.0, 3.0]), ValueError, "w_star"),
        ("mistake_bound w_star zero", lambda: mistake_bound(X2, PM, [0.0, 0.0]), ValueError, "w_star"),
        ("ovr eta", lambda: OneVsRestPerceptron(eta=-1), ValueError, "eta"),
        ("ovr epochs", lambda: OneVsRestPerceptron(epochs=0), ValueError, "epochs"),
        ("ovr seed", lambda: OneVsRestPerceptron(seed="x"), TypeError, "seed"),
        ("ovr predict before fit", lambda: OneVsRestPerceptron().predict(X2), ValueError, "fit"),
        ("ovr lengths", lambda: OneVsRestPerceptron().fit(X2, [0, 1, 1]), ValueError, "y"),
        ("ovr score lengths", lambda: fitted_ovr().score(X2, [0, 1, 1]), ValueError, "y"),
        ("ovr predict width", lambda: fitted_ovr().predict(np.zeros((1, 3))), ValueError, "X"),
        ("ovr labels", lambda: OneVsRestPerceptron().fit(X2, [0, -1]), ValueError, "y"),
    ],
    "activations and losses": [
        ("unknown activation", lambda: get_activation("gelu"), ValueError, "activation"),
        ("activation not a string", lambda: get_activation(3), ValueError, "activation"),
        ("unknown loss", lambda: get_loss("mse"), ValueError, "loss"),
        ("loss None", lambda: get_loss(None), ValueError, "loss"),
    ],
    "chain": [
        ("w1 string", lambda: Chain(w1="a"), TypeError, "w1"),
        ("b1 NaN", lambda: Chain(b1=float("nan")), ValueError, "b1"),
        ("w3 inf", lambda: Chain(w3=float("inf")), ValueError, "w3"),
        ("w2 complex", lambda: Chain(w2=1j), TypeError, "w2"),
        ("x string", lambda: Chain().forward("1"), TypeError, "x"),
        ("x NaN", lambda: Chain().forward(float("nan")), ValueError, "x"),
        ("y huge", lambda: Chain().loss(1.0, 1e308), ValueError, "y"),
        ("x huge", lambda: Chain().loss(1e308, 1.0), ValueError, "x"),
        ("y list", lambda: Chain().loss(1.0, [1.0]), TypeError, "y"),
        ("eta zero", lambda: Chain().step(1.0, 1.0, eta=0), ValueError, "eta"),
        ("eta negative", lambda: Chain().step(1.0, 1.0, eta=-1), ValueError, "eta"),
    ],
    "linear neuron": [
        ("X strings", lambda: LinearNeuron(["a"], [1.0]), TypeError, "X"),
        ("lengths", lambda: LinearNeuron([1.0, 2.0], [1.0]), ValueError, "y"),
        ("all-zero X", lambda: LinearNeuron([0.0, 0.0], [1.0, 1.0]).max_stable_eta, ValueError, "X"),
        ("w wrong size", lambda: LinearNeuron([1.0, 2.0], [1.0, 2.0]).loss([1.0, 2.0]), ValueError, "w"),
        ("w string", lambda: LinearNeuron([1.0, 2.0], [1.0, 2.0]).grad("w"), TypeError, "w"),
        ("y NaN", lambda: LinearNeuron([1.0, 2.0], [1.0, np.nan]), ValueError, "y"),
        ("predict X wrong width", lambda: LinearNeuron([[1.0, 2.0]], [1.0]).predict([1.0, 2.0], [[1.0, 2.0, 3.0]]),
         ValueError, "X"),
        ("loss_grid no axes", lambda: LinearNeuron([1.0, 2.0], [1.0, 2.0]).loss_grid(), ValueError, "axes"),
    ],
    "optim": [
        ("gd eta zero", lambda: gradient_descent(lambda w: 0.0, lambda w: w, [0.0], eta=0, n_steps=3), ValueError, "eta"),
        ("gd w0 string", lambda: gradient_descent(lambda w: 0.0, lambda w: w, "a", eta=0.1, n_steps=3), TypeError, "w0"),
        ("gd n_steps negative", lambda: gradient_descent(lambda w: 0.0, lambda w: w, [0.0], 0.1, -1), ValueError, "n_steps"),
        ("gd loss not callable", lambda: gradient_descent(3, lambda w: w, [0.0], 0.1, 3), TypeError, "loss"),
        ("gd grad not callable", lambda: gradient_descent(lambda w: 0.0, None, [0.0], 0.1, 3), TypeError, "grad"),
        ("gd blowup", lambda: gradient_descent(lambda w: 0.0, lambda w: w, [0.0], 0.1, 3, blowup=0), ValueError, "blowup"),
        ("sgd problem None", lambda: sgd(None, [0.0], 0.1, 1), TypeError, "problem"),
        ("sgd problem wrong kind", lambda: sgd("problem", [0.0], 0.1, 1), TypeError, "problem"),
        ("sgd epochs zero", lambda: sgd(LinearNeuron([1.0], [1.0]), [0.0], 0.1, 0), ValueError, "epochs"),
        ("sgd batch_size zero", lambda: sgd(LinearNeuron([1.0], [1.0]), [0.0], 0.1, 1, batch_size=0), ValueError,
         "batch_size"),
        ("sgd seed", lambda: sgd(LinearNeuron([1.0], [1.0]), [0.0], 0.1, 1, seed="x"), TypeError, "seed"),
        ("sgd w0 wrong size", lambda: sgd(LinearNeuron([1.0], [1.0]), [0.0, 1.0], 0.1, 1), ValueError, "w"),
        ("SGD lr", lambda: SGD(0), ValueError, "lr"),
        ("SGD momentum", lambda: SGD(0.1, momentum=2), ValueError, "momentum"),
        ("Adam lr", lambda: Adam(lr=-1), ValueError, "lr"),
        ("Adam beta1", lambda: Adam(beta1=1.5), ValueError, "beta1"),
        ("Adam beta2", lambda: Adam(beta2=-0.1), ValueError, "beta2"),
        ("Adam eps", lambda: Adam(eps=0), ValueError, "eps"),
        ("Trainer batch_size", lambda: Trainer(SGD(0.1), batch_size=0), ValueError, "batch_size"),
        ("Trainer lr_decay", lambda: Trainer(SGD(0.1), lr_decay=-1), ValueError, "lr_decay"),
        ("Trainer seed", lambda: Trainer(SGD(0.1), seed="x"), TypeError, "seed"),
    ],
    "gradcheck": [
        ("h zero", lambda: numerical_gradient(lambda x: 0.0, np.zeros(2), h=0), ValueError, "h"),
        ("h negative", lambda: numerical_gradient(lambda x: 0.0, np.zeros(2), h=-1e-5), ValueError, "h"),
        ("h string", lambda: numerical_gradient(lambda x: 0.0, np.zeros(2), h="small"), TypeError, "h"),
        ("x int", lambda: numerical_gradient(lambda x: 0.0, np.zeros(2, int)), TypeError, "x"),
        ("order 3", lambda: numerical_gradient(lambda x: 0.0, np.zeros(2), order=3), ValueError, "order"),
        ("f not callable", lambda: numerical_gradient(3, np.zeros(2)), TypeError, "f"),
        ("shapes differ", lambda: relative_error(np.zeros(2), np.zeros(3)), ValueError, "analytic"),
        ("floor zero", lambda: relative_error(np.zeros(2), np.zeros(2), floor=0), ValueError, "floor"),
        ("analytic strings", lambda: relative_error(["a"], [1.0]), TypeError, "analytic"),
    ],
    "datasets": [
        ("gate name", lambda: logic_gate("xnor"), ValueError, "logic gate"),
        ("playground name", lambda: make_playground("moons"), ValueError, "data set"),
        ("n_samples one", lambda: make_playground("xor", n_samples=1), ValueError, "n_samples"),
        ("n_samples float", lambda: make_playground("xor", n_samples=10.5), TypeError, "n_samples"),
        ("noise too big", lambda: make_playground("circle", noise=0.9), ValueError, "noise"),
        ("noise negative", lambda: make_playground("circle", noise=-0.1), ValueError, "noise"),
        ("seed string", lambda: make_playground("circle", seed="a"), TypeError, "seed"),
        ("seed negative", lambda: make_playground("spiral", seed=-3), ValueError, "seed"),
        ("split fraction 1", lambda: train_test_split(X2, [0, 1], test_fraction=1.0), ValueError, "test_fraction"),
        ("split fraction 0", lambda: train_test_split(X2, [0, 1], test_fraction=0.0), ValueError, "test_fraction"),
        ("split lengths", lambda: train_test_split(X2, [0, 1, 1]), ValueError, "y"),
        ("split seed", lambda: train_test_split(X2, [0, 1], seed=1.5), TypeError, "seed"),
        ("mnist dtype", lambda: load_mnist(dtype=np.int16, sample=True, verbose=False), ValueError, "dtype"),
        ("mnist dtype banana", lambda: load_mnist(dtype="banana", sample=True, verbose=False), TypeError, "dtype"),
        ("mnist n_train zero", lambda: load_mnist(n_train=0, sample=True, verbose=False), ValueError, "n_train"),
        ("mnist n_test float", lambda: load_mnist(n_test=1.5, sample=True, verbose=False), TypeError, "n_test"),
        ("mnist path missing", lambda: load_mnist(path="/nonexistent/mnist", download=False, verbose=False),
         MnistFileError, "/nonexistent/mnist"),
    ],
    "knn": [
        ("k zero", lambda: KNeighborsClassifier(k=0), ValueError, "k"),
        ("k string", lambda: KNeighborsClassifier(k="3"), TypeError, "k"),
        ("chunk_size zero", lambda: KNeighborsClassifier(chunk_size=0), ValueError, "chunk_size"),
        ("dtype int", lambda: KNeighborsClassifier(dtype=np.int64), ValueError, "dtype"),
        ("dtype banana", lambda: KNeighborsClassifier(dtype="banana"), TypeError, "dtype"),
        ("k beyond data", lambda: KNeighborsClassifier(k=5).fit(X2, [0, 1]), ValueError, "k"),
        ("fit lengths", lambda: KNeighborsClassifier(k=1).fit(X2, [0]), ValueError, "y"),
        ("predict before fit", lambda: KNeighborsClassifier().predict(X2), ValueError, "fit"),
        ("predict width", lambda: fitted_knn().predict(np.zeros((1, 3))), ValueError, "X"),
        ("score lengths", lambda: fitted_knn().score(X2, [0, 1, 1]), ValueError, "y"),
        ("labels negative", lambda: KNeighborsClassifier(k=1).fit(X2, [0, -1]), ValueError, "y"),
        ("callback not callable", lambda: fitted_knn().predict(X2, callback=5), TypeError, "callback"),
    ],
    "cnn": [
        ("channels one", lambda: CNN(channels=(8,)), ValueError, "channels"),
        ("channels zero", lambda: CNN(channels=(0, 4)), ValueError, "channels"),
        ("hidden zero", lambda: CNN(hidden=(0,)), ValueError, "hidden"),
        ("lr zero", lambda: CNN(lr=0), ValueError, "lr"),
        ("batch_size zero", lambda: CNN(batch_size=0), ValueError, "batch_size"),
        ("dtype int", lambda: CNN(dtype=np.int8), ValueError, "dtype"),
        ("dtype banana", lambda: CNN(dtype="banana"), TypeError, "dtype"),
        ("seed negative", lambda: CNN(seed=-1), ValueError, "seed"),
        ("images wrong size", lambda: CNN().fit(np.zeros((2, 30)), [0, 1]), ValueError, "X"),
        ("labels 10", lambda: CNN().fit(np.zeros((2, 784)), [0, 10]), ValueError, "y"),
        ("lengths", lambda: CNN().fit(np.zeros((2, 784)), [0]), ValueError, "y"),
        ("score lengths", lambda: CNN().score(np.zeros((2, 784)), [0, 1, 2]), ValueError, "y"),
        ("predict NaN", lambda: CNN().predict(np.full((1, 784), np.nan)), ValueError, "X"),
    ],
    "playground": [
        ("config int", lambda: Playground(5), TypeError, "config"),
        ("config nonsense", lambda: Playground("this is not a config"), ValueError, "config"),
        ("unknown setting", lambda: Playground("colour=red"), ValueError, "colour"),
        ("dataset", lambda: Playground("dataset=moons"), ValueError, "dataset"),
        ("noise", lambda: Playground("noise=70"), ValueError, "noise"),
        ("noise text", lambda: Playground("noise=lots"), ValueError, "noise"),
        ("train_ratio", lambda: Playground("train_ratio=95"), ValueError, "train_ratio"),
        ("hidden 9", lambda: Playground("hidden=9"), ValueError, "hidden"),
        ("hidden text", lambda: Playground("hidden=a,b"), ValueError, "hidden"),
        ("features", lambda: Playground("features=x3"), ValueError, "features"),
        ("activation", lambda: Playground("activation=swish"), ValueError, "activation"),
        ("learning_rate zero", lambda: Playground("learning_rate=0"), ValueError, "learning_rate"),
        ("batch_size 31", lambda: Playground("batch_size=31"), ValueError, "batch_size"),
        ("regularization", lambda: Playground("regularization=l3"), ValueError, "regularization"),
        ("reg_rate", lambda: Playground("reg_rate=-1"), ValueError, "reg_rate"),
        ("output", lambda: Playground("output=sigmoid"), ValueError, "output"),
        ("softmax regression", lambda: Playground("dataset=regression_plane&output=softmax"), ValueError, "output"),
        ("optimizer", lambda: Playground("optimizer=rmsprop"), ValueError, "optimizer"),
        ("lr_decay", lambda: Playground("lr_decay=-1"), ValueError, "lr_decay"),
        ("stop_epoch", lambda: Playground("stop_epoch=-1"), ValueError, "stop_epoch"),
        ("seed negative", lambda: PlaygroundConfig(seed=-1), ValueError, "seed"),
        ("step negative", lambda: Playground().step(-1), ValueError, "epochs"),
        ("step float", lambda: Playground().step(1.5), TypeError, "epochs"),
        ("own X 3 columns", lambda: Playground(X=np.zeros((5, 3)), y=[1, -1, 1, -1, 1]), ValueError, "X"),
        ("own y 0/1", lambda: Playground(X=np.zeros((5, 2)), y=[0, 1, 0, 1, 0]), ValueError, "y"),
        ("own too few", lambda: Playground(X=np.zeros((3, 2)), y=[1, -1, 1]), ValueError, "X"),
        ("own lengths", lambda: Playground(X=np.zeros((5, 2)), y=[1, -1]), ValueError, "y"),
        ("add_point label", lambda: Playground().add_point(0.0, 0.0, 3), ValueError, "y"),
        ("feature_matrix name", lambda: feature_matrix(X2, ["x3"]), ValueError, "features"),
        ("load_points fd 0", lambda: load_points(0), TypeError, "path"),
        ("load_points missing", lambda: load_points("/nonexistent/points.csv"), ValueError, "/nonexistent/points.csv"),
    ],
}


def _bad_file_cases(tmp):
    binary = tmp / "points.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    short = tmp / "short.csv"
    short.write_text("1, 2\n3, 4\n")
    body = gzip.compress(b"\x00\x00\x08\x01" + (10).to_bytes(4, "big") + bytes(10))
    corrupt = tmp / "labels-idx1-ubyte.gz"
    corrupt.write_bytes(body[:12] + b"\xff" * (len(body) - 20) + body[-8:])
    huge = idx_file(tmp, "images-idx3-ubyte", b"\x00\x00\x08\x03" + (2**31).to_bytes(4, "big") * 3, bytes(16))
    return [
        ("load_points binary", lambda: load_points(binary), ValueError, "points.bin"),
        ("load_points two columns", lambda: load_points(short), ValueError, "short.csv"),
        ("read_idx corrupt gz", lambda: read_idx(corrupt), MnistFileError, "labels-idx1-ubyte.gz"),
        ("read_idx huge header", lambda: read_idx(huge), MnistFileError, "images-idx3-ubyte"),
        ("read_idx missing", lambda: read_idx(tmp / "nothing.gz"), MnistFileError, "nothing.gz"),
    ]


FLAT = [(group, *case) for group, cases in CASES.items() for case in cases]


def _refused_well(call, error, name):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(all="warn"):
            with pytest.raises((ValueError, TypeError)) as info:
                call()
    assert isinstance(info.value, error), f"{type(info.value).__name__}: {info.value}"
    assert name in str(info.value), f"the message does not name {name!r}: {info.value}"
    runtime = [w for w in caught if issubclass(w.category, RuntimeWarning)]
    assert not runtime, f"warned on the way: {runtime[0].message}"


def test_the_catalogue_is_large():
    assert len(FLAT) + 5 >= 150


@pytest.mark.parametrize("group, what, call, error, name", FLAT, ids=[f"{g}: {w}" for g, w, *_ in FLAT])
def test_bad_call_is_refused_in_words(group, what, call, error, name):
    _refused_well(call, error, name)


def test_bad_files_are_refused_in_words(tmp_path):
    for what, call, error, name in _bad_file_cases(tmp_path):
        _refused_well(call, error, name)
