"""The lecture's chain: one neuron per layer, sigmoid everywhere, L = 1/2 (y - f3)^2.

    x -> a1 = w1 x + b1 -> f1 = s(a1) -> a2 = w2 f1 -> f2 = s(a2) -> a3 = w3 f2 -> f3 = s(a3)

Every chain-rule factor is a number; the gradients are built from them by re-use:
    dL/dw3 = [dL/df3 df3/da3] da3/dw3
    dL/dw2 = [dL/df3 df3/da3] da3/df2 df2/da2 da2/dw2          (bracket already computed)
    dL/dw1 = [dL/df3 df3/da3 da3/df2 df2/da2] da2/df1 df1/da1 da1/dw1
    dL/db1 = [dL/df3 ... df1/da1] da1/db1
"""
from dataclasses import dataclass, replace

import numpy as np

from .activations import sigmoid
from .validation import check_number, check_positive

FACTOR_NAMES = ("dL/df3", "df3/da3", "da3/dw3", "da3/df2", "df2/da2", "da2/dw2",
                "da2/df1", "df1/da1", "da1/dw1", "da1/db1")

# which factors each gradient multiplies, and how many leading ones it re-uses from the
# gradient above it (the slides' "already computed, re-use (propagate)!")
GRADIENT_FACTORS = {
    "w3": (("dL/df3", "df3/da3", "da3/dw3"), 0),
    "w2": (("dL/df3", "df3/da3", "da3/df2", "df2/da2", "da2/dw2"), 2),
    "w1": (("dL/df3", "df3/da3", "da3/df2", "df2/da2", "da2/df1", "df1/da1", "da1/dw1"), 4),
    "b1": (("dL/df3", "df3/da3", "da3/df2", "df2/da2", "da2/df1", "df1/da1", "da1/db1"), 6),
}


LIMIT = 1e6   # beyond this the chain's products overflow or every sigmoid is flat: a typo, not a lesson


@dataclass(frozen=True)
class ChainResult:
    """forward: a1 f1 a2 f2 a3 f3; loss L; factors: name -> number; grads: w3 w2 w1 b1."""
    forward: dict
    loss: float
    factors: dict
    grads: dict


@dataclass(frozen=True)
class Chain:
    """Parameters of the chain; methods compute everything for one sample (x, y)."""
    w1: float = 1.0
    b1: float = 0.0
    w2: float = 1.0
    w3: float = 1.0

    def __post_init__(self):
        for name in ("w1", "b1", "w2", "w3"):
            check_number(getattr(self, name), name, low=-LIMIT, high=LIMIT)

    def forward(self, x):
        """The forward values a1, f1, a2, f2, a3, f3 for input x."""
        check_number(x, "x", low=-LIMIT, high=LIMIT)
        a1 = self.w1 * x + self.b1
        f1 = float(sigmoid(a1))
        a2 = self.w2 * f1
        f2 = float(sigmoid(a2))
        a3 = self.w3 * f2
        f3 = float(sigmoid(a3))
        return {"a1": a1, "f1": f1, "a2": a2, "f2": f2, "a3": a3, "f3": f3}

    def loss(self, x, y):
        check_number(y, "y", low=-LIMIT, high=LIMIT)
        return 0.5 * (y - self.forward(x)["f3"]) ** 2

    def backward(self, x, y):
        """All factors and the four gradients, each built on the product above it."""
        v = self.forward(x)
        L = self.loss(x, y)
        factors = {
            "dL/df3": -(y - v["f3"]),
            "df3/da3": v["f3"] * (1 - v["f3"]),
            "da3/dw3": v["f2"],
            "da3/df2": self.w3,
            "df2/da2": v["f2"] * (1 - v["f2"]),
            "da2/dw2": v["f1"],
            "da2/df1": self.w2,
            "df1/da1": v["f1"] * (1 - v["f1"]),
            "da1/dw1": x,
            "da1/db1": 1.0,
        }
        delta3 = factors["dL/df3"] * factors["df3/da3"]                 # dL/da3
        delta2 = delta3 * factors["da3/df2"] * factors["df2/da2"]        # dL/da2, re-uses delta3
        delta1 = delta2 * factors["da2/df1"] * factors["df1/da1"]        # dL/da1, re-uses delta2
        grads = {"w3": delta3 * factors["da3/dw3"], "w2": delta2 * factors["da2/dw2"],
                 "w1": delta1 * factors["da1/dw1"], "b1": delta1 * factors["da1/db1"]}
        return ChainResult(v, L, factors, grads)

    def step(self, x, y, eta):
        """One gradient-descent step theta <- theta - eta dL/dtheta; returns the new Chain."""
        check_positive(eta, "eta")
        g = self.backward(x, y).grads
        return replace(self, **{k: getattr(self, k) - eta * g[k] for k in g})

    def as_vector(self):
        return np.array([self.w1, self.b1, self.w2, self.w3])
