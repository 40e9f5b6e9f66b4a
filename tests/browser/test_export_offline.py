"""A lesson exported as offline slides, as a lecturer projects it: every slide fits a 1280x720
screen, the widgets' icons and pictures are drawn (the kit's own front-end, vendored, paints them
from the saved state), and no test machinery is on the slides."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REVEAL = "vendor/node_modules/reveal.js/dist/reveal.js"


def export(lesson, to, tmp_path):
    """Run tools/export_offline.py on a lesson; the page it wrote."""
    out = tmp_path / "export"
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "export_offline.py"), str(ROOT / "lessons" / lesson),
                           "--to", to, "--out", str(out)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return out / f"{Path(lesson).stem}{'.slides' if to == 'slides' else ''}.html"


def test_every_slide_of_an_offline_export_fits_the_projector(browser, tmp_path):
    page_file = export("01_perceptron.ipynb", "slides", tmp_path)
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.set_viewport_size({"width": 1280, "height": 720})
        page.goto(page_file.as_uri())
        page.wait_for_function(f"""() => {{ try {{ window.Reveal = require('{REVEAL}'); return Reveal.isReady(); }}
                                             catch (e) {{ return false; }} }}""", timeout=60_000)
        # the widgets' pictures, painted offline by the vendored front-end, with their words
        page.wait_for_function("document.querySelectorAll('.course-picture[data-shown]').length >= 1", timeout=30_000)
        alt = page.evaluate("document.querySelector('.course-picture img').alt")
        assert alt.startswith("Perceptron on the"), alt
        shown = page.evaluate("document.querySelector('.reveal').textContent")
        assert "NBVAL" not in shown and "assert " not in shown, "test machinery on the slides"
        page.wait_for_timeout(1000)
        assert page.evaluate("""document.fonts.load('900 16px "Font Awesome 5 Free"').then(() => true, () => false)
                                .then(ok => ok && document.fonts.check('900 16px "Font Awesome 5 Free"'))"""), \
            "the icon font is not there: the Play buttons would be empty squares"
        slides = page.evaluate("Reveal.getSlides().map(s => [Reveal.getIndices(s).h, Reveal.getIndices(s).v || 0])")
        assert len(slides) >= 5
        too_tall = []
        for h, v in slides:
            page.evaluate(f"Reveal.slide({h}, {v})")
            page.wait_for_timeout(100)
            top, bottom = page.evaluate("(() => { const r = Reveal.getCurrentSlide().getBoundingClientRect();"
                                        " return [r.top, r.bottom]; })()")
            if top < -1 or bottom > 721:
                too_tall.append((h, v, round(top), round(bottom)))
        assert not too_tall, f"slides taller than the 1280x720 screen: {too_tall}"
        icons = page.locator(".reveal .fa").count()
        families = page.evaluate("[...document.querySelectorAll('.reveal .fa')].map(e => getComputedStyle(e).fontFamily)")
        assert icons and all("Font Awesome" in f for f in families), families[:3]
        assert not errors, f"the page threw: {errors[:3]}"
    finally:
        page.close()


def test_the_playground_is_painted_in_an_offline_html_export(browser, tmp_path):
    page_file = export("07_playground.ipynb", "html", tmp_path)
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(page_file.as_uri())
        page.wait_for_function("document.querySelectorAll('.course-playground[data-shown]').length >= 3",
                               timeout=60_000)
        words = page.evaluate("document.querySelector('.course-playground [role=group] canvas').getAttribute('aria-label')")
        assert words.startswith("Network: inputs"), words
        page.wait_for_timeout(1000)
        assert not errors, f"the page threw: {errors[:3]}"
    finally:
        page.close()
