"""python -m homework release SRC DEST
python -m homework grade SUBMISSIONS_DIR --instructor NB [--out grades.csv] [--shard k/N] [--feedback DIR]
python -m homework merge PART.json... --out grades.csv"""
import argparse
import sys

from .grader import GradingSetupError, grade, merge, write_lms_csv
from .markers import MarkerError, release


def _shard(text):
    try:
        k, n = (int(v) for v in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--shard must look like 2/8 (this machine's part k of N), got {text!r}")
    if not 1 <= k <= n:
        raise argparse.ArgumentTypeError(f"--shard k/N needs 1 <= k <= N, got {text!r}")
    return k, n


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m homework", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("release", help="write the student version of an instructor notebook")
    r.add_argument("src")
    r.add_argument("dest")
    g = sub.add_parser("grade", help="grade a folder of submitted notebooks")
    g.add_argument("submissions")
    g.add_argument("--instructor", required=True)
    g.add_argument("--out", default="grades.csv", help="grades.csv, or PART.json for a shard")
    g.add_argument("--cell-timeout", type=float, default=30)
    g.add_argument("--total-timeout", type=float, default=300)
    g.add_argument("--memory-mb", type=int, default=3000)
    g.add_argument("--processes", type=int, default=64, help="processes one submission may run at once")
    g.add_argument("--workers", type=int, default=None)
    g.add_argument("--shard", type=_shard, default=None, help="k/N: grade only this machine's share")
    g.add_argument("--seed", type=int, default=None,
                   help="the hidden tests' inputs from this seed (the same on every machine), not fresh")
    g.add_argument("--feedback", default=None, help="folder for one HTML feedback page per submission")
    g.add_argument("--lms", default=None, help="also write username,grade,max,feedback for a grade import")
    g.add_argument("--no-sandbox", action="store_true",
                   help="run student code without bubblewrap: it can then read your files, use the network "
                        "and rewrite grades")
    m = sub.add_parser("merge", help="join the JSON results of several shards into one grades.csv")
    m.add_argument("parts", nargs="+")
    m.add_argument("--out", default="grades.csv")
    args = parser.parse_args(argv)
    if args.command == "release":
        try:
            release(args.src, args.dest)
        except MarkerError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"wrote {args.dest}")
        return 0
    if args.command == "merge":
        results = merge(args.parts, args.out)
        print(f"merged {len(results)} submissions into {args.out}")
        return 0
    try:
        results = grade(args.submissions, args.instructor, args.out, workers=args.workers,
                        sandbox=not args.no_sandbox, shard=args.shard, feedback=args.feedback, seed=args.seed,
                        cell_timeout=args.cell_timeout, total_timeout=args.total_timeout,
                        memory_mb=args.memory_mb, processes=args.processes)
    except GradingSetupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.lms:
        write_lms_csv(results, args.lms)
    for res in results:
        print(f"{res.submission}: {res.total}/{sum(res.maximum.values())}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
