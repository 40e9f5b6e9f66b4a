"""TensorFlow Playground's model in numpy: its data, input features, network, training and
configuration string, plus what its users asked for (softmax, momentum / Adam, a learning-rate
schedule, stopping on divergence, your own data, exported weights, a backprop view).

Playground's choices, kept exactly (a test holds them to a per-example transcription of its
nn.ts): inputs X1, X2, X1², X2², X1X2, sin X1, sin X2; 0-6 hidden layers of 1-8 neurons; weights
start uniform in (-0.5, 0.5) and biases at 0.1; a tanh output for classification (labels -1 / +1)
and a linear one for regression, both with loss 1/2 (o - t)^2; 500 points for classification and
1,200 for regression, shuffled once when made and then kept in that order; mini-batch SGD whose
last, smaller batch stays accumulated into the next epoch's first update; after each gradient
step the L1 / L2 penalty's step lr * rate * (sign(w) or w), biases not penalised, and a weight that
L1 pushes across 0 set to exactly 0 and never updated again ("dead": its link disappears);
one "step" is one epoch, after which the losses are measured on the whole training and test sets.
"""
import json
import os
from dataclasses import dataclass, fields
from urllib.parse import parse_qsl, urlencode

import numpy as np

from .activations import ACTIVATIONS
from .datasets.playground import PLAYGROUND_SETS, make_playground, train_test_split
from .mlp import MLP
from .optim import SGD, Adam
from .training import DivergenceError, EpochRecord, History, Trainer
from .validation import as_array, check_number, check_same_length

FEATURES = {
    "x1": lambda X: X[:, 0], "x2": lambda X: X[:, 1],
    "x1^2": lambda X: X[:, 0] ** 2, "x2^2": lambda X: X[:, 1] ** 2,
    "x1x2": lambda X: X[:, 0] * X[:, 1],
    "sin_x1": lambda X: np.sin(X[:, 0]), "sin_x2": lambda X: np.sin(X[:, 1]),
}
LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REGRESSION = ("regression_plane", "regression_gaussian")
REGULARIZATIONS = ("none", "l1", "l2")
N_SAMPLES = {"classification": 500, "regression": 1200}   # TF Playground's NUM_SAMPLES_*


def playground_activations():
    """Playground's name -> the registry's, for every activation a hidden layer may use
    ('linear' is Playground's word for identity); read from the registry, so a new activation
    appears here by itself."""
    return {("linear" if name == "identity" else name): name for name, a in ACTIVATIONS.items() if a.hidden}


@dataclass
class PlaygroundConfig:
    """Everything that defines a run; ``to_string`` / ``from_string`` give Playground's URL hash."""
    dataset: str = "circle"          # a PLAYGROUND_SETS name, or "custom" for your own points
    noise: int = 0                   # percent, 0-50
    train_ratio: int = 50            # percent of the points used for training, 10-90
    seed: int = 0                    # data and initial weights
    features: tuple = ("x1", "x2")
    hidden: tuple = (4, 2)           # neurons per hidden layer
    activation: str = "tanh"         # relu | tanh | sigmoid | linear, or one per hidden layer: tanh,relu
    learning_rate: float = 0.03
    batch_size: int = 10
    regularization: str = "none"     # none | l1 | l2
    reg_rate: float = 0.0
    output: str = "tanh"             # tanh (Playground) | softmax (classes 0..K-1, cross-entropy)
    optimizer: str = "sgd"           # sgd | momentum | adam
    lr_decay: float = 0.0            # learning rate / (1 + lr_decay * epoch)
    stop_epoch: int = 0              # stop training at this epoch (0: never)
    stop_loss: float = 0.0           # stop once the test loss is below this (0: never)

    def __post_init__(self):
        self.features = tuple(self.features)
        self.hidden = tuple(self.hidden)
        self.validate()

    def validate(self):
        def fail(key, expected):
            raise ValueError(f"{key}={getattr(self, key)!r} is not valid: expected {expected}")
        if self.dataset not in (*PLAYGROUND_SETS, "custom"):
            fail("dataset", "one of " + ", ".join([*PLAYGROUND_SETS, "custom"]))
        if not (isinstance(self.noise, int) and 0 <= self.noise <= 50):
            fail("noise", "a whole percentage from 0 to 50")
        if not (isinstance(self.train_ratio, int) and 10 <= self.train_ratio <= 90):
            fail("train_ratio", "a whole percentage from 10 to 90")
        if not self.features or any(f not in FEATURES for f in self.features) or len(set(self.features)) < len(self.features):
            fail("features", "one or more different names from " + ", ".join(FEATURES))
        if len(self.hidden) > 6 or any(not isinstance(n, int) or not 1 <= n <= 8 for n in self.hidden):
            fail("hidden", "0 to 6 hidden layers of 1 to 8 neurons, e.g. 4,2")
        names = self.activation.split(",") if isinstance(self.activation, str) else [None]
        if any(n not in playground_activations() for n in names) or len(names) not in (1, max(len(self.hidden), 1)):
            fail("activation", "one of " + ", ".join(playground_activations()) +
                 f", or one per hidden layer separated by commas ({len(self.hidden)} here)")
        if not (isinstance(self.learning_rate, (int, float)) and 0 < self.learning_rate <= 10):
            fail("learning_rate", "a number in (0, 10]")
        if not (isinstance(self.batch_size, int) and 1 <= self.batch_size <= 30):
            fail("batch_size", "a whole number from 1 to 30")
        if self.regularization not in REGULARIZATIONS:
            fail("regularization", "one of " + ", ".join(REGULARIZATIONS))
        if not (isinstance(self.reg_rate, (int, float)) and 0 <= self.reg_rate <= 10):
            fail("reg_rate", "a number from 0 to 10")
        if self.output not in ("tanh", "softmax"):
            fail("output", "tanh or softmax")
        if self.output == "softmax" and self.dataset in REGRESSION:
            fail("output", "tanh (a linear output is used) for a regression data set")
        if isinstance(self.seed, bool) or not (isinstance(self.seed, int) and self.seed >= 0):
            fail("seed", "a whole number >= 0")
        if self.optimizer not in ("sgd", "momentum", "adam"):
            fail("optimizer", "sgd, momentum or adam")
        if not (isinstance(self.lr_decay, (int, float)) and 0 <= self.lr_decay <= 10):
            fail("lr_decay", "a number from 0 to 10")
        if not (isinstance(self.stop_epoch, int) and self.stop_epoch >= 0):
            fail("stop_epoch", "a whole number of epochs (0: never stop)")
        if not (isinstance(self.stop_loss, (int, float)) and self.stop_loss >= 0):
            fail("stop_loss", "a loss >= 0 (0: never stop)")

    @property
    def layer_activations(self):
        """The activation of each hidden layer (the registry's names)."""
        names = self.activation.split(",")
        names = names * len(self.hidden) if len(names) == 1 else names
        return [playground_activations()[n] for n in names][:len(self.hidden)]

    @property
    def is_regression(self):
        return self.dataset in REGRESSION

    # ---- the configuration string ------------------------------------------------------------
    def to_string(self):
        """e.g. 'dataset=circle&noise=0&...&hidden=4,2': every setting, in a fixed order."""
        values = {}
        for f in fields(self):
            v = getattr(self, f.name)
            values[f.name] = ",".join(map(str, v)) if isinstance(v, tuple) else repr(v) if isinstance(v, float) else str(v)
        return urlencode(values, safe=",^")

    @classmethod
    def from_string(cls, text):
        """Inverse of to_string; missing keys take their defaults, unknown keys are refused."""
        if not isinstance(text, str):
            raise TypeError(f"the configuration must be a string, got {type(text).__name__}")
        kinds = {f.name: f.default for f in fields(cls)}
        values = {}
        for key, raw in parse_qsl(text.strip().lstrip("#"), keep_blank_values=True, strict_parsing=bool(text.strip())):
            if key not in kinds:
                raise ValueError(f"unknown setting {key!r} in the configuration; known: {', '.join(kinds)}")
            default = kinds[key]
            try:
                if isinstance(default, tuple):
                    values[key] = tuple(int(v) if key == "hidden" else v for v in raw.split(",") if v)
                elif isinstance(default, float):
                    values[key] = float(raw)
                elif isinstance(default, int):
                    values[key] = int(raw)
                else:
                    values[key] = raw
            except ValueError:
                raise ValueError(f"{key}={raw!r} in the configuration is not a "
                                 f"{type(default).__name__ if not isinstance(default, tuple) else 'comma-separated list'}") from None
        return cls(**values)


def load_points(path):
    """Your own points from a CSV file: columns x1, x2, label (a header line is allowed).
    Returns (X (n, 2), y (n,)); errors name the file and what is wrong."""
    if not isinstance(path, (str, os.PathLike)):   # an int would be a file descriptor: stdin hangs
        raise TypeError(f"path must be a file name, got {path!r} ({type(path).__name__})")
    try:
        with open(path, encoding="utf-8") as f:
            lines = [line.strip() for line in f if line.strip()]
    except UnicodeDecodeError:
        raise ValueError(f"{path} is not a text file of lines 'x1, x2, label'") from None
    except OSError as exc:
        raise ValueError(f"cannot read the points file {path}: {exc.strerror}") from None
    rows = []
    for number, line in enumerate(lines, start=1):
        cells = [c.strip() for c in line.split(",")]
        try:
            values = [float(c) for c in cells]
        except ValueError:
            if number == 1:
                continue  # a header
            raise ValueError(f"{path}, line {number}: {line!r} is not three numbers x1, x2, label") from None
        if len(values) != 3:
            raise ValueError(f"{path}, line {number}: expected 3 columns (x1, x2, label), found {len(values)}")
        rows.append(values)
    if not rows:
        raise ValueError(f"{path} holds no points (expected lines like 1.5, -2.0, 1)")
    data = np.array(rows)
    return data[:, :2], data[:, 2]


def feature_matrix(X, features):
    """The chosen input features of 2-D points X (n, 2) -> (n, len(features))."""
    unknown = [f for f in features if f not in FEATURES]
    if unknown:
        raise ValueError(f"features {unknown} unknown; choose from {', '.join(FEATURES)}")
    return np.column_stack([FEATURES[f](X) for f in features])


class Playground:
    """A Playground run: data, network and training state for a PlaygroundConfig.

    Pass X (n, 2) and y (n,) (labels -1/+1, or 0..K-1 with output='softmax') for your own data.
    """

    def __init__(self, config=None, X=None, y=None):
        if config is not None and not isinstance(config, (PlaygroundConfig, str)):
            raise TypeError(f"config must be a configuration string like 'dataset=xor&hidden=4' or a "
                            f"PlaygroundConfig, got {type(config).__name__}")
        self.config = config if isinstance(config, PlaygroundConfig) else \
            PlaygroundConfig.from_string(config) if isinstance(config, str) else PlaygroundConfig()
        self.custom = None
        if X is not None:
            self.set_data(X, y)
        self.reset()

    # ---- data --------------------------------------------------------------------------------
    def set_data(self, X, y):
        """Use your own 2-D points (the configuration's dataset becomes 'custom')."""
        X = as_array(X, "X", ndim=2)
        if X.shape[1] != 2:
            raise ValueError(f"X must hold 2-D points, shape (n, 2); got {X.shape}")
        y = as_array(y, "y", ndim=1)
        check_same_length(X, y)
        if len(X) < 4:
            raise ValueError(f"X holds {len(X)} points; at least 4 are needed (some to train, some to test)")
        if self.config.output == "softmax":
            if np.any(y != np.round(y)) or y.min() < 0:
                raise ValueError("with output='softmax', y must hold class labels 0, 1, 2, ...")
        elif not np.all(np.isin(y, (-1, 1))):
            raise ValueError("y must hold labels -1 and +1 (or use output='softmax' with labels 0, 1, 2, ...)")
        self.custom = (X, y)
        self.config.dataset = "custom"

    def add_point(self, x1, x2, label):
        """Add one point of class `label` to your own data (starting from the current points)."""
        X, y = self.custom if self.custom is not None else (self.X, self.y)
        self.set_data(np.vstack([X, [[x1, x2]]]), np.append(y, label))
        self.reset()

    def _data(self):
        c = self.config
        if c.dataset == "custom":
            if self.custom is None:
                raise ValueError("dataset 'custom' needs your points: pass X and y, or call set_data")
            return self.custom
        n = N_SAMPLES["regression" if c.is_regression else "classification"]
        X, y = make_playground(c.dataset, n_samples=n, noise=c.noise / 100, seed=self._streams()[0])
        if c.output == "softmax":  # two classes for softmax: -1 / +1 become 0 / 1
            y = (y > 0).astype(int)
        return X, y

    # ---- network -----------------------------------------------------------------------------
    def _streams(self):
        """One seed per purpose, all from the configuration's seed: data, split, initial weights."""
        return np.random.SeedSequence(self.config.seed).spawn(3)

    def reset(self):
        """New data split and the seeded initial weights; epoch 0."""
        c = self.config
        c.validate()
        self.X, self.y = self._data()
        _, split_seed, weight_seed = self._streams()
        split = train_test_split(self.X, self.y, test_fraction=1 - c.train_ratio / 100, seed=split_seed)
        self.X_train, self.X_test, self.y_train, self.y_test = split
        if c.output == "softmax":
            n_out, output, loss = int(max(self.y.max(), 1)) + 1, "softmax", "cross_entropy"
        else:
            n_out, output, loss = 1, "identity" if c.is_regression else "tanh", "l2"
        self.net = MLP([len(c.features), *c.hidden, n_out], activation=c.layer_activations, output=output, loss=loss,
                       seed=c.seed)
        rng = np.random.default_rng(weight_seed)
        for W, b in zip(self.net.W_, self.net.b_):
            W[...] = rng.uniform(-0.5, 0.5, W.shape)
            b[...] = 0.1
        self.dead_ = [np.zeros(W.shape, dtype=bool) for W in self.net.W_]
        optimizer = {"sgd": lambda: SGD(c.learning_rate), "momentum": lambda: SGD(c.learning_rate, 0.9),
                     "adam": lambda: Adam(c.learning_rate)}[c.optimizer]()
        # the training points keep the order they were shuffled into when made (TF Playground)
        self.trainer = Trainer(optimizer, c.batch_size, shuffle=False, carry_leftover=True, lr_decay=c.lr_decay)
        self._F = feature_matrix(self.X_train, c.features)
        self._Y = self.net.targets(self._targets(self.y_train))
        self.diverged = None
        self.finished = None
        first = EpochRecord(0, float("nan"))
        self._evaluate(first)
        self.history = History([first])
        return self

    @property
    def epoch(self):
        return self.trainer.epoch

    def _targets(self, y):
        return y.astype(int) if self.config.output == "softmax" else y

    def _loss(self, X, y):
        out, cache = self.net.forward(feature_matrix(X, self.config.features))
        Y = self.net.targets(self._targets(y))
        loss = self.net.loss_from_cache(cache, Y)
        if self.config.is_regression:
            return loss, None
        return loss, self.net.n_correct(out, Y) / len(y)

    def _evaluate(self, record):
        """TF Playground's losses: the whole training and test sets, after the epoch."""
        record.loss, record.accuracy = self._loss(self.X_train, self.y_train)
        record.val_loss, record.val_accuracy = self._loss(self.X_test, self.y_test)

    def _batch(self, idx):
        _, cache = self.net.forward(self._F[idx])
        loss = self.net.loss_from_cache(cache, self._Y[idx])
        grads, _ = self.net.backward(cache, self._Y[idx])
        for l, dead in enumerate(self.dead_):
            grads[2 * l][dead] = 0
        # the penalty's step needs the weights before the gradient step (TF Playground's regulDer)
        self._w_before = [W.copy() for W in self.net.W_] if self._penalised else None
        return loss, None, grads

    @property
    def _penalised(self):
        return self.config.regularization != "none" and self.config.reg_rate > 0

    def _penalty_step(self, lr):
        """After the gradient step: w <- w - lr * rate * d penalty(w_before); L1 kills a weight it
        pushes across 0. Dead weights stay at exactly 0 whatever the optimizer does."""
        c = self.config
        for l, (W, dead) in enumerate(zip(self.net.W_, self.dead_)):
            if self._penalised:
                W_before = self._w_before[l]
                der = np.sign(W_before) if c.regularization == "l1" else W_before
                new = W - lr * c.reg_rate * der
                if c.regularization == "l1":
                    dead |= W * new < 0
                W[...] = new
            W[dead] = 0.0

    def _stop(self, record):
        c = self.config
        if c.stop_epoch and record.epoch >= c.stop_epoch:
            self.finished = f"stopped at epoch {record.epoch}, as the configuration asks (stop_epoch)"
        elif c.stop_loss and record.val_loss < c.stop_loss:
            self.finished = (f"stopped at epoch {record.epoch}: the test loss {record.val_loss:.4f} is below "
                             f"{c.stop_loss:g} (stop_loss)")
        return self.finished

    def step(self, epochs=1):
        """Train for `epochs` epochs (one "step" of Playground). Stops, and says why in
        ``self.diverged``, if the loss becomes NaN or infinite; returns the last EpochRecord."""
        check_number(epochs, "epochs", low=0, integer=True)
        if not (self.diverged or self.finished):
            try:
                self.trainer.run(self._batch, self.net.params_, len(self._F), epochs, self.history,
                                 evaluate=self._evaluate, after_step=self._penalty_step, stop=self._stop)
            except DivergenceError as exc:
                self.diverged = str(exc)
        return self.history[-1]

    # ---- views -------------------------------------------------------------------------------
    @staticmethod
    def grid(n=50, extent=6.0):
        """An n x n grid over [-extent, extent]^2, top row first -> points (n*n, 2)."""
        xs = np.linspace(-extent, extent, n)
        g1, g2 = np.meshgrid(xs, xs[::-1])
        return np.column_stack([g1.ravel(), g2.ravel()])

    def maps(self, n=50, extent=6.0):
        """One forward pass over the grid -> {"inputs": (k, n, n), "layers": [(units, n, n), ...],
        "output": (n, n)} with the output as tanh-like score (class 1 probability minus class 0's for
        softmax with two classes, the winning class index otherwise)."""
        points = self.grid(n, extent)
        F = feature_matrix(points, self.config.features)
        out, cache = self.net.forward(F)
        layers = [c.f.T.reshape(-1, n, n) for c in cache[:-1]]
        if out.shape[1] == 1:
            output = out[:, 0]
        elif out.shape[1] == 2:
            output = out[:, 1] - out[:, 0]
        else:
            output = out.argmax(axis=1).astype(float)
        return {"inputs": F.T.reshape(-1, n, n), "layers": layers, "output": output.reshape(n, n)}

    def backprop_view(self, i=0):
        """For training sample i: its features, every layer's a and f, and every neuron's delta
        dL/da from one backward pass (the "show me backprop" step)."""
        F = feature_matrix(self.X_train[i:i + 1], self.config.features)
        _, cache = self.net.forward(F)
        grads, deltas = self.net.backward(cache, self.net.targets(self._targets(self.y_train[i:i + 1])))
        return {"x": self.X_train[i], "y": self.y_train[i], "features": F[0],
                "a": [c.a[0] for c in cache], "f": [c.f[0] for c in cache], "delta": [d[0] for d in deltas],
                "grads": grads}

    # ---- export ------------------------------------------------------------------------------
    # ---- what TF Playground's users asked for -------------------------------------------------
    def metrics(self):
        """Beside the loss: accuracy and the test set's confusion matrix (rows: true class,
        columns: predicted; classes in order -1, +1, or 0..K-1) for classification; the
        coefficient of determination R^2 on both sets for regression."""
        out = {}
        for part, X, y in (("train", self.X_train, self.y_train), ("test", self.X_test, self.y_test)):
            F = feature_matrix(X, self.config.features)
            if self.config.is_regression:
                pred = self.net.forward(F)[0][:, 0]
                ss_tot = float(np.sum((y - y.mean()) ** 2))
                out[f"{part}_r2"] = 1 - float(np.sum((y - pred) ** 2)) / ss_tot if ss_tot > 0 else float("nan")
            else:
                out[f"{part}_accuracy"] = float(np.mean(self.net.predict(F) == self._targets(y)))
        if not self.config.is_regression:
            classes = np.unique(np.concatenate([self.y_train, self.y_test])).astype(int)
            pred = self.net.predict(feature_matrix(self.X_test, self.config.features))
            truth = self._targets(self.y_test).astype(int)
            index = {c: i for i, c in enumerate(classes)}
            confusion = np.zeros((len(classes), len(classes)), dtype=int)
            for t, p in zip(truth, pred):
                confusion[index[int(t)], index[int(p)]] += 1
            out["classes"], out["confusion"] = classes.tolist(), confusion
        return out

    def _check_place(self, layer, j, i=None):
        check_number(layer, "layer", low=0, high=len(self.net.W_) - 1, integer=True)
        n_in, n_out = self.net.W_[layer].shape
        check_number(j, "neuron", low=0, high=n_out - 1, integer=True)
        if i is not None:
            check_number(i, "source", low=0, high=n_in - 1, integer=True)

    def set_weight(self, layer, i, j, value):
        """Edit the weight of the link from neuron i of layer `layer` (0: the inputs) to neuron j
        of the next layer. An edited weight is alive again even if L1 had set it to 0."""
        self._check_place(layer, j, i)
        self.net.W_[layer][i, j] = check_number(value, "value", low=-100, high=100)
        self.dead_[layer][i, j] = False
        self.history[-1:] = [self._record_now()]

    def set_bias(self, layer, j, value):
        """Edit the bias of neuron j of layer `layer` + 1 (layer 0: the first hidden layer)."""
        self._check_place(layer, j)
        self.net.b_[layer][j] = check_number(value, "value", low=-100, high=100)
        self.history[-1:] = [self._record_now()]

    def _record_now(self):
        record = EpochRecord(self.epoch, float("nan"))
        self._evaluate(record)
        return record

    def to_pytorch(self):
        """A runnable PyTorch script that rebuilds this network with its current weights and
        defines predict(points) for 2-D points (n, 2): the same outputs as this model."""
        act = {"tanh": "nn.Tanh()", "relu": "nn.ReLU()", "sigmoid": "nn.Sigmoid()", "identity": "nn.Identity()"}
        layers, names = [], [a.name for a in self.net.activations]
        for l, (W, b) in enumerate(zip(self.net.W_, self.net.b_)):
            layers.append(f"    nn.Linear({W.shape[0]}, {W.shape[1]}),")
            name = names[l]
            if name == "softmax":
                layers.append("    nn.Softmax(dim=1),")
            elif name in act:
                layers.append(f"    {act[name]},")
            else:
                raise ValueError(f"activation {name!r} has no PyTorch counterpart in this export")
        weights = ",\n    ".join(f"({W.T.tolist()!r}, {b.tolist()!r})" for W, b in zip(self.net.W_, self.net.b_))
        features = {"x1": "x1", "x2": "x2", "x1^2": "x1 ** 2", "x2^2": "x2 ** 2", "x1x2": "x1 * x2",
                    "sin_x1": "torch.sin(x1)", "sin_x2": "torch.sin(x2)"}
        columns = ", ".join(features[f] for f in self.config.features)
        return f'''"""A network trained in the teaching kit's Playground ({self.config.to_string()}),
exported at epoch {self.epoch}. Run it with PyTorch: predict(points) gives the network's outputs."""
import torch
from torch import nn

model = nn.Sequential(
{chr(10).join(layers)}
).double()

# (weight of shape (out, in), bias) for each nn.Linear, in order
WEIGHTS = [
    {weights},
]
with torch.no_grad():
    for linear, (weight, bias) in zip([m for m in model if isinstance(m, nn.Linear)], WEIGHTS):
        linear.weight.copy_(torch.tensor(weight, dtype=torch.float64))
        linear.bias.copy_(torch.tensor(bias, dtype=torch.float64))


def features(points):
    """The input features the network was trained on, from 2-D points (n, 2)."""
    points = torch.as_tensor(points, dtype=torch.float64)
    x1, x2 = points[:, 0], points[:, 1]
    return torch.stack([{columns}], dim=1)


def predict(points):
    with torch.no_grad():
        return model(features(points)).numpy()
'''

    def to_dict(self):
        return {"config": self.config.to_string(), "epoch": self.epoch,
                "layer_sizes": self.net.layer_sizes,
                "weights": [W.tolist() for W in self.net.W_], "biases": [b.tolist() for b in self.net.b_]}

    def to_json(self):
        return json.dumps(self.to_dict())

    def save_npz(self, path):
        arrays = {f"W{l + 1}": W for l, W in enumerate(self.net.W_)}
        arrays.update({f"b{l + 1}": b for l, b in enumerate(self.net.b_)})
        np.savez(path, config=np.array(self.config.to_string()), **arrays)
