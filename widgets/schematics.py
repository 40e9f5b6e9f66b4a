"""Static drawings for the lessons (no controls): the neuron and its mathematical model."""
import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch

from .figure_view import BLUE, ORANGE


def neuron_schematic(n_inputs=3, activation="f"):
    """The perceptron as the slides draw it: inputs x_i, weights w_i, a sum a = <w, x> + b, an
    activation f, the output y = f(a). Returns a Picture (shown as PNG; its .figure is the Figure)."""
    fig = Figure(figsize=(7, 3.2), layout="constrained")
    ax = fig.add_subplot()
    ax.set_xlim(-0.3, 7.3)
    ax.set_ylim(-0.4, n_inputs + 0.4)
    ax.set_aspect("equal")
    ax.axis("off")
    centre = (n_inputs - 1) / 2 + 0.2
    for i in range(n_inputs):
        y = n_inputs - 1 - i + 0.2
        ax.add_patch(Circle((0.4, y), 0.28, facecolor="#f4f4f4", edgecolor="0.3"))
        ax.text(0.4, y, f"$x_{i + 1}$", ha="center", va="center")
        ax.add_patch(FancyArrowPatch((0.7, y), (2.65, centre), arrowstyle="->", mutation_scale=12, color=BLUE))
        ax.text(1.55, (y + centre) / 2 + 0.12, f"$w_{i + 1}$", color=BLUE, ha="center")
    ax.add_patch(Circle((3.1, centre), 0.45, facecolor="#eef4fb", edgecolor=BLUE, lw=1.5))
    ax.text(3.1, centre, r"$\Sigma$", ha="center", va="center", fontsize=16)
    ax.text(3.1, centre - 0.75, r"$a = \langle w, x\rangle + b$", ha="center", fontsize=9)
    ax.add_patch(FancyArrowPatch((3.55, centre), (4.55, centre), arrowstyle="->", mutation_scale=12))
    ax.add_patch(Circle((5.0, centre), 0.45, facecolor="#fff3e6", edgecolor=ORANGE, lw=1.5))
    ax.text(5.0, centre, f"${activation}$", ha="center", va="center", fontsize=14)
    ax.text(5.0, centre - 0.75, "activation", ha="center", fontsize=9)
    ax.add_patch(FancyArrowPatch((5.45, centre), (6.5, centre), arrowstyle="->", mutation_scale=12))
    ax.text(6.75, centre, r"$\hat y = f(a)$", ha="left", va="center")
    ax.set_title("the perceptron: a weighted sum, then an activation", fontsize=10)
    return Picture(fig)


class Picture:
    """A figure drawn once. Shown as a PNG by Jupyter whatever the matplotlib backend (a bare
    Figure made without pyplot would show only its text repr)."""

    def __init__(self, figure):
        self.figure = figure
        FigureCanvasAgg(figure)

    def _repr_png_(self):
        out = io.BytesIO()
        self.figure.savefig(out, format="png")
        return out.getvalue()

    def __repr__(self):
        return "neuron schematic"
