"""Root pytest configuration: paths that must not depend on the folder pytest is run from."""
import os

# Figures drawn in the test process itself (widget tests) need no display. Set here rather than in
# the environment: an MPLBACKEND variable would leak into the lesson kernels that nbval starts.
os.environ.pop("MPLBACKEND", None)
import matplotlib  # noqa: E402

matplotlib.use("Agg")
