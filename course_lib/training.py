"""The one training loop that MLP, CNN and the Playground share.

A Trainer owns what must survive between calls to ``fit``: the shuffling stream, the optimizer's
state (momentum, Adam's moments), the epoch count and a leftover batch. So k calls of
``fit(epochs=1)`` are exactly one ``fit(epochs=k)``; ``init_params()`` / ``reset()`` start again.

Per epoch, for each mini-batch of indices idx:
    loss, n_correct, grads = model.batch(idx)      # forward + backward on that batch
    optimizer.step(model.params_, grads)           # lr = lr0 / (1 + lr_decay * (epoch - 1))
    after_step(lr)                                 # e.g. the Playground's L1 / L2 step
then one EpochRecord goes into the History.
"""
import math
import time
from dataclasses import dataclass

import numpy as np

from .validation import check_number, check_positive, check_seed


class DivergenceError(ValueError):
    """Training stopped because the loss became non-finite."""


def divergence_message(epoch, loss, lr):
    return (f"training diverged in epoch {epoch}: the loss grew too large to compute (it became {loss}). "
            f"The learning rate {lr:g} is probably too large; lower it and start again (reset the weights first).")


@dataclass
class EpochRecord:
    """One epoch: mean training loss and accuracy (None for a regressor), the same on held-out
    data when there is some, and the seconds the epoch took."""
    epoch: int
    loss: float
    accuracy: float = None
    val_loss: float = None
    val_accuracy: float = None
    seconds: float = 0.0

    def __getitem__(self, key):   # record["loss"] as well as record.loss
        return getattr(self, key)

    # TensorFlow Playground's words for the same numbers
    @property
    def train_loss(self):
        return self.loss

    @property
    def test_loss(self):
        return self.val_loss

    @property
    def train_accuracy(self):
        return self.accuracy

    @property
    def test_accuracy(self):
        return self.val_accuracy


class History(list):
    """EpochRecords in order; ``history["loss"]`` is the column [r.loss for r in history]."""

    def __getitem__(self, key):
        if isinstance(key, str):
            if key not in EpochRecord.__dataclass_fields__:
                raise KeyError(f"no column {key!r}; columns: {', '.join(EpochRecord.__dataclass_fields__)}")
            return [getattr(r, key) for r in self]
        return super().__getitem__(key)


class Trainer:
    """Trainer(optimizer, batch_size, seed, shuffle=True, carry_leftover=False, lr_decay=0).

    batch_size None: full batch. shuffle True: a new order every epoch, drawn from its own stream
    (seeded by ``seed``); False: the data's own order every epoch (TF Playground shuffles once,
    when the data is made). carry_leftover True: a last batch smaller than batch_size is not
    applied; it joins the next epoch's first batch (TF Playground's accumulation).
    """

    def __init__(self, optimizer, batch_size=None, seed=0, shuffle=True, carry_leftover=False, lr_decay=0.0):
        if batch_size is not None:
            check_number(batch_size, "batch_size", low=1, integer=True)
        self.optimizer = optimizer
        self.lr0 = check_positive(optimizer.lr, "lr")
        self.batch_size, self.shuffle, self.carry_leftover = batch_size, shuffle, carry_leftover
        self.lr_decay = check_number(lr_decay, "lr_decay", low=0)
        self.rng = np.random.default_rng(check_seed(seed))
        self.epoch = 0
        self.pending = np.empty(0, dtype=int)

    def batches(self, n):
        """The index arrays of the next epoch."""
        if self.batch_size is None or self.batch_size >= n and not self.carry_leftover:
            return [np.arange(n)]   # full batch: order does not matter
        order = self.rng.permutation(n) if self.shuffle else np.arange(n)
        if self.carry_leftover:
            order = np.concatenate([self.pending, order])
            first = len(self.pending) + self.batch_size   # the leftover joins the first batch
            cuts = list(range(first, len(order) + 1, self.batch_size))
            starts = [0] + cuts[:-1]
            self.pending = order[cuts[-1]:] if cuts else order
            return [order[s:e] for s, e in zip(starts, cuts)]
        return [order[s:s + self.batch_size] for s in range(0, n, self.batch_size)]

    def run(self, batch, params, n, epochs, history, evaluate=None, after_step=None, callback=None,
            step_callback=None, stop=None):
        """Train `epochs` epochs on n samples. batch(idx) -> (loss, n_correct or None, grads);
        evaluate(record) may fill in or replace the record's numbers (held-out data, or the
        Playground's whole-set losses); callback(record) returning True, or stop(record)
        returning a reason, ends training. Raises DivergenceError when a loss is not finite."""
        check_number(epochs, "epochs", low=0, integer=True)
        for _ in range(epochs):
            self.epoch += 1
            lr = self.optimizer.lr = self.lr0 / (1 + self.lr_decay * (self.epoch - 1))
            start, total, correct, seen = time.perf_counter(), 0.0, 0, 0
            batches = self.batches(n)
            for step, idx in enumerate(batches, start=1):
                with np.errstate(over="ignore", invalid="ignore"):
                    loss, right, grads = batch(idx)
                    if not math.isfinite(loss):
                        raise DivergenceError(divergence_message(self.epoch, loss, self.lr0))
                    self.optimizer.step(params, grads)
                    if after_step is not None:
                        after_step(lr)
                total, seen = total + loss * len(idx), seen + len(idx)
                correct = None if right is None or correct is None else correct + right
                if step_callback is not None:
                    step_callback({"epoch": self.epoch, "step": step, "n_steps": len(batches), "loss": loss})
            record = EpochRecord(self.epoch, total / max(seen, 1),
                                 None if correct is None or not seen else correct / seen)
            if evaluate is not None:
                with np.errstate(over="ignore", invalid="ignore"):
                    evaluate(record)
            if not (np.isfinite(record.loss) and all(np.all(np.isfinite(p)) for p in params)):
                raise DivergenceError(divergence_message(self.epoch, record.loss, self.lr0))
            record.seconds = time.perf_counter() - start
            history.append(record)
            if callback is not None and callback(record) is True:
                break
            if stop is not None and stop(record):
                break
        return history
