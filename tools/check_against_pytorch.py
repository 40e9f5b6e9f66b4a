"""Hold course_lib's MLP and CNN gradients to PyTorch autograd, as micrograd's tests do (a second
oracle beside tests/plain_mlp_reference.py and the finite differences the suite runs everywhere).
Needs PyTorch:

    pip install torch && python tools/check_against_pytorch.py
"""
import numpy as np
import torch

from course_lib.cnn import CNN
from course_lib.mlp import MLP

ACTS = {"tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid, "identity": lambda a: a}


def main():
    rng = np.random.default_rng(7)
    cases = [([3, 5, 4, 2], ["tanh", "relu"], "softmax", "cross_entropy", rng.integers(0, 2, 6)),
             ([2, 4, 1], ["sigmoid"], "sigmoid", "binary_cross_entropy", rng.random((6, 1))),
             ([4, 3, 2], ["relu"], "identity", "l2", rng.normal(size=(6, 2))),
             ([3, 6, 3], ["tanh"], "softmax", "l2", rng.random((6, 3)))]
    worst = 0.0
    for sizes, hidden, output, loss, y in cases:
        m = MLP(sizes, activation=hidden, output=output, loss=loss, seed=3)
        X = rng.normal(size=(6, sizes[0]))
        ours, grads = m.loss_and_grads(X, y)
        params = [torch.tensor(p, dtype=torch.float64, requires_grad=True) for p in m.params_]
        h = torch.tensor(X)
        for l in range(len(m.W_)):
            a = h @ params[2 * l] + params[2 * l + 1]
            h = ACTS[hidden[l]](a) if l < len(hidden) else a
        target = torch.tensor(m.targets(y))
        if loss == "cross_entropy":
            L = torch.nn.functional.cross_entropy(h, target)
        elif loss == "binary_cross_entropy":
            L = torch.nn.functional.binary_cross_entropy_with_logits(h, target, reduction="sum") / len(X)
        else:
            out = torch.softmax(h, dim=1) if output == "softmax" else h
            L = 0.5 * ((out - target) ** 2).sum() / len(X)
        L.backward()
        err = max(abs(ours - L.item()) / abs(L.item()),
                  *(np.max(np.abs(g - p.grad.numpy())) / max(np.max(np.abs(p.grad.numpy())), 1e-12)
                    for g, p in zip(grads, params)))
        worst = max(worst, err)
        print(f"{'-'.join(map(str, sizes))} {'/'.join(hidden)} {output} + {loss}: largest relative difference {err:.1e}")
    for X in (rng.random((5, 784)), np.zeros((5, 784))):   # the second: flat images, every pooling block tied
        err = cnn_difference(X, rng.integers(0, 10, 5))
        worst = max(worst, err)
        print(f"CNN c4/c6/fc16 on {'random' if X.any() else 'blank'} images: largest relative difference {err:.1e}")
    print(f"{'PASS' if worst < 1e-7 else 'FAIL'}: every loss and gradient within {worst:.1e} of PyTorch (tolerance 1e-7)")
    return 0 if worst < 1e-7 else 1


def cnn_difference(X, y):
    """The same CNN in PyTorch (conv, ReLU, 2x2 max-pool twice, then the head), same weights."""
    from torch import nn

    m = CNN(channels=(4, 6), hidden=(16,), dtype=np.float64, seed=1)
    for W, b in m.conv_:
        b[:] = 0.1   # a positive bias: on blank images every pooling block ties
    ours, grads = m.loss_and_grads(X, y)
    net = nn.Sequential(nn.Conv2d(1, 4, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(4, 6, 5, padding=2),
                        nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(6 * 49, 16), nn.ReLU(),
                        nn.Linear(16, 10)).double()
    layers = [net[0], net[3], net[7], net[9]]
    with torch.no_grad():
        for layer, (W, b) in zip(layers[:2], m.conv_):
            layer.weight[:], layer.bias[:] = torch.from_numpy(W), torch.from_numpy(b)
        for layer, W, b in zip(layers[2:], m.head_.W_, m.head_.b_):
            layer.weight[:], layer.bias[:] = torch.from_numpy(W.T), torch.from_numpy(b)
    L = nn.functional.cross_entropy(net(torch.from_numpy(X).reshape(-1, 1, 28, 28)), torch.from_numpy(y))
    L.backward()
    theirs = [g for layer in layers for g in ((layer.weight.grad.T if layer.weight.dim() == 2 else layer.weight.grad),
                                               layer.bias.grad)]
    return max(abs(ours - L.item()) / abs(L.item()),
               *(np.max(np.abs(g - t.numpy())) / max(np.max(np.abs(t.numpy())), 1e-12) for g, t in zip(grads, theirs)))


if __name__ == "__main__":
    raise SystemExit(main())
