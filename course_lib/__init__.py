"""course_lib: the lecture's algorithms in plain numpy (no drawing, no Jupyter)."""
__version__ = "0.1.0"
