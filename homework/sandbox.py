"""Run a submission in a sandbox and talk to it with plain data.

Under bubblewrap (Debian package ``bubblewrap``) the submission gets: no network, a read-only
system and Python, only the kit's course_lib / homework / widgets packages of the checkout (no
lessons, no instructor notebooks, no other submissions, no grades), a private /tmp, its own work
folder as the only writable place, its own PID namespace (every process it starts ends with it),
and limits on memory, CPU time, file size and, where the pids cgroup is writable, the number of
processes. Without bubblewrap it runs as a plain child process, and only with ``sandbox=False``.
"""
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from .protocol import ProtocolError, encode, read_message

KIT = Path(__file__).resolve().parents[1]
PACKAGES = ("course_lib", "homework", "widgets")
PIDS_CGROUP = Path("/sys/fs/cgroup/pids")


class SandboxError(RuntimeError):
    """The submission's process ended, timed out, or answered with something that is not plain data."""


class StudentError(Exception):
    """The submission's own code raised; the message is the exception in one line."""


def bubblewrap():
    return shutil.which("bwrap")


def _bwrap_command(workdir, python):
    prefix = Path(sys.base_prefix).resolve()
    venv = Path(sys.prefix).resolve()
    cmd = ["bwrap", "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
           "--symlink", "usr/sbin", "/sbin", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
           "--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc", "--ro-bind", str(prefix), str(prefix)]
    if venv != prefix:
        cmd += ["--ro-bind", str(venv), str(venv)]
    for package in PACKAGES:   # the kit's packages only: not its lessons, tests or instructor notebooks
        cmd += ["--ro-bind", str(KIT / package), str(KIT / package)]
    cmd += ["--bind", str(workdir), str(workdir), "--unshare-all", "--unshare-user", "--uid", "65534",
            "--gid", "65534", "--cap-drop", "ALL", "--die-with-parent", "--new-session", "--chdir", str(workdir),
            "--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/tmp",
            "--setenv", "TMPDIR", "/tmp", "--setenv", "MPLBACKEND", "Agg", "--setenv", "OPENBLAS_NUM_THREADS", "1",
            "--setenv", "PYTHONPATH", str(KIT), "--setenv", "PYTHONDONTWRITEBYTECODE", "1", "--"]
    return cmd + [python, "-m", "homework.worker", str(workdir / "program.json")]


class Sandbox:
    """Sandbox(cells, limits, sandbox=True): start with ``start()``, then ``call``/``get``; ``close()``
    ends every process of the submission."""

    def __init__(self, cells, limits, sandbox=True):
        self.cells, self.limits, self.sandbox = cells, limits, sandbox
        self.process = self.cgroup = None
        self.errors = []

    def start(self, timeout):
        if self.sandbox and not bubblewrap():
            raise SandboxError("bubblewrap is not installed (apt-get install bubblewrap)")
        self.workdir = Path(tempfile.mkdtemp(prefix="submission-"))
        os.chmod(self.workdir, 0o777)   # the sandbox runs as uid 65534
        (self.workdir / "program.json").write_text(json.dumps({"cells": self.cells, "limits": self.limits}))
        python = sys.executable
        self.cgroup = self._make_cgroup()
        if self.sandbox:
            cmd = _bwrap_command(self.workdir, python)
            env = {}
        else:
            cmd = [python, "-m", "homework.worker", str(self.workdir / "program.json")]
            env = dict(PATH=os.environ.get("PATH", ""), HOME=str(self.workdir), MPLBACKEND="Agg",
                       OPENBLAS_NUM_THREADS="1", PYTHONPATH=str(KIT))
        if self.cgroup is not None:   # join the group first, then become the sandbox: all it starts is inside
            cmd = ["sh", "-c", 'echo $$ > "$0" && exec "$@"', str(self.cgroup / "cgroup.procs"), *cmd]
            env = {**env, "PATH": "/usr/bin:/bin"}
        self.process = subprocess.Popen(cmd, cwd=self.workdir, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, start_new_session=True, bufsize=0)
        self._send("go")
        deadline = time.monotonic() + timeout
        self.running = None
        while True:
            message = self._receive(max(deadline - time.monotonic(), 0.01))
            if isinstance(message, dict) and isinstance(message.get("running"), int):
                self.running = message["running"]
                continue
            break
        self.errors = message.get("errors", []) if isinstance(message, dict) else []
        return self

    def _make_cgroup(self):
        """A pids cgroup of the sandbox's own (the process limit), where the machine lets us make
        one. Where it does not, the PID namespace still ends every process with the sandbox, and
        the time limit stops a fork bomb."""
        if not PIDS_CGROUP.is_dir() or not os.access(PIDS_CGROUP, os.W_OK):
            return None
        group = PIDS_CGROUP / f"homework-{uuid.uuid4().hex[:12]}"
        try:
            group.mkdir()
            (group / "pids.max").write_text(str(self.limits["processes"]))
            return group
        except OSError:
            return None

    def _send(self, message):
        try:
            self.process.stdin.write(encode(message))
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            raise SandboxError("the submission's process ended (it exited or was killed)") from None

    def _receive(self, timeout):
        deadline = time.monotonic() + timeout
        fd = self.process.stdout.fileno()

        def read(n):   # every byte under the deadline: a half-sent message cannot stall the grader
            chunks, left = [], n
            while left:
                wait = deadline - time.monotonic()
                if wait <= 0 or not select.select([fd], [], [], wait)[0]:
                    self.close()
                    raise SandboxError(f"no answer within {timeout:g} s (an endless loop, or waiting for input?)")
                chunk = os.read(fd, min(left, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
            return b"".join(chunks)

        try:
            message = read_message(read)
        except ProtocolError as exc:
            self.close()
            raise SandboxError(f"the submission answered with {exc}") from None
        if message is None:
            raise SandboxError("the submission's process ended (it exited, crashed or ran out of memory)")
        return message

    def request(self, message):
        self._send(message)
        reply = self._receive(self.limits["call_seconds"] + 5)
        if not isinstance(reply, dict) or not ({"value", "error"} & set(reply)):
            raise SandboxError("the submission answered with something that is not an answer")
        if "error" in reply:
            raise StudentError(str(reply["error"])[:500])
        return reply["value"]

    def close(self):
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)   # bwrap: its PID namespace goes with it
            except ProcessLookupError:
                pass
            self.process.wait()
        if self.process is not None:
            for stream in (self.process.stdin, self.process.stdout):
                try:
                    stream.close()
                except OSError:
                    pass
        if self.cgroup is not None:
            for _ in range(50):   # the kernel frees the group once its last process is gone
                try:
                    self.cgroup.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    procs = (self.cgroup / "cgroup.procs").read_text().split()
                    for pid in procs:
                        try:
                            os.kill(int(pid), signal.SIGKILL)
                        except (ProcessLookupError, ValueError):
                            pass
                    time.sleep(0.02)
            self.cgroup = None
        shutil.rmtree(getattr(self, "workdir", ""), ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Student:
    """What a hidden test sees of a submission: ``call(path, *args)`` and ``get(path)`` return plain
    data (numbers, strings, lists, dicts, numpy arrays). A path is a name in the submission's
    notebook, with attributes and indices: 'predict', 'model.predict', 'fig.axes[0].get_xlabel'."""

    def __init__(self, sandbox):
        self._sandbox = sandbox

    def call(self, path, *args, **kwargs):
        return self._sandbox.request({"path": path, "args": list(args), "kwargs": kwargs})

    def get(self, path):
        return self._sandbox.request({"path": path})
