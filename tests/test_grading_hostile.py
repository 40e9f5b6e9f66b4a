"""Submissions that try things: each gets 0 (or its honest score), the batch finishes, no process
is left, no file outside its folder changes, and its feedback never holds hidden-test text."""
import copy
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest

from homework import grader
from homework.grader import GradingSetupError, grade
from homework.sandbox import PIDS_CGROUP, Sandbox, Student, bubblewrap

ROOT = Path(__file__).resolve().parents[1]
HW1 = ROOT / "lessons" / "homework" / "source" / "hw1_perceptron.ipynb"
HW2 = ROOT / "lessons" / "homework" / "source" / "hw2_backprop.ipynb"
LIMITS = dict(cell_timeout=5, total_timeout=40, memory_mb=1500)
WRONG = "xor_converged = True\n"   # q4 answered wrongly; q1-q3 keep the instructor's right answers

if not bubblewrap() and os.environ.get("CI"):   # CI installs it (.ci/run): its absence there is a failure
    raise RuntimeError("bubblewrap is missing in CI: the sandbox tests must run (apt-get install bubblewrap)")
needs_bwrap = pytest.mark.skipif(not bubblewrap(), reason="bubblewrap is not installed (apt-get install bubblewrap)")


def _variant(src, folder, name, answers):
    nb = copy.deepcopy(src)
    for cell in nb.cells:
        for tag, code in answers.items():
            if tag in cell.metadata.get("tags", []):
                cell.source = code
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def _hidden_lines(instructor):
    lines = []
    for cell in instructor.cells:
        inside = False
        for line in cell.source.split("\n"):
            if "BEGIN HIDDEN TESTS" in line:
                inside = True
            elif "END HIDDEN TESTS" in line:
                inside = False
            elif inside and len(line.strip()) > 15:
                lines.append(line.strip())
    return lines


def _workers_alive():
    out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if "homework.worker" in line or "hostile-sleeper" in line]


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in Path(folder).iterdir() if p.is_file()}


CHEATS = {   # name: answer cells; every one of them answers q1 wrongly and tries to score anyway
    "patches_numpy_comparisons": {"q4": WRONG + "import numpy as np\nnp.array_equal = lambda *a, **k: True\n"
                                  "np.allclose = lambda *a, **k: True\nimport numpy.testing as t\n"
                                  "t.assert_array_equal = lambda *a, **k: None\n"},
    "always_equal_object": {"q4": "class Yes:\n    def __eq__(self, other):\n        return True\n"
                            "xor_converged = Yes()\n"},
    "patches_len": {"q4": WRONG + "import builtins\nbuiltins.len = lambda x: 0\n"},
    "ipython_hooks": {"q4": WRONG + "try:\n    ip = get_ipython()\n    ip.set_custom_exc((Exception,), "
                      "lambda *a, **k: None)\n    ip.input_transformers_cleanup.append(lambda lines: ['pass\\n'])\n"
                      "except Exception:\n    pass\n"},
    "forges_results_and_kills_parent": {
        "q4": WRONG + "import json, os, signal\nfor name in ('graded.ipynb.results.json', 'results.json'):\n"
              "    open(name, 'w').write(json.dumps({'failures': {}, 'stopped': None}))\n"
              "os.kill(os.getppid(), signal.SIGKILL)\n"},
    "reads_everything_it_can": {
        "q4": WRONG + "import glob, os\nloot = []\nfor pattern in ('/work/**/*.ipynb', '/tmp/**/*', '/root/**/*.ipynb',"
              " '/proc/*/cmdline'):\n    for p in glob.glob(pattern, recursive=True)[:500]:\n        try:\n"
              "            loot.append(open(p, errors='ignore').read(2000))\n        except OSError:\n            pass\n"
              "raise AssertionError(' '.join(loot)[:5000])\n"},
    "detached_process_rewrites_grades": {
        "q4": WRONG + "import subprocess\nsubprocess.Popen(['sh', '-c', 'exec -a hostile-sleeper sleep 30'], "
              "start_new_session=True)\nsubprocess.Popen(['sh', '-c', 'sleep 2; for f in /tmp/*/grades.csv "
              "$HOME/grades.csv; do echo hacked > $f; done'], start_new_session=True)\n"},
    "fork_bomb": {"q4": WRONG + "import os, time\nforks = 0\ntry:\n    for _ in range(400):\n"
                  "        if os.fork() == 0:\n            time.sleep(20)\n            os._exit(0)\n        forks += 1\n"
                  "except OSError:\n    pass\n"},
    "endless_output": {"q4": WRONG + "import sys\nfor _ in range(10**6):\n    print('x' * 1000)\n"
                       "    sys.stderr.write('y' * 1000)\n"},
    "fills_the_disk": {"q4": WRONG + "with open('big', 'wb') as f:\n    for _ in range(10**4):\n"
                       "        f.write(b'0' * 10**6)\n"},
}


@needs_bwrap
def test_every_cheat_scores_only_its_honest_points(tmp_path):
    src = nbformat.read(HW1, as_version=4)
    subs = tmp_path / "subs"
    subs.mkdir()
    for name, answers in CHEATS.items():
        _variant(src, subs, name, answers)
    honest = _variant(src, subs, "honest_but_q4_wrong", {"q4": WRONG})
    other = tmp_path / "other_student.ipynb"
    shutil.copy(honest, other)
    before = {**_digest(tmp_path), **_digest(subs), **_digest(HW1.parent)}
    started = time.monotonic()
    results = {r.submission: r for r in grade(subs, HW1, tmp_path / "grades.csv", workers=2, **LIMITS)}
    assert time.monotonic() - started < 120
    honest_total = results["honest_but_q4_wrong"].total
    assert honest_total == 5, results["honest_but_q4_wrong"].reasons      # q1-q3 right, q4 wrong
    secrets = _hidden_lines(src)
    for name in CHEATS:
        r = results[name]
        assert r.points["q4"] == 0, (name, r.reasons)
        assert r.total <= honest_total, (name, r.reasons)
        feedback = " ".join(r.reasons)
        assert not any(line in feedback for line in secrets), (name, feedback[:300])
    time.sleep(3)   # the detached writer would have struck by now
    grades = (tmp_path / "grades.csv").read_text()
    assert "hacked" not in grades and len(grades.splitlines()) == len(CHEATS) + 2
    after = {**_digest(tmp_path), **_digest(subs), **_digest(HW1.parent)}
    assert {k: v for k, v in after.items() if k != "grades.csv"} == {k: v for k, v in before.items()}
    assert not _workers_alive()


@needs_bwrap
def test_a_redefined_helper_does_not_change_the_reference(tmp_path):
    src = nbformat.read(HW2, as_version=4)
    subs = tmp_path / "subs"
    subs.mkdir()
    # the notebook's sigmoid helper redefined so that a wrong derivative agrees with it
    _variant(src, subs, "redefines_sigmoid", {"q4": "def sigmoid(a):\n    return 0.5 + 0 * a\n"
                                                    "def sigmoid_derivative(a):\n    s = sigmoid(a)\n    return s * (1 - s)\n"})
    r = grade(subs, HW2, tmp_path / "g.csv", workers=1, **LIMITS)[0]
    assert r.points["q1"] == 0 and "sigmoid_derivative" in " ".join(r.reasons)


SPY = """
import os, socket
seen = {}
for path in [INSTRUCTOR, SUBMISSIONS, KIT + '/lessons', KIT + '/tests', '/root', '/proc/1/cmdline']:
    try:
        seen[path] = sorted(os.listdir(path))[:5] if os.path.isdir(path) else open(path).read(200)
    except OSError as e:
        seen[path] = 'refused'
try:
    s = socket.create_connection(('127.0.0.1', PORT), timeout=2)
    s.sendall(b'the hidden tests')
    network = 'connected'
except OSError:
    network = 'refused'
try:
    open(KIT + '/course_lib/x.py', 'w')
    kit_writable = True
except OSError:
    kit_writable = False
"""


@needs_bwrap
def test_the_sandbox_sees_no_instructor_file_no_other_submission_and_no_network(tmp_path):
    subs = tmp_path / "submissions"
    subs.mkdir()
    (subs / "other.ipynb").write_text("{}")
    received = []
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(5)
    port = server.getsockname()[1]

    def listen():
        try:
            conn, _ = server.accept()
            received.append(conn.recv(100))
        except OSError:
            pass
    thread = threading.Thread(target=listen)
    thread.start()
    source = (SPY.replace("INSTRUCTOR", repr(str(HW1))).replace("SUBMISSIONS", repr(str(subs)))
              .replace("KIT", repr(str(ROOT))).replace("PORT", str(port)))
    limits = {"memory_mb": 1500, "cpu_seconds": 30, "files_mb": 10, "cell_seconds": 10, "call_seconds": 10,
              "processes": 64}
    with Sandbox([{"name": "cell 1", "source": source}], limits).start(30) as box:
        student = Student(box)
        seen, network, writable = student.get("seen"), student.get("network"), student.get("kit_writable")
    thread.join()
    server.close()
    # /proc/1 is the sandbox's own first process: the grader's command line (with --instructor) is not there
    cmdline = seen.pop("/proc/1/cmdline")
    home = seen.pop("/root")   # only the way to the Python installation, if it lives under /root
    assert home == "refused" or home == [Path(sys.base_prefix).relative_to("/root").parts[0]], home
    assert str(HW1) not in cmdline and "pytest" not in cmdline
    assert all(v == "refused" for v in seen.values()), repr(seen)[-400:]
    assert network == "refused" and received == [] and writable is False


@needs_bwrap
def test_processes_are_capped_where_the_pids_cgroup_is_writable():
    limits = {"memory_mb": 1500, "cpu_seconds": 30, "files_mb": 10, "cell_seconds": 20, "call_seconds": 10,
              "processes": 32}
    with Sandbox([{"name": "cell 1", "source": CHEATS["fork_bomb"]["q4"]}], limits).start(60) as box:
        forks = Student(box).get("forks")
        capped = box.cgroup is not None
    if capped:
        assert forks < 32
    else:   # no pids cgroup here: the PID namespace still ends them all with the sandbox
        assert forks == 400
    time.sleep(0.5)
    assert not _workers_alive()


def test_without_bubblewrap_the_grader_refuses_unless_told(monkeypatch, tmp_path):
    monkeypatch.setattr(grader, "bubblewrap", lambda: None)
    with pytest.raises(GradingSetupError, match="--no-sandbox.*read your files.*network"):
        grade(tmp_path, HW1, tmp_path / "g.csv")
    (tmp_path / "honest.ipynb").write_text(HW1.read_text())
    r = grade(tmp_path, HW1, tmp_path / "g.csv", sandbox=False, workers=1, **LIMITS)[0]
    assert r.total == 6


def test_a_grading_cell_without_hidden_tests_is_refused(tmp_path):
    nb = nbformat.read(HW1, as_version=4)
    for cell in nb.cells:
        if "q2-tests" in cell.metadata.get("tags", []):
            cell.source = "### BEGIN HIDDEN TESTS\nassert update([0, 0], [1, -1], -1)[0] == -1\n### END HIDDEN TESTS"
    nbformat.write(nb, tmp_path / "instructor.ipynb")
    with pytest.raises(GradingSetupError, match="q2-tests.*@hidden_test"):
        grader.hidden_tests(nb)


def test_hidden_tests_still_run_in_a_kernel_for_nbgrader():
    """In the instructor's own kernel (or nbgrader's autograde) a hidden test runs at once."""
    from homework.hidden import hidden_test

    def predict(w, x):
        return -1
    globals()["predict"] = predict
    try:
        with pytest.raises(AssertionError, match="predict"):
            @hidden_test
            def check(student, rng):
                assert student.call("predict", [0, 0], [1, 1]) == 1, "predict(0, x)"
    finally:
        del globals()["predict"]
