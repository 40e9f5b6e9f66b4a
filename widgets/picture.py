"""The browser side of a matplotlib picture: a small anywidget (front/picture.js).

Why not ipywidgets.Image: it re-sends the whole picture on every frame, has no text alternative
(its `tooltip` crashes the view, ipywidgets issue 3860) and needs ipyevents for clicks. Here the
background travels once per layout, each frame sends only the box of pixels that changed, the
picture carries its description as `alt`, and clicks come back as messages.
"""
from pathlib import Path

import anywidget
import traitlets

FRONT = Path(__file__).with_name("front")


def module(name, name_controls=True):
    """The ES module front/<name>.js, with (by default) the helper that names ipywidgets'
    unnamed controls, which every picture runs on the widget that holds it."""
    helper = (FRONT / "name_controls.js").read_text() + "\n" if name_controls else ""
    return helper + (FRONT / f"{name}.js").read_text()


class Picture(anywidget.AnyWidget):
    _esm = module("picture")
    background = traitlets.Bytes(b"").tag(sync=True)     # PNG, the whole picture's static part
    overlay = traitlets.Bytes(b"").tag(sync=True)        # PNG with transparency, only overlay_box
    overlay_box = traitlets.List([0, 0, 0, 0]).tag(sync=True)   # x, y, width, height in pixels
    size = traitlets.List([1, 1]).tag(sync=True)         # the picture's width, height in pixels
    alt = traitlets.Unicode("").tag(sync=True)           # the current state in words
    clickable = traitlets.Bool(False).tag(sync=True)
    frame = traitlets.Int(0).tag(sync=True)              # counts frames; the browser marks the one shown

    def on_click(self, callback):
        """callback(x, y) with the click in the picture's pixels, origin top-left."""
        def handle(_, content, buffers):
            if isinstance(content, dict) and content.get("type") == "click":
                callback(float(content["x"]), float(content["y"]))
        self.on_msg(handle)
        self.clickable = True
