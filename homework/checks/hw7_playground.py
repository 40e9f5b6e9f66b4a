"""Public checks for homework 7 (the Playground)."""
import numpy as np

from ..checker import CheckFailed, expect_close, need


def q1(ns):
    f = need(ns, "features", "q1")
    expect_close("features([[1, 2]])", f(np.array([[1.0, 2.0]])), [[1, 2, 1, 4, 2, np.sin(1), np.sin(2)]],
                 "X1, X2, X1², X2², X1X2, sin X1, sin X2.")


def q2(ns):
    config = need(ns, "circle_config", "q2")
    if not isinstance(config, str):
        raise CheckFailed(f"circle_config should be a configuration string like 'dataset=circle&...', got {config!r}")
    from course_lib.playground import PlaygroundConfig
    c = PlaygroundConfig.from_string(config)
    if c.dataset != "circle" or c.features != ("x1", "x2"):
        raise CheckFailed("use dataset=circle and features=x1,x2 only (the squares would make it too easy)")
