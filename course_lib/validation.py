"""Input checks shared by every public function.

Each helper raises TypeError (wrong kind of object) or ValueError (right kind, wrong value) with a
message that names the argument and says what was expected, so a student never meets a NaN or a
traceback from deep inside numpy.
"""
import numbers

import numpy as np


def as_array(value, name, ndim=None, dtype=np.float64, allow_empty=False, finite=True, max_abs=None):
    """`value` as a numpy array of `dtype`, checked: numeric, `ndim` dimensions, non-empty, finite,
    and, with max_abs, no value beyond +-max_abs (what a network can sum without overflowing).

    `ndim` may be an int or a tuple of allowed ints.
    """
    try:
        arr = np.asarray(value)
    except Exception as exc:  # ragged lists and the like
        raise TypeError(f"{name} must be a numeric array; could not convert it ({exc})") from None
    if np.iscomplexobj(arr):
        raise TypeError(f"{name} must hold real numbers, got complex values ({arr.dtype}); "
                        "take .real or abs() first if that is what you mean")
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise TypeError(f"{name} must hold numbers, got an array of {arr.dtype} "
                        f"(first value {arr.ravel()[0]!r})" if arr.size else
                        f"{name} must hold numbers, got an array of {arr.dtype}")
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            expected = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{name} must be {expected}, got shape {arr.shape}")
    if not allow_empty and arr.size == 0:
        raise ValueError(f"{name} is empty (shape {arr.shape}); at least one value is needed")
    source = arr
    with np.errstate(over="ignore", invalid="ignore"):
        arr = arr.astype(dtype, copy=False)
        # a NaN or inf anywhere shows in the minimum or the maximum (NaN propagates), two fast
        # reductions with no temporary array (MNIST: 188 MB); only then is every element looked at
        ends = (float(arr.min()), float(arr.max())) if arr.size and (finite or max_abs is not None) and \
            np.issubdtype(arr.dtype, np.floating) else None
        suspicious = finite and ends is not None and not (np.isfinite(ends[0]) and np.isfinite(ends[1]))
    if suspicious and not np.all(np.isfinite(arr)):
        bad = tuple(np.argwhere(~np.isfinite(arr))[0].tolist())
        if np.isfinite(source[bad]):
            raise ValueError(f"{name} holds {source[bad]!r} (at index {bad}), too large for {np.dtype(dtype).name} "
                             f"(largest {np.finfo(dtype).max:.3g}); scale the values down")
        raise ValueError(f"{name} contains NaN or infinity (first at index {bad}); "
                         "remove or replace those values")
    if max_abs is not None and ends is not None and max(-ends[0], ends[1]) > max_abs:
        raise ValueError(f"{name} holds values as large as {max(-ends[0], ends[1]):.3g}; above {max_abs:.3g} "
                         "the network's sums overflow. Scale the inputs (networks learn best with values of order 1)")
    return arr


def check_callable(value, name, optional=False):
    """A function (or None when optional)."""
    if value is None and optional:
        return value
    if not callable(value):
        raise TypeError(f"{name} must be a function, got {value!r} ({type(value).__name__})")
    return value


def check_seed(seed, name="seed"):
    """A seed numpy accepts: a non-negative integer (or None for fresh randomness)."""
    if seed is None or isinstance(seed, np.random.SeedSequence):
        return seed
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"{name} must be a non-negative integer, got {seed!r} ({type(seed).__name__})")
    if seed < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {seed!r}")
    return int(seed)


def check_dtype(dtype, name="dtype", allowed=(np.float32, np.float64)):
    """One of the allowed numpy float types, named in the error otherwise."""
    names = [np.dtype(a).name for a in allowed]
    names = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"{name} must be {names}, got {dtype!r}") from None
    if dt not in [np.dtype(a) for a in allowed]:
        raise ValueError(f"{name} must be {names}, got {dt}")
    return dt


def check_same_length(X, y, name_X="X", name_y="y"):
    """X and y describe the same samples: equal first dimension."""
    if len(X) != len(y):
        raise ValueError(f"{name_X} has {len(X)} samples but {name_y} has {len(y)}; "
                         "they must have one label per sample")


def check_pm1_labels(y, name="y"):
    """Perceptron labels: a 1-D array of -1 and +1 only, returned as ints."""
    y = as_array(y, name, ndim=1)
    bad = ~np.isin(y, (-1, 1))
    if bad.any():
        raise ValueError(f"{name} must contain only -1 and +1 (perceptron labels), "
                         f"found {y[bad][0]:g} at index {int(np.argmax(bad))}")
    return y.astype(int)


def check_class_labels(y, name="y", n_classes=None):
    """Class labels 0..K-1 as a 1-D integer array."""
    y = as_array(y, name, ndim=1)
    if np.any(y != np.round(y)) or np.any(y < 0):
        raise ValueError(f"{name} must hold class labels 0, 1, 2, ... (non-negative integers)")
    y = y.astype(np.int64)
    if n_classes is not None and y.max() >= n_classes:
        raise ValueError(f"{name} has label {int(y.max())} but the model has only {n_classes} "
                         f"outputs (labels 0..{n_classes - 1})")
    return y


def check_number(value, name, low=None, high=None, low_open=False, integer=False):
    """A real (or integer) scalar inside [low, high] (or (low, high] with `low_open`)."""
    kind = numbers.Integral if integer else numbers.Real
    if isinstance(value, bool) or not isinstance(value, kind):
        what = "an integer" if integer else "a number"
        raise TypeError(f"{name} must be {what}, got {value!r} ({type(value).__name__})")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    if low is not None and (value <= low if low_open else value < low):
        rel = ">" if low_open else ">="
        raise ValueError(f"{name} must be {rel} {low}, got {value!r}")
    if high is not None and value > high:
        raise ValueError(f"{name} must be <= {high}, got {value!r}")
    return value


def check_positive(value, name):
    """A strictly positive number, e.g. a learning rate."""
    return check_number(value, name, low=0, low_open=True)


def lookup(name, table, what):
    """table[name] for a registry of named things, with a ValueError listing the valid names."""
    if isinstance(name, str) and name.lower() in table:
        return table[name.lower()]
    valid = ", ".join(repr(k) for k in table)
    raise ValueError(f"unknown {what} {name!r}; valid names are {valid}")
