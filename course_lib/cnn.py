"""A small convolutional network for 28 x 28 images:

    conv 5x5 (c1 filters) -> ReLU -> max-pool 2x2 -> conv 5x5 (c2) -> ReLU -> max-pool 2x2
    -> flatten (7 * 7 * c2) -> [fully connected ReLU layers `hidden`] -> softmax
    (the fully connected part is a course_lib.mlp.MLP)

trained with mini-batch SGD and momentum on softmax cross-entropy.
"""
import numpy as np

from .activations import relu
from .conv_layers import conv_backward, conv_forward, maxpool_backward, maxpool_forward
from .mlp import MLP
from .optim import SGD
from .training import History, Trainer
from .validation import (as_array, check_class_labels, check_dtype, check_number, check_positive,
                         check_same_length, check_seed)


class CNN:
    """CNN(channels=(8, 16), hidden=(), lr=0.05, momentum=0.9, epochs=1, batch_size=64, dtype=float32,
    seed=0).

    X: (n, 784) or (n, 28, 28) pixels in [0, 1]; y: labels 0-9. Learned: conv_ (list of [W, b]),
    head_ (the MLP on the flattened features), history_.
    """

    def __init__(self, channels=(8, 16), hidden=(), lr=0.05, momentum=0.9, epochs=1, batch_size=64,
                 lr_decay=0.0, dtype=np.float32, seed=0):
        if len(channels) != 2 or not all(isinstance(c, int) and c >= 1 for c in channels):
            raise ValueError(f"channels must be two positive integers, got {channels!r}")
        self.channels = tuple(channels)
        self.lr = check_positive(lr, "lr")
        self.momentum = check_number(momentum, "momentum", low=0, high=0.999)
        self.epochs = check_number(epochs, "epochs", low=1, integer=True)
        self.batch_size = check_number(batch_size, "batch_size", low=1, integer=True)
        self.lr_decay = check_number(lr_decay, "lr_decay", low=0)
        self.dtype = check_dtype(dtype)
        self.seed = check_seed(seed)
        rng = np.random.default_rng(seed)
        self.conv_ = []
        for c_in, c_out in zip((1,) + self.channels[:-1], self.channels):
            W = rng.normal(0, np.sqrt(2 / (25 * c_in)), (c_out, c_in, 5, 5)).astype(self.dtype)  # He
            self.conv_.append([W, np.zeros(c_out, self.dtype)])
        self.hidden = tuple(hidden)
        self.head_ = MLP([7 * 7 * self.channels[1], *self.hidden, 10], activation="relu", output="softmax",
                         dtype=self.dtype, seed=seed)
        self.history_ = History()
        self.trainer_ = None   # made by the first fit; carries shuffling and momentum across fits

    @property
    def params_(self):
        return [p for layer in self.conv_ for p in layer] + self.head_.params_

    @property
    def n_params(self):
        return sum(p.size for p in self.params_)

    def _images(self, X):
        X = as_array(X, "X", ndim=(2, 3), dtype=self.dtype)
        if X.shape[1:] not in ((784,), (28, 28)):
            raise ValueError(f"X must hold 28 x 28 images, flat (n, 784) or (n, 28, 28); got {X.shape}")
        return X.reshape(1, -1, 28, 28)   # conv_layers' layout: channels, batch, height, width

    def forward(self, images):
        """images (1, n, 28, 28) -> (softmax output (n, 10), caches)."""
        caches, h = [], images
        for W, b in self.conv_:
            a, conv_cache = conv_forward(h, W, b, pad=2)
            # max-pool then ReLU: the same numbers as ReLU then max-pool (both keep the largest,
            # and a negative maximum becomes 0 either way), with the ReLU on a 4x smaller array
            pooled, pool_cache = maxpool_forward(a)
            h = relu(pooled)
            caches.append((conv_cache, pool_cache))
        features = h.transpose(1, 0, 2, 3).reshape(h.shape[1], -1)   # (n, C*7*7) for the head
        out, head_cache = self.head_.forward(features)
        return out, (caches, head_cache, h.shape)

    def backward(self, cache, y):
        """Gradients in the order of params_."""
        caches, head_cache, shape = cache
        head_grads, deltas = self.head_.backward(head_cache, y)
        C, n, H, W = shape
        dh = (deltas[0] @ self.head_.W_[0].T).reshape(n, C, H, W).transpose(1, 0, 2, 3)  # dL/d(features)
        conv_grads = []
        for layer in range(len(caches) - 1, -1, -1):
            conv_cache, pool_cache = caches[layer]
            # the ReLU after the max-pool passes the gradient exactly where the pooled value is > 0
            pooled = pool_cache[1]
            da = maxpool_backward(dh * (pooled > 0), pool_cache)
            dh, dW, db = conv_backward(da, conv_cache, need_dx=layer > 0)  # no gradient for the image
            conv_grads[:0] = [dW, db]
        return conv_grads + head_grads

    def loss_and_grads(self, X, y):
        images, y = self._images(X), check_class_labels(y, "y", n_classes=10)
        out, cache = self.forward(images)
        return self.head_.loss_from_cache(cache[1], y), self.backward(cache, y)

    def fit(self, X, y, callback=None, step_callback=None):
        """Mini-batch SGD with momentum for `epochs` more epochs (continuing where the last call
        stopped, as MLP.fit). callback(model, record) after each epoch (an EpochRecord; True
        stops); step_callback(model, info) after each mini-batch, info = {"epoch", "step",
        "n_steps", "loss"}. Returns self."""
        images = self._images(X)
        y = check_class_labels(y, "y", n_classes=10)
        check_same_length(images[0], y)
        if self.trainer_ is None:
            self.trainer_ = Trainer(SGD(self.lr, self.momentum), self.batch_size, seed=self.seed + 1,
                                    lr_decay=self.lr_decay)

        def batch(idx):
            out, cache = self.forward(images[:, idx])
            loss = self.head_.loss_from_cache(cache[1], y[idx])
            grads = self.backward(cache, y[idx]) if np.isfinite(loss) else None
            return loss, self.head_.n_correct(out, y[idx]), grads

        self.trainer_.run(batch, self.params_, images.shape[1], self.epochs, self.history_,
                          callback=None if callback is None else lambda record: callback(self, record),
                          step_callback=None if step_callback is None else lambda info: step_callback(self, info))
        return self

    def predict_proba(self, X, batch_size=1000):
        images = self._images(X)
        return np.vstack([self.forward(images[:, i:i + batch_size])[0] for i in range(0, images.shape[1], batch_size)])

    def predict(self, X):
        return self.predict_proba(X).argmax(axis=1)

    def score(self, X, y):
        """Accuracy on images X with labels y."""
        y = check_class_labels(y, "y")
        images = self._images(X)
        check_same_length(images[0], y)
        return float(np.mean(self.predict(X) == y))
