"""An independent reference: TensorFlow Playground's training, one example at a time, in plain
Python floats (transcribed from its src/nn.ts `forwardProp`, `backProp`, `updateWeights` and
src/playground.ts `oneStep`; Apache-2.0). No numpy matrix algebra, so nothing is shared with
course_lib but the starting weights handed in.

Network: weights[l][j][i] is the link from node i of layer l to node j of layer l + 1;
biases[l][j] the bias of node j of layer l + 1.
"""
import math

ACTIVATIONS = {
    "tanh": (math.tanh, lambda x: 1 - math.tanh(x) ** 2),
    "relu": (lambda x: max(0.0, x), lambda x: 0.0 if x <= 0 else 1.0),
    "sigmoid": (lambda x: 1 / (1 + math.exp(-x)), lambda x: (1 / (1 + math.exp(-x))) * (1 - 1 / (1 + math.exp(-x)))),
    "linear": (lambda x: x, lambda x: 1.0),
}


class Reference:
    def __init__(self, weights, biases, activation, output, regularization="none", reg_rate=0.0):
        self.W = [[list(map(float, row)) for row in layer] for layer in weights]
        self.b = [list(map(float, layer)) for layer in biases]
        self.acts = [activation] * (len(self.W) - 1) + [output]
        self.regularization, self.reg_rate = regularization, reg_rate
        self.dead = [[[False] * len(row) for row in layer] for layer in self.W]
        self._zero_accumulators()

    def _zero_accumulators(self):
        self.acc_W = [[[0.0] * len(row) for row in layer] for layer in self.W]
        self.acc_b = [[0.0] * len(layer) for layer in self.b]
        self.n_acc = 0

    def forward(self, x):
        outputs, totals = [list(map(float, x))], []
        for W, b, act in zip(self.W, self.b, self.acts):
            total = [b[j] + sum(W[j][i] * outputs[-1][i] for i in range(len(outputs[-1]))) for j in range(len(W))]
            totals.append(total)
            outputs.append([ACTIVATIONS[act][0](t) for t in total])
        return outputs, totals

    def backprop(self, x, target):
        """forwardProp + backProp with Errors.SQUARE (error 1/2 (o - t)^2, der o - t)."""
        outputs, totals = self.forward(x)
        output_der = [outputs[-1][0] - target]
        for l in range(len(self.W) - 1, -1, -1):
            der = ACTIVATIONS[self.acts[l]][1]
            input_der = [output_der[j] * der(totals[l][j]) for j in range(len(self.W[l]))]
            for j, d in enumerate(input_der):
                self.acc_b[l][j] += d
                for i in range(len(self.W[l][j])):
                    self.acc_W[l][j][i] += d * outputs[l][i]
            output_der = [sum(self.W[l][j][i] * input_der[j] for j in range(len(self.W[l])))
                          for i in range(len(self.W[l][0]))]
        self.n_acc += 1

    def update(self, lr):
        """updateWeights: the batch average, then the penalty at lr * rate; L1 kills a weight
        it pushes across 0 (set to 0, never updated again). Biases are not regularised."""
        if self.n_acc == 0:
            return
        for l, layer in enumerate(self.W):
            for j, row in enumerate(layer):
                self.b[l][j] -= lr * self.acc_b[l][j] / self.n_acc
                for i, w in enumerate(row):
                    if self.dead[l][j][i]:
                        continue
                    if self.regularization == "l1":
                        reg_der = 1.0 if w > 0 else -1.0 if w < 0 else 0.0
                    elif self.regularization == "l2":
                        reg_der = w
                    else:
                        reg_der = 0.0
                    w = w - lr / self.n_acc * self.acc_W[l][j][i]
                    new = w - lr * self.reg_rate * reg_der
                    if self.regularization == "l1" and w * new < 0:
                        row[i], self.dead[l][j][i] = 0.0, True
                    else:
                        row[i] = new
        self._zero_accumulators()

    def one_step(self, X, y, lr, batch_size):
        """oneStep: every training point in its fixed order, an update after each batch_size
        points counted from the start of the epoch; a leftover stays accumulated."""
        for i, (x, t) in enumerate(zip(X, y)):
            self.backprop(x, t)
            if (i + 1) % batch_size == 0:
                self.update(lr)

    def loss(self, X, y):
        return sum(0.5 * (self.forward(x)[0][-1][0] - t) ** 2 for x, t in zip(X, y)) / len(X)
