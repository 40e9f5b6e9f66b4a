"""Export lessons to static HTML or reveal.js slides that work without internet.

nbconvert's pages load require.js, the widget renderer, MathJax and reveal.js from CDNs, so in a
lecture hall without internet no widget, formula or slide shows. This runs each lesson, then
writes the page with those scripts taken from a local copy, fetched once from the npm registry:

    python tools/export_offline.py lessons/01_perceptron.ipynb --to slides --out export/

Open export/01_perceptron.slides.html in a browser (file://). Widgets appear as they were at the
end of the run (pictures; nothing recomputes without a kernel).
"""
import argparse
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGES = ["@jupyter-widgets/html-manager@1", "requirejs@2", "reveal.js@4.0.2", "jquery@2.2.4", "mathjax@2.7.7"]


def vendor(out):
    modules = out / "vendor" / "node_modules"
    if not (modules / "mathjax" / "MathJax.js").exists():
        if shutil.which("npm") is None:
            sys.exit("npm is needed once to fetch the scripts (install Node.js), then exports work offline")
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(out / "vendor"),
                        *PACKAGES], check=True)
    return "vendor/node_modules"


def export(notebook, to, out):
    v = vendor(out)
    exporter = "SlidesExporter" if to == "slides" else "HTMLExporter"
    options = [f"--{exporter}.require_js_url={v}/requirejs/require.js",
               f"--{exporter}.widget_renderer_url={v}/@jupyter-widgets/html-manager/dist/embed-amd.js",
               f"--{exporter}.mathjax_url={v}/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"]
    if to == "slides":
        options += [f"--SlidesExporter.reveal_url_prefix={v}/reveal.js",
                    f"--SlidesExporter.jquery_url={v}/jquery/dist/jquery.min.js"]
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", to, "--execute",
                    "--ExecutePreprocessor.timeout=600", "--output-dir", str(out), *options, str(notebook)],
                   check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--to", choices=["html", "slides"], default="html")
    parser.add_argument("--out", type=Path, default=Path("export"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for notebook in args.notebooks:
        export(notebook, args.to, args.out)


if __name__ == "__main__":
    main()
