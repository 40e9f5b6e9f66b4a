import gzip
import hashlib
import os
import time
from pathlib import Path

import numpy as np
import pytest

from course_lib.datasets import mnist
from course_lib.datasets.mnist import MnistFileError, load_mnist, read_idx

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "mnist"


def idx_bytes(array):
    array = np.asarray(array, dtype=np.uint8)
    magic = 2049 if array.ndim == 1 else 2051
    header = magic.to_bytes(4, "big") + b"".join(d.to_bytes(4, "big") for d in array.shape)
    return header + array.tobytes()


@pytest.fixture
def real_mnist(monkeypatch):
    folder = os.environ.get("COURSE_LIB_MNIST") or (str(SHARED) if SHARED.is_dir() else None)
    if folder is None:
        if os.environ.get("CI"):
            pytest.fail("CI must set COURSE_LIB_MNIST to the MNIST folder")
        pytest.skip("no MNIST folder on this machine (set COURSE_LIB_MNIST)")
    monkeypatch.setenv("COURSE_LIB_MNIST", folder)
    return folder


def test_real_files_match_their_sanity_facts(real_mnist):
    Xtr, ytr, Xte, yte = load_mnist(verbose=False)
    assert Xtr.shape == (60000, 784) and Xte.shape == (10000, 784) and Xtr.dtype == np.float32
    assert ytr[:5].tolist() == [5, 0, 4, 1, 9] and yte[:5].tolist() == [7, 2, 1, 0, 4]
    assert np.bincount(ytr).tolist() == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    assert round(float(Xtr.mean()), 4) == 0.1307 and round(float(Xtr.std()), 4) == 0.3081


def test_options(real_mnist):
    Xtr, ytr, Xte, yte = load_mnist(dtype=np.uint8, flat=False, n_train=10, n_test=3, verbose=False)
    assert Xtr.shape == (10, 28, 28) and Xtr.dtype == np.uint8 and Xte.shape == (3, 28, 28)
    with pytest.raises(ValueError, match="dtype must be uint8, float32 or float64"):
        load_mnist(dtype=np.int16)
    with pytest.raises(ValueError, match="n_train must be >= 1"):
        load_mnist(n_train=0)


def test_sample_fallback_says_so(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("COURSE_LIB_MNIST", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    Xtr, ytr, Xte, yte = load_mnist(download=False)
    assert "small MNIST sample" in capsys.readouterr().out
    assert Xtr.shape == (5000, 784) and Xte.shape == (1000, 784)
    assert ytr[:5].tolist() == [5, 0, 4, 1, 9]
    assert mnist.SAMPLE.stat().st_size <= 2_000_000
    monkeypatch.setenv("COURSE_LIB_MNIST", str(tmp_path))  # even with another source available
    assert load_mnist(sample=True, verbose=False)[0].shape == (5000, 784)


def test_raw_and_gzipped_idx(tmp_path):
    images = np.arange(2 * 28 * 28).reshape(2, 28, 28) % 256
    (tmp_path / "a").write_bytes(idx_bytes(images))
    (tmp_path / "a.gz").write_bytes(gzip.compress(idx_bytes(images)))
    assert np.array_equal(read_idx(tmp_path / "a"), images)
    assert np.array_equal(read_idx(tmp_path / "a.gz"), images)


@pytest.mark.parametrize("content, words", [
    (idx_bytes(np.zeros((2, 28, 28)))[:-5], "truncated or padded"),
    (b"\x00\x00", "truncated"),
    (b"\x00\x00\x08\x04" + b"\x00" * 20, "wrong magic number 0x00000804"),
])
def test_bad_files_name_themselves(tmp_path, content, words):
    bad = tmp_path / "train-images-idx3-ubyte"
    bad.write_bytes(content)
    with pytest.raises(MnistFileError, match=words) as info:
        read_idx(bad)
    assert str(bad) in str(info.value)


def test_checksum_mismatch_and_missing_files(tmp_path):
    f = tmp_path / "labels"
    f.write_bytes(idx_bytes(np.array([1, 2, 3])))
    with pytest.raises(MnistFileError, match="checksum mismatch"):
        read_idx(f, expected_md5="0" * 32)
    with pytest.raises(MnistFileError, match="no train-images-idx3-ubyte"):
        load_mnist(path=tmp_path, verbose=False)


def test_env_var_pointing_nowhere(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_LIB_MNIST", str(tmp_path / "nope"))
    with pytest.raises(MnistFileError, match="COURSE_LIB_MNIST is set to .* which is not a folder"):
        load_mnist(verbose=False)


def test_download_tries_mirrors_checks_md5_and_writes_atomically(monkeypatch, tmp_path):
    good, bad, dest = tmp_path / "good", tmp_path / "bad", tmp_path / "cache"
    good.mkdir(), bad.mkdir()
    files = {}
    for name in mnist.FILES:
        gz = gzip.compress(idx_bytes(np.array([1, 2, 3])))
        (good / (name + ".gz")).write_bytes(gz)
        (bad / (name + ".gz")).write_bytes(gz[:-3] + b"xyz")  # corrupted copy
        files[name] = (None, hashlib.md5(gz).hexdigest())
    monkeypatch.setattr(mnist, "FILES", files)
    with pytest.raises(MnistFileError, match="could not download .* from any mirror"):
        mnist.download(dest, mirrors=(bad.as_uri() + "/",), verbose=False)
    assert list(dest.iterdir()) == []  # nothing half-written is left
    mnist.download(dest, mirrors=(bad.as_uri() + "/", good.as_uri() + "/"), verbose=False)
    assert sorted(p.name for p in dest.iterdir()) == sorted(n + ".gz" for n in files)


def _fake_files(monkeypatch, folder):
    folder.mkdir()
    files = {}
    for name in mnist.FILES:
        gz = gzip.compress(idx_bytes(np.array([1, 2, 3])))
        (folder / (name + ".gz")).write_bytes(gz)
        files[name] = (None, hashlib.md5(gz).hexdigest())
    monkeypatch.setattr(mnist, "FILES", files)


def test_an_institutions_mirror_comes_first_and_stale_parts_are_cleaned(monkeypatch, tmp_path):
    own, dest = tmp_path / "own", tmp_path / "cache"
    _fake_files(monkeypatch, own)
    dest.mkdir()
    stale, fresh = dest / "a.gz123.part", dest / "b.gz456.part"
    stale.write_bytes(b"half a file from a killed download")
    fresh.write_bytes(b"another process, still downloading")
    old = time.time() - 2 * mnist.STALE_PART_SECONDS
    os.utime(stale, (old, old))
    monkeypatch.setenv("COURSE_LIB_MNIST_MIRROR", own.as_uri())
    # the public mirrors are unreachable here; the institution's own is tried first
    mnist.download(dest, mirrors=("http://127.0.0.1:9/",), verbose=False)
    assert not stale.exists() and fresh.exists()
    assert all((dest / (n + ".gz")).is_file() for n in mnist.FILES)


def test_the_timeout_is_short_and_configurable(monkeypatch, tmp_path):
    assert mnist.download_timeout() == 10
    monkeypatch.setenv("COURSE_LIB_MNIST_TIMEOUT", "2.5")
    assert mnist.download_timeout() == 2.5
    monkeypatch.setenv("COURSE_LIB_MNIST_TIMEOUT", "soon")
    with pytest.raises(ValueError, match="COURSE_LIB_MNIST_TIMEOUT must be a number of seconds"):
        mnist.download_timeout()
    seen = []

    def fake_urlopen(url, timeout):
        seen.append(timeout)
        raise OSError("stalled")
    monkeypatch.setattr(mnist.urllib.request, "urlopen", fake_urlopen)
    with pytest.raises(MnistFileError):
        mnist.download(tmp_path, mirrors=("http://a/",), verbose=False, timeout=3)
    assert seen == [3]
