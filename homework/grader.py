"""Grade submissions against the instructor notebook.

For each submission: take the answer cells by their tags, put them into a fresh copy of the
instructor notebook, and run it in a separate process (per-cell and total time limits, a memory
limit, a temporary working folder). Each grading cell (tag ``qN-tests``) that runs without error
earns its points; every lost point gets a reason. One broken submission never stops the batch.

This is NOT a security sandbox: student code runs with your user's rights. Grade untrusted work
inside a container without network access.
"""
import copy
import csv
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

TEST_TAG = re.compile(r"^(q[\w-]*?)-tests$")


@dataclass
class Result:
    submission: str
    points: dict = field(default_factory=dict)      # question -> points earned
    maximum: dict = field(default_factory=dict)     # question -> points possible
    reasons: list = field(default_factory=list)

    @property
    def total(self):
        return sum(self.points.values())


def questions(instructor):
    """{question: points} from the instructor notebook's grading cells."""
    out = {}
    for cell in instructor.cells:
        for tag in cell.metadata.get("tags", []):
            m = TEST_TAG.match(tag)
            if m:
                out[m.group(1)] = out.get(m.group(1), 0) + cell.metadata.get("nbgrader", {}).get("points", 1)
    return out


def merge(instructor, submission, reasons):
    """A copy of the instructor notebook whose answer cells hold the submission's answers."""
    answers = {}
    for cell in submission.cells:
        for tag in cell.get("metadata", {}).get("tags", []):
            if re.fullmatch(r"q[\w]*", tag):
                if tag in answers:
                    reasons.append(f"{tag}: several cells carry this tag; the last one was graded")
                answers[tag] = cell.source
    merged = copy.deepcopy(instructor)
    for cell in merged.cells:
        tags = [t for t in cell.metadata.get("tags", []) if re.fullmatch(r"q[\w]*", t)]
        if tags and cell.cell_type == "code":
            if tags[0] in answers:
                cell.source = answers[tags[0]]
            else:
                reasons.append(f"{tags[0]}: no answer cell with this tag was found (deleted?)")
                cell.source = "raise NotImplementedError('answer cell missing')"
        if cell.cell_type == "code":
            cell.outputs = []
    return merged


def run_notebook(path, workdir, cell_timeout):
    """Run in this process (called in the child): execute and save the notebook, then write which
    grading cells failed and why to path + '.results.json'."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=cell_timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": workdir}})
    status = {"stopped": None}
    try:
        with client.setup_kernel():
            Path(path + ".kernel.pid").write_text(str(client.km.provisioner.pid))
            for index, cell in enumerate(nb.cells):
                try:
                    client.execute_cell(cell, index)
                except CellTimeoutError:
                    status["stopped"] = (index, f"cell {index + 1} ran longer than {cell_timeout} s (endless loop?)")
                    break
                except DeadKernelError:
                    status["stopped"] = (index, f"the kernel died in cell {index + 1} (a crash, os._exit, "
                                                "or the memory limit)")
                    break
    except DeadKernelError:
        status["stopped"] = (0, "the kernel died (a crash or the memory limit)")
    failures = {}
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                failures[index] = describe_error(out.get("ename"), out.get("evalue"))
    Path(path + ".results.json").write_text(json.dumps({"failures": failures, "stopped": status["stopped"]}))


def describe_error(ename, evalue):
    """An error in a grading cell, in words for the student's report."""
    if ename == "NotImplementedError":
        return "not answered (the answer cell still raises NotImplementedError)"
    if ename == "AssertionError" and not evalue:
        return "a test's assert failed"
    if ename == "MemoryError":
        return "MemoryError: the answer used more memory than allowed"
    return f"{ename}: {evalue}"[:300]


def _limit_memory(megabytes):
    def apply():
        import resource
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return apply


def grade_one(path, instructor, cell_timeout=30, total_timeout=300, memory_mb=3000):
    """Grade one submission file; never raises."""
    result = Result(Path(path).stem)
    maxima = questions(instructor)
    result.maximum = dict(maxima)
    result.points = {q: 0 for q in maxima}
    try:
        with warnings.catch_warnings():  # duplicated cell ids are repaired silently; the tags matter
            warnings.simplefilter("ignore")
            submission = nbformat.read(path, as_version=4)
    except Exception as exc:
        result.reasons.append(f"not a readable notebook ({type(exc).__name__}: {str(exc)[:120]})")
        return result
    merged = merge(instructor, submission, result.reasons)
    with tempfile.TemporaryDirectory(prefix="grade-") as workdir:
        nb_path = os.path.join(workdir, "graded.ipynb")
        nbformat.write(merged, nb_path)
        env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MPLBACKEND="Agg")
        child = subprocess.Popen([sys.executable, "-c",
                                  "import sys; from homework.grader import run_notebook; "
                                  "run_notebook(sys.argv[1], sys.argv[2], float(sys.argv[3]))",
                                  nb_path, workdir, str(cell_timeout)],
                                 cwd=workdir, env=env, start_new_session=True,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 preexec_fn=_limit_memory(memory_mb))
        try:
            _, err = child.communicate(timeout=total_timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            err = b""
            result.reasons.append(f"stopped after the total time limit of {total_timeout} s")
        finally:
            _kill_kernel(nb_path)
        results_file = Path(nb_path + ".results.json")
        if not results_file.exists():
            if not any("total time limit" in r for r in result.reasons):
                result.reasons.append("the grading run failed: " + err.decode(errors="replace").strip()[-300:])
            for q in maxima:
                result.reasons.append(f"{q}: 0/{maxima[q]} (not graded)")
            return result
        report = json.loads(results_file.read_text())
    _score(result, merged, report, maxima)
    return result


def _kill_kernel(nb_path):
    pid_file = Path(nb_path + ".kernel.pid")
    if pid_file.exists():
        try:
            os.kill(int(pid_file.read_text()), signal.SIGKILL)
        except (ProcessLookupError, ValueError):
            pass


def _score(result, merged, report, maxima):
    failures = {int(k): v for k, v in report["failures"].items()}
    stopped = report["stopped"]
    for index, cell in enumerate(merged.cells):
        for tag in cell.metadata.get("tags", []):
            m = TEST_TAG.match(tag)
            if not m:
                continue
            q, points = m.group(1), cell.metadata.get("nbgrader", {}).get("points", 1)
            if stopped and index >= stopped[0]:
                result.reasons.append(f"{q}: 0/{points}: {stopped[1]}")
            elif index in failures:
                result.reasons.append(f"{q}: 0/{points}: {failures[index]}")
            else:
                result.points[q] += points


def grade(submissions_dir, instructor_path, out_csv, workers=None, **limits):
    """Grade every *.ipynb (and anything else) in `submissions_dir`; write one CSV row each."""
    instructor = nbformat.read(instructor_path, as_version=4)
    maxima = questions(instructor)
    files = sorted(p for p in Path(submissions_dir).iterdir() if p.is_file() and not p.name.startswith("."))
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count()) as pool:
        results = list(pool.map(lambda p: grade_one(p, instructor, **limits), files))
    with open(out_csv, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["submission", *maxima, "total", "max", "reasons"])
        for r in results:
            writer.writerow([r.submission, *(r.points[q] for q in maxima), r.total, sum(maxima.values()),
                             "; ".join(r.reasons)])
    return results
