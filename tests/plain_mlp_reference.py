"""An independent oracle for course_lib.mlp: the loss and its gradient for one network, written
as plain Python loops over samples and neurons with math-module floats, straight from the
definitions (no matrices, no numpy, nothing shared with course_lib but the numbers handed in).

W[l][i][j] is the weight from neuron i of layer l to neuron j of layer l + 1; b[l][j] its bias.
"""
import math

F = {
    "sigmoid": lambda a: 1 / (1 + math.exp(-a)) if a >= 0 else math.exp(a) / (1 + math.exp(a)),
    "tanh": math.tanh,
    "relu": lambda a: a if a > 0 else 0.0,
    "identity": lambda a: a,
}
DF = {  # derivative from a
    "sigmoid": lambda a: F["sigmoid"](a) * (1 - F["sigmoid"](a)),
    "tanh": lambda a: 1 - math.tanh(a) ** 2,
    "relu": lambda a: 1.0 if a > 0 else 0.0,
    "identity": lambda a: 1.0,
}


def forward(W, b, acts, x):
    """Every layer's pre-activations and outputs for one sample x (a list of floats)."""
    outs, pres = [list(x)], []
    for l, act in enumerate(acts):
        a = [b[l][j] + sum(outs[-1][i] * W[l][i][j] for i in range(len(outs[-1]))) for j in range(len(b[l]))]
        pres.append(a)
        if act == "softmax":
            m = max(a)
            e = [math.exp(v - m) for v in a]
            outs.append([v / sum(e) for v in e])
        else:
            outs.append([F[act](v) for v in a])
    return pres, outs


def sample_loss_and_delta(loss, out_act, a, f, y):
    """One sample's loss and dL/da at the output layer, from the loss's definition."""
    k = len(f)
    if loss == "l2":
        value = sum(0.5 * (y[j] - f[j]) ** 2 for j in range(k))
        dldf = [f[j] - y[j] for j in range(k)]
    elif loss == "l1":
        value = sum(abs(f[j] - y[j]) for j in range(k))
        dldf = [(f[j] > y[j]) - (f[j] < y[j]) for j in range(k)]
    elif loss == "binary_cross_entropy":   # from the logit: softplus(a) - y a
        value = sum(max(a[j], 0) - y[j] * a[j] + math.log1p(math.exp(-abs(a[j]))) for j in range(k))
        return value, [f[j] - y[j] for j in range(k)]
    elif loss == "cross_entropy":          # y is the class index
        value = -math.log(f[y])
        return value, [f[j] - (j == y) for j in range(k)]
    if out_act == "softmax":               # the Jacobian of softmax, entry by entry
        return value, [sum(dldf[i] * f[i] * ((i == j) - f[j]) for i in range(k)) for j in range(k)]
    return value, [dldf[j] * DF[out_act](a[j]) for j in range(k)]


def loss_and_grads(W, b, acts, loss, X, Y):
    """Mean loss over the samples and its gradient [dW1, db1, dW2, db2, ...] as nested lists."""
    gW = [[[0.0] * len(row) for row in layer] for layer in W]
    gb = [[0.0] * len(layer) for layer in b]
    total = 0.0
    for x, y in zip(X, Y):
        pres, outs = forward(W, b, acts, x)
        value, delta = sample_loss_and_delta(loss, acts[-1], pres[-1], outs[-1], y)
        total += value
        for l in range(len(W) - 1, -1, -1):
            for j in range(len(delta)):
                gb[l][j] += delta[j]
                for i in range(len(W[l])):
                    gW[l][i][j] += outs[l][i] * delta[j]
            if l:
                delta = [sum(W[l][i][j] * delta[j] for j in range(len(delta))) * DF[acts[l - 1]](pres[l - 1][i])
                         for i in range(len(W[l]))]
    n = len(X)
    grads = []
    for l in range(len(W)):
        grads += [[[v / n for v in row] for row in gW[l]], [v / n for v in gb[l]]]
    return total / n, grads
