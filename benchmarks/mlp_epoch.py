"""Time one MNIST-sized epoch of a 784-128-10 MLP (ReLU, softmax cross-entropy, batch 64, float32).

Ours (course_lib.mlp.MLP) and, when torch is installed, the same network and training (plain SGD,
same batch size, same data) in PyTorch in the same run, both with BLAS limited to one thread.
Uses the real MNIST training set if COURSE_LIB_MNIST points at it, else random data of that size.

    python benchmarks/mlp_epoch.py [--repeats 3]
"""
import argparse
import os
import time

# one BLAS thread for both sides, set before numpy / torch load their BLAS
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import numpy as np  # noqa: E402

from course_lib.mlp import MLP  # noqa: E402


def data():
    try:
        from course_lib.datasets import load_mnist
        X, y, _, _ = load_mnist(dtype=np.float32, verbose=False)
        return X, y, "MNIST training set"
    except Exception:
        rng = np.random.default_rng(0)
        return rng.random((60_000, 784), dtype=np.float32), rng.integers(0, 10, 60_000), "random data"


def time_ours(X, y, repeats):
    times = []
    for r in range(repeats):
        model = MLP([784, 128, 10], activation="relu", output="softmax", lr=0.1, epochs=1,
                    batch_size=64, dtype=np.float32, seed=r)
        t0 = time.perf_counter()
        model.fit(X, y)
        times.append(time.perf_counter() - t0)
    return min(times), model.history_["loss"][-1]


def time_torch(X, y, repeats):
    import torch
    torch.set_num_threads(1)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y.astype(np.int64))
    times = []
    for r in range(repeats):
        torch.manual_seed(r)
        net = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
        opt = torch.optim.SGD(net.parameters(), lr=0.1)
        loss_fn = torch.nn.CrossEntropyLoss()
        t0 = time.perf_counter()
        order = torch.randperm(len(Xt))
        total = 0.0
        for start in range(0, len(Xt), 64):
            idx = order[start:start + 64]
            opt.zero_grad()
            loss = loss_fn(net(Xt[idx]), yt[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        times.append(time.perf_counter() - t0)
    return min(times), total / len(Xt)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    X, y, source = data()
    print(f"784-128-10 ReLU, softmax cross-entropy, batch 64, float32, 1 BLAS thread, {source}, "
          f"best of {args.repeats}")
    ours, ours_loss = time_ours(X, y, args.repeats)
    print(f"course_lib MLP epoch: {ours:.3f} s (mean training loss {ours_loss:.3f})")
    try:
        theirs, their_loss = time_torch(X, y, args.repeats)
    except ImportError:
        print("PyTorch not installed: no reference timing (pip install torch to compare)")
        return
    print(f"PyTorch epoch:        {theirs:.3f} s (mean training loss {their_loss:.3f})")
    print(f"ratio ours / PyTorch: {ours / theirs:.2f}  (target <= 0.5)")


if __name__ == "__main__":
    main()
