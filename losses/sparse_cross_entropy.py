"""Categorical cross-entropy from integer class labels instead of one-hot columns."""
from __future__ import annotations

import numpy as np

from blocks.output_gradient import OutputGradient

from .loss import Loss, clip_probabilities


class SparseCategoricalCrossEntropy(Loss):
    """J = -(1/m) sum_i log(AL[y_i, i]);  dAL = -onehot(Y) / AL (per sample, no 1/m), for softmax AL.

    Y holds the class of each sample, an int in 0..n_classes-1, as ``(1, m)`` or ``(m,)`` (float labels
    that are whole numbers are accepted). It is CategoricalCrossEntropy with ``onehot(Y)[c, i] = (y_i == c)``,
    taking the m logarithms of the labelled entries only, summed where CategoricalCrossEntropy's terms lie so
    that J is the same to the bit (a sum's rounding depends on its order). AL is clipped into [eps, 1 - eps]
    as there. dAL holds CategoricalCrossEntropy's values for onehot(Y) and is returned as an
    ``OutputGradient`` carrying onehot(Y): a Softmax output layer given it unchanged, for this very AL,
    computes dZ = AL - onehot(Y) exactly, even where AL saturates to 0 or 1 (see ``blocks/output_gradient.py``).
    ``targets = "labels"`` tells fit and evaluate to take Y as class labels (see ``Loss``).

    Shapes:
        AL, dAL: (n_classes, m)      Y: (1, m) or (m,)
    """

    output = "Softmax"
    targets = "labels"

    def forward(self, AL, Y) -> float:
        AL, labels = self.labels(AL, Y)
        m = AL.shape[1]
        columns = np.arange(m)
        terms = np.zeros_like(AL)  # laid out as CategoricalCrossEntropy's Y * log(AL): the same sum, to the bit
        terms[labels, columns] = np.log(clip_probabilities(AL[labels, columns]))
        return float(-np.sum(terms) / m)

    def backward(self, AL, Y):
        AL, labels = self.labels(AL, Y)
        one_hot = np.zeros_like(AL)
        one_hot[labels, np.arange(AL.shape[1])] = 1
        return OutputGradient.of(-one_hot / self.clipped(AL), AL, one_hot, self.output)

    def labels(self, AL, Y):
        """AL (n_classes, m) checked as probabilities, and Y as its m int labels in range; else a clear error."""
        AL = self.check(AL, AL)[0]
        n, m = AL.shape
        try:
            Y = np.asarray(Y)
        except Exception:  # ragged lists and the like
            Y = np.asarray(None)
        if Y.dtype.kind not in "biuf":
            raise TypeError(f"{self!r} expects Y as integer class labels, one per sample. Received: {Y.dtype}")
        if Y.shape not in ((1, m), (m,)):
            hint = (". Y looks one-hot: use CategoricalCrossEntropy(), or labels Y.argmax(axis=0)"
                    if Y.shape == (n, m) and n > 1 else "")
            raise ValueError(f"{self!r} expects Y as integer class labels of shape (1, m) or (m,), with m = {m} "
                             f"the columns of AL; got shape {Y.shape}{hint}")
        labels = Y.ravel()
        bad = ~np.isin(labels, np.arange(n))
        if bad.any():
            i = int(np.argmax(bad))
            raise ValueError(f"{self!r} expects labels in 0..{n - 1}, one per class row of AL (n_classes = {n}); "
                             f"sample {i} has {labels[i].item()!r}")
        return AL, labels.astype(np.intp)
