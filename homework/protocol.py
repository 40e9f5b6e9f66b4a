"""The plain-data messages between the grader and a sandboxed submission.

A message is a 4-byte length and a JSON header, then the raw bytes of each numeric array in it.
Only plain data crosses: None, bools, numbers, strings, lists, dicts with string keys, numeric
numpy arrays, and probe functions the grader names (``Function``). Never pickles, never objects:
whatever the submission's code does to itself, the grader receives numbers and words.
"""
import json
import math
import struct

import numpy as np

MAX_BYTES = 64 * 1024 * 1024     # one message; more is refused (a submission cannot flood the grader)
MAX_ITEMS = 1_000_000            # list items and dict entries in one message
ARRAY_KINDS = "biuf"             # booleans, integers, floats


class ProtocolError(ValueError):
    """A message that is not plain data, too large, or malformed."""


class Function:
    """A probe function the grader hands to a submission's function (e.g. to finite_difference):
    named by kind and parameters, built inside the sandbox, so no code crosses.

    kinds: 'quadratic' f(t) = 1/2 t^T A t + b^T t (params A, b); 'sin_sum' f(t) = sum(c sin t)."""

    def __init__(self, kind, **params):
        if kind not in PROBES:
            raise ValueError(f"unknown probe function {kind!r}; known: {', '.join(PROBES)}")
        self.kind, self.params = kind, params

    def build(self):
        return PROBES[self.kind](**{k: np.asarray(v, dtype=float) for k, v in self.params.items()})

    def __call__(self, t):   # the same function, for references computed outside
        return self.build()(t)


PROBES = {
    "quadratic": lambda A, b: lambda t: float(0.5 * np.asarray(t, float) @ A @ np.asarray(t, float) + b @ np.asarray(t, float)),
    "sin_sum": lambda c: lambda t: float(np.sum(c * np.sin(np.asarray(t, float)))),
}


def _encode(value, buffers, budget):
    budget[0] -= 1
    if budget[0] < 0:
        raise ProtocolError("too many items")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, (float, np.floating)):
        v = float(value)
        return v if math.isfinite(v) else {"__float__": repr(v)}
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in ARRAY_KINDS:
            raise ProtocolError(f"an array of {value.dtype} (only numbers and booleans are accepted)")
        data = np.ascontiguousarray(value)
        buffers.append(data.tobytes())
        return {"__array__": len(buffers) - 1, "dtype": data.dtype.str, "shape": list(data.shape)}
    if isinstance(value, (list, tuple)):
        return [_encode(v, buffers, budget) for v in value]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise ProtocolError("a dict whose keys are not all strings")
        return {"__dict__": {k: _encode(v, buffers, budget) for k, v in value.items()}}
    if isinstance(value, Function):
        return {"__function__": value.kind, "params": _encode(value.params, buffers, budget)}
    raise ProtocolError(f"a {type(value).__name__} (only numbers, strings, lists, dicts and arrays are accepted)")


def encode(message):
    """bytes of one message."""
    buffers = []
    header = json.dumps(_encode(message, buffers, [MAX_ITEMS])).encode()
    parts = [struct.pack(">I", len(header)), header, struct.pack(">I", len(buffers))]
    for b in buffers:
        parts += [struct.pack(">Q", len(b)), b]
    data = b"".join(parts)
    if len(data) > MAX_BYTES:
        raise ProtocolError(f"a message of {len(data)} bytes (the limit is {MAX_BYTES})")
    return data


def _decode(node, buffers, functions):
    if isinstance(node, list):
        return [_decode(v, buffers, functions) for v in node]
    if not isinstance(node, dict):
        return node
    if "__float__" in node:
        text = node["__float__"]
        if text not in ("nan", "inf", "-inf"):
            raise ProtocolError("a malformed number")
        return float(text)
    if "__array__" in node:
        index, dtype, shape = node["__array__"], np.dtype(node["dtype"]), node["shape"]
        if dtype.kind not in ARRAY_KINDS or not isinstance(index, int) or not 0 <= index < len(buffers):
            raise ProtocolError("a malformed array")
        if not all(isinstance(s, int) and s >= 0 for s in shape) or \
                math.prod(shape) * dtype.itemsize != len(buffers[index]):
            raise ProtocolError("an array whose shape does not match its bytes")
        return np.frombuffer(buffers[index], dtype=dtype).reshape(shape).copy()
    if "__dict__" in node:
        return {str(k): _decode(v, buffers, functions) for k, v in node["__dict__"].items()}
    if "__function__" in node and functions:
        return Function(node["__function__"], **_decode(node["params"], buffers, functions)).build()
    raise ProtocolError("an object that is not plain data")


def reader(stream):
    """read(n) -> exactly n bytes from a blocking binary stream (fewer only at its end)."""
    def read(n):
        chunks, left = [], n
        while left:
            chunk = stream.read(left)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    return read


def read_message(read, functions=False):
    """The next message (None at the end of the stream); read(n) returns exactly n bytes.
    functions=True (inside the sandbox only) turns probe descriptions into callables."""
    head = read(4)
    if not head:
        return None
    if len(head) < 4:
        raise ProtocolError("a truncated message")
    size = struct.unpack(">I", head)[0]
    if size > MAX_BYTES:
        raise ProtocolError(f"a message of {size} bytes (the limit is {MAX_BYTES})")
    header = read(size)
    tail = read(4)
    if len(header) < size or len(tail) < 4:
        raise ProtocolError("a truncated message")
    count = struct.unpack(">I", tail)[0]
    if count > MAX_ITEMS:
        raise ProtocolError("too many arrays")
    buffers, total = [], size
    for _ in range(count):
        raw = read(8)
        if len(raw) < 8:
            raise ProtocolError("a truncated message")
        length = struct.unpack(">Q", raw)[0]
        total += length
        if total > MAX_BYTES:
            raise ProtocolError(f"a message over {MAX_BYTES} bytes")
        buffers.append(read(length))
        if len(buffers[-1]) < length:
            raise ProtocolError("a truncated message")
    try:
        return _decode(json.loads(header), buffers, functions)
    except (ValueError, TypeError, KeyError, struct.error) as exc:
        raise ProtocolError(f"a malformed message ({exc})") from None
