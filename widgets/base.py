"""What every widget shares: the error box, the static picture, display, presentation mode."""
import base64
import html
import traceback

import ipywidgets as widgets
import matplotlib

from course_lib.validation import check_number

from .figure_view import NORMAL_RC, PRESENT_RC, FigureView


def within(value, name, low, high, integer=False):
    """A setting inside its control's range, refused in words otherwise (a slider would silently
    clip it to its end)."""
    return check_number(value, name, low=low, high=high, integer=integer)


def options_with(options, value):
    """A dropdown's options with `value` added in order when the model accepts a value the usual
    list lacks (e.g. learning_rate=0.05)."""
    return sorted(set(options) | {value})


class CourseWidget:
    """Subclasses build ``self.view`` (a FigureView), their controls, and ``self.ui`` (the
    container shown), wrap every callback with ``self.safe``, and call ``self.view.render()``.
    figsize=None: the subclass paints in the browser itself and overrides ``png()``."""

    def __init__(self, present=False, figsize=(8, 3.5)):
        self.present = present
        self.rc = PRESENT_RC if present else NORMAL_RC
        self.view = None
        if figsize is not None:
            with matplotlib.rc_context(self.rc):
                self.view = FigureView(figsize=figsize, present=present, rc=self.rc)
            self.view.describe = lambda: self.describe()   # the picture's text alternative, every frame
        self.status = widgets.HTML(layout=widgets.Layout(min_height="1.5em"))
        self.error = None
        self._depth = 0      # nested callbacks (a control set inside another callback)
        self._said = False   # the current action put a message in the status line

    # ---- errors shown inside the widget ----------------------------------------------------
    def safe(self, callback):
        """Wrap a callback so an exception is shown in the widget, in words, not lost in a log.

        The status line belongs to this class: an action that succeeds without saying anything
        clears it, so an error stays only until the next action that works."""
        def wrapped(*args, **kwargs):
            outermost = self._depth == 0
            if outermost:
                self.error, self._said = None, False
            self._depth += 1
            try:
                with matplotlib.rc_context(self.rc):  # artists made now get the widget's font sizes
                    return callback(*args, **kwargs)
            except Exception as exc:  # the widget must stay usable whatever went wrong
                self.show_error(exc)
            finally:
                self._depth -= 1
                if outermost and self.error is None and not self._said:
                    self.status.value = ""
        return wrapped

    def show_error(self, exc):
        self.error = exc
        detail = html.escape("".join(traceback.format_exception_only(type(exc), exc)).strip())
        self.status.value = (f"<div style='color:#b00020'><b>That did not work:</b> {html.escape(str(exc))}"
                             f"<details><summary>details for your instructor</summary><pre>{detail}</pre>"
                             "</details></div>")

    def styled(self):
        """A context in which new artists get the widget's font sizes (larger in present mode)."""
        return matplotlib.rc_context(self.rc)

    def say(self, text, colour="#333"):
        """A one-line message in the status box (kept until the next action)."""
        self._said = True
        self.status.value = f"<span style='color:{colour}'>{html.escape(text)}</span>"

    def describe(self):
        """The picture's current state in words, for whoever cannot see it (screen readers,
        a student on a braille display): what it shows and the numbers that matter now."""
        raise NotImplementedError(f"{type(self).__name__} must say in words what its picture shows")

    # ---- display ---------------------------------------------------------------------------
    def show(self):
        from IPython.display import display
        display(self)
        return None

    def _enlarge_text(self):
        """Present mode: larger text in every HTML panel too (the figure's fonts are set by rc)."""
        stack = [self.ui]
        while stack:
            w = stack.pop()
            stack.extend(getattr(w, "children", ()))
            if isinstance(w, widgets.HTML):
                w.style.font_size = "18px"

    def _repr_mimebundle_(self, **kwargs):
        """The live widget, plus a PNG of the current figure for exports without a kernel."""
        if self.present:
            self._enlarge_text()
        bundle = self.ui._repr_mimebundle_(**kwargs)
        bundle["image/png"] = base64.b64encode(self.png()).decode("ascii")
        bundle["text/plain"] = repr(self)
        return bundle

    def png(self):
        """The picture as it is now, for pages without a kernel."""
        return self.view.png()

    def __repr__(self):
        return f"{type(self).__name__}()"

    # ---- stepping through a precomputed run (a position slider linked to a Play widget) -------
    @staticmethod
    def restart(position, play, length, show):
        """A new run of `length` steps: stop playing, go back to step 0 and show it."""
        play.playing = False
        position.max = play.max = max(length, 1)
        if position.value == 0:  # setting 0 again would not fire the observer
            show()
        position.value = play.value = 0

    @staticmethod
    def advance(position, last, by=1):
        """Move the position slider by `by` steps, staying within 0..last."""
        position.value = min(max(position.value + by, 0), last)

    def button(self, description, callback, icon="", tooltip=""):
        b = widgets.Button(description=description, icon=icon, tooltip=tooltip or description,
                           layout=widgets.Layout(width="auto"))
        b.on_click(self.safe(lambda _: callback()))
        return b

    def observe(self, control, callback):
        """Call callback() whenever control.value changes, errors shown in the widget."""
        control.observe(self.safe(lambda change: callback()), names="value")
        return control
