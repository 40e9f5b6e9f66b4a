"""The nbgrader markers: find them, check they are balanced, and write the student version."""
import copy
import re

import nbformat

SOLUTION = ("### BEGIN SOLUTION", "### END SOLUTION")
HIDDEN = ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")


class MarkerError(ValueError):
    """Markers that are unbalanced, nested or misplaced; the message names the cell and line."""


def _blocks(lines, markers, where):
    """(begin, end) line indices of each marked block, refusing unbalanced or nested markers."""
    begin_mark, end_mark = markers
    # as nbgrader: the words anywhere on a line ('# BEGIN SOLUTION', '## BEGIN SOLUTION', ...)
    begin_words, end_words = begin_mark.lstrip("# "), end_mark.lstrip("# ")
    blocks, start = [], None
    for i, line in enumerate(lines):
        if begin_words in line:
            if start is not None:
                raise MarkerError(f"{where}, line {i + 1}: '{begin_mark}' inside another block "
                                  f"(opened on line {start + 1}); close it with '{end_mark}' first")
            start = i
        elif end_words in line:
            if start is None:
                raise MarkerError(f"{where}, line {i + 1}: '{end_mark}' without a '{begin_mark}' before it")
            blocks.append((start, i))
            start = None
    if start is not None:
        raise MarkerError(f"{where}, line {start + 1}: '{begin_mark}' is never closed with '{end_mark}'")
    return blocks


def student_source(source, cell_type, where):
    """The cell's source with solutions replaced and hidden tests removed."""
    lines = source.split("\n")
    for markers in (SOLUTION, HIDDEN):
        _blocks(lines, markers, where)  # validate both kinds before changing anything
    for begin, end in reversed(_blocks(lines, SOLUTION, where)):
        indent = re.match(r"\s*", lines[begin]).group(0)
        stub = [f"{indent}# YOUR CODE HERE", f"{indent}raise NotImplementedError()"] if cell_type == "code" \
            else ["YOUR ANSWER HERE"]
        lines[begin:end + 1] = stub
    for begin, end in reversed(_blocks(lines, HIDDEN, where)):
        if cell_type != "code":
            raise MarkerError(f"{where}, line {begin + 1}: hidden tests belong in code cells")
        del lines[begin:end + 1]
    return "\n".join(lines)


def release_notebook(nb):
    """The student version of an instructor notebook (a new NotebookNode). As nbgrader does, a
    solution cell (metadata.nbgrader.solution) without markers is replaced whole."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    for index, cell in enumerate(nb.cells):
        where = f"cell {index + 1} ({cell.cell_type}{', tags ' + ','.join(cell.metadata.get('tags', [])) if cell.metadata.get('tags') else ''})"
        if cell.metadata.get("nbgrader", {}).get("solution") and SOLUTION[0].lstrip("# ") not in cell.source:
            cell.source = f"{SOLUTION[0]}\n{cell.source}\n{SOLUTION[1]}"
        cell.source = student_source(cell.source, cell.cell_type, where)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    return nb


def release(src, dest):
    """Write the student version of the instructor notebook `src` to `dest`."""
    nb = nbformat.read(src, as_version=4)
    try:
        student = release_notebook(nb)
    except MarkerError as exc:
        raise MarkerError(f"{src}: {exc}") from None
    nbformat.write(student, dest)
    return student
