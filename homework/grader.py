"""Grade submissions against the instructor notebook, with no student code deciding a score.

For each submission: the student version of the instructor notebook (no solution, no hidden test)
with the submission's answer cells in place runs in a sandbox (``homework.sandbox``: bubblewrap,
no network, only its own folder writable, limits on memory, CPU, files and processes). The hidden
tests, functions in the instructor's grading cells (``homework.hidden``), run in the grader's own
process: they call the submission's functions with inputs drawn fresh for every run and receive
plain data back, which they compare with their own reference. Monkeypatching, custom ``__eq__``,
IPython hooks, forged result files or redefined helpers change nothing, because none of that
crosses. One broken submission never stops the batch.
"""
import csv
import html
import json
import os
import re
import secrets
import warnings
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import numpy as np

from .hidden import collect
from .markers import HIDDEN, release_notebook
from .sandbox import Sandbox, SandboxError, Student, StudentError, bubblewrap

TEST_TAG = re.compile(r"^(q[\w-]*?)-tests$")
ANSWER_TAG = re.compile(r"q[\w]*")
NO_SANDBOX_RISK = ("without the sandbox, student code runs with your rights: it can read your files (the "
                   "instructor notebook, other submissions), use the network, leave processes running and "
                   "rewrite grades.csv")


class GradingSetupError(ValueError):
    """The instructor's side is not ready: a grading cell without hidden tests, no bubblewrap, ..."""


@dataclass
class Result:
    submission: str
    points: dict = field(default_factory=dict)      # question -> points earned
    maximum: dict = field(default_factory=dict)     # question -> points possible
    reasons: list = field(default_factory=list)

    @property
    def total(self):
        return sum(self.points.values())


def tags_of(cell):
    """The cell's tags, or, in a notebook made with nbgrader alone (no tags), its grade_id."""
    tags = cell.get("metadata", {}).get("tags", [])
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    return tags if tags or not grade_id else [grade_id]


def questions(instructor):
    """{question: points} from the instructor notebook's grading cells."""
    out = {}
    for cell in instructor.cells:
        for tag in tags_of(cell):
            m = TEST_TAG.match(tag)
            if m:
                out[m.group(1)] = out.get(m.group(1), 0) + cell.metadata.get("nbgrader", {}).get("points", 1)
    return out


def hidden_tests(instructor):
    """{question: [hidden test functions]} from the grading cells' hidden blocks."""
    tests = {}
    for index, cell in enumerate(instructor.cells):
        for tag in tags_of(cell):
            m = TEST_TAG.match(tag)
            if not m:
                continue
            lines, inside, block = cell.source.split("\n"), False, []
            for line in lines:
                if HIDDEN[0].split(" ", 1)[1] in line:
                    inside = True
                elif HIDDEN[1].split(" ", 1)[1] in line:
                    inside = False
                elif inside:
                    block.append(line)
            try:
                found = collect("\n".join(block), f"<{tag}>")
            except Exception as exc:   # e.g. old-style asserts that use the notebook's names
                found, problem = [], f" (loading it raised {type(exc).__name__}: {exc})"
            else:
                problem = ""
            if not found:
                raise GradingSetupError(
                    f"cell {index + 1} ({tag}) has no hidden test{problem}: write one function decorated with "
                    "@hidden_test between the hidden-test markers (see homework/hidden.py)")
            tests.setdefault(m.group(1), []).extend(found)
    return tests


def program_cells(instructor, submission, reasons):
    """The code the sandbox runs: the student version of the instructor notebook (no solution,
    no hidden test, no grading cell) with the submission's answer cells in place."""
    answers = {}
    for cell in submission.cells:
        for tag in tags_of(cell):
            if ANSWER_TAG.fullmatch(tag):
                if tag in answers:
                    reasons.append(f"{tag}: several cells carry this tag; the last one was graded")
                answers[tag] = cell.source
    cells = []
    for index, cell in enumerate(release_notebook(instructor).cells):   # a copy: the instructor's stays whole
        tags = tags_of(cell)
        if cell.cell_type != "code" or any(TEST_TAG.match(t) for t in tags):
            continue
        answer = [t for t in tags if ANSWER_TAG.fullmatch(t)]
        source = cell.source
        if answer:
            source = answers.get(answer[0])
            if source is None:
                reasons.append(f"{answer[0]}: no answer cell with this tag was found (deleted?)")
                source = "raise NotImplementedError('answer cell missing')"
        name = f"cell {index + 1}" + (f" ({answer[0]})" if answer else "")
        cells.append({"name": name, "source": source})
    return cells


def describe_error(text):
    """An error from the submission, in words for the student's report."""
    if text.startswith("NotImplementedError"):
        return "not answered (the answer cell still raises NotImplementedError)"
    if text.startswith("MemoryError"):
        return "MemoryError: the answer used more memory than allowed"
    return text[:300]


def grade_one(path, instructor, tests, cell_timeout=30, total_timeout=300, memory_mb=3000, processes=64,
              sandbox=True, seed=None):
    """Grade one submission file; never raises."""
    result = Result(Path(path).stem)
    maxima = questions(instructor)
    result.maximum = dict(maxima)
    result.points = {q: 0 for q in maxima}
    try:
        with warnings.catch_warnings():  # duplicated cell ids are repaired silently; the tags matter
            warnings.simplefilter("ignore")
            submission = nbformat.read(path, as_version=4)
        cells = program_cells(instructor, submission, result.reasons)
    except Exception as exc:
        result.reasons.append(f"not a readable notebook ({type(exc).__name__}: {str(exc)[:120]})")
        return result
    limits = {"memory_mb": memory_mb, "cpu_seconds": int(total_timeout) + 1, "files_mb": 100,
              "cell_seconds": max(int(cell_timeout), 1), "call_seconds": max(int(cell_timeout), 1),
              "processes": processes}
    # fresh inputs every run; with a seed, the same inputs for this submission on every machine
    rng = np.random.default_rng(secrets.randbits(64) if seed is None else [seed, zlib.crc32(result.submission.encode())])
    try:
        with _start(cells, limits, sandbox, total_timeout, result.reasons) as box:
            for error in box.errors:
                if "(q" in error["cell"]:
                    question = error["cell"].split("(")[1].rstrip(")")
                    result.reasons.append(f"{question}: your answer cell raised {describe_error(error['error'])}")
            _run_tests(result, tests, maxima, Student(box), rng)
    except SandboxError as exc:
        result.reasons.append(f"the submission could not be graded: {exc}")
        for q in maxima:
            if result.points[q] == 0 and not any(r.startswith(f"{q}:") for r in result.reasons):
                result.reasons.append(f"{q}: 0/{maxima[q]} (not graded)")
    return result


def _start(cells, limits, sandbox, timeout, reasons, attempts=3):
    """The sandbox with every cell run. A cell that ends the process (os._exit, a crash) is
    replaced by an error and the program started again, so the other answers are still graded."""
    for _ in range(attempts):
        box = Sandbox(cells, limits, sandbox=sandbox)
        try:
            return box.start(timeout)
        except SandboxError as exc:
            culprit = box.running
            box.close()
            if culprit is None or "no answer within" in str(exc):
                raise
            name = cells[culprit]["name"]
            reasons.append(f"{name} ended the whole process ({exc}); it was left out")
            cells = [*cells[:culprit], {"name": name, "source": "raise RuntimeError('this cell ended the process')"},
                     *cells[culprit + 1:]]
    raise SandboxError("cells kept ending the process")


def _run_tests(result, tests, maxima, student, rng):
    for q, functions in tests.items():
        try:
            for fn in functions:
                fn(student, rng)
            result.points[q] = maxima[q]
        except AssertionError as exc:
            result.reasons.append(f"{q}: 0/{maxima[q]}: {str(exc)[:300] or 'a hidden test failed'}")
        except StudentError as exc:
            result.reasons.append(f"{q}: 0/{maxima[q]}: {describe_error(str(exc))}")
        except SandboxError:
            raise
        except Exception as exc:   # the answer came back in a form the test could not use
            result.reasons.append(f"{q}: 0/{maxima[q]}: the result could not be checked "
                                  f"({type(exc).__name__}: {str(exc)[:200]})")


def grade(submissions_dir, instructor_path, out_csv, workers=None, sandbox=True, shard=None, feedback=None,
          **limits):
    """Grade every file in `submissions_dir`; write one CSV row each (or, for a shard, JSON that
    ``merge`` joins). sandbox=False runs student code unconfined (see NO_SANDBOX_RISK) and must be
    asked for. shard=(k, N): only every N-th file from the k-th (1-based), so N machines share a
    class. feedback: a folder for one HTML page per submission (points and reasons)."""
    if sandbox and not bubblewrap():
        raise GradingSetupError("bubblewrap is not installed, so student code cannot be confined: install it "
                                "(apt-get install bubblewrap), or pass --no-sandbox knowing that " + NO_SANDBOX_RISK)
    instructor = nbformat.read(instructor_path, as_version=4)
    maxima = questions(instructor)
    tests = hidden_tests(instructor)
    missing = set(maxima) - set(tests)
    if missing:
        raise GradingSetupError(f"no hidden tests for {', '.join(sorted(missing))}")
    files = sorted(p for p in Path(submissions_dir).iterdir() if p.is_file() and not p.name.startswith("."))
    if shard is not None:
        k, n = shard
        if not (isinstance(k, int) and isinstance(n, int) and 1 <= k <= n):
            raise ValueError(f"shard must be k/N with 1 <= k <= N, got {k}/{n}")
        files = files[k - 1::n]
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count()) as pool:
        results = list(pool.map(lambda p: grade_one(p, instructor, tests, sandbox=sandbox, **limits), files))
    if feedback is not None:
        write_feedback(results, feedback)
    if shard is not None or str(out_csv).endswith(".json"):
        Path(out_csv).write_text(json.dumps({"questions": maxima, "results": [vars(r) for r in results]}))
    else:
        write_csv(results, maxima, out_csv)
    return results


def merge(parts, out_csv):
    """Join the JSON results of several shards into the one CSV a single run would write."""
    maxima, results = None, []
    for part in parts:
        data = json.loads(Path(part).read_text())
        if maxima is not None and data["questions"] != maxima:
            raise ValueError(f"{part} was graded against other questions ({data['questions']}, not {maxima})")
        maxima = data["questions"]
        results += [Result(**r) for r in data["results"]]
    results.sort(key=lambda r: r.submission)
    write_csv(results, maxima, out_csv)
    return results


def write_feedback(results, folder):
    """One HTML page per submission: each question's points and, where points were lost, why."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for r in results:
        rows = "".join(f"<tr><td>{html.escape(q)}</td><td>{r.points[q]} / {r.maximum[q]}</td><td>"
                       + html.escape("; ".join(x.split(": ", 1)[1] if ": " in x else x for x in r.reasons
                                               if x.startswith(f"{q}:")))
                       + "</td></tr>" for q in r.maximum)
        other = [x for x in r.reasons if not any(x.startswith(f"{q}:") for q in r.maximum)]
        notes = "".join(f"<li>{html.escape(x)}</li>" for x in other)
        (folder / f"{r.submission}.html").write_text(
            f"<!doctype html><meta charset='utf-8'><title>Feedback: {html.escape(r.submission)}</title>"
            f"<h1>{html.escape(r.submission)}: {r.total} / {sum(r.maximum.values())} points</h1>"
            f"<table border='1' cellpadding='4'><tr><th>question</th><th>points</th><th>why points were lost"
            f"</th></tr>{rows}</table>" + (f"<h2>Notes</h2><ul>{notes}</ul>" if notes else ""))


def write_lms_csv(results, out_csv):
    """username,grade,max,feedback: the columns a learning-management system's grade import maps
    (Moodle: map 'username' to the user field and 'grade' to the assignment; Canvas and others
    accept the same with their own column mapping). The username is the submission's file name."""
    with open(out_csv, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["username", "grade", "max", "feedback"])
        for r in results:
            writer.writerow([r.submission, r.total, sum(r.maximum.values()), "; ".join(r.reasons)])


def write_csv(results, maxima, out_csv):
    with open(out_csv, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["submission", *maxima, "total", "max", "reasons"])
        for r in results:
            writer.writerow([r.submission, *(r.points[q] for q in maxima), r.total, sum(maxima.values()),
                             "; ".join(r.reasons)])
