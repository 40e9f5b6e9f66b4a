"""What each kind of user installs: the core (library and widgets) pulls neither JupyterLab nor the
homework tools, and works without them; the extras name them."""
import re
import subprocess
import sys
from importlib.metadata import requires

NOT_CORE = ("jupyterlab", "notebook", "nbformat", "nbclient", "nbconvert", "jupyter_server")


def requirements():
    """The installed package's own metadata (what pip reads): extra -> requirement names."""
    found = {}
    for line in requires("nn-teaching-kit"):
        name = re.match(r"[A-Za-z0-9_.\-]+", line).group().lower()
        extra = re.search(r'extra == "([^"]+)"', line)
        found.setdefault(extra.group(1) if extra else "core", set()).add(name)
    return found


def test_the_core_install_leaves_out_jupyterlab_and_the_homework_tools():
    found = requirements()
    assert not found["core"] & set(NOT_CORE), found["core"]
    assert {"numpy", "matplotlib", "ipywidgets", "anywidget"} <= found["core"]
    assert "jupyterlab" in found["lab"] and {"nbformat", "nbclient"} <= found["homework"]


def test_the_library_and_every_widget_work_without_them():
    """Importing any of them fails in this process: the kit must not need them (VS Code, Colab)."""
    code = f"""
import importlib.abc, sys
class Absent(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {NOT_CORE!r}:
            raise ImportError(name + ' is not installed')
sys.meta_path.insert(0, Absent())
import course_lib.mlp, course_lib.playground, widgets
from widgets.base import CourseWidget
made = [getattr(widgets, n)() for n in widgets.__all__
        if isinstance(getattr(widgets, n), type) and issubclass(getattr(widgets, n), CourseWidget)]
assert all(w.error is None for w in made), [w.error for w in made]
print(len(made))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout.strip()) >= 7
