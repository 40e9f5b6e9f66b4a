"""The world's smallest perceptron y_hat = w x and the second smallest y_hat = w1 x1 + w2 x2.

Both are ``LinearNeuron``: y_hat = X w with the slides' loss L = 1/2 (y - y_hat)^2 averaged over
the samples, so dL/dw = -(1/n) sum_i (y_i - y_hat_i) x_i (one sample: -(y - y_hat) x).
"""
import numpy as np

from .validation import as_array, check_same_length


class LinearNeuron:
    """y_hat = X @ w. X: (n, d) inputs, y: (n,) targets."""

    def __init__(self, X, y):
        X = as_array(X, "X", ndim=(1, 2))
        self.X = X[:, None] if X.ndim == 1 else X
        self.y = as_array(y, "y", ndim=1)
        check_same_length(self.X, self.y)

    @property
    def n_samples(self):
        return len(self.y)

    @property
    def n_weights(self):
        return self.X.shape[1]

    def _w(self, w):
        # the hot path (an optimizer's own float array, thousands of calls a run) checks only
        # what could be wrong with it; anything else goes through the full validation
        if type(w) is np.ndarray and w.dtype == np.float64 and w.shape == (self.n_weights,) and np.isfinite(w).all():
            return w
        w = np.atleast_1d(as_array(w, "w", ndim=(0, 1)))
        if w.shape != (self.n_weights,):
            raise ValueError(f"w must hold {self.n_weights} weight(s), got shape {w.shape}")
        return w

    def predict(self, w, X=None):
        if X is None:
            X = self.X
        else:
            X = as_array(X, "X", ndim=(1, 2))
            X = X[:, None] if X.ndim == 1 and self.n_weights == 1 else np.atleast_2d(X)
            if X.shape[1] != self.n_weights:
                raise ValueError(f"X has {X.shape[1]} features per sample but the neuron has {self.n_weights} weights")
        return X @ self._w(w)

    def loss(self, w, idx=None):
        """Mean of 1/2 (y_i - w.x_i)^2 over all samples, or over the indices `idx`."""
        X, y = (self.X, self.y) if idx is None else (self.X[idx], self.y[idx])
        r = y - X @ self._w(w)
        return 0.5 * float(r @ r) / len(r)

    def grad(self, w, idx=None):
        """-(1/n) sum (y_i - y_hat_i) x_i over all samples or the indices `idx` -> (d,)."""
        X, y = (self.X, self.y) if idx is None else (self.X[idx], self.y[idx])
        return -(X.T @ (y - X @ self._w(w))) / len(y)

    def loss_grid(self, *axes):
        """Loss on a grid: one 1-D array of values per weight -> array of shape (len(ax1), ...).

        Vectorised: the loss is a quadratic, 1/2 w^T H w - g^T w + c with H = X^T X / n.
        """
        if len(axes) != self.n_weights:
            raise ValueError(f"loss_grid needs {self.n_weights} axes (one array of values per weight), "
                             f"got {len(axes)}")
        grids = np.meshgrid(*[as_array(a, f"axes[{i}]", ndim=1) for i, a in enumerate(axes)], indexing="ij")
        W = np.stack([g.ravel() for g in grids], axis=1)          # (m, d)
        R = self.y[None, :] - W @ self.X.T                       # (m, n)
        return (0.5 * np.mean(R * R, axis=1)).reshape(grids[0].shape)

    @property
    def hessian(self):
        return self.X.T @ self.X / self.n_samples

    @property
    def w_star(self):
        """The minimiser (least squares)."""
        return np.linalg.lstsq(self.X, self.y, rcond=None)[0]

    @property
    def max_stable_eta(self):
        """Gradient descent converges iff eta < 2 / largest eigenvalue of the Hessian."""
        curvature = float(np.linalg.eigvalsh(self.hessian).max())
        if curvature <= 0:
            raise ValueError("X is all zeros, so the loss is flat in w: every eta is stable and none "
                             "makes progress; give the neuron non-zero inputs")
        return 2.0 / curvature


def smallest_perceptron():
    """The world's smallest perceptron y_hat = w x on five points near y = 2x (w* = 1.9927)."""
    x = np.array([0.5, 1.0, 1.5, 2.0, 2.5])
    y = np.array([1.1, 1.9, 3.1, 3.9, 5.0])
    return LinearNeuron(x, y)


def second_smallest_perceptron():
    """y_hat = w1 x1 + w2 x2 on six points from y = 1.5 x1 - 0.5 x2 (exactly: w* = (1.5, -0.5)).

    The inputs are correlated, so the loss bowl is an elongated ellipse: a good picture of why
    the step size matters.
    """
    X = np.array([[1.0, 0.5], [0.5, 1.0], [1.0, 1.0], [2.0, 1.5], [-1.0, -0.5], [0.0, 1.0]])
    return LinearNeuron(X, X @ np.array([1.5, -0.5]))
