"""The README's Python examples run, and print what their comments say."""
import contextlib
import io
import re
from pathlib import Path

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()
BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.S)


def test_the_readme_examples_run_and_print_what_they_promise():
    assert BLOCKS
    for block in BLOCKS:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(block, "README.md", "exec"), {})
        printed = out.getvalue().splitlines()
        promised = [m.strip() for m in re.findall(r"print\(.*\)\s*#\s*(.*)", block)]
        assert printed == promised, (printed, promised)
