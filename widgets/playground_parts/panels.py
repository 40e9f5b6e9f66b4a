"""The Playground's words and numbers beside the pictures: the epoch line, the metrics, the
backprop table and the picture's text alternative."""
import numpy as np

from ..figure_view import ORANGE_TEXT as TEST_COLOUR   # the test loss's colour in the picture and its legend


def numbers_html(model):
    last = model.history[-1]
    acc = "" if last.train_accuracy is None else \
        f" &nbsp; accuracy: train {last.train_accuracy:.3f}, test {last.test_accuracy:.3f}"
    return (f"<b>epoch {model.epoch:04d}</b> &nbsp; loss: train {last.train_loss:.3f} "
            f"(<span style='color:#222'>—</span>), test {last.test_loss:.3f} "
            f"(<span style='color:{TEST_COLOUR}'>—</span>){acc}"
            + (f" &nbsp; {1000 * last.seconds:.0f} ms per epoch" if last.epoch else "")
            + (f" &nbsp; {sum(int(d.sum()) for d in model.dead_)} links set to 0 by L1"
               if model.config.regularization == "l1" else ""))


def metrics_html(model):
    """R^2 for regression; for classification the test set's confusion matrix (TF Playground's issue 7)."""
    m = model.metrics()
    if "test_r2" in m:
        return f"R² (1 = perfect fit): train {m['train_r2']:.3f}, test {m['test_r2']:.3f}"
    name = {-1: "orange (−1)", 1: "blue (+1)"}
    label = lambda k: name.get(k, f"class {k}") if model.config.output == "tanh" else f"class {k}"
    head = "".join(f"<th style='padding:0 6px'>{label(k)}</th>" for k in m["classes"])
    rows = "".join(f"<tr><th style='padding:0 6px'>{label(k)}</th>"
                   + "".join(f"<td style='text-align:center'>{v}</td>" for v in row) + "</tr>"
                   for k, row in zip(m["classes"], m["confusion"]))
    return ("<details><summary>confusion matrix of the test data (rows: true class, columns: predicted)"
            f"</summary><table><tr><th></th>{head}</tr>{rows}</table></details>")


def backprop_html(view, sample):
    """One training sample's forward values and every neuron's delta (Playground.backprop_view)."""
    rows = []
    for l, (a, f, d) in enumerate(zip(view["a"], view["f"], view["delta"])):
        name = "output" if l == len(view["a"]) - 1 else f"hidden layer {l + 1}"
        rows.append(f"<tr><td>{name}</td><td>{np.round(a, 3).tolist()}</td><td>{np.round(f, 3).tolist()}</td>"
                    f"<td>{np.round(d, 4).tolist()}</td></tr>")
    return (f"<b>backprop for training sample {sample}</b>: x = {np.round(view['x'], 2).tolist()}, target "
            f"{view['y']:g}<table><tr><th>layer</th><th>a (pre-activation)</th><th>f (output)</th>"
            "<th>δ = dL/da</th></tr>" + "".join(rows) + "</table>")


def describe(model, labels, grid_output):
    """The pictures in words: the network, where the output is positive, the losses now."""
    c = model.config
    last = model.history[-1]
    hidden = ", ".join(f"{n}" for n in c.hidden) or "none"
    positive = float(np.mean(grid_output > 0))
    shape = (f"the output is positive (blue) on {positive:.0%} of the square from -6 to 6 and negative "
             f"(orange) on the rest" if not c.is_regression else "the output map shows the predicted value")
    acc = "" if last.train_accuracy is None else \
        f", accuracy train {last.train_accuracy:.2f}, test {last.test_accuracy:.2f}"
    state = f" {model.diverged}" if model.diverged else ""
    return (f"Network: inputs {', '.join(labels[f] for f in c.features)}; hidden layers of {hidden} neurons "
            f"({c.activation}). Epoch {model.epoch}: {shape}; loss train {last.train_loss:.3f}, test "
            f"{last.test_loss:.3f}{acc}. {len(model.X_train)} training points: blue circles +1, orange squares -1."
            + state)
