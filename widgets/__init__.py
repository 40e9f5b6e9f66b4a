"""ipywidgets + matplotlib front-ends over course_lib: one widget per file.

    from widgets import PerceptronStepper
    PerceptronStepper()          # displays itself in a notebook
"""
from .activation_loss import ActivationLossExplorer
from .backprop_explorer import BackpropExplorer
from .gradient_descent import GradientDescentAnimator
from .network_diagram import NetworkDiagram, parse_layer_sizes
from .perceptron_stepper import PerceptronStepper
from .playground import PlaygroundWidget
from .schematics import neuron_schematic
from .sgd_explorer import SGDExplorer

Playground = PlaygroundWidget  # the name the design uses; PlaygroundWidget avoids a clash with course_lib's

__all__ = ["Playground", "ActivationLossExplorer", "BackpropExplorer", "GradientDescentAnimator", "NetworkDiagram",
           "PerceptronStepper", "PlaygroundWidget", "SGDExplorer", "neuron_schematic", "parse_layer_sizes"]
