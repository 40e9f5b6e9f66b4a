"""Keep in the committed lessons only the outputs nbval checks.

    python tools/strip_outputs.py lessons/*.ipynb             # strip in place
    python tools/strip_outputs.py --execute lessons/*.ipynb   # run top to bottom first (fresh kernel)
    python tools/strip_outputs.py --check lessons/*.ipynb     # exit 1 if a notebook needs stripping

A checked cell (source containing '# NBVAL_CHECK_OUTPUT', or tagged 'nbval-check-output') keeps its
outputs and execution count, the reference nbval compares against; every other cell loses both,
and the notebook loses its saved widget state.
"""
import argparse
import copy
import sys
from pathlib import Path

import nbformat

CHECK_MARK = "# NBVAL_CHECK_OUTPUT"


def is_checked(cell):
    return cell.cell_type == "code" and (CHECK_MARK in cell.source
                                         or "nbval-check-output" in cell.metadata.get("tags", []))


def strip(nb):
    """A copy of nb with only the checked outputs left."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("execution", None)
        if not is_checked(cell):
            cell.outputs = []
            cell.execution_count = None
    return nb


def execute(nb, folder):
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    return nb


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--execute", action="store_true", help="run each notebook in a fresh kernel first")
    parser.add_argument("--check", action="store_true", help="only report notebooks that need stripping")
    args = parser.parse_args(argv)
    dirty = []
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4)
        if args.check:
            if strip(nb) != nb:
                dirty.append(path)
            continue
        if args.execute:
            nb = execute(nb, path.parent)
        nbformat.write(strip(nb), path)
        print(f"{path}: {sum(map(is_checked, nb.cells))} checked cells kept")
    for path in dirty:
        print(f"{path}: carries outputs nbval does not check; run python tools/strip_outputs.py {path}")
    return 1 if dirty else 0


if __name__ == "__main__":
    sys.exit(main())
