"""Each lesson as a student sees it: opened in JupyterLab, Run All, no error, widgets drawn and
responding to clicks."""
import io
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest
from PIL import Image

import widgets
from lab_session import run_all
from lesson_budget import LESSONS, timeout
from widgets.base import CourseWidget

ROOT = Path(__file__).resolve().parents[2]
# every widget class the kit exports; a lesson that builds one must show it
WIDGET_CLASSES = sorted({name for name in widgets.__all__
                         if isinstance(getattr(widgets, name), type) and issubclass(getattr(widgets, name), CourseWidget)})
PICTURES = ".course-picture, .course-playground"   # what the kit's widgets paint
ERRORS = ('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
          '.jp-RenderedText[data-mime-type*="error"]')


def widget_calls(path):
    """How many code cells of the lesson display a widget of the kit: their last line, the value
    Jupyter shows, is a call like `PerceptronStepper(...)`."""
    nb = nbformat.read(path, as_version=4)
    pattern = re.compile(r"^(" + "|".join(WIDGET_CLASSES) + r")\(")
    last_lines = [c.source.strip().splitlines()[-1] for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    return sum(bool(pattern.match(line)) for line in last_lines)


def not_blank(png_bytes):
    pixels = np.asarray(Image.open(io.BytesIO(png_bytes)).convert("L"), dtype=float)
    return pixels.std() > 5


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_runs_without_errors_and_draws_its_widgets(lab, browser, artifacts, path):
    base, token = lab
    name = path.name
    page = browser.new_page()
    try:
        run_all(page, base, token, name, wait_ms=1000 * timeout(path))
        errors = page.locator(ERRORS)
        assert errors.count() == 0, f"{name}: {errors.first.inner_text()[:500]}"
        expected = widget_calls(path)
        if expected:
            page.locator(PICTURES).first.wait_for(timeout=30_000)
            assert page.locator(PICTURES).count() >= expected, f"{name}: a widget was not drawn"
            page.wait_for_function(f"[...document.querySelectorAll('{PICTURES}')].every(e => e.dataset.shown)",
                                   timeout=30_000)
            assert not_blank(page.locator(PICTURES).first.screenshot())
        if name.startswith("01"):
            check_perceptron_stepper(page)
        if name.startswith("03"):
            check_gradient_descent(page)
        if name.startswith("07"):
            check_playground(page)
        shot = page.screenshot(full_page=False)
        (artifacts / f"{Path(name).stem}.png").write_bytes(shot)
        assert not_blank(shot)
    finally:
        page.close()


def check_perceptron_stepper(page):
    stepper = page.locator(".widget-vbox", has=page.locator("button", has_text="Step")).first
    picture = stepper.locator(".course-picture").first
    before = picture.get_attribute("data-shown")
    stepper.locator("button", has_text=re.compile(r"^\s*Step$")).first.click()
    stepper.get_by_text("no match!").first.wait_for(timeout=10_000)
    stepper.locator("button", has_text=re.compile(r"^\s*Step$")).first.click()
    stepper.get_by_text("w(2) = (-1, 1) + (1)(-1, 1)(0) = (-1, 1)").first.wait_for(timeout=10_000)
    page.wait_for_function("([el, old]) => el.dataset.shown !== old", arg=[picture.element_handle(), before],
                           timeout=10_000)   # new pixels on screen


def check_gradient_descent(page):
    animator = page.locator(".widget-vbox", has=page.get_by_text("η (eta)")).first
    readout = animator.locator(".widget-readout").first
    before = readout.inner_text()
    handle = animator.locator(".noUi-handle").first
    handle.focus()
    handle.press("ArrowRight")
    page.wait_for_function("([el, old]) => el.textContent !== old", arg=[readout.element_handle(), before],
                           timeout=10_000)
    step_text = animator.get_by_text(re.compile(r"step 0")).first
    step_text.wait_for(timeout=10_000)
    animator.get_by_role("button", name="Play").first.click()
    animator.get_by_text(re.compile(r"step [1-9]")).first.wait_for(timeout=10_000)


def check_playground(page):
    playground = page.locator(".widget-vbox", has=page.get_by_text("Show me backprop")).first
    playground.get_by_text("epoch 0000").first.wait_for(timeout=10_000)
    playground.get_by_role("button", name="Play").first.click()
    playground.get_by_text(re.compile(r"epoch 00(0[2-9]|[1-9]\d)")).first.wait_for(timeout=20_000)
    playground.get_by_role("button", name="Pause").first.click()
    # a neuron is a button: pressing it selects the neuron in the editor below
    playground.get_by_role("button", name=re.compile(r"^output neuron")).first.click()
    page.wait_for_function("(el) => el.selectedOptions[0].textContent === 'output'",
                           arg=playground.locator(".widget-dropdown", has_text="neuron").locator("select").first
                           .element_handle(), timeout=10_000)
    # a click on the output picture adds a point there: the data become "custom"
    output = playground.locator(".course-playground [role=group]").first
    box = output.bounding_box()
    output.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.4})
    page.wait_for_function("(el) => el.value === 'custom'",
                           arg=playground.locator("select").first.element_handle(), timeout=10_000)
    # edit a bias by hand (beyond TF Playground): type it, press Set bias, read it back
    bias = playground.locator(".widget-text", has=page.locator("label", has_text=re.compile(r"^bias$"))).first
    bias.locator("input").fill("2.5")
    bias.locator("input").press("Tab")   # leaving the box sends its value
    playground.locator("button", has_text="Set bias").first.click()
    playground.get_by_text(re.compile(r"bias 2\.500")).first.wait_for(timeout=10_000)
