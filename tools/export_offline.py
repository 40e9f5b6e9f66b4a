"""Export lessons to static HTML or reveal.js slides that work without internet.

nbconvert's pages load require.js, the widget renderer, MathJax and reveal.js from CDNs, so in a
lecture hall without internet no widget, formula or slide shows. This runs each lesson, then
writes the page with those scripts taken from a local copy, fetched once from the npm registry:

    python tools/export_offline.py lessons/01_perceptron.ipynb --to slides --out export/

Open export/01_perceptron.slides.html in a browser (file://). Widgets appear as they were at the
end of the run (pictures, painted by the kit's own front-end from the saved state; nothing
recomputes without a kernel). Where no widget can render at all (a PDF, a mail reader), the
notebook still holds each widget's PNG.
"""
import argparse
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGES = ["@jupyter-widgets/html-manager@1", "requirejs@2", "reveal.js@4.0.2", "jquery@2.2.4", "mathjax@2.7.7",
            "anywidget@0.11"]

# Every slide fits the screen (a long cell scrolls inside its slide instead of running off the
# bottom), and widget text is set in a sans-serif face like JupyterLab's, not the browser's serif.
STYLE = """
<style>
.reveal .slides > section, .reveal .slides > section > section { box-sizing: border-box; max-height: 100%;
  overflow-y: auto !important; }
.reveal .jp-Cell-outputWrapper, .reveal .jp-InputArea { max-height: 640px; overflow-y: auto; }
.jupyter-widgets, .widget-html, .widget-html-content, .widget-label, .widget-readout, .jupyter-button {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
</style>
"""


def vendor(out):
    modules = out / "vendor" / "node_modules"
    if not all((modules / f).exists() for f in ("mathjax/MathJax.js", "anywidget/dist/index.js")):
        if shutil.which("npm") is None:
            sys.exit("npm is needed once to fetch the scripts (install Node.js), then exports work offline")
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(out / "vendor"),
                        *PACKAGES], check=True)
    return "vendor/node_modules"


def export(notebook, to, out):
    v = vendor(out)
    exporter = "SlidesExporter" if to == "slides" else "HTMLExporter"
    # cells tagged remove-cell hold the lesson's own asserts: run, but not shown to the class
    options = ["--TagRemovePreprocessor.enabled=True", "--TagRemovePreprocessor.remove_cell_tags=remove-cell",
               f"--{exporter}.require_js_url={v}/requirejs/require.js",
               f"--{exporter}.widget_renderer_url={v}/@jupyter-widgets/html-manager/dist/embed-amd.js",
               f"--{exporter}.mathjax_url={v}/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"]
    if to == "slides":
        options += [f"--SlidesExporter.reveal_url_prefix={v}/reveal.js",
                    f"--SlidesExporter.jquery_url={v}/jquery/dist/jquery.min.js"]
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", to, "--execute",
                    "--ExecutePreprocessor.timeout=600", "--output-dir", str(out), *options, str(notebook)],
                   check=True)
    page = out / f"{Path(notebook).stem}{'.slides' if to == 'slides' else ''}.html"
    html = page.read_text()
    # the kit's pictures are anywidgets: the widget renderer asks require.js for the module
    # "anywidget" before it tries a CDN, so name the local copy (an AMD module in its npm package)
    local = f'<script>require.config({{paths: {{anywidget: "{v}/anywidget/dist/index"}}}});</script>'
    page.write_text(html.replace("</head>", f"{STYLE}{local}</head>", 1))
    # the widget renderer loads its icon font (the Play buttons' glyphs) from folders named after
    # its package, next to the page: put its font files there, or the icons are empty squares
    dist = out / v / "@jupyter-widgets" / "html-manager" / "dist"
    for folder in (out / "@jupyter-widgets", out / "@jupyter-widgets" / "html-manager" / "dist"):
        folder.mkdir(parents=True, exist_ok=True)
        for font in dist.iterdir():
            if font.suffix in (".woff2", ".woff", ".ttf", ".eot", ".svg"):
                shutil.copy(font, folder / font.name)
    return page


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
