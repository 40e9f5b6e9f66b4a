"""What runs inside the sandbox: a submission's cells, then answers to the grader's calls.

    python -m homework.worker PROGRAM.json

PROGRAM.json holds the cells to run (the student version of the notebook with the submission's
answers in place; never a hidden test, never a solution) and the limits. The worker applies the
limits, waits for the grader's "go", runs the cells in one namespace, reports which failed, then
answers requests {"get": path} or {"call": path, "args": [...]} with plain data. Nothing it says
decides a score by itself: the grader compares what comes back with its own reference.
"""
import json
import linecache
import os
import re
import resource
import signal
import sys
import traceback

PATH = re.compile(r"[A-Za-z_]\w*|\[\d+\]|\[\"[^\"\\]*\"\]|\['[^'\\]*'\]|\.[A-Za-z_]\w*")


class CallTimeout(Exception):
    pass


def resolve(namespace, path):
    """'model.history_["loss"]' or 'fig.axes[0].get_xlabel' looked up step by step."""
    tokens = PATH.findall(path)
    if not tokens or "".join(tokens) != path or not re.match(r"[A-Za-z_]", tokens[0]):
        raise NameError(f"not a name the grader can look up: {path!r}")
    if tokens[0] not in namespace:
        raise NameError(f"name '{tokens[0]}' is not defined (did its cell run?)")
    value = namespace[tokens[0]]
    for token in tokens[1:]:
        if token.startswith("."):
            value = getattr(value, token[1:])
        elif token[1] in "\"'":
            value = value[token[2:-2]]
        else:
            value = value[int(token[1:-1])]
    return value


def limit(memory_mb, cpu_seconds, files_mb):
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    resource.setrlimit(resource.RLIMIT_FSIZE, (files_mb << 20, files_mb << 20))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _alarm(signum, frame):
    raise CallTimeout()


def describe(exc):
    """An exception in the submission's code, in one line: its type, message and the student's line."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith("<cell")]
    where = f" ({frames[-1].filename[1:-1]}, line {frames[-1].lineno}: {frames[-1].line})" if frames else ""
    return f"{type(exc).__name__}: {exc}"[:300] + where[:200]


def main():
    with open(sys.argv[1]) as f:
        program = json.load(f)
    from homework.protocol import ProtocolError, encode, read_message, reader   # before the limits

    # the protocol keeps private copies of stdin and stdout; the submission's prints go nowhere
    requests = reader(os.fdopen(os.dup(0), "rb"))
    replies = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)

    def send(message):
        try:
            data = encode(message)
        except ProtocolError as exc:
            data = encode({"error": f"returned {exc}"})
        except Exception as exc:   # e.g. a self-referencing list
            data = encode({"error": f"returned something that cannot be sent ({type(exc).__name__})"})
        replies.write(data)
        replies.flush()

    limits = program["limits"]
    limit(limits["memory_mb"], limits["cpu_seconds"], limits["files_mb"])
    if read_message(requests) != "go":
        return
    signal.signal(signal.SIGALRM, _alarm)
    namespace = {"__name__": "__main__"}
    errors = []
    for number, cell in enumerate(program["cells"]):
        send({"running": number})   # if the process dies now, the grader knows which cell did it
        filename = f"<{cell['name']}>"
        linecache.cache[filename] = (len(cell["source"]), None, cell["source"].splitlines(True), filename)
        signal.alarm(int(limits["cell_seconds"]))
        try:
            exec(compile(cell["source"], f"<{cell['name']}>", "exec"), namespace)
        except CallTimeout:
            errors.append({"cell": cell["name"], "error": f"ran longer than {limits['cell_seconds']} s (endless loop?)"})
        except BaseException as exc:   # SystemExit and KeyboardInterrupt too: the grading goes on
            errors.append({"cell": cell["name"], "error": describe(exc)})
        finally:
            signal.alarm(0)
    send({"ready": True, "errors": errors})
    while True:
        try:
            request = read_message(requests, functions=True)
        except ProtocolError as exc:
            send({"error": str(exc)})
            continue
        if request is None:
            return
        signal.alarm(int(limits["call_seconds"]))
        try:
            value = resolve(namespace, request["path"])
            if "args" in request:
                value = value(*request["args"], **request.get("kwargs", {}))
            signal.alarm(0)
            send({"value": value})
        except CallTimeout:
            send({"error": f"ran longer than {limits['call_seconds']} s (endless loop?)"})
        except BaseException as exc:
            signal.alarm(0)
            send({"error": describe(exc)})


if __name__ == "__main__":
    main()
