"""A JupyterLab server and a headless Chromium, as context managers: the browser tests' fixtures
and benchmarks/browser_latency.py share them."""
import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def jupyterlab(root):
    """(base URL, token) of a JupyterLab serving folder `root`; stopped on exit."""
    tmp = Path(tempfile.mkdtemp(prefix="lab-"))
    settings = tmp / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp / "config"), JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"), JUPYTERLAB_SETTINGS_DIR=str(tmp / "settings"))
    env.pop("MPLBACKEND", None)
    port, token = _free_port(), secrets.token_hex(16)
    log = open(tmp / "server.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--allow-root", "--no-browser", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise RuntimeError("JupyterLab did not start:\n" + (tmp / "server.log").read_text())
                time.sleep(0.5)
        yield base, token
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def chromium():
    """A Playwright browser context on Debian's Chromium (never Playwright's own download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(tempfile.mkdtemp(prefix="chromium-"),
                                                       executable_path=CHROMIUM, args=FLAGS, headless=True,
                                                       viewport={"width": 1400, "height": 1000})
        try:
            yield context
        finally:
            context.close()


def run_all(page, base, token, name, wait_ms, ui="lab"):
    """Open notebook `name` in JupyterLab (ui="lab") or Notebook 7 (ui="notebook"), Run All, and
    wait until every cell has run."""
    import re

    if ui == "lab":
        page.goto(f"{base}/lab/tree/{name}?token={token}&reset")
        page.locator(".jp-StatusBar-TextItem", has_text="| Idle").first.wait_for(timeout=60_000)
    else:
        page.goto(f"{base}/notebooks/{name}?token={token}")
        page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
        page.wait_for_function("() => !document.querySelector('.jp-Notebook-ExecutionIndicator[data-status=busy]')",
                               timeout=60_000)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).first.click()
    dialog = page.locator(".jp-Dialog .jp-mod-accept")
    if dialog.count():
        dialog.first.click()
    page.wait_for_timeout(500)
    if ui == "lab":
        page.locator(".jp-StatusBar-TextItem", has_text="| Idle").first.wait_for(timeout=wait_ms)
    # every code cell has run: no cell left with an empty or '*' prompt
    page.wait_for_function(
        """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                 .every(p => /\\[\\d+\\]/.test(p.textContent))""", timeout=wait_ms)


def every_widget_notebook(path):
    """A notebook showing each widget class the kit exports, one per cell (discovered, not listed)."""
    import nbformat

    import widgets
    from widgets.base import CourseWidget

    names = sorted({n for n in widgets.__all__ if isinstance(getattr(widgets, n), type)
                    and issubclass(getattr(widgets, n), CourseWidget)}, key=lambda n: getattr(widgets, n).__name__)
    names = list(dict.fromkeys(getattr(widgets, n).__name__ for n in names))   # aliases once
    cells = [nbformat.v4.new_code_cell("import widgets")]
    cells += [nbformat.v4.new_code_cell(f"widgets.{n}()") for n in names]
    kernel = {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}}
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata=kernel), path)
    return names


PICTURES = ".course-picture, .course-playground"   # what the kit's widgets paint; data-shown: the frame on screen

# In the page: the time of the last key press, and for each picture the delay from it to the next
# frame on screen (the front-ends set data-shown once the new pixels are painted).
LATENCY_PROBE = """() => {
  if (window.__latency) return;
  window.__latency = {t0: null, samples: []};
  document.addEventListener('keydown', () => { window.__latency.t0 = performance.now(); }, true);
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.attributeName === 'data-shown' && window.__latency.t0 !== null) {
        window.__latency.samples.push(performance.now() - window.__latency.t0);
        window.__latency.t0 = null;
      }
    }
  }).observe(document.body, {attributes: true, subtree: true, attributeFilter: ['data-shown']});
}"""


def widget_outputs(page):
    """One locator per displayed kit widget (its output area), in notebook order."""
    outputs = page.locator(".jp-OutputArea-output", has=page.locator(PICTURES))
    return [outputs.nth(i) for i in range(outputs.count())]


def keyboard_action(output):
    """A key press that changes what the widget shows, as a keyboard user would make it:
    a slider's handle (arrow keys, alternately right and left) or, without one, a checkbox."""
    handle = output.locator('[role="slider"]')
    if handle.count():
        target, keys = handle.first, ["ArrowRight", "ArrowLeft"]
    else:
        target, keys = output.locator('input[type="checkbox"]').first, ["Space"]
    return target, keys


def keyboard_latencies(page, output, n):
    """n key presses on the widget in `output`; the delay of each to new pixels on screen (ms)."""
    page.evaluate(LATENCY_PROBE)
    picture = output.locator(PICTURES).first
    target, keys = keyboard_action(output)
    target.focus()
    samples = []
    for i in range(n):
        before = picture.get_attribute("data-shown")
        page.evaluate("window.__latency.samples = []")
        target.press(keys[i % len(keys)])
        page.wait_for_function("([el, old]) => el.dataset.shown !== old && window.__latency.samples.length",
                               arg=[picture.element_handle(), before], timeout=15_000)
        samples.append(page.evaluate("window.__latency.samples[0]"))
        page.wait_for_timeout(50)   # the kernel goes idle between presses, as with a student
    return samples
