"""MNIST (LeCun, Cortes, Burges; CC BY-SA 3.0): find it, check it, read it.

Where ``load_mnist`` looks, in order:
  1. the folder passed as ``path``;
  2. the folder in the environment variable COURSE_LIB_MNIST;
  3. the user cache folder (``$XDG_CACHE_HOME/course_lib/mnist``, by default ~/.cache/...);
  4. a download into that cache from the first mirror that answers, each file checked against its
     md5 and written atomically (a temporary file renamed into place), with a progress bar;
  5. otherwise the small sample shipped inside the package (5,000 training and 1,000 test images),
     and it says so.
Raw and gzipped IDX files are both read. A truncated file, a wrong magic number or a checksum that
does not match raises MnistFileError naming the file and what to do.
"""
import gzip
import hashlib
import math
import os
import tempfile
import time
import urllib.request
import zlib
from pathlib import Path

import numpy as np

from ..validation import check_dtype, check_number

FILES = {  # name: (md5 of the decompressed bytes, md5 of the original site's .gz)
    "train-images-idx3-ubyte": ("6bbc9ace898e44ae57da46a324031adb", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
    "train-labels-idx1-ubyte": ("a25bea736e30d166cdddb491f175f624", "d53e105ee54ea40749a09fcbcd1e9432"),
    "t10k-images-idx3-ubyte": ("2646ac647ad5339dbf082846283269ea", "9fb629c4189551a2d022fa330f9573f3"),
    "t10k-labels-idx1-ubyte": ("27ae3e4e09519cfbb04c329615203637", "ec29112dd5afa0611ce80d1b7f02629c"),
}
MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "https://yann.lecun.com/exdb/mnist/",
)
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "mnist-sample.npz"
_MAGIC = {2049: 1, 2051: 3}  # labels: 1 dimension, images: 3


class MnistFileError(ValueError):
    """An MNIST file is missing, truncated, of the wrong kind or fails its checksum."""


def cache_dir():
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "course_lib" / "mnist"


def read_idx(file, expected_md5=None):
    """Read one IDX file (raw or .gz) into a uint8 array; check its md5 if one is given."""
    file = Path(file)
    try:
        raw = gzip.decompress(file.read_bytes()) if file.suffix == ".gz" else file.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise MnistFileError(f"{file}: cannot be read or decompressed ({exc}). Delete it and "
                             "download it again.") from None
    if len(raw) < 8:
        raise MnistFileError(f"{file}: truncated (only {len(raw)} bytes). Delete it and download it again.")
    magic = int.from_bytes(raw[:4], "big")
    if magic not in _MAGIC:
        raise MnistFileError(f"{file}: wrong magic number {magic:#010x}; expected 0x00000801 (labels) "
                             "or 0x00000803 (images). Is this an MNIST IDX file?")
    ndim = _MAGIC[magic]
    header = 4 + 4 * ndim
    shape = tuple(int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim))
    size = math.prod(shape)   # Python integers: a forged header cannot wrap the product to 0
    if len(raw) != header + size:
        raise MnistFileError(f"{file}: truncated or padded: the header promises {shape} = {size} "
                             f"bytes of data but the file holds {len(raw) - header}. Delete it and "
                             "download it again.")
    if expected_md5 is not None and hashlib.md5(raw).hexdigest() != expected_md5:
        raise MnistFileError(f"{file}: checksum mismatch (md5 of its contents is "
                             f"{hashlib.md5(raw).hexdigest()}, expected {expected_md5}). The file is "
                             "damaged or not the original; delete it and download it again.")
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(shape)


def _find(folder, name):
    for candidate in (folder / (name + ".gz"), folder / name):
        if candidate.is_file():
            return candidate
    return None


def _read_folder(folder, verify):
    arrays = {}
    for name, (md5, _) in FILES.items():
        file = _find(folder, name)
        if file is None:
            raise MnistFileError(f"{folder}: no {name} or {name}.gz here. Put the four MNIST files "
                                 "in this folder, or point COURSE_LIB_MNIST at the folder that has them.")
        arrays[name] = read_idx(file, md5 if verify else None)
    return (arrays["train-images-idx3-ubyte"], arrays["train-labels-idx1-ubyte"],
            arrays["t10k-images-idx3-ubyte"], arrays["t10k-labels-idx1-ubyte"])


STALE_PART_SECONDS = 600   # a live download writes at least once per timeout; older parts were killed


def mirrors_to_try(mirrors=MIRRORS):
    """An institution's own mirror first: the environment variable COURSE_LIB_MNIST_MIRROR holds a
    URL (https://... or file:///...) of a folder with the four .gz files."""
    own = os.environ.get("COURSE_LIB_MNIST_MIRROR", "").strip()
    if own:
        return (own.rstrip("/") + "/", *mirrors)
    return tuple(mirrors)


def download_timeout():
    """Seconds to wait for a stalled mirror: COURSE_LIB_MNIST_TIMEOUT, or 10."""
    raw = os.environ.get("COURSE_LIB_MNIST_TIMEOUT", "10")
    try:
        seconds = float(raw)
    except ValueError:
        raise ValueError(f"COURSE_LIB_MNIST_TIMEOUT must be a number of seconds, got {raw!r}") from None
    return check_number(seconds, "COURSE_LIB_MNIST_TIMEOUT", low=0, low_open=True)


def remove_stale_parts(folder, older_than=STALE_PART_SECONDS):
    """Delete leftovers of downloads that were killed (``*.part`` not written to for a while)."""
    now = time.time()
    for part in Path(folder).glob("*.part"):
        try:
            if now - part.stat().st_mtime > older_than:
                part.unlink()
        except OSError:
            pass   # another process removed or finished it


def download(folder, mirrors=MIRRORS, verbose=True, timeout=None):
    """Fetch the four .gz files into `folder` (atomically, md5-checked). Returns the folder.

    Mirrors are tried in order (COURSE_LIB_MNIST_MIRROR first when set); each waits at most
    `timeout` seconds for data (default COURSE_LIB_MNIST_TIMEOUT, or 10)."""
    from tqdm.auto import tqdm

    timeout = download_timeout() if timeout is None else check_number(timeout, "timeout", low=0, low_open=True)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_parts(folder)
    mirrors = mirrors_to_try(mirrors)
    for name, (_, gz_md5) in FILES.items():
        target = folder / (name + ".gz")
        if target.is_file():
            continue
        errors = []
        for mirror in mirrors:
            try:
                _fetch(mirror + name + ".gz", target, gz_md5, tqdm, verbose, timeout)
                break
            except Exception as exc:  # next mirror
                errors.append(f"{mirror}: {exc}")
        else:
            raise MnistFileError(f"could not download {name}.gz from any mirror:\n  " + "\n  ".join(errors))
    return folder


def _fetch(url, target, md5, tqdm, verbose, timeout):
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".part")
    try:
        digest = hashlib.md5()
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=timeout) as response:
            total = int(response.headers.get("Content-Length") or 0) or None
            with tqdm(total=total, unit="B", unit_scale=True, desc=target.name, disable=not verbose) as bar:
                while chunk := response.read(1 << 16):
                    out.write(chunk)
                    digest.update(chunk)
                    bar.update(len(chunk))
        if digest.hexdigest() != md5:
            raise MnistFileError(f"checksum mismatch for {url} (got {digest.hexdigest()}, expected {md5})")
        os.replace(tmp, target)  # atomic: the target is either absent or complete
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def _sample():
    with np.load(SAMPLE) as s:
        return s["train_images"], s["train_labels"], s["test_images"], s["test_labels"], "sample"


def _source(path, download_missing, verbose, sample=False):
    """(train images, train labels, test images, test labels, where they came from)."""
    if sample:
        return _sample()
    if path is not None:
        return (*_read_folder(Path(path), True), str(path))
    env = os.environ.get("COURSE_LIB_MNIST")
    if env:
        if not Path(env).is_dir():
            raise MnistFileError(f"COURSE_LIB_MNIST is set to {env!r}, which is not a folder")
        return (*_read_folder(Path(env), True), env)
    cache = cache_dir()
    if all(_find(cache, name) for name in FILES):
        return (*_read_folder(cache, True), str(cache))
    if download_missing:
        try:
            return (*_read_folder(download(cache, verbose=verbose), True), str(cache))
        except (MnistFileError, OSError) as exc:
            if verbose:
                print(f"MNIST download failed ({str(exc).splitlines()[0]})")
    if verbose:
        print("Using the small MNIST sample shipped with course_lib (5,000 training and 1,000 test "
              "images). For the full 60,000 / 10,000 set, set COURSE_LIB_MNIST to a folder with the "
              "four MNIST files or connect to the internet.")
    return _sample()


def load_mnist(path=None, dtype=np.float32, flat=True, n_train=None, n_test=None,
               download=True, verbose=True, sample=False):
    """(X_train, y_train, X_test, y_test).

    sample=True: the 5,000 / 1,000 sample shipped inside the package, whatever else is available
    (the same data on every machine, for homework).
    X: uint8 (dtype=np.uint8) or float scaled to [0, 1]; flat (n, 784) or (n, 28, 28).
    y: int64 labels 0-9. n_train / n_test keep only the first images of each set.
    """
    dtype = check_dtype(dtype, "dtype", (np.uint8, np.float32, np.float64))
    for name, n in (("n_train", n_train), ("n_test", n_test)):
        if n is not None:
            check_number(n, name, low=1, integer=True)
    Xtr, ytr, Xte, yte, where = _source(path, download, verbose, sample)
    Xtr, ytr, Xte, yte = Xtr[:n_train], ytr[:n_train], Xte[:n_test], yte[:n_test]
    shape = (-1, 784) if flat else (-1, 28, 28)
    if dtype == np.uint8:
        convert = lambda X: X.reshape(shape).copy()
    else:
        convert = lambda X: X.reshape(shape).astype(dtype) / dtype.type(255)
    if verbose and where != "sample":
        print(f"MNIST from {where}: {len(Xtr)} training and {len(Xte)} test images")
    return convert(Xtr), ytr.astype(np.int64), convert(Xte), yte.astype(np.int64)
