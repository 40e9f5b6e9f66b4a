"""Root pytest configuration: paths that must not depend on the folder pytest is run from."""
import os

# Figures drawn in the test process itself (widget tests) need no display. Set here rather than in
# the environment: an MPLBACKEND variable would leak into the lesson kernels that nbval starts.
os.environ.pop("MPLBACKEND", None)
import matplotlib  # noqa: E402

matplotlib.use("Agg")

# The lessons' MNIST numbers are for the full data set. Beside a checkout of this project the
# course's copy lives in ../shared/data/mnist; elsewhere load_mnist finds or downloads it.
_shared_mnist = os.path.join(os.path.dirname(__file__), "..", "shared", "data", "mnist")
if "COURSE_LIB_MNIST" not in os.environ and os.path.isdir(_shared_mnist):
    os.environ["COURSE_LIB_MNIST"] = os.path.abspath(_shared_mnist)

# Student versions of the homework stop at every unanswered question (NotImplementedError) by
# design; tests/test_homework.py grades them instead of running them under nbval.
collect_ignore_glob = ["lessons/homework/release/*"]
