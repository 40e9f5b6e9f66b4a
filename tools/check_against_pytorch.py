"""Hold course_lib's MLP gradients to PyTorch autograd, as micrograd's tests do (a second oracle
beside tests/plain_mlp_reference.py, which the suite runs everywhere). Needs PyTorch:

    pip install torch && python tools/check_against_pytorch.py
"""
import numpy as np
import torch

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
    print(f"{'PASS' if worst < 1e-7 else 'FAIL'}: every loss and gradient within {worst:.1e} of PyTorch (tolerance 1e-7)")
    return 0 if worst < 1e-7 else 1


if __name__ == "__main__":
    raise SystemExit(main())
