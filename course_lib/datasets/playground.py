"""TensorFlow Playground's 2-D data sets, generated the way its dataset.ts does.

Classification sets have labels -1 / +1; regression sets have targets in [-1, 1]. ``noise`` is
the Playground slider's value divided by 100 (0 to 0.5).
"""
import numpy as np

from ..validation import as_array, check_number, check_same_length, check_seed, lookup


def _check(n_samples, noise, seed):
    check_number(n_samples, "n_samples", low=2, integer=True)
    check_number(noise, "noise", low=0, high=0.5)
    check_seed(seed)


def circle(n_samples=500, noise=0.0, seed=0):
    """Inside r < 2.5 label +1, ring 3.5 < r < 5 label -1; labels follow the noisy position."""
    _check(n_samples, noise, seed)
    rng, radius = np.random.default_rng(seed), 5.0
    n_in = n_samples // 2
    r = np.concatenate([rng.uniform(0, radius * 0.5, n_in),
                        rng.uniform(radius * 0.7, radius, n_samples - n_in)])
    angle = rng.uniform(0, 2 * np.pi, n_samples)
    X = np.stack([r * np.sin(angle), r * np.cos(angle)], axis=1)
    noisy = X + rng.uniform(-radius, radius, X.shape) * noise
    y = np.where(np.linalg.norm(noisy, axis=1) < radius * 0.5, 1, -1)
    return X, y


def xor(n_samples=500, noise=0.0, seed=0):
    """Points in [-5, 5]^2 kept 0.3 away from the axes; label sign(x1 * x2)."""
    _check(n_samples, noise, seed)
    rng, padding = np.random.default_rng(seed), 0.3
    X = rng.uniform(-5, 5, (n_samples, 2))
    X += np.where(X > 0, padding, -padding)
    noisy = X + rng.uniform(-5, 5, X.shape) * noise
    y = np.where(noisy[:, 0] * noisy[:, 1] >= 0, 1, -1)
    return X, y


def gaussian(n_samples=500, noise=0.0, seed=0):
    """Two Gaussian blobs at (2, 2) label +1 and (-2, -2) label -1; spread 0.5 + 7 noise."""
    _check(n_samples, noise, seed)
    rng = np.random.default_rng(seed)
    variance = 0.5 + noise / 0.5 * 3.5
    n_pos = n_samples // 2
    pos = rng.normal(2, np.sqrt(variance), (n_pos, 2))
    neg = rng.normal(-2, np.sqrt(variance), (n_samples - n_pos, 2))
    return np.vstack([pos, neg]), np.concatenate([np.ones(n_pos, int), -np.ones(n_samples - n_pos, int)])


def spiral(n_samples=500, noise=0.0, seed=0):
    """Two interleaved spirals of radius 5, 1.75 turns each, labels +1 and -1."""
    _check(n_samples, noise, seed)
    rng = np.random.default_rng(seed)
    n = n_samples // 2
    parts, labels = [], []
    for delta, label, count in ((0.0, 1, n), (np.pi, -1, n_samples - n)):
        i = np.arange(count)
        r = i / count * 5
        t = 1.75 * i / count * 2 * np.pi + delta
        pts = np.stack([r * np.sin(t), r * np.cos(t)], axis=1)
        parts.append(pts + rng.uniform(-1, 1, pts.shape) * noise)
        labels.append(np.full(count, label))
    return np.vstack(parts), np.concatenate(labels)


def regression_plane(n_samples=500, noise=0.0, seed=0):
    """Targets (x1 + x2) / 10 on [-6, 6]^2, at the noisy position (unclipped, as in Playground)."""
    _check(n_samples, noise, seed)
    rng = np.random.default_rng(seed)
    X = rng.uniform(-6, 6, (n_samples, 2))
    noisy = X + rng.uniform(-6, 6, X.shape) * noise
    return X, noisy.sum(axis=1) / 10


_BUMPS = np.array([[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]])


def regression_gaussian(n_samples=500, noise=0.0, seed=0):
    """Six +-1 bumps; the target is the strongest bump's value, falling to 0 at distance 2."""
    _check(n_samples, noise, seed)
    rng = np.random.default_rng(seed)
    X = rng.uniform(-6, 6, (n_samples, 2))
    noisy = X + rng.uniform(-6, 6, X.shape) * noise
    dist = np.linalg.norm(noisy[:, None, :] - _BUMPS[None, :, :2], axis=2)
    values = _BUMPS[:, 2] * np.clip(1 - dist / 2, 0, 1)
    strongest = np.argmax(np.abs(values), axis=1)
    return X, values[np.arange(n_samples), strongest]


PLAYGROUND_SETS = {"circle": circle, "xor": xor, "gaussian": gaussian, "spiral": spiral,
                   "regression_plane": regression_plane, "regression_gaussian": regression_gaussian}


def make_playground(name, n_samples=500, noise=0.0, seed=0):
    """One of PLAYGROUND_SETS by name -> (X (n, 2), y (n,))."""
    return lookup(name, PLAYGROUND_SETS, "data set")(n_samples, noise, seed)


def train_test_split(X, y, test_fraction=0.5, seed=0):
    """Seeded random split -> X_train, X_test, y_train, y_test (each part non-empty)."""
    X = as_array(X, "X", ndim=2)
    y = as_array(y, "y", ndim=1)
    check_same_length(X, y)
    check_number(test_fraction, "test_fraction", low=0, high=1, low_open=True)
    check_seed(seed)
    n_test = int(round(len(X) * test_fraction))
    if not 1 <= n_test < len(X):
        raise ValueError(f"test_fraction={test_fraction} leaves an empty part for {len(X)} samples")
    order = np.random.default_rng(seed).permutation(len(X))
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]
