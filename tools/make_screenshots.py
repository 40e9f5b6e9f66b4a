"""Regenerate the widget pictures in docs/img/ used by the README (each widget's own figure).

    python tools/make_screenshots.py
"""
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from widgets import (ActivationLossExplorer, BackpropExplorer, GradientDescentAnimator,  # noqa: E402
                     NetworkDiagram, PerceptronStepper, PlaygroundWidget)

OUT = Path(__file__).resolve().parents[1] / "docs" / "img"


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    stepper = PerceptronStepper()
    stepper.step()
    two = GradientDescentAnimator("two", eta=0.5)
    two.k.value = 12
    backprop = BackpropExplorer(x=1.5)
    for _ in range(3):
        backprop.step()
    playground = PlaygroundWidget("dataset=spiral&hidden=8,8&features=x1,x2,x1^2,x2^2,sin_x1,sin_x2")
    playground.model.step(150)
    playground.render()
    shots = {"playground": playground, "perceptron_stepper": stepper, "gradient_descent": two, "backprop_explorer": backprop,
             "network_diagram": NetworkDiagram("3-4-2", color_weights=True),
             "activation_loss": ActivationLossExplorer()}
    for name, widget in shots.items():
        if widget.view is None:   # painted in the browser: its static picture
            (OUT / f"{name}.png").write_bytes(widget.png())
        else:
            widget.view.fig.savefig(OUT / f"{name}.png", dpi=60)
        print(OUT / f"{name}.png")


if __name__ == "__main__":
    main()
