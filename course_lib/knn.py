"""k-nearest-neighbour classification with Euclidean (L2) distance.

    ||a - b||^2 = ||a||^2 - 2 <a, b> + ||b||^2

so all distances from a chunk of test points to every training point are one matrix product; the
chunk size bounds the memory (chunk x n_train floats) however large the test set.
"""
import numpy as np

from .validation import as_array, check_callable, check_class_labels, check_dtype, check_number, check_same_length


class KNeighborsClassifier:
    """KNeighborsClassifier(k=3, chunk_size=500, dtype=np.float32); fit stores the data."""

    def __init__(self, k=3, chunk_size=500, dtype=np.float32):
        self.k = check_number(k, "k", low=1, integer=True)
        self.chunk_size = check_number(chunk_size, "chunk_size", low=1, integer=True)
        self.dtype = check_dtype(dtype)

    def fit(self, X, y):
        """X (n, d), y (n,) class labels 0..K-1. Returns self."""
        self.X_ = as_array(X, "X", ndim=2, dtype=self.dtype)
        self.y_ = check_class_labels(y, "y")
        check_same_length(self.X_, self.y_)
        if self.k > len(self.X_):
            raise ValueError(f"k={self.k} is larger than the {len(self.X_)} training samples")
        self.sq_norms_ = np.einsum("ij,ij->i", self.X_, self.X_)
        self.n_classes_ = int(self.y_.max()) + 1
        return self

    def kneighbors(self, X, callback=None):
        """Indices (m, k) of the k nearest training points of each row of X, nearest first.

        callback(done, total) is called after each chunk (for a progress bar).
        """
        if not hasattr(self, "X_"):
            raise ValueError("call fit before asking for neighbours")
        check_callable(callback, "callback", optional=True)
        X = as_array(X, "X", ndim=2, dtype=self.dtype)
        if X.shape[1] != self.X_.shape[1]:
            raise ValueError(f"X has {X.shape[1]} features, the training data {self.X_.shape[1]}")
        out = np.empty((len(X), self.k), dtype=np.int64)
        for start in range(0, len(X), self.chunk_size):
            chunk = X[start:start + self.chunk_size]
            # ||a||^2 is the same for every training point, so it does not change the ranking
            d = self.sq_norms_[None, :] - 2 * (chunk @ self.X_.T)
            rows = np.arange(len(chunk))
            for j in range(self.k):  # k argmin passes beat argpartition for small k
                nearest = d.argmin(axis=1)
                out[start + rows, j] = nearest
                d[rows, nearest] = np.inf
            if callback is not None:
                callback(min(start + self.chunk_size, len(X)), len(X))
        return out

    def predict(self, X, callback=None):
        """Majority label of the k nearest neighbours; ties go to the nearest neighbour's label."""
        idx = self.kneighbors(X, callback)
        labels = self.y_[idx]                                  # (m, k), nearest first
        votes = np.zeros((len(labels), self.n_classes_))
        np.add.at(votes, (np.arange(len(labels))[:, None], labels), 1.0)
        votes[np.arange(len(labels)), labels[:, 0]] += 0.5    # the nearest breaks ties
        return votes.argmax(axis=1)

    def score(self, X, y, callback=None):
        """Accuracy of predict(X) against the labels y."""
        y = check_class_labels(y, "y")
        check_same_length(X, y)
        return float(np.mean(self.predict(X, callback) == y))
