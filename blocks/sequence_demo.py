"""The sequence demos: a character-level LSTM that learns to write names, and LSTM against RNN on memory.

``run_names()`` trains Embedding -> LSTM -> TimeDistributed(Layer(Softmax)) on ``sequence_data.names()`` to
predict each next character, and prints new names sampled from it before, during and after training.
``run_memory()`` trains a plain RNN and an LSTM of the same size on ``sequence_data.memory`` at a short and
a long T_x and prints their test accuracies. ``npblocks demo --dataset names`` / ``--dataset memory`` run them.
"""
from __future__ import annotations

import numpy as np

from losses import BinaryCrossEntropy, CategoricalCrossEntropy
from optim import Adam

from .activations import Sigmoid, Softmax
from .embedding import Embedding
from .init import as_generator
from .layer import Layer
from .lstm import LSTM
from .rnn import RNN
from .sequence_data import ALPHABET, decode, encode_names, memory, names
from .sequential import Sequential
from .time_distributed import TimeDistributed

SEQUENCE_DEMOS = ("names", "memory")


def names_model(n_e: int = 16, n_a: int = 64, rng=0) -> Sequential:
    """Embedding(27, n_e) -> LSTM(n_e, n_a) -> TimeDistributed(Layer(n_a, 27, Softmax)): y<t> is the next character."""
    rng = as_generator(rng)
    n_vocab = len(ALPHABET)
    return Sequential(Embedding(n_vocab, n_e, rng=rng), LSTM(n_e, n_a, rng=rng),
                      TimeDistributed(Layer(n_a, n_vocab, activation=Softmax(), rng=rng)))


def sample(model, k: int = 8, max_len: int = 12, rng=0) -> list:
    """k names drawn one character at a time from y<t>, each run from "." until the model gives "." again."""
    rng = as_generator(rng)
    ids = np.zeros((k, 1), dtype=np.intp)
    for t in range(max_len):
        probs = model.predict(ids)[:, :, -1]  # (27, k): the distribution of the next character
        if t == 0:
            probs[0] = 0  # a name has at least one letter
        cumulative = np.cumsum(probs, axis=0) / probs.sum(axis=0)
        nxt = (rng.random(k) > cumulative).sum(axis=0).clip(0, len(ALPHABET) - 1)
        ids = np.concatenate([ids, nxt[:, None]], axis=1)
    return [decode(row[1:]) for row in ids]


def run_names(*, epochs: int = 45, lr: float = 0.01, batch_size: int = 32, seed: int = 0, verbose: int = 1,
              out=print) -> dict:
    """Train the names model for ``epochs`` (in three rounds, sampling after each); returns the results."""

    words = names()
    X, Y = encode_names(words)
    model = names_model(rng=seed)
    optimizer = Adam(model.parameters(), lr=lr, clip_norm=5.0)
    out(f"names: {len(words)} names, ids X {X.shape} (m, T_x), one-hot Y {Y.shape} (27 characters, m, T_x)")
    out(model)
    out(f"before training: {', '.join(sample(model, rng=seed))}")
    rounds = [epochs // 3 + (k < epochs % 3) for k in range(3)]
    histories = []
    for k, n in enumerate(r for r in rounds if r):
        histories.append(model.fit(X, Y, loss=CategoricalCrossEntropy(), optimizer=optimizer, epochs=n,
                                   batch_size=batch_size, rng=seed + k, verbose=verbose, metrics=["accuracy"]))
        out(f"after {sum(rounds[:k + 1])} epochs, cost {histories[-1]['loss'][-1]:.3f}: "
            f"{', '.join(sample(model, rng=seed + 1 + k))}")
    new = sample(model, k=20, rng=seed + 10)
    fresh = [w for w in new if w and w not in set(words)]
    out(f"{len(fresh)} of 20 sampled names are not in the list: {', '.join(fresh)}")
    return {"model": model, "cost": histories[-1]["loss"][-1], "samples": new, "new": fresh,
            "accuracy": histories[-1]["accuracy"][-1]}


def run_memory(*, T_short: int = 5, T_long: int = 50, epochs: int = 30, n_a: int = 16, forget_bias: float = 3.0,
               seed: int = 0, kinds=("RNN", "LSTM"), out=print) -> dict:
    """A plain RNN and an LSTM (n_a units each, same data, budget and clip_norm) on the sign of the first number,
    at T_x = T_short and T_x = T_long; returns ``{(kind, T_x): test accuracy}``."""

    rng = as_generator(seed)
    results = {}
    out(f"memory: the sign of x<1> = +-1 after T_x - 1 steps of noise; {n_a} units, Adam for {epochs} epochs")
    for T in (T_short, T_long):
        X, Y = memory(1024, T, rng=rng)
        X_test, Y_test = memory(512, T, rng=rng)
        for kind in kinds:
            cell = (RNN(2, n_a, return_sequences=False, rng=seed) if kind == "RNN" else
                    LSTM(2, n_a, return_sequences=False, forget_bias=forget_bias, rng=seed))
            model = Sequential(cell, Layer(n_a, 1, activation=Sigmoid(), rng=seed + 1))
            model.fit(X, Y, loss=BinaryCrossEntropy(), optimizer=Adam(model.parameters(), lr=0.01, clip_norm=1.0),
                      epochs=epochs, batch_size=64, rng=seed, verbose=0)
            results[kind, T] = model.evaluate(X_test, Y_test)["accuracy"]
            out(f"T_x = {T:3d}  {kind:4s}  test accuracy {results[kind, T]:.1%}")
    return results
