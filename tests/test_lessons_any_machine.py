"""Checked lesson outputs that no machine can change.

The main run checks the lessons under this machine's own BLAS kernel; here every lesson and
instructor homework notebook runs again under other OpenBLAS kernels and thread counts, as the
next CI machine or a student's laptop would run it. A checked cell whose printout depends on
floating-point summation order fails here first.
"""
import json
import os
import subprocess
import sys

import pytest

from lesson_budget import HOMEWORK_SOURCES, LESSONS, ROOT, timeout

NOTEBOOKS = LESSONS + HOMEWORK_SOURCES
# (kernel, BLAS threads): AVX (Sandybridge) and AVX2 (Haswell) kernels run on every x86-64 CPU
# these machines have; the main run adds the machine's own (SkylakeX here).
KERNELS = [("Sandybridge", "1"), ("Haswell", "2")]

PROBE = ("import json, numpy; from threadpoolctl import threadpool_info; "
         "print(json.dumps([i.get('architecture') for i in threadpool_info() if i['internal_api'] == 'openblas']))")


def _env(coretype, threads):
    return dict(os.environ, OPENBLAS_CORETYPE=coretype, OPENBLAS_NUM_THREADS=threads)


@pytest.mark.parametrize("coretype, threads", KERNELS, ids=[f"{k}-{t}thread" for k, t in KERNELS])
def test_checked_outputs_are_the_same_under_another_blas_kernel(coretype, threads):
    assert NOTEBOOKS, "no lessons found"
    probe = subprocess.run([sys.executable, "-c", PROBE], env=_env(coretype, threads),
                           capture_output=True, text=True, check=True)
    assert json.loads(probe.stdout) == [coretype], f"OpenBLAS did not switch to {coretype}: {probe.stdout}"
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
                           *[str(p.relative_to(ROOT)) for p in NOTEBOOKS]],
                          cwd=ROOT, env=_env(coretype, threads), capture_output=True, text=True,
                          timeout=sum(timeout(p, start_up=5) for p in NOTEBOOKS) + 60)
    assert done.returncode == 0, (f"under OPENBLAS_CORETYPE={coretype} OPENBLAS_NUM_THREADS={threads} "
                                  f"a lesson prints something else:\n{done.stdout[-4000:]}")
