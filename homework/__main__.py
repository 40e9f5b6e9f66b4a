"""python -m homework release SRC DEST | grade SUBMISSIONS_DIR --instructor NB --out grades.csv"""
import argparse
import sys

from .grader import grade
from .markers import MarkerError, release


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m homework", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("release", help="write the student version of an instructor notebook")
    r.add_argument("src")
    r.add_argument("dest")
    g = sub.add_parser("grade", help="grade a folder of submitted notebooks")
    g.add_argument("submissions")
    g.add_argument("--instructor", required=True)
    g.add_argument("--out", default="grades.csv")
    g.add_argument("--cell-timeout", type=float, default=30)
    g.add_argument("--total-timeout", type=float, default=300)
    g.add_argument("--memory-mb", type=int, default=3000)
    g.add_argument("--workers", type=int, default=None)
    args = parser.parse_args(argv)
    if args.command == "release":
        try:
            release(args.src, args.dest)
        except MarkerError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"wrote {args.dest}")
        return 0
    results = grade(args.submissions, args.instructor, args.out, workers=args.workers,
                    cell_timeout=args.cell_timeout, total_timeout=args.total_timeout, memory_mb=args.memory_mb)
    for res in results:
        print(f"{res.submission}: {res.total}/{sum(res.maximum.values())}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
