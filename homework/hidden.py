"""Hidden tests, written in the instructor notebook, run by the grader outside the submission.

A grading cell (tag ``q1-tests``) holds, between nbgrader's hidden-test markers, functions
decorated with ``@hidden_test``:

    ### BEGIN HIDDEN TESTS
    @hidden_test
    def q1_sign_of_zero(student, rng):
        for _ in range(20):
            w, x = rng.integers(-3, 4, 2), rng.integers(-3, 4, 2)
            assert student.call("predict", w, x) == (1 if w @ x >= 0 else -1), f"predict({w}, {x})"
    ### END HIDDEN TESTS

``student.call(path, *args)`` and ``student.get(path)`` return plain data from the submission;
``rng`` draws fresh inputs on every run. The grader runs these functions in its own process against
the sandboxed submission; in a kernel (the instructor's own run, or nbgrader's autograde) the
decorator runs the function at once against the notebook's own names, so the cell fails like any
failing test cell.
"""
import inspect

import numpy as np

from .protocol import Function, ProtocolError, _decode, _encode


class LocalStudent:
    """The submission's names in this very kernel, behind the same plain-data interface."""

    def __init__(self, namespace):
        self.namespace = namespace

    def _plain(self, value):
        buffers = []
        try:
            return _decode(_encode(value, buffers, [10 ** 6]), buffers, functions=False)
        except ProtocolError as exc:
            raise AssertionError(f"returned {exc}") from None

    def get(self, path):
        from .worker import resolve
        return self._plain(resolve(self.namespace, path))

    def call(self, path, *args, **kwargs):
        from .worker import resolve
        args = [a.build() if isinstance(a, Function) else a for a in args]
        return self._plain(resolve(self.namespace, path)(*args, **kwargs))


_collector = None


def hidden_test(fn):
    """Mark a hidden test. In the grader: collected. In a kernel: run now, on the notebook's names."""
    if _collector is not None:
        _collector.append(fn)
        return fn
    namespace = inspect.currentframe().f_back.f_globals
    fn(LocalStudent(namespace), np.random.default_rng())
    return fn


def collect(source, where):
    """The hidden-test functions a hidden block defines, executed in the grader's process."""
    global _collector
    found, _collector = [], []
    try:
        exec(compile(source, where, "exec"), {"hidden_test": hidden_test, "np": np, "Function": Function,
                                              "__name__": "hidden_tests"})
        found = _collector
    finally:
        _collector = None
    return found
