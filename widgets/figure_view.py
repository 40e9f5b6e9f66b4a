"""A matplotlib figure drawn on Agg and shown in the browser as two layers, redrawn by blitting.

Why not ipympl: its figures export blank without a live kernel, and a full redraw costs 30+ ms.
Here the figure is drawn once; artists that change are marked dynamic and, on each render, only
they are drawn over a saved background. The browser (widgets/picture.py) gets the background
once per layout and then, per frame, only the box of pixels that differ from it, with every
other pixel transparent: a few kilobytes instead of the whole picture. The layers are part of
the widget state, so static exports keep the last picture.
"""
import io

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from PIL import Image

from .picture import Picture

PRESENT_RC = {"font.size": 15, "axes.titlesize": 16, "axes.labelsize": 15, "lines.linewidth": 2.5,
              "lines.markersize": 10, "xtick.labelsize": 13, "ytick.labelsize": 13}
NORMAL_RC = {"font.size": 10}

ORANGE, BLUE = "#f59322", "#0877bd"   # TensorFlow Playground: orange negative, blue positive
ORANGE_TEXT = "#b35900"   # orange dark enough for text and thin lines on white (4.8:1; ORANGE is 2.3:1)


class FigureView:
    """fig: the Figure; image: the Picture widget showing it; render() after changing artists.
    describe: a function returning the picture's current state in words (its text alternative)."""

    def __init__(self, figsize=(8, 3.5), dpi=90, present=False, rc=None):
        if present:  # projector: bigger canvas, same layout
            figsize, dpi = (figsize[0] * 1.4, figsize[1] * 1.4), dpi
        self.fig = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        self.canvas = FigureCanvasAgg(self.fig)
        self.image = Picture(layout={"max_width": "100%"})
        self.describe = lambda: ""
        self._dynamic = []
        self._background = None   # Agg's saved region, for blitting
        self._back = None          # the same pixels (uint32 RGBA), to find what a frame changed
        self._click_targets = []
        self.rc = rc or NORMAL_RC

    def on_click(self, axes, callback):
        """Call callback(x, y) in `axes`' data coordinates when the picture is clicked inside them
        (or a keyboard user presses Enter there)."""
        if not self.image.clickable:
            self.image.on_click(self.handle_click)
        self._click_targets.append((axes, callback))

    def forget_clicks(self):
        """Drop the click targets (before the figure's axes are rebuilt)."""
        self._click_targets.clear()

    def handle_click(self, x, y):
        """A click at pixel (x, y) of the picture, origin top-left as the browser reports it;
        matplotlib's display coordinates start bottom-left."""
        height = self.canvas.get_width_height(physical=True)[1]
        x, y = float(x), height - float(y)
        for axes, callback in self._click_targets:
            if axes.bbox.contains(x, y):
                callback(*axes.transData.inverted().transform((x, y)))
                return

    def pixel_of(self, axes, x, y):
        """The picture's pixel (column, row from the top) showing the data point (x, y) of `axes`."""
        px, py = axes.transData.transform((x, y))
        return px, self.canvas.get_width_height(physical=True)[1] - py

    def dynamic(self, *artists):
        """Mark artists that change on every step: they are drawn over the saved background."""
        for artist in artists:
            artist.set_animated(True)
            self._dynamic.append(artist)
        return artists[0] if len(artists) == 1 else artists

    def invalidate(self):
        """The static part changed (limits, contours, labels): redraw and resend it on the next render."""
        self._background = None

    def render(self):
        """Draw (blit when possible) and send the browser what changed, with the picture's words."""
        with matplotlib.rc_context(self.rc):  # tick labels are made while drawing
            new_background = self._draw()
        frame = self._pixels()
        with self.image.hold_sync():
            if new_background:
                self.image.size = [frame.shape[1], frame.shape[0]]
                self.image.background = _png(_rgb(self._back), palette=True)
            self.image.overlay, self.image.overlay_box = _overlay(frame, self._back)
            self.image.alt = self.describe()
            self.image.frame += 1

    def _pixels(self):
        """Agg's buffer, one uint32 per RGBA pixel: a frame is compared with its background in
        one pass instead of one per channel."""
        rgba = np.asarray(self.canvas.buffer_rgba())
        return rgba.view("<u4").reshape(rgba.shape[:2])

    def _draw(self):
        """Blit the dynamic artists; True when the background had to be drawn again."""
        fresh = self._background is None
        if fresh:
            if isinstance(self.fig.get_layout_engine(), ConstrainedLayoutEngine):
                self.canvas.draw()  # let constrained layout place the axes once, then freeze it
                self.fig.set_layout_engine("none")  # so that the saved background stays valid
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.fig.bbox)
            self._back = self._pixels().copy()
        else:
            self.canvas.restore_region(self._background)
        for artist in self._dynamic:
            if artist.get_visible():
                self.fig.draw_artist(artist)
        return fresh

    def png(self):
        """The whole current picture as one PNG (the static exports' fallback)."""
        return _png(_rgb(self._pixels()))


def _png(pixels, palette=False, opaque=None):
    """PNG bytes of (h, w, 3) uint8 pixels.

    palette: 256 colours chosen for this picture (a line drawing has far fewer; the worst colour
    error, on smooth gradients, is about 15/255), 3-4 times smaller. opaque: a (h, w) mask; the
    other pixels are transparent (one palette entry kept for them)."""
    image = Image.fromarray(np.ascontiguousarray(pixels))
    if not palette:
        out = io.BytesIO()
        image.save(out, format="png", compress_level=1)   # fast; a little larger than the default
        return out.getvalue()
    image = image.quantize(255 if opaque is not None else 256, method=Image.Quantize.FASTOCTREE)
    colours = np.array(image.getpalette(), dtype=np.int64).reshape(-1, 3)
    colours[(colours >= 250).all(axis=1)] = 255   # the octree averages white to 254: keep the page white
    index = np.asarray(image)
    options = {}
    if opaque is not None:
        index = np.where(opaque, index, 255).astype(np.uint8)
        colours = np.vstack([colours, np.zeros((256 - len(colours), 3), np.int64)])
        options["transparency"] = 255
    image = Image.frombytes("P", (index.shape[1], index.shape[0]), np.ascontiguousarray(index).tobytes())
    image.putpalette(colours.astype(np.uint8).ravel().tolist())
    out = io.BytesIO()
    image.save(out, format="png", compress_level=6, **options)
    return out.getvalue()


def _rgb(pixels):
    """uint32 RGBA pixels -> (h, w, 3) uint8 (a view, no copy)."""
    return pixels.view(np.uint8).reshape(*pixels.shape, 4)[..., :3]


def _overlay(frame, background):
    """The pixels of `frame` that differ from `background` (uint32 RGBA arrays), cropped to
    their box, every other pixel transparent: (PNG bytes, [x, y, width, height])."""
    changed = frame != background
    rows, cols = np.flatnonzero(changed.any(axis=1)), np.flatnonzero(changed.any(axis=0))
    if not len(rows):
        return b"", [0, 0, 0, 0]
    y0, y1, x0, x1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    keep = changed[y0:y1, x0:x1]
    return _png(_rgb(frame[y0:y1, x0:x1]), palette=True, opaque=keep), [int(x0), int(y0), int(x1 - x0), int(y1 - y0)]
