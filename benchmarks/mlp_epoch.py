"""Time one MNIST epoch of a 784-128-10 MLP and of the c8/c16/fc128 CNN (ReLU, softmax
cross-entropy, batch 64, float32, one BLAS thread), ours (course_lib) against the same network and
training in PyTorch, measured in the same run.

These machines are noisy: ours and PyTorch's epochs alternate (A B A B ...) and each side keeps its
best, so a slow spell hits both. Uses the real MNIST training set if COURSE_LIB_MNIST points at
it, else random data of that size.

    python benchmarks/mlp_epoch.py [--repeats 3] [--cnn-images 20000]
"""
import argparse
import os
import time

# one BLAS thread for both sides, set before numpy / torch load their BLAS
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import numpy as np  # noqa: E402

from course_lib.cnn import CNN  # noqa: E402
from course_lib.mlp import MLP  # noqa: E402


def data():
    try:
        from course_lib.datasets import load_mnist
        X, y, _, _ = load_mnist(dtype=np.float32, verbose=False)
        return X, y, "MNIST training set"
    except Exception:
        rng = np.random.default_rng(0)
        return rng.random((60_000, 784), dtype=np.float32), rng.integers(0, 10, 60_000), "random data"


def ours(kind, X, y, seed):
    model = MLP([784, 128, 10], activation="relu", output="softmax", lr=0.1, epochs=1, batch_size=64,
                dtype=np.float32, seed=seed) if kind == "mlp" else \
        CNN(channels=(8, 16), hidden=(128,), lr=0.05, momentum=0.9, epochs=1, batch_size=64, seed=seed)
    t0 = time.perf_counter()
    model.fit(X, y)
    return time.perf_counter() - t0


def theirs(kind, X, y, seed):
    import torch
    from torch import nn
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    if kind == "mlp":
        net, data = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)), torch.from_numpy(X)
        opt = torch.optim.SGD(net.parameters(), lr=0.1)
    else:
        net = nn.Sequential(nn.Conv2d(1, 8, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                            nn.Conv2d(8, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                            nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
        data = torch.from_numpy(X).reshape(-1, 1, 28, 28)
        opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
    labels = torch.from_numpy(y.astype(np.int64))
    t0 = time.perf_counter()
    for idx in torch.randperm(len(data)).split(64):
        opt.zero_grad()
        nn.functional.cross_entropy(net(data[idx]), labels[idx]).backward()
        opt.step()
    return time.perf_counter() - t0


def compare(kind, X, y, repeats, target):
    mine, torch_times = [], []
    for r in range(repeats):
        mine.append(ours(kind, X, y, r))
        try:
            torch_times.append(theirs(kind, X, y, r))
        except ImportError:
            pass
    name = "MLP 784-128-10" if kind == "mlp" else "CNN c8/c16/fc128"
    line = f"{name} ({len(X)} images): course_lib {min(mine):.3f} s"
    if torch_times:
        line += f", PyTorch {min(torch_times):.3f} s, ratio {min(mine) / min(torch_times):.2f} (target <= {target})"
    else:
        line += " (PyTorch not installed: pip install torch to compare)"
    print(line, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cnn-images", type=int, default=20_000,
                        help="the CNN epoch is timed on this many images (the ratio does not depend on it)")
    args = parser.parse_args()
    X, y, source = data()
    print(f"one epoch, batch 64, float32, 1 BLAS thread, {source}, best of {args.repeats}, alternating")
    compare("mlp", X, y, args.repeats, 0.6)
    compare("cnn", X[:args.cnn_images], y[:args.cnn_images], args.repeats, 1.5)


if __name__ == "__main__":
    main()
