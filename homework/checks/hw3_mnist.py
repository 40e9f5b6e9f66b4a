"""Public checks for homework 3 (an MLP on the MNIST sample)."""
from ..checker import CheckFailed, need


def q1(ns):
    model = need(ns, "model", "q1")
    for name in ("predict", "score", "history_"):
        if not hasattr(model, name):
            raise CheckFailed(f"model should be a trained course_lib.mlp.MLP (it has no {name})")
    X_test, y_test = need(ns, "X_test", "q1"), need(ns, "y_test", "q1")
    error = 1 - model.score(X_test, y_test)
    if error > 0.08:
        raise CheckFailed(f"test error {error:.1%}; the target is at most 8 %. Hint: more epochs, a hidden "
                          "layer of 128 ReLU units, softmax output, learning rate about 0.1.")


def q2(ns):
    fig = need(ns, "fig", "q2")
    model = need(ns, "model", "q2")
    axes = getattr(fig, "axes", None)
    if not axes or not axes[0].lines:
        raise CheckFailed("fig should be a matplotlib Figure with the loss curve drawn in its first axes")
    n = len(axes[0].lines[0].get_ydata())
    if n != len(model.history_["loss"]):
        raise CheckFailed(f"the curve has {n} points but the model trained {len(model.history_['loss'])} epochs")
