"""Rosenblatt's online perceptron, exactly as on the slides.

    y_hat(t) = sign(<w(t-1), x(t)>)           with sign(0) = +1
    w(t)     = w(t-1) + eta * y(t) * x(t) * 1[y(t) != y_hat(t)]

w(0) = 0, eta = 1 and no bias by default (the slides' setting). With ``fit_bias=True`` every x is
augmented with a constant 1, so the last weight is the bias.
"""
from dataclasses import dataclass

import numpy as np

from .validation import (as_array, check_class_labels, check_number, check_pm1_labels, check_positive,
                         check_same_length, check_seed)


def sign(a):
    """+1 where a >= 0, else -1. Unlike ``numpy.sign``, sign(0) = +1 as the slides require."""
    out = np.where(np.asarray(a) >= 0, 1, -1)
    return int(out) if out.ndim == 0 else out


def _fmt(v):
    """A number as the slides write it: 1, -1, 0.5 (no trailing .0)."""
    v = float(v)
    return str(int(v)) if v == int(v) else f"{v:.4g}"


def _plural(n, word):
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def fmt_vector(v):
    """(1, -1) style text for a vector."""
    return "(" + ", ".join(_fmt(x) for x in np.ravel(v)) + ")"


@dataclass(frozen=True)
class StepRecord:
    """One update of the perceptron: everything the slide's table shows for time t."""
    t: int
    epoch: int
    x: np.ndarray          # the (possibly bias-augmented) input
    y: int                 # the label
    activation: float      # <w(t-1), x(t)>
    y_hat: int             # sign(activation)
    w_before: np.ndarray   # w(t-1)
    w_after: np.ndarray    # w(t)
    mistake: bool
    eta: float = 1.0

    def equation(self):
        """The slide's update line filled in, e.g. 'w(1) = (0, 0) + (-1)(1, -1)(1) = (-1, 1)'."""
        eta = "" if self.eta == 1 else f"{_fmt(self.eta)}·"
        return (f"w({self.t}) = {fmt_vector(self.w_before)} + {eta}({self.y}){fmt_vector(self.x)}"
                f"({int(self.mistake)}) = {fmt_vector(self.w_after)}")

    def verdict(self):
        """'no match!' when y_hat differs from y (an update), 'match' otherwise."""
        return "no match!" if self.mistake else "match"

    def __str__(self):
        return (f"t={self.t}: x={fmt_vector(self.x)}, <w,x>={_fmt(self.activation)}, "
                f"y_hat={self.y_hat:+d}, y={self.y:+d}, {self.verdict()}  {self.equation()}")


class Perceptron:
    """Online perceptron (scikit-learn style: settings in __init__, learned state ends in _).

    Parameters: ``eta`` learning rate (1 on the slides), ``fit_bias`` augment x with a 1.
    Learned: ``w_`` (d,) or (d+1,), ``t_`` steps taken, ``trace_`` list of StepRecord,
    ``converged_`` and ``n_epochs_`` after ``fit``.
    """

    def __init__(self, eta=1.0, fit_bias=False):
        self.eta = check_positive(eta, "eta")
        if not isinstance(fit_bias, (bool, np.bool_)):
            raise TypeError(f"fit_bias must be True or False, got {fit_bias!r}")
        self.fit_bias = bool(fit_bias)
        self.w_ = None

    def reset(self, n_features):
        """Start again from w(0) = 0 for inputs of `n_features` numbers."""
        check_number(n_features, "n_features", low=1, integer=True)
        self.w_ = np.zeros(n_features + int(self.fit_bias))
        self.t_ = 0
        self.trace_ = []
        self.converged_ = False
        self.n_epochs_ = 0
        return self

    def _augment(self, X):
        return np.hstack([X, np.ones((len(X), 1))]) if self.fit_bias else X

    def step(self, x, y, epoch=1):
        """Receive one observation x (d,) and its label y in {-1, +1}; return the StepRecord."""
        x = as_array(x, "x", ndim=1)
        y = int(check_pm1_labels([y], "y")[0])
        if self.w_ is None:
            self.reset(len(x))
        x = self._augment(x[None, :])[0]
        if len(x) != len(self.w_):
            raise ValueError(f"x has {len(x) - int(self.fit_bias)} features but the perceptron "
                             f"was started with {len(self.w_) - int(self.fit_bias)}")
        w_before = self.w_.copy()
        activation = float(w_before @ x)
        y_hat = sign(activation)
        mistake = y_hat != y
        if mistake:
            self.w_ = w_before + self.eta * y * x
        self.t_ += 1
        record = StepRecord(self.t_, epoch, x, y, activation, y_hat, w_before, self.w_.copy(),
                            bool(mistake), self.eta)
        self.trace_.append(record)
        return record

    def fit(self, X, y, max_epochs=100):
        """Cycle through the samples in order until an epoch makes no mistake or `max_epochs` pass.

        X (n, d), y (n,) in {-1, +1}. Returns self; see ``trace_``, ``converged_``, ``n_epochs_``.
        """
        X, y = self._check_Xy(X, y)
        check_number(max_epochs, "max_epochs", low=1, integer=True)
        self.reset(X.shape[1])
        for epoch in range(1, max_epochs + 1):
            mistakes = sum(self.step(x_i, y_i, epoch).mistake for x_i, y_i in zip(X, y))
            self.n_epochs_ = epoch
            if mistakes == 0:
                self.converged_ = True
                break
        return self

    @property
    def n_mistakes_(self):
        """Number of updates made so far."""
        return sum(r.mistake for r in self.trace_)

    def summary(self):
        """One sentence on how fitting ended."""
        if self.converged_:
            return (f"converged after {self.n_epochs_} epochs ({_plural(self.n_mistakes_, 'mistake')}); "
                    f"w = {fmt_vector(self.w_)}")
        return (f"no line separates these points: did not converge after {self.n_epochs_} epochs "
                f"({_plural(self.n_mistakes_, 'mistake')})")

    def decision_function(self, X):
        """<w, x> for each row of X (n, d) -> (n,)."""
        if self.w_ is None:
            raise ValueError("the perceptron has no weights yet: call fit or step first")
        X = as_array(X, "X", ndim=2)
        if X.shape[1] + int(self.fit_bias) != len(self.w_):
            raise ValueError(f"X has {X.shape[1]} features, expected {len(self.w_) - int(self.fit_bias)}")
        return self._augment(X) @ self.w_

    def predict(self, X):
        """sign(<w, x>) for each row of X (n, d) -> (n,) in {-1, +1}."""
        return np.atleast_1d(sign(self.decision_function(X)))

    def score(self, X, y):
        """Fraction of samples classified correctly."""
        X, y = self._check_Xy(X, y)
        return float(np.mean(self.predict(X) == y))

    @staticmethod
    def _check_Xy(X, y):
        X = as_array(X, "X", ndim=2)
        y = check_pm1_labels(y, "y")
        check_same_length(X, y)
        return X, y


def mistake_bound(X, y, w_star):
    """Novikoff's bound (R / gamma)^2 on the perceptron's mistakes (no bias, eta = 1).

    R = max ||x_i||, gamma = min y_i <w*, x_i> / ||w*|| for a separating direction w_star (d,).
    Raises ValueError if w_star does not separate the data (gamma <= 0).
    """
    X, y = Perceptron._check_Xy(X, y)
    w_star = as_array(w_star, "w_star", ndim=1)
    if len(w_star) != X.shape[1] or not np.any(w_star):
        raise ValueError(f"w_star must be a non-zero vector of {X.shape[1]} numbers")
    gamma = np.min(y * (X @ w_star)) / np.linalg.norm(w_star)
    if gamma <= 0:
        raise ValueError("w_star does not separate the data (some y <w*, x> <= 0)")
    R = np.max(np.linalg.norm(X, axis=1))
    return float((R / gamma) ** 2)


class OneVsRestPerceptron:
    """K perceptrons, class k against the rest, trained together online; predicts the class with
    the largest <w_k, x> + b_k (a linear model, for contrast with softmax regression).

    W_ (K, d) and b_ (K,). Settings: eta, epochs, seed (sample order). Works in X's float type,
    so float32 MNIST is not copied to float64.
    """

    def __init__(self, eta=1.0, epochs=1, seed=0):
        self.eta = check_positive(eta, "eta")
        self.epochs = check_number(epochs, "epochs", low=1, integer=True)
        self.seed = check_seed(seed)

    def _X(self, X):
        dtype = X.dtype if isinstance(X, np.ndarray) and X.dtype in (np.float32, np.float64) else np.float64
        return as_array(X, "X", ndim=2, dtype=dtype)

    def fit(self, X, y):
        X = self._X(X)
        y = check_class_labels(y, "y")
        check_same_length(X, y)
        K = int(y.max()) + 1
        self.W_ = np.zeros((K, X.shape[1]), dtype=X.dtype)
        self.b_ = np.zeros(K, dtype=X.dtype)
        targets = np.where(np.arange(K)[None, :] == y[:, None], 1, -1)     # (n, K) in {-1, +1}
        rng = np.random.default_rng(self.seed)
        self.mistakes_ = []
        for _ in range(self.epochs):
            mistakes = 0
            for i in rng.permutation(len(X)):
                wrong = sign(self.W_ @ X[i] + self.b_) != targets[i]      # one test per class
                if wrong.any():
                    step = self.eta * targets[i, wrong]
                    self.W_[wrong] += step[:, None] * X[i]
                    self.b_[wrong] += step
                    mistakes += int(wrong.sum())
            self.mistakes_.append(mistakes)
        return self

    def predict(self, X):
        """The class whose perceptron gives the largest <w_k, x> + b_k, for each row of X."""
        if not hasattr(self, "W_"):
            raise ValueError("the perceptrons have no weights yet: call fit first")
        X = self._X(X)
        if X.shape[1] != self.W_.shape[1]:
            raise ValueError(f"X has {X.shape[1]} features, the training data had {self.W_.shape[1]}")
        return (X @ self.W_.T + self.b_).argmax(axis=1)

    def score(self, X, y):
        """Fraction of rows of X whose predicted class is y."""
        y = check_class_labels(y, "y")
        check_same_length(X, y)
        return float(np.mean(self.predict(X) == y))
