"""A matplotlib figure shown as an ipywidgets.Image, redrawn by blitting.

Why not ipympl: its figures export blank without a live kernel, and a full redraw costs 30+ ms.
Here the figure is drawn once on Agg; artists that change are marked dynamic and, on each
render, only they are drawn over a saved background, then the frame is PNG-encoded (zlib level
1: ten times larger than the default but three times faster) into the Image widget. The Image's
bytes are part of the widget state, so static exports keep the last picture.
"""
import io

import ipywidgets as widgets
import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from PIL import Image

PRESENT_RC = {"font.size": 15, "axes.titlesize": 16, "axes.labelsize": 15, "lines.linewidth": 2.5,
              "lines.markersize": 10, "xtick.labelsize": 13, "ytick.labelsize": 13}
NORMAL_RC = {"font.size": 10}

ORANGE, BLUE = "#f59322", "#0877bd"   # TensorFlow Playground: orange negative, blue positive


class FigureView:
    """fig: the Figure; image: the ipywidgets.Image showing it; render() after changing artists."""

    def __init__(self, figsize=(8, 3.5), dpi=90, present=False, rc=None):
        if present:  # projector: bigger canvas, same layout
            figsize, dpi = (figsize[0] * 1.4, figsize[1] * 1.4), dpi
        self.fig = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        self.canvas = FigureCanvasAgg(self.fig)
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%", height="auto"))
        self._dynamic = []
        self._background = None
        self.rc = rc or NORMAL_RC

    def on_click(self, axes, callback):
        """Call callback(x, y) in `axes`' data coordinates when the picture is clicked inside them.

        ipyevents reports the click in the PNG's own pixels (top-left origin) whatever size the
        browser shows it at; matplotlib's display coordinates start bottom-left.
        """
        from ipyevents import Event

        if not hasattr(self, "_events"):
            self._events = Event(source=self.image, watched_events=["click"])
            self._click_targets = []
            self._events.on_dom_event(self.handle_click)
        self._click_targets.append((axes, callback))

    def forget_clicks(self):
        """Drop the click targets (before the figure's axes are rebuilt)."""
        if hasattr(self, "_click_targets"):
            self._click_targets.clear()

    def handle_click(self, event):
        """The ipyevents message for a click: dispatch it to the axes under the pointer."""
        if "dataX" not in event:
            return
        height = self.canvas.get_width_height(physical=True)[1]
        x, y = float(event["dataX"]), height - float(event["dataY"])
        for axes, callback in self._click_targets:
            if axes.bbox.contains(x, y):
                callback(*axes.transData.inverted().transform((x, y)))
                return

    def pixel_of(self, axes, x, y):
        """The PNG pixel (column, row from the top) showing the data point (x, y) of `axes`."""
        px, py = axes.transData.transform((x, y))
        return px, self.canvas.get_width_height(physical=True)[1] - py

    def dynamic(self, *artists):
        """Mark artists that change on every step: they are drawn over the saved background."""
        for artist in artists:
            artist.set_animated(True)
            self._dynamic.append(artist)
        return artists[0] if len(artists) == 1 else artists

    def invalidate(self):
        """The static part changed (limits, contours, labels): redraw it on the next render."""
        self._background = None

    def render(self):
        """Draw (blit when possible), encode, and push the PNG to the Image widget."""
        with matplotlib.rc_context(self.rc):  # tick labels are made while drawing
            self._draw()
        self.image.value = self.png()

    def _draw(self):
        if self._background is None:
            if isinstance(self.fig.get_layout_engine(), ConstrainedLayoutEngine):
                self.canvas.draw()  # let constrained layout place the axes once, then freeze it
                self.fig.set_layout_engine("none")  # so that the saved background stays valid
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.fig.bbox)
        else:
            self.canvas.restore_region(self._background)
        for artist in self._dynamic:
            if artist.get_visible():
                self.fig.draw_artist(artist)

    def png(self):
        # wrap Agg's buffer without copying it, and let Pillow drop the alpha channel (faster
        # than numpy slicing it, and an opaque picture compresses better)
        width, height = self.canvas.get_width_height(physical=True)
        rgba = Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        out = io.BytesIO()
        rgba.convert("RGB").save(out, format="png", compress_level=1)
        return out.getvalue()
