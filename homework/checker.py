"""Public checks a student runs while working: ``check("q1")`` says what was expected, what came
back, and a hint; when every public check passes it says so, and only that (hidden tests may
still find problems)."""
import importlib
import inspect

import numpy as np


class CheckFailed(AssertionError):
    """A public check failed; the message is written for the student."""


def expect_close(name, got, expected, hint="", atol=1e-6):
    """Raise CheckFailed unless `got` equals `expected` (same shape, values within atol)."""
    try:
        got_arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        raise CheckFailed(f"{name}: expected a number or an array like {np.asarray(expected).tolist()}, "
                          f"but got {got!r} ({type(got).__name__}). {hint}") from None
    expected_arr = np.asarray(expected, dtype=float)
    if got_arr.shape != expected_arr.shape:
        raise CheckFailed(f"{name}: expected shape {expected_arr.shape} ({expected_arr.tolist()}), "
                          f"got shape {got_arr.shape} ({got_arr.tolist()}). {hint}")
    if not np.allclose(got_arr, expected_arr, atol=atol, rtol=0):
        raise CheckFailed(f"{name}: expected {np.round(expected_arr, 6).tolist()}, got "
                          f"{np.round(got_arr, 6).tolist()}. {hint}")


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
            print(f"{question}: not yet. {exc}")
            return False
        except NotImplementedError:
            print(f"{question}: not answered yet (the answer cell still raises NotImplementedError).")
            return False
        except Exception as exc:  # the student's code crashed inside the check
            print(f"{question}: your code raised {type(exc).__name__}: {exc}")
            return False
        print(f"{question}: public checks passed. (Hidden tests used for grading may check more.)")
        return True


def need(ns, name, question):
    """The object `name` from the notebook, or a CheckFailed saying to define it."""
    if name not in ns:
        raise CheckFailed(f"define `{name}` in the answer cell of {question} and run that cell first")
    return ns[name]
