"""The lecture's MNIST table reproduced with course_lib's own numpy models on the full
60,000 / 10,000 split, with training times on this machine, and (when PyTorch is installed) the
same MLP and CNN epoch timed in PyTorch in the same run, one BLAS thread each.

    COURSE_LIB_MNIST=../shared/data/mnist python benchmarks/mnist_table.py [--long] [--cnn-epochs 6]
"""
import argparse
import os
import resource
import time

import numpy as np

from course_lib.cnn import CNN
from course_lib.datasets import load_mnist
from course_lib.knn import KNeighborsClassifier
from course_lib.mlp import MLP
from course_lib.perceptron import OneVsRestPerceptron

LECTURE = {"linear": "7 - 12 %", "knn": "0.5 - 5 %", "nn": "0.35 - 4.7 %", "cnn": "0.23 - 1.7 %"}


def timed(fn):
    t0 = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t0


def mlp_for(seconds, sizes, X, y):
    """Train until the time budget is spent (checked after each epoch)."""
    model = MLP(sizes, activation="relu", output="softmax", lr=0.1, momentum=0.9, batch_size=64,
                lr_decay=0.05, epochs=1000, dtype=np.float32, seed=0)
    start = time.perf_counter()
    model.fit(X, y, callback=lambda m, info: time.perf_counter() - start > seconds)
    return model


def torch_epochs(X, y):
    """Seconds per epoch of the same MLP (784-128-10) and CNN in PyTorch, one thread."""
    import torch
    torch.set_num_threads(1)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    nets = {"MLP 784-128-10": torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10)),
            "CNN c8/c16/fc128": torch.nn.Sequential(
                torch.nn.Conv2d(1, 8, 5, padding=2), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
                torch.nn.Conv2d(8, 16, 5, padding=2), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
                torch.nn.Flatten(), torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))}
    times = {}
    for name, net in nets.items():
        data = Xt if name.startswith("MLP") else Xt.reshape(-1, 1, 28, 28)
        opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
        t0 = time.perf_counter()
        for idx in torch.randperm(len(data)).split(64):
            opt.zero_grad()
            torch.nn.functional.cross_entropy(net(data[idx]), yt[idx]).backward()
            opt.step()
        times[name] = time.perf_counter() - t0
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--long", action="store_true", help="also the 5-minute 784-1024-1024-10 MLP")
    parser.add_argument("--cnn-epochs", type=int, default=10)
    args = parser.parse_args()
    X, y, Xt, yt = load_mnist(dtype=np.float32)
    data_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024   # the data loaded, and Python
    rows = []

    def row(name, kind, model_time, error):
        rows.append((name, error, LECTURE[kind], model_time))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - data_mb
        print(f"  {name:42} {100 * error:6.2f} %   lecture {LECTURE[kind]:>13}   {model_time:7.1f} s"
              f"   peak memory beyond the data so far: {peak:5.0f} MB", flush=True)

    print(f"MNIST {len(X)} / {len(Xt)}, {os.cpu_count()} cores; BLAS threads: "
          f"{os.environ.get('OPENBLAS_NUM_THREADS', 'default')}")
    m, t = timed(lambda: MLP([784, 10], output="softmax", lr=0.1, momentum=0.9, batch_size=64, epochs=3,
                             dtype=np.float32).fit(X, y))
    row("linear: softmax regression (3 epochs)", "linear", t, 1 - m.score(Xt, yt))
    m, t = timed(lambda: OneVsRestPerceptron(epochs=1).fit(X, y))
    row("linear: one-vs-rest perceptron (1 epoch)", "linear", t, 1 - m.score(Xt, yt))
    knn = KNeighborsClassifier(k=3).fit(X, y)
    acc, t = timed(lambda: knn.score(Xt, yt))
    row("k-NN, k = 3, L2", "knn", t, 1 - acc)
    m, t = timed(lambda: mlp_for(60, [784, 1024, 10], X, y))
    row(f"MLP 784-1024-10 ({len(m.history_['loss'])} epochs, 60 s)", "nn", t, 1 - m.score(Xt, yt))
    if args.long:
        m, t = timed(lambda: mlp_for(300, [784, 1024, 1024, 10], X, y))
        row(f"MLP 784-1024-1024-10 ({len(m.history_['loss'])} epochs)", "nn", t, 1 - m.score(Xt, yt))
    cnn = CNN(channels=(8, 16), hidden=(128,), lr=0.05, momentum=0.9, batch_size=64, epochs=1, lr_decay=0.2)
    epoch_times = []
    for _ in range(args.cnn_epochs):
        _, t = timed(lambda: cnn.fit(X, y))
        epoch_times.append(t)
    row(f"CNN c8/c16/fc128 ({args.cnn_epochs} epochs)", "cnn", sum(epoch_times), 1 - cnn.score(Xt, yt))

    import threadpoolctl  # one BLAS thread for the epoch comparison, both sides
    with threadpoolctl.threadpool_limits(1):
        mlp = MLP([784, 128, 10], activation="relu", output="softmax", lr=0.05, momentum=0.9, batch_size=64,
                  epochs=1, dtype=np.float32)
        _, ours_mlp = timed(lambda: mlp.fit(X, y))
        _, ours_cnn = timed(lambda: CNN(channels=(8, 16), hidden=(128,), epochs=1).fit(X, y))
        print(f"\none epoch, batch 64, 1 BLAS thread: course_lib MLP 784-128-10 {ours_mlp:.2f} s, "
              f"CNN c8/c16/fc128 {ours_cnn:.2f} s")
        try:
            theirs = torch_epochs(X, y)
        except ImportError:
            print("PyTorch not installed: no reference timings")
            return
    cnn_name = "CNN c8/c16/fc128"
    print(f"PyTorch: MLP {theirs['MLP 784-128-10']:.2f} s, CNN {theirs[cnn_name]:.2f} s")
    print(f"ratios ours / PyTorch: MLP {ours_mlp / theirs['MLP 784-128-10']:.2f} (target <= 0.5), "
          f"CNN {ours_cnn / theirs[cnn_name]:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
