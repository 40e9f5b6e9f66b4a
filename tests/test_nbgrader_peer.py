"""The kit's homework notebooks are nbgrader notebooks: nbgrader's own generate_assignment accepts
them unchanged, and its autograde gives the points the kit's grader gives."""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from homework.grader import grade

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "lessons" / "homework" / "source"
RELEASE = ROOT / "lessons" / "homework" / "release"


def nbgrader(course, *args):
    env = dict(os.environ, PYTHONPATH=str(ROOT), PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "ERROR" not in done.stderr, done.stderr[-2000:]


@pytest.mark.parametrize("name", ["hw1_perceptron"])   # one set: nbgrader takes ~25 s a set
def test_nbgrader_accepts_the_notebooks_and_grades_them_as_we_do(name, tmp_path):
    course = tmp_path / "course"
    (course / "source" / name).mkdir(parents=True)
    shutil.copy(SOURCE / f"{name}.ipynb", course / "source" / name)
    (course / "nbgrader_config.py").write_text(f"c = get_config()\nc.CourseDirectory.root = {str(course)!r}\n"
                                               "c.CourseDirectory.course_id = 'kit'\n")
    nbgrader(course, "generate_assignment", name, "--force")
    generated = json.loads((course / "release" / name / f"{name}.ipynb").read_text())
    assert "BEGIN SOLUTION" not in json.dumps(generated) and "BEGIN HIDDEN" not in json.dumps(generated)
    students = {"untouched": course / "release" / name / f"{name}.ipynb", "instructor": SOURCE / f"{name}.ipynb"}
    for student, notebook in students.items():
        (course / "submitted" / student / name).mkdir(parents=True)
        shutil.copy(notebook, course / "submitted" / student / name / f"{name}.ipynb")
        nbgrader(course, "db", "student", "add", student)
    nbgrader(course, "autograde", name, "--force")
    with sqlite3.connect(course / "gradebook.db") as db:
        theirs = dict(db.execute("select s.student_id, sum(g.auto_score) from grade g join submitted_notebook n "
                                 "on g.notebook_id = n.id join submitted_assignment s on n.assignment_id = s.id "
                                 "group by s.student_id"))
    subs = tmp_path / "subs"
    subs.mkdir()
    for student, notebook in students.items():
        shutil.copy(notebook, subs / f"{student}.ipynb")
    ours = {r.submission: r.total for r in grade(subs, SOURCE / f"{name}.ipynb", tmp_path / "g.csv", workers=2)}
    assert theirs == ours and ours["instructor"] > 0 == ours["untouched"]
