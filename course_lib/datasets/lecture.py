"""The perceptron walk-through's points and the logic gates.

Lecture points (the slides): t=1 x=(1,-1) label -1; t=2 x=(-1,1) label +1.
Extended points (this kit's own continuation of the slides' "repeat ..."): add ((1,1), -1) and
((-1,-1), +1), so at t=3 <w,x> = 0 again and sign(0) = +1 forces a second mistake.
"""
import numpy as np

from ..validation import lookup


def lecture_points():
    """X (2, 2), y (2,): the two observations of the slides' perceptron walk-through."""
    return np.array([[1.0, -1.0], [-1.0, 1.0]]), np.array([-1, 1])


def extended_points():
    """X (4, 2), y (4,): the lecture points followed by ((1,1), -1) and ((-1,-1), +1)."""
    X, y = lecture_points()
    return np.vstack([X, [[1.0, 1.0], [-1.0, -1.0]]]), np.concatenate([y, [-1, 1]])


_GATES = {
    "and": lambda a, b: a & b,
    "or": lambda a, b: a | b,
    "nand": lambda a, b: 1 - (a & b),
    "xor": lambda a, b: a ^ b,
}


def logic_gate(name):
    """X = {0,1}^2 (4, 2) as on the slides' binary inputs, y (4,) in {-1, +1} for the gate
    'and', 'or', 'nand' or 'xor'. A perceptron needs a bias (fit_bias=True) for AND/OR/NAND
    since its boundary must not pass through (0, 0); no line separates XOR."""
    gate = lookup(name, _GATES, "logic gate")
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    y = np.array([gate(a, b) for a, b in X]) * 2 - 1
    return X.astype(float), y
