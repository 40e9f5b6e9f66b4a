"""What each widget sends the browser, checked on every widget found in widgets.__all__: the
browser's layers add up to the picture, an update fits the byte budget (300 students x 30
updates a second in 1 Gb/s), the picture's words follow its state, Play waits for the kernel,
text is readable (contrast >= 4.5:1) and classes differ by shape as well as colour."""
import io
import json
import re
from pathlib import Path

import ipywidgets
import numpy as np
import pytest
from PIL import Image

import widgets
from widget_helpers import walk
from widgets import PerceptronStepper, PlaygroundWidget
from widgets.base import CourseWidget
from widgets.player import Player
from widgets.playground_parts.canvas import GRID, OUT_GRID, as_uint8

WIDGETS = sorted({getattr(widgets, n) for n in widgets.__all__
                  if isinstance(getattr(widgets, n), type) and issubclass(getattr(widgets, n), CourseWidget)},
                 key=lambda cls: cls.__name__)
SOURCES = sorted((Path(widgets.__file__).parent).rglob("*.py")) + sorted((Path(widgets.__file__).parent).rglob("*.js"))
BIG = "dataset=circle&hidden=8,8&features=x1,x2,x1^2,x2^2,x1x2,sin_x1,sin_x2"


def act(w, i):
    """What a student does most: move the widget's first slider (or tick its first box); the
    Playground plays one frame."""
    if isinstance(w, PlaygroundWidget):
        w.play.value += 1
        return
    controls = [c for c in walk(w.ui) if isinstance(c, (ipywidgets.IntSlider, ipywidgets.FloatSlider,
                                                          ipywidgets.FloatLogSlider, ipywidgets.Checkbox))]
    c = controls[0]
    if isinstance(c, ipywidgets.Checkbox):
        c.value = not c.value
    elif isinstance(c, ipywidgets.FloatLogSlider):   # its min and max are exponents
        c.value = c.base ** (c.min + (c.max - c.min) * (0.2 + 0.15 * (i % 4)))
    elif isinstance(c, ipywidgets.FloatSlider):
        c.value = c.min + (c.max - c.min) * (0.2 + 0.15 * (i % 4))
    else:   # across the whole range (the last steps of a long run too), never the same value twice in a row
        span = c.max - c.min + 1
        value = c.max if i % 3 == 1 else c.min + (1 + 5 * i) % span
        c.value = value if value != c.value else c.min + (value - c.min + 1) % span


def decode(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA")).astype(int)


def shown(picture):
    """What the browser paints: the overlay placed on the background at its box."""
    canvas = decode(picture.background)[..., :3].copy()
    if picture.overlay:
        x, y, w, h = picture.overlay_box
        top = decode(picture.overlay)
        assert top.shape[:2] == (h, w)
        opaque = top[..., 3] > 0
        canvas[y:y + h, x:x + w][opaque] = top[..., :3][opaque]
    return canvas


@pytest.mark.parametrize("cls", [c for c in WIDGETS if c is not PlaygroundWidget], ids=lambda c: c.__name__)
def test_the_browser_layers_add_up_to_the_picture(cls):
    w = cls()
    for i in range(3):
        truth = decode(w.png())[..., :3]
        error = np.abs(shown(w.view.image) - truth).max(axis=2)
        # a 256-colour palette rounds: a few anti-aliased edge pixels by more than 16/255, none by more than 48
        assert error.max() <= 48 and np.mean(error > 16) < 1e-3, (error.max(), np.mean(error > 16))
        act(w, i)


@pytest.mark.parametrize("make, budget", [*[(cls, 14_000) for cls in WIDGETS],
                                          (lambda: PerceptronStepper("XOR"), 14_000),   # 40 steps
                                          (lambda: PlaygroundWidget(BIG), 30_000)],
                         ids=[*(c.__name__ for c in WIDGETS), "PerceptronStepper XOR", "Playground 2x8, 7 inputs"])
def test_every_update_fits_the_byte_budget(make, budget, monkeypatch):
    w = make()
    sent = []
    monkeypatch.setattr(ipywidgets.Widget, "_send", lambda self, msg, buffers=None: sent.append(
        len(json.dumps(msg, default=str)) + sum(memoryview(b).nbytes for b in buffers or ())))
    sizes = []
    for i in range(12):
        sent.clear()
        act(w, i)
        sizes.append(sum(sent))
    assert min(sizes) > 0, "an update sent nothing: the browser would not change"
    assert max(sizes) <= budget, sizes


@pytest.mark.parametrize("cls", WIDGETS, ids=lambda c: c.__name__)
def test_the_picture_says_in_words_what_it_shows_now(cls):
    w = cls()
    picture = w.canvas if isinstance(w, PlaygroundWidget) else w.view.image
    before = picture.alt
    assert len(before) > 60 and w.error is None
    act(w, 0)
    assert picture.alt != before and len(picture.alt) > 60


def test_the_playground_sends_the_models_own_numbers():
    w = PlaygroundWidget(BIG)
    w.play.value = 3
    maps = w.model.maps(GRID)
    np.testing.assert_array_equal(np.frombuffer(w.canvas.maps, np.uint8), as_uint8(np.concatenate(maps["layers"])).ravel())
    out = np.frombuffer(w.canvas.output, np.uint8).reshape(OUT_GRID, OUT_GRID) / 127.5 - 1
    np.testing.assert_allclose(out, w.model.maps(OUT_GRID)["output"], atol=1 / 127.5)
    weights = np.frombuffer(w.canvas.weights, np.float32)
    assert len(weights) == 7 * 8 + 8 * 8 + 8
    np.testing.assert_allclose(weights[:56], w.model.net.W_[0].ravel(), rtol=1e-6)


def test_play_asks_for_the_next_frame_only_once_the_kernel_has_drawn_this_one():
    play = Player(max=10)
    seen = []
    play.observe(lambda change: seen.append(play.done), names="value")
    play.set_state({"value": 3})            # what the browser sends on a tick
    assert seen == [-1] and play.done == 3  # observers ran (the frame was drawn), then "done"
    play.value = 5                          # set by the kernel itself: not a frame the browser waits for
    assert play.done == 3


def contrast(hex_colour, background=(255, 255, 255)):
    """WCAG 2.1 contrast ratio of a text colour on a background."""
    h = hex_colour.lstrip("#")
    h = "".join(c * 2 for c in h) if len(h) == 3 else h
    rgb = [int(h[i:i + 2], 16) for i in (0, 2, 4)]
    lum = lambda c: 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2])
    f = lambda v: (v / 255) / 12.92 if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4
    hi, lo = sorted([lum(rgb), lum(background)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def text_colours():
    """Every colour the widgets give text: CSS `color:` in HTML, and the colour passed to say()."""
    found = {}
    for path in SOURCES:
        source = path.read_text()
        for m in re.finditer(r"[^-]color:\s*(#[0-9a-fA-F]{3,6})\b|say\([^\n]*?\"(#[0-9a-fA-F]{6})\"\)|"
                             r"(?:TEST_LINE|ORANGE_TEXT) = \"(#[0-9a-fA-F]{6})\"", source):
            colour = next(g for g in m.groups() if g)
            found.setdefault(colour, path.name)
    return found


def test_every_text_colour_reads_on_white():
    colours = text_colours()
    assert len(colours) >= 4   # the finder finds what it should (status red, green, ...)
    weak = {c: (where, round(contrast(c), 2)) for c, where in colours.items() if contrast(c) < 4.5}
    assert not weak, f"text colours below 4.5:1 on white: {weak}"


def test_the_contrast_formula():
    assert round(contrast("#000000"), 1) == 21.0 and round(contrast("#c25e00"), 2) == 4.29   # the old status orange


def test_the_two_classes_differ_by_shape_as_well_as_colour():
    p = PerceptronStepper("XOR")
    shapes = [tuple(map(tuple, p.points[label].get_paths()[0].vertices.round(3))) for label in (1, -1)]
    assert shapes[0] != shapes[1]


@pytest.mark.parametrize("cls", WIDGETS, ids=lambda c: c.__name__)
def test_pages_without_a_kernel_get_the_picture_as_a_png(cls):
    """nbconvert, slides and PDFs show the display bundle's image/png when no widget can render."""
    import base64

    w = cls()
    act(w, 0)
    bundle = w._repr_mimebundle_()
    pixels = decode(base64.b64decode(bundle["image/png"]))[..., :3]
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert pixels.shape[0] > 200 and pixels.std() > 20   # a picture, not a blank


def test_the_kits_front_ends_keep_every_widgets_own_traits():
    """A synced trait named like one of DOMWidget's (layout, style, ...) breaks the view in the
    browser (its CSS box is looked up as a widget): found once as the Playground's `layout`."""
    import anywidget

    from widgets.picture import Picture
    from widgets.playground_parts.canvas import PlaygroundCanvas

    base = set(ipywidgets.DOMWidget.class_trait_names())
    for cls in (Picture, Player, PlaygroundCanvas):
        assert issubclass(cls, anywidget.AnyWidget)
        own = set(cls.class_trait_names(sync=True)) - set(anywidget.AnyWidget.class_trait_names())
        assert not own & base, (cls.__name__, own & base)
        assert isinstance(cls().layout, ipywidgets.Layout)
