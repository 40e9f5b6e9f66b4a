"""Play / Pause for a widget that steps through frames: one named button (front/player.js).

Why not ipywidgets.Play: its buttons are icons without an accessible name, and it moves on at its
own pace whatever the kernel manages, so on a slow hub frames queue up behind each other. This
one waits until the kernel has drawn a frame (`done`) before asking for the next.
"""
import anywidget
import traitlets

from .picture import module


class Player(anywidget.AnyWidget):
    """value moves from its current value to max, one step every `interval` ms, while `playing`."""
    _esm = module("player", name_controls=False)   # a button: nothing to name
    value = traitlets.Int(0).tag(sync=True)
    min = traitlets.Int(0).tag(sync=True)
    max = traitlets.Int(100).tag(sync=True)
    interval = traitlets.Int(100).tag(sync=True)
    playing = traitlets.Bool(False).tag(sync=True)
    done = traitlets.Int(-1).tag(sync=True)      # the last value whose frame the kernel has finished
    description = traitlets.Unicode("").tag(sync=True)

    def set_state(self, sync_data):
        """A change from the browser: run every observer (the frame is drawn), then say it is done."""
        super().set_state(sync_data)
        if "value" in sync_data:
            self.done = self.value
