"""A fully connected multi-layer perceptron trained by backpropagation.

Layer l (l = 1..L) computes, for a batch X of shape (n, d):
    a_l = f_{l-1} W_l + b_l        W_l: (n_{l-1}, n_l), b_l: (n_l,), f_0 = X
    f_l = act_l(a_l)
Backpropagation (written layer by layer, each delta re-using the one above):
    delta_L = dL/da_L
    dL/dW_l = f_{l-1}^T delta_l,   dL/db_l = sum over samples of delta_l
    delta_{l-1} = act'_{l-1}(a_{l-1}) * (delta_l W_l^T)
"""
import math
from dataclasses import dataclass

import numpy as np

from .activations import get_activation
from .losses import get_loss, sensible_pairs
from .optim import SGD
from .training import DivergenceError, History, Trainer  # noqa: F401  (DivergenceError: part of this API)
from .validation import (as_array, check_callable, check_class_labels, check_dtype,
                         check_number, check_positive, check_same_length, check_seed)

MAX_PARAMETER_BYTES = 2 * 1024 ** 3   # a model beyond 2 GiB of weights is a typo on a laptop


@dataclass
class LayerCache:
    """What forward keeps for layer l: its input f_{l-1}, pre-activation a_l, activation f_l."""
    x: np.ndarray
    a: np.ndarray
    f: np.ndarray


class MLP:
    """MLP(layer_sizes, activation, output, loss, ...): layer_sizes = [inputs, hidden..., outputs].

    activation: one name for every hidden layer, or a list with one per hidden layer.
    output / loss: 'sigmoid' + 'l2' as the slides; 'softmax' + 'cross_entropy' for classes
    (the default loss pairs with the output). batch_size: None = full-batch gradient descent,
    1 = SGD (one random sample per step), k = mini-batches. Learned: W_, b_, history_.
    """

    def __init__(self, layer_sizes, activation="sigmoid", output="sigmoid", loss=None, lr=0.5,
                 epochs=100, batch_size=None, momentum=0.0, lr_decay=0.0, dtype=np.float64, seed=0):
        sizes = list(layer_sizes) if isinstance(layer_sizes, (list, tuple)) else None
        if not sizes or len(sizes) < 2 or not all(isinstance(s, (int, np.integer)) and s >= 1 for s in sizes):
            raise ValueError("layer_sizes must be a list of at least two positive integers "
                             f"[inputs, hidden..., outputs], got {layer_sizes!r}")
        self.layer_sizes = [int(s) for s in sizes]
        self.dtype = check_dtype(dtype)
        need = sum((a + 1) * b for a, b in zip(self.layer_sizes[:-1], self.layer_sizes[1:])) * self.dtype.itemsize
        if need > MAX_PARAMETER_BYTES:
            raise ValueError(f"layer_sizes {self.layer_sizes} would need {need / 1024 ** 3:,.1f} GiB for its weights "
                             f"alone (the limit is {MAX_PARAMETER_BYTES / 1024 ** 3:g} GiB); is a size mistyped?")
        n_hidden = len(sizes) - 2
        if isinstance(activation, str):
            get_activation(activation)  # checked even when there is no hidden layer to use it
            acts = [activation] * n_hidden
        else:
            acts = list(activation)
        if len(acts) != n_hidden:
            raise ValueError(f"activation must be one name or a list of {n_hidden} names "
                             f"(one per hidden layer), got {len(acts)}")
        self.activations = [get_activation(a) for a in acts] + [get_activation(output)]
        for a in self.activations[:-1]:
            if not a.hidden:
                raise ValueError(f"activation {a.name!r} works only as an output layer, not in a hidden layer")
        if loss is None:
            loss = "cross_entropy" if output == "softmax" else "l2"
        self.loss = get_loss(loss)
        if self.activations[-1].name not in self.loss.outputs:
            raise ValueError(f"loss={self.loss.name!r} does not fit output={self.activations[-1].name!r}; "
                             f"the sensible pairs (output + loss) are: {sensible_pairs()}")
        # training uses the fused form where there is one (sigmoid + binary cross-entropy from
        # the logits: gradient p - y, never lost to a saturated sigmoid)
        self._train_loss = self.loss.fused or self.loss
        self.lr = check_positive(lr, "lr")
        self.epochs = check_number(epochs, "epochs", low=1, integer=True)
        if batch_size is not None:
            check_number(batch_size, "batch_size", low=1, integer=True)
        self.batch_size = batch_size
        self.momentum = check_number(momentum, "momentum", low=0, high=0.999)
        self.lr_decay = check_number(lr_decay, "lr_decay", low=0)
        self.seed = check_seed(seed)
        self.init_params()

    # ---- parameters ------------------------------------------------------------------------
    def init_params(self):
        """Seeded initialisation: He (normal, std sqrt(2/n_in)) before ReLU, Glorot (uniform,
        limit sqrt(6/(n_in+n_out))) otherwise; biases 0. Resets the training history."""
        rng = np.random.default_rng(self.seed)
        self.W_, self.b_ = [], []
        for n_in, n_out, act in zip(self.layer_sizes[:-1], self.layer_sizes[1:], self.activations):
            if act.init == "he":
                W = rng.normal(0, np.sqrt(2 / n_in), (n_in, n_out))
            else:
                lim = np.sqrt(6 / (n_in + n_out))
                W = rng.uniform(-lim, lim, (n_in, n_out))
            self.W_.append(W.astype(self.dtype))
            self.b_.append(np.zeros(n_out, self.dtype))
        self.history_ = History()
        self.trainer_ = None   # made by the first fit: shuffling stream and optimizer state
        return self

    @property
    def params_(self):
        """[W_1, b_1, W_2, b_2, ...]: the arrays themselves (changing them changes the model)."""
        return [p for Wb in zip(self.W_, self.b_) for p in Wb]

    @property
    def n_neurons(self):
        """Neurons with weights: hidden + output (inputs are not neurons). 3-4-2 -> 6."""
        return sum(self.layer_sizes[1:])

    @property
    def n_weights(self):
        """Edges between consecutive layers. 3-4-2 -> 3*4 + 4*2 = 20."""
        return sum(a * b for a, b in zip(self.layer_sizes[:-1], self.layer_sizes[1:]))

    @property
    def n_params(self):
        """Weights + one bias per neuron. 3-4-2 -> 20 + 6 = 26."""
        return self.n_weights + self.n_neurons

    # ---- forward / backward ----------------------------------------------------------------
    def _check_X(self, X):
        X = as_array(X, "X", ndim=2, dtype=self.dtype, max_abs=np.finfo(self.dtype).max ** 0.25)
        if X.shape[1] != self.layer_sizes[0]:
            raise ValueError(f"X has {X.shape[1]} features per sample but the network has "
                             f"{self.layer_sizes[0]} inputs")
        return X

    def forward(self, X):
        """X (n, d) -> (output f_L of shape (n, k), [LayerCache per layer])."""
        cache, f = [], X
        for W, b, act in zip(self.W_, self.b_, self.activations):
            a = f @ W
            a += b
            x, f = f, act.f(a)
            cache.append(LayerCache(x, a, f))
        return f, cache

    def loss_from_cache(self, cache, Y):
        """The loss of the batch whose forward pass gave `cache` (no second forward pass)."""
        last = cache[-1]
        loss = self._train_loss
        if loss.from_probabilities is not None:   # the softmax forward already computed: re-use it
            value = loss.from_probabilities(last.f, Y)
            if value is not None:
                return value
        return float(loss.value(last.a if loss.from_logits else last.f, Y))

    def backward(self, cache, Y):
        """Backpropagation. cache from forward, Y from ``targets(y)``.

        Returns (grads, deltas): grads = [dW_1, db_1, dW_2, db_2, ...] in the order of
        ``params_``; deltas[l] = dL/da_l for each layer (n, n_l).
        """
        last, loss = cache[-1], self._train_loss
        if loss.from_logits:  # softmax / sigmoid output fused with its loss: re-use its probabilities
            delta = loss.grad(last.a, Y, last.f)
        else:
            delta = self.activations[-1].backward(last.a, last.f, loss.grad(last.f, Y))
        grads, deltas = [], [None] * len(cache)
        for l in range(len(cache) - 1, -1, -1):
            deltas[l] = delta
            grads[:0] = [cache[l].x.T @ delta, delta.sum(axis=0)]
            if l > 0:  # propagate: re-use delta of layer l for layer l-1
                below = cache[l - 1]
                delta = self.activations[l - 1].backward(below.a, below.f, delta @ self.W_[l].T)
        return grads, deltas

    def targets(self, y):
        """y as the output layer expects: class labels (n,) for cross-entropy, else (n, k)
        (integer labels are one-hot encoded when there are several outputs)."""
        k = self.layer_sizes[-1]
        if self.loss.name == "cross_entropy":
            return check_class_labels(y, "y", n_classes=k)
        y = as_array(y, "y", ndim=(1, 2), dtype=self.dtype)
        if y.ndim == 1 and k == 1:
            y = y[:, None]
        elif y.ndim == 1:
            labels = check_class_labels(y, "y", n_classes=k)
            return np.eye(k, dtype=self.dtype)[labels]
        if y.shape[1] != k:
            raise ValueError(f"y has {y.shape[1]} columns but the network has {k} outputs")
        reach = self.loss.target_range or self.activations[-1].output_range
        if reach is not None and (y.min() < reach[0] or y.max() > reach[1]):
            raise ValueError(f"y holds values from {y.min():g} to {y.max():g}, but with output="
                             f"{self.activations[-1].name!r} and loss={self.loss.name!r} every target must "
                             f"lie in [{reach[0]:g}, {reach[1]:g}] (class labels "
                             f"{'0 and 1' if reach[0] == 0 else '-1 and +1'})")
        return y

    def loss_and_grads(self, X, y):
        """(loss, grads) on the batch (X, y); grads in the order of ``params_``."""
        X = self._check_X(X)
        Y = self.targets(y)
        check_same_length(X, Y)
        _, cache = self.forward(X)
        return self.loss_from_cache(cache, Y), self.backward(cache, Y)[0]

    # ---- training --------------------------------------------------------------------------
    def fit(self, X, y, X_val=None, y_val=None, callback=None, step_callback=None):
        """Train for ``epochs`` epochs, continuing where the last call stopped (the shuffling order,
        momentum and epoch count carry over: k calls of fit with epochs=1 are one fit with
        epochs=k; ``init_params()`` starts again). Returns self.

        callback(model, record) after every epoch, record an EpochRecord (record.loss or
        record["loss"]: "epoch", "loss", "accuracy", "val_loss", "val_accuracy", "seconds"); a
        callback returning True stops training. step_callback(model, info) after every
        mini-batch, info = {"epoch", "step", "n_steps", "loss"} (progress bars, animations).
        Raises DivergenceError, in words, as soon as a batch's loss is NaN or infinite.
        """
        X = self._check_X(X)
        Y = self.targets(y)
        check_same_length(X, Y)
        check_callable(callback, "callback", optional=True)
        check_callable(step_callback, "step_callback", optional=True)
        if (X_val is None) != (y_val is None):
            raise ValueError("X_val and y_val go together: pass both held-out inputs and their labels, or neither")
        if X_val is not None:
            X_val, Y_val = self._check_X(X_val), self.targets(y_val)
            check_same_length(X_val, Y_val, "X_val", "y_val")
        if self.trainer_ is None:
            self.trainer_ = Trainer(SGD(self.lr, self.momentum), self.batch_size, seed=self.seed + 1,
                                    lr_decay=self.lr_decay)
        self.trainer_.lr0, self.trainer_.batch_size = self.lr, self.batch_size

        def batch(idx):
            _, cache = self.forward(X[idx])
            Y_batch = Y[idx]
            loss = self.loss_from_cache(cache, Y_batch)
            grads = self.backward(cache, Y_batch)[0] if math.isfinite(loss) else None
            return loss, self.n_correct(cache[-1].f, Y_batch), grads

        def evaluate(record):
            if not self.is_classifier:
                record.accuracy = None
            if X_val is not None:
                f, cache = self.forward(X_val)
                record.val_loss = self.loss_from_cache(cache, Y_val)
                record.val_accuracy = self.n_correct(f, Y_val) / len(X_val) if self.is_classifier else None

        self.trainer_.run(batch, self.params_, len(X), self.epochs, self.history_, evaluate,
                          callback=None if callback is None else lambda record: callback(self, record),
                          step_callback=None if step_callback is None else lambda info: step_callback(self, info))
        return self

    # ---- prediction ------------------------------------------------------------------------
    @property
    def is_classifier(self):
        """An output with a bounded range (sigmoid, tanh, softmax: the registry says) names classes."""
        return self.activations[-1].output_range is not None

    def _labels_from_output(self, f):
        if f.shape[1] > 1:
            return f.argmax(axis=1)
        low, high = self.activations[-1].output_range   # one output: its two ends are the two classes
        positive = f[:, 0] >= (low + high) / 2
        return np.where(positive, int(high), int(low))

    def n_correct(self, f, Y):
        """How many outputs f (n, k) name the class in Y (``targets(y)``); 0 for a regressor."""
        if Y.ndim == 1:  # class labels (cross-entropy)
            return int(np.count_nonzero(f.argmax(axis=1) == Y))
        if not self.is_classifier:
            return 0
        truth = self._labels_from_output(Y)
        return int(np.sum(self._labels_from_output(f) == truth))

    def predict(self, X):
        """Class labels for a classifier (argmax; or 0/1 for one sigmoid output, -1/+1 for one
        tanh output); the raw outputs (n, k) for a regressor (identity or relu output)."""
        f, _ = self.forward(self._check_X(X))
        return self._labels_from_output(f) if self.is_classifier else f

    def predict_proba(self, X):
        """Class probabilities (n, k): softmax outputs, or [1 - s, s] for one sigmoid output."""
        f, _ = self.forward(self._check_X(X))
        name = self.activations[-1].name
        if name == "softmax":
            return f
        if name == "sigmoid" and f.shape[1] == 1:
            return np.hstack([1 - f, f])
        raise ValueError(f"predict_proba needs a softmax or single sigmoid output, not {name}")

    def score(self, X, y):
        """Accuracy for a classifier; the coefficient of determination R^2 for a regressor."""
        X = self._check_X(X)
        Y = self.targets(y)
        check_same_length(X, Y)
        f, _ = self.forward(X)
        if self.is_classifier:
            return self.n_correct(f, Y) / len(X)
        ss_res = np.sum((Y - f) ** 2)
        ss_tot = np.sum((Y - Y.mean(axis=0)) ** 2)
        return float(1 - ss_res / ss_tot) if ss_tot > 0 else float(ss_res == 0)

    def __repr__(self):
        hidden = ", ".join(a.name for a in self.activations[:-1])
        return (f"MLP({'-'.join(map(str, self.layer_sizes))}, hidden=[{hidden}], "
                f"output={self.activations[-1].name}, loss={self.loss.name})")
