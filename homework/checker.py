"""Public checks a student runs while working: ``check("q1")`` says what was expected, what came
back, and a hint; when every public check passes it says so, and only that (hidden tests may
still find problems)."""
import importlib
import inspect
import traceback

import numpy as np


class CheckFailed(AssertionError):
    """A public check failed; the message is written for the student."""


def _not_numbers(value):
    """Why `value` is not numbers (None, a string, True/False anywhere), or ''."""
    if value is None:
        return "None: does your function print its result instead of returning it?"
    items = value if isinstance(value, (list, tuple)) else [value]
    for item in items:
        if isinstance(item, (str, bytes)):
            return f"the text {item!r}: return numbers, not strings"
        if isinstance(item, (bool, np.bool_)):
            return f"{item!r}, a truth value: return numbers (1 or -1), not True/False"
    if isinstance(value, np.ndarray) and value.dtype.kind in "bUSO":
        return f"an array of {value.dtype}: return numbers"
    return ""


def expect_close(name, got, expected, hint="", atol=1e-6):
    """Raise CheckFailed unless `got` equals `expected` (same shape, values within atol). The hint
    is given only when the values differ (it explains values, not types or shapes)."""
    problem = _not_numbers(got)
    if problem:
        raise CheckFailed(f"{name}: expected {np.asarray(expected).tolist()}, but your code returned {problem}")
    try:
        got_arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        raise CheckFailed(f"{name}: expected a number or an array like {np.asarray(expected).tolist()}, "
                          f"but got {got!r} ({type(got).__name__}).") from None
    expected_arr = np.asarray(expected, dtype=float)
    if got_arr.shape != expected_arr.shape:
        raise CheckFailed(f"{name}: expected shape {expected_arr.shape} ({expected_arr.tolist()}), "
                          f"got shape {got_arr.shape} ({got_arr.tolist()}).")
    if not np.allclose(got_arr, expected_arr, atol=atol, rtol=0):
        raise CheckFailed(f"{name}: expected {np.round(expected_arr, 6).tolist()}, got "
                          f"{np.round(got_arr, 6).tolist()}. {hint}")


class CheckResult:
    """What check("q1") shows: a sentence (not a bare True/False); true when the checks passed."""

    def __init__(self, passed, message):
        self.passed, self.message = passed, message

    def __bool__(self):
        return self.passed

    def __repr__(self):
        return self.message

    def _repr_html_(self):
        colour = "#1b7f1b" if self.passed else "#b00020"
        import html
        return f"<span style='color:{colour}'>{html.escape(self.message)}</span>"


def _student_line(exc):
    """'line 3 of your cell: return w @ x' from the innermost frame of the student's own code."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "homework" not in f.filename.replace("\\", "/")
              and "site-packages" not in f.filename]
    if not frames:
        return ""
    f = frames[-1]
    return f" (line {f.lineno} of your code: {f.line})" if f.line else f" (line {f.lineno} of your code)"


class Checker:
    """Checker("hw1_perceptron"): public checks for one homework set.

    Calling it with a question name runs that question's checks on the names defined in the
    notebook (the caller's globals) and prints the verdict; it returns True when they pass.
    """

    def __init__(self, homework):
        try:
            self.module = importlib.import_module(f"homework.checks.{homework}")
        except ModuleNotFoundError:
            raise ValueError(f"no public checks for homework {homework!r}") from None
        self.homework = homework

    def __call__(self, question, namespace=None):
        check = getattr(self.module, question, None)
        if check is None:
            raise ValueError(f"{self.homework} has no question {question!r}; questions are "
                             + ", ".join(n for n in dir(self.module) if n.startswith("q")))
        ns = namespace if namespace is not None else inspect.currentframe().f_back.f_globals
        try:
            check(ns)
        except CheckFailed as exc:
            return CheckResult(False, f"{question}: not yet. {exc}")
        except NotImplementedError:
            return CheckResult(False, f"{question}: not answered yet (the answer cell still raises "
                                      "NotImplementedError).")
        except Exception as exc:  # the student's code crashed inside the check
            return CheckResult(False, f"{question}: your code raised {type(exc).__name__}: {exc}{_student_line(exc)}")
        return CheckResult(True, f"{question}: public checks passed. (Hidden tests used for grading may check more.)")


def need(ns, name, question):
    """The object `name` from the notebook, or a CheckFailed saying to define it."""
    if name not in ns:
        raise CheckFailed(f"define `{name}` in the answer cell of {question} and run that cell first")
    return ns[name]
