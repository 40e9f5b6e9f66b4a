"""Data: the lecture's points, logic gates, TensorFlow Playground's 2-D sets, MNIST."""
from .mnist import MnistFileError, load_mnist, read_idx
from .lecture import extended_points, lecture_points, logic_gate
from .playground import (PLAYGROUND_SETS, circle, gaussian, make_playground, regression_gaussian,
                         regression_plane, spiral, train_test_split, xor)

__all__ = ["lecture_points", "extended_points", "logic_gate", "PLAYGROUND_SETS", "circle",
           "gaussian", "make_playground", "regression_gaussian", "regression_plane", "spiral",
           "train_test_split", "xor", "load_mnist", "read_idx", "MnistFileError"]
