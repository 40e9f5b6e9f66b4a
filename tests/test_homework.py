"""Homework: student versions, public checks and the grader."""
import copy
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from homework import Checker
from homework.grader import grade
from homework.markers import HIDDEN, SOLUTION, MarkerError, release_notebook, student_source

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "lessons" / "homework" / "source"
RELEASE = ROOT / "lessons" / "homework" / "release"
SETS = sorted(p.name for p in SOURCE.glob("*.ipynb"))


def test_every_set_has_its_student_version_and_public_checks():
    assert SETS, "no homework sets found"
    checks = sorted(p.stem for p in (ROOT / "homework" / "checks").glob("hw*.py"))
    assert [Path(s).stem for s in SETS] == checks
    assert sorted(p.name for p in RELEASE.glob("*.ipynb")) == SETS


@pytest.mark.parametrize("name", SETS)
def test_committed_student_versions_are_regenerated_exactly(name):
    fresh = release_notebook(nbformat.read(SOURCE / name, as_version=4))
    committed = nbformat.read(RELEASE / name, as_version=4)
    assert [(c.cell_type, c.source, c.metadata) for c in fresh.cells] == \
           [(c.cell_type, c.source, c.metadata) for c in committed.cells], \
        f"run: python -m homework release {SOURCE / name} {RELEASE / name}"
    assert all(not c.get("outputs") for c in committed.cells)


def _marked_lines(nb):
    lines = []
    for cell in nb.cells:
        inside = False
        for line in cell.source.split("\n"):
            text = line.strip()
            if text.startswith((SOLUTION[0], HIDDEN[0])):
                inside = True
            elif text.startswith((SOLUTION[1], HIDDEN[1])):
                inside = False
            elif inside and len(text) > 12:
                lines.append(text)
    return lines


@pytest.mark.parametrize("name", SETS)
def test_no_solution_or_hidden_test_text_reaches_students(name):
    secret = _marked_lines(nbformat.read(SOURCE / name, as_version=4))
    assert secret
    student_files = [(RELEASE / name).read_text()] + [p.read_text() for p in (ROOT / "homework" / "checks").glob("*.py")]
    for line in secret:
        assert not any(line in text for text in student_files), line


def test_stub_keeps_indentation_and_hidden_tests_go():
    src = "def f(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION\n"
    assert student_source(src, "code", "cell 1") == \
        "def f(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n"
    tests = "assert f(1) == 1\n### BEGIN HIDDEN TESTS\nassert f(2) == 2\n### END HIDDEN TESTS"
    assert student_source(tests, "code", "cell 2") == "assert f(1) == 1"


@pytest.mark.parametrize("src, words", [
    ("### BEGIN SOLUTION\nx = 1", "cell 3, line 1: '### BEGIN SOLUTION' is never closed"),
    ("x = 1\n### END SOLUTION", "cell 3, line 2: '### END SOLUTION' without a '### BEGIN SOLUTION'"),
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", "line 2: '### BEGIN SOLUTION' inside another block"),
    ("### BEGIN HIDDEN TESTS\nassert 1", "'### BEGIN HIDDEN TESTS' is never closed"),
])
def test_malformed_markers_are_refused_with_cell_and_line(src, words):
    with pytest.raises(MarkerError, match=words):
        student_source(src, "code", "cell 3")


def test_release_command(tmp_path):
    out = tmp_path / "student.ipynb"
    done = subprocess.run([sys.executable, "-m", "homework", "release", str(SOURCE / SETS[0]), str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "raise NotImplementedError()" in out.read_text()
    bad = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("### BEGIN SOLUTION\nx = 1")])
    nbformat.write(bad, tmp_path / "bad.ipynb")
    done = subprocess.run([sys.executable, "-m", "homework", "release", str(tmp_path / "bad.ipynb"),
                           str(tmp_path / "x.ipynb")], capture_output=True, text=True)
    assert done.returncode == 2 and "cell 1 (code), line 1" in done.stderr


def test_check_speaks_to_the_student():
    check = Checker("hw1_perceptron")
    ok = check("q1", {"predict": lambda w, x: 1 if sum(a * b for a, b in zip(w, x)) >= 0 else -1})
    assert ok and "public checks passed" in repr(ok) and "all tests passed" not in repr(ok)
    wrong = check("q1", {"predict": lambda w, x: 0})
    assert not wrong and "expected 1.0, got 0.0" in repr(wrong) and "sign of zero is +1" in repr(wrong)
    assert "define `update`" in repr(check("q2", {}))

    def unanswered(w, x, y):
        raise NotImplementedError()
    assert "not answered yet" in repr(check("q2", {"update": unanswered}))
    with pytest.raises(ValueError, match="no question 'q9'"):
        check("q9", {})


@pytest.mark.parametrize("answer, words", [
    (lambda w, x: print(1), "returned None: does your function print its result instead of returning it?"),
    (lambda w, x: "+1", "returned the text '+1': return numbers, not strings"),
    (lambda w, x: True, "a truth value: return numbers (1 or -1), not True/False"),
])
def test_check_names_what_came_back_instead_of_a_number(answer, words):
    result = Checker("hw1_perceptron")("q1", {"predict": answer})
    assert not result and words in repr(result) and "sign of zero" not in repr(result)


def test_check_gives_the_students_line_when_their_code_raises():
    namespace = {}
    exec(compile("def predict(w, x):\n    y = 1\n    return w[5] + y\n", "<answer cell>", "exec"), namespace)
    result = Checker("hw1_perceptron")("q1", namespace)
    assert "IndexError" in repr(result) and "line 3 of your code" in repr(result)


def _variant(src, name, folder, tag, code):
    nb = copy.deepcopy(src)
    for cell in nb.cells:
        if tag in cell.metadata.get("tags", []):
            cell.source = code
    nbformat.write(nb, folder / f"{name}.ipynb")


def _kernels():
    """Processes of submissions still alive (the sandboxed workers and anything they started)."""
    out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    return sum("homework.worker" in line or "ipykernel_launcher" in line for line in out.splitlines())


def test_grader_scores_every_kind_of_submission(tmp_path):
    instructor = SOURCE / "hw1_perceptron.ipynb"
    src = nbformat.read(instructor, as_version=4)
    subs = tmp_path / "subs"
    subs.mkdir()
    nbformat.write(src, subs / "a_instructor.ipynb")
    nbformat.write(nbformat.read(RELEASE / "hw1_perceptron.ipynb", as_version=4), subs / "b_untouched.ipynb")
    (subs / "c_not_a_notebook.ipynb").write_text("my homework is in my other bag")
    _variant(src, "d_endless_loop", subs, "q2", "def update(w, x, y):\n    pass\nwhile True:\n    pass")
    _variant(src, "e_sys_exit", subs, "q1", "import sys\nsys.exit(1)")
    _variant(src, "f_kernel_crash", subs, "q3", "import os\nos._exit(3)")
    _variant(src, "g_memory", subs, "q1", "chunks = []\nwhile True:\n    chunks.append(bytearray(10**8))")
    nb = copy.deepcopy(src)
    nb.cells = [c for c in nb.cells if "q3" not in c.metadata.get("tags", [])][::-1]
    nbformat.write(nb, subs / "h_deleted_and_reordered.ipynb")
    nb = copy.deepcopy(src)
    duplicate = copy.deepcopy([c for c in nb.cells if "q1" in c.metadata.get("tags", [])][0])
    duplicate.id = "duplicated-answer"
    nb.cells.append(duplicate)
    nbformat.write(nb, subs / "i_duplicated.ipynb")
    kernels_before = _kernels()
    results = {r.submission: r for r in grade(subs, instructor, tmp_path / "grades.csv", workers=2,
                                               cell_timeout=5, total_timeout=60, memory_mb=2000)}
    totals = {name: r.total for name, r in results.items()}
    assert totals == {"a_instructor": 6, "b_untouched": 0, "c_not_a_notebook": 0, "d_endless_loop": 1,
                      "e_sys_exit": 0, "f_kernel_crash": 3, "g_memory": 0, "h_deleted_and_reordered": 3,
                      "i_duplicated": 6}
    reasons = {name: " ".join(r.reasons) for name, r in results.items()}
    assert reasons["a_instructor"] == ""
    assert "not answered" in reasons["b_untouched"]
    assert "not a readable notebook" in reasons["c_not_a_notebook"]
    assert "ran longer than 5" in reasons["d_endless_loop"]
    assert "cell 12 (q3) ended the whole process" in reasons["f_kernel_crash"]
    assert "q1: 0/1" in reasons["g_memory"]
    assert "q3: no answer cell" in reasons["h_deleted_and_reordered"]
    assert "several cells carry this tag" in reasons["i_duplicated"]
    rows = (tmp_path / "grades.csv").read_text().splitlines()
    assert rows[0] == "submission,q1,q2,q3,q4,total,max,reasons" and len(rows) == 10
    assert _kernels() <= kernels_before  # no kernel left behind


@pytest.mark.parametrize("name", SETS)
def test_instructor_versions_get_full_marks_and_students_zero(name, tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    nbformat.write(nbformat.read(SOURCE / name, as_version=4), subs / "instructor.ipynb")
    nbformat.write(nbformat.read(RELEASE / name, as_version=4), subs / "student.ipynb")
    results = {r.submission: r for r in grade(subs, SOURCE / name, tmp_path / "g.csv", workers=2)}
    full = sum(results["instructor"].maximum.values())
    assert results["instructor"].total == full > 0, results["instructor"].reasons
    assert results["student"].total == 0


@pytest.mark.parametrize("name", SETS)
def test_untouched_student_versions_stop_only_at_unanswered_questions(name, tmp_path):
    from nbclient import NotebookClient

    nb = nbformat.read(RELEASE / name, as_version=4)
    NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [(c.metadata.get("tags", []), o["ename"]) for c in nb.cells if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    # the only errors are unanswered questions (a set whose answers are all functions has none)
    assert all(ename == "NotImplementedError" and tags and tags[0].startswith("q") for tags, ename in errors), errors
    printed = "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "").strip("'\"") + "\n"
                      for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert any(line.startswith("q") for line in printed.splitlines())   # what check() shows
    assert "passed" not in printed
    assert all(("not answered yet" in line or "define `" in line) for line in printed.splitlines()
               if line.startswith("q"))


def test_three_shards_merge_into_the_csv_of_one_run(tmp_path):
    src = nbformat.read(SOURCE / "hw1_perceptron.ipynb", as_version=4)
    subs = tmp_path / "subs"
    subs.mkdir()
    for i in range(5):
        nb = copy.deepcopy(src)
        for cell in nb.cells:   # some right, some wrong answers
            if i % 2 and "q2" in cell.metadata.get("tags", []):
                cell.source = "def update(w, x, y):\n    return w"
        nbformat.write(nb, subs / f"student{i}.ipynb")
    grade(subs, SOURCE / "hw1_perceptron.ipynb", tmp_path / "one.csv", workers=2, seed=7)
    parts = []
    for k in (1, 2, 3):
        done = subprocess.run([sys.executable, "-m", "homework", "grade", str(subs), "--instructor",
                               str(SOURCE / "hw1_perceptron.ipynb"), "--shard", f"{k}/3", "--out",
                               str(tmp_path / f"part{k}.json"), "--seed", "7", "--workers", "1"],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        parts.append(str(tmp_path / f"part{k}.json"))
    done = subprocess.run([sys.executable, "-m", "homework", "merge", *parts, "--out", str(tmp_path / "merged.csv")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "merged.csv").read_text() == (tmp_path / "one.csv").read_text()
    assert (tmp_path / "one.csv").read_text().count("\n") == 6


def test_feedback_pages_and_lms_columns(tmp_path):
    from homework.grader import write_lms_csv
    subs = tmp_path / "subs"
    subs.mkdir()
    nbformat.write(nbformat.read(RELEASE / "hw1_perceptron.ipynb", as_version=4), subs / "alice.ipynb")
    results = grade(subs, SOURCE / "hw1_perceptron.ipynb", tmp_path / "g.csv", feedback=tmp_path / "fb")
    page = (tmp_path / "fb" / "alice.html").read_text()
    assert "alice: 0 / 6 points" in page and "not answered" in page
    write_lms_csv(results, tmp_path / "lms.csv")
    assert (tmp_path / "lms.csv").read_text().splitlines()[:2] == ["username,grade,max,feedback", \
        "alice,0,6," + results[0].reasons[0] + "; " + "; ".join(results[0].reasons[1:])]


@pytest.mark.parametrize("marker", ["### BEGIN SOLUTION", "# BEGIN SOLUTION", "## BEGIN SOLUTION", "#BEGIN SOLUTION"])
def test_markers_are_found_anywhere_on_a_line_as_nbgrader_does(marker):
    end = marker.replace("BEGIN", "END")
    src = f"def f(x):\n    {marker}\n    return 42\n    {end}\n"
    out = student_source(src, "code", "cell 1")
    assert "42" not in out and "raise NotImplementedError()" in out


def test_a_solution_cell_without_markers_is_replaced_whole():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("secret = 42"),
                                         nbformat.v4.new_markdown_cell("The answer is 42.")])
    for cell in nb.cells:
        cell.metadata["nbgrader"] = {"solution": True, "grade": False, "grade_id": "a", "schema_version": 3}
    student = release_notebook(nb)
    assert all("42" not in c.source for c in student.cells)
    assert "raise NotImplementedError()" in student.cells[0].source and "YOUR ANSWER HERE" in student.cells[1].source


def test_without_tags_the_grader_reads_nbgrader_grade_ids(tmp_path):
    src = nbformat.read(SOURCE / "hw1_perceptron.ipynb", as_version=4)
    for cell in src.cells:
        cell.metadata.pop("tags", None)       # a notebook made with nbgrader alone
    nbformat.write(src, tmp_path / "instructor.ipynb")
    subs = tmp_path / "subs"
    subs.mkdir()
    nbformat.write(src, subs / "a.ipynb")
    result = grade(subs, tmp_path / "instructor.ipynb", tmp_path / "g.csv", workers=1)[0]
    assert result.total == 6 and set(result.maximum) == {"q1", "q2", "q3", "q4"}


def test_source_notebooks_carry_nbgrader_schema_3():
    for path in SOURCE.glob("*.ipynb"):
        cells = [c for c in nbformat.read(path, as_version=4).cells if "nbgrader" in c.metadata]
        assert cells and all(c.metadata["nbgrader"].get("schema_version") == 3 for c in cells), path.name
