"""The committed lessons carry only the outputs nbval checks, and each has what a lesson needs."""
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from strip_outputs import is_checked, strip  # noqa: E402

LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))


def test_lessons_are_numbered_in_order_and_listed_in_the_readme():
    numbers = [p.name.split("_")[0] for p in LESSONS]
    assert numbers == [f"{i:02d}" for i in range(1, len(LESSONS) + 1)], numbers
    readme = (ROOT / "README.md").read_text()
    listed = re.findall(r"^\| `(\d\d_\w+\.ipynb)` \|", readme, flags=re.M)
    assert listed == [p.name for p in LESSONS], "the README's lesson table and lessons/ disagree"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_only_checked_outputs_are_committed(path):
    nb = nbformat.read(path, as_version=4)
    assert strip(nb) == nb, f"{path.name} carries outputs nbval does not check: run tools/strip_outputs.py"
    checked = [c for c in nb.cells if is_checked(c)]
    assert checked and all(c.outputs and c.execution_count for c in checked), \
        f"{path.name}: every checked cell needs its reference output (run tools/strip_outputs.py --execute)"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_slides_metadata_and_exercises(path):
    nb = nbformat.read(path, as_version=4)
    assert all("slide_type" in c.metadata.get("slideshow", {}) for c in nb.cells)
    assert any("<details>" in c.source and "Exercises" in c.source for c in nb.cells if c.cell_type == "markdown")


def test_strip_removes_unchecked_outputs():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1)"),
                                         nbformat.v4.new_code_cell("# NBVAL_CHECK_OUTPUT\nprint(2)")])
    for i, cell in enumerate(nb.cells):
        cell.outputs = [nbformat.v4.new_output("stream", text=f"{i + 1}\n")]
        cell.execution_count = i + 1
    clean = strip(nb)
    assert clean.cells[0].outputs == [] and clean.cells[0].execution_count is None
    assert clean.cells[1].outputs and clean.cells[1].execution_count == 2


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_one_present_switch_drives_every_widget(path):
    import widgets
    from widgets.base import CourseWidget
    classes = [n for n in widgets.__all__
               if isinstance(getattr(widgets, n), type) and issubclass(getattr(widgets, n), CourseWidget)]
    nb = nbformat.read(path, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    shown = [s.strip().splitlines()[-1] for s in code if s.strip() and re.match(
        r"^(" + "|".join(classes) + r")\(", s.strip().splitlines()[-1])]
    assert all("present=PRESENT" in line for line in shown), shown
    if shown:
        assert "PRESENT = False" in code[0], f"{path.name}: the first code cell sets PRESENT = False"


def test_the_instructors_map_names_every_lesson():
    teaching = (ROOT / "docs" / "teaching.md").read_text()
    for path in LESSONS:
        number = path.name[:2]
        assert f"| {number} " in teaching, f"docs/teaching.md does not map any slide to lesson {number}"
    first_lines = [nbformat.read(p, as_version=4).cells[0].source for p in LESSONS]
    assert all("*Chapter 8" in line for line in first_lines)   # each heading names its place in the lecture


# DESIGN.md's six slide errata: (lesson, words its note must keep)
ERRATA = [
    ("01", r"Slide erratum:\* line 4 of the slide says .*\\\{0,1\\\}"),
    ("03", r"Slide erratum:\* the slide writes \$x_i\$ in this line, mixing the indices"),
    ("03", r"Slide erratum:\* the summary slide computes the loss as"),
    ("04", r"Slide erratum:\* one slide writes .*-\\eta"),
    ("04", r"Slide erratum:\* the last gradient-descent slide writes .*\\theta \+ \\eta"),
    ("07", r"Slide erratum:\* the slide says \"the dots are colored orange or blue"),
]


@pytest.mark.parametrize("number, note", ERRATA)
def test_each_slide_erratum_is_pointed_out_in_its_lesson(number, note):
    path = next(p for p in LESSONS if p.name.startswith(number))
    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
    assert re.search(note, text), f"{path.name} lost its erratum note: {note}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_no_test_machinery_in_the_cells_the_class_reads(path):
    """Asserts and nbval markers live in cells tagged remove-cell (run by nbval, left out of exports)."""
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code" and "remove-cell" not in cell.metadata.get("tags", []):
            assert "NBVAL" not in cell.source and not re.search(r"^\s*assert ", cell.source, flags=re.M), cell.source
