"""Submissions graded per minute: honest copies of homework 1, graded with the sandbox on (as a
course would), on every core. Target: at least 70 a minute on 2 cores.

    python benchmarks/grading_rate.py [--n 40] [--workers 2] [--no-sandbox]
"""
import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from homework.grader import grade

SOURCE = Path(__file__).resolve().parents[1] / "lessons" / "homework" / "source" / "hw1_perceptron.ipynb"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    parser.add_argument("--no-sandbox", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="grading-rate-"))
    try:
        subs = folder / "subs"
        subs.mkdir()
        for i in range(args.n):
            shutil.copy(SOURCE, subs / f"student{i:03d}.ipynb")
        t0 = time.perf_counter()
        results = grade(subs, SOURCE, folder / "grades.csv", workers=args.workers, sandbox=not args.no_sandbox)
        seconds = time.perf_counter() - t0
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    full = sum(r.total == sum(r.maximum.values()) for r in results)
    print(f"{args.n} honest hw1 submissions, {args.workers} workers, sandbox {'off' if args.no_sandbox else 'on'}: "
          f"{seconds:.1f} s = {60 * args.n / seconds:.0f} submissions a minute ({seconds / args.n * args.workers:.2f} "
          f"worker-seconds each); full marks: {full}/{args.n}   target >= 70 a minute on 2 cores")


if __name__ == "__main__":
    main()
