"""What a student sees and does, for in-process widget tests."""
import html
import re


def text(html_widget):
    """The text a student reads in an HTML widget: its value without tags."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_widget.value))


def walk(w):
    """Every widget inside w, w first."""
    yield w
    for child in getattr(w, "children", ()):
        yield from walk(child)


def click(widget, description):
    """Click the (first) button labelled `description` anywhere in the widget."""
    buttons = [b for b in walk(widget.ui) if getattr(b, "description", None) == description
               and hasattr(b, "on_click")]
    assert buttons, f"no button {description!r}"
    buttons[0].click()


def browser_says(front_end_widget, **content):
    """A message from the widget's browser side (a click on a picture, say), through the same
    path a real one takes."""
    front_end_widget._handle_custom_msg(content, [])


def pixels_at(picture, x, y):
    """The click the browser sends for picture pixel (x, y) (origin top-left)."""
    browser_says(picture, type="click", x=x, y=y)
