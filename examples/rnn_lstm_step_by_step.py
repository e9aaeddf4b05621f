"""The course's step-by-step RNN and LSTM functions, rebuilt from npblocks blocks, checked against plain NumPy.

The course builds a recurrent network by hand: ``rnn_cell_forward``, ``rnn_forward``, ``lstm_cell_forward``,
``lstm_forward`` and their backward passes. Here each one is a few lines on npblocks blocks, with the
course's signatures and return values:

- a cell is Layers on ``concat = [a_prev; xt]``: the RNN cell is ``Layer(n_a + n_x, n_a, Tanh)`` with
  ``W = [Waa, Wax]``; the LSTM cell is four such Layers (sigmoid gates, a tanh candidate);
- ``rnn_forward``, ``lstm_forward`` are the ``RNN`` and ``LSTM`` blocks (from a<0> = 0, as in the course's
  models) with ``TimeDistributed(Layer(n_a, n_y, Softmax))`` for y<t>;
- the backward functions call the blocks' backward. The course's return plain sums over samples and steps
  (its da is dJ/da); npblocks' dA is per (sample, step), m T_x dJ/dA, and its dW is exactly dJ/dW. So
  ``block.backward(m * T_x * da)`` gives the course's dW as they are, and dx = dX / (m T_x).

Each function is compared with the course's plain-NumPy version (written below) on random data.

    python examples/rnn_lstm_step_by_step.py           # n_x = 3, n_a = 5, n_y = 2, m = 10, T_x = 4
    python examples/rnn_lstm_step_by_step.py --quick   # the same (it takes well under a second)
"""
import argparse

import numpy as np

from blocks import LSTM, RNN, Layer, Sigmoid, Softmax, Tanh, TimeDistributed


def cell_layer(W, b, activation):
    """A Layer with the given W (n_out, n_in) and b: the course's cells are Layers on concat = [a_prev; xt]."""
    layer = Layer(W.shape[1], W.shape[0], activation=activation)
    layer.W, layer.b = W, b
    return layer


# ---- RNN --------------------------------------------------------------------------------------------------

def rnn_cell_forward(xt, a_prev, parameters):
    """a_next = tanh(Waa a_prev + Wax xt + ba), yt_pred = softmax(Wya a_next + by): two Layers."""
    p = parameters
    concat = np.concatenate([a_prev, xt])
    a_next = cell_layer(np.hstack([p["Waa"], p["Wax"]]), p["ba"], Tanh()).forward(concat)
    yt_pred = cell_layer(p["Wya"], p["by"], Softmax()).forward(a_next)
    return a_next, yt_pred, (a_next, a_prev, xt, parameters)


def rnn_forward(x, a0, parameters):
    """a (n_a, m, T_x) and y_pred (n_y, m, T_x): the RNN block and TimeDistributed(Layer(Softmax)).

    npblocks starts from a<0> = 0: with another a0 the cell runs step by step instead."""
    p = parameters
    if np.any(a0):
        a_t, steps = a0, []
        for t in range(x.shape[2]):
            a_t, y_t, _ = rnn_cell_forward(x[:, :, t], a_t, p)
            steps.append((a_t, y_t))
        a, y_pred = (np.stack(s, axis=2) for s in zip(*steps, strict=True))
        return a, y_pred, None
    rnn = RNN(x.shape[0], p["Waa"].shape[0])
    rnn.Waa, rnn.Wax, rnn.ba = p["Waa"], p["Wax"], p["ba"]
    a = rnn.forward(x)
    y_pred = TimeDistributed(cell_layer(p["Wya"], p["by"], Softmax())).forward(a)
    return a, y_pred, rnn


def rnn_backward(da, rnn):
    """The course's gradients (plain sums over samples and steps) from the RNN block's backward."""
    n_x, m, T = rnn.X.shape
    dX = rnn.backward(m * T * da)  # npblocks' dA is per (sample, step): m T_x dJ/dA
    da0 = rnn.Waa.T @ rnn.dZ[:, :, 0] / (m * T)
    return {"dx": dX / (m * T), "da0": da0, "dWax": rnn.dWax, "dWaa": rnn.dWaa, "dba": rnn.dba}


# ---- LSTM -------------------------------------------------------------------------------------------------

def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    """The course's LSTM cell: four Layers on concat (forget, update, candidate, output) and the cell update."""
    p = parameters
    concat = np.concatenate([a_prev, xt])
    ft = cell_layer(p["Wf"], p["bf"], Sigmoid()).forward(concat)
    it = cell_layer(p["Wi"], p["bi"], Sigmoid()).forward(concat)
    cct = cell_layer(p["Wc"], p["bc"], Tanh()).forward(concat)
    c_next = ft * c_prev + it * cct
    ot = cell_layer(p["Wo"], p["bo"], Sigmoid()).forward(concat)
    a_next = ot * np.tanh(c_next)
    yt_pred = cell_layer(p["Wy"], p["by"], Softmax()).forward(a_next)
    return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)


def lstm_forward(x, a0, parameters):
    """a, y, c (n_a or n_y, m, T_x): the LSTM block (from a<0> = c<0> = 0) and TimeDistributed(Layer(Softmax))."""
    p = parameters
    lstm = LSTM(x.shape[0], p["Wf"].shape[0])
    for name in lstm.parameter_names:
        setattr(lstm, name, p[name])
    a = lstm.forward(x)
    y = TimeDistributed(cell_layer(p["Wy"], p["by"], Softmax())).forward(a)
    return a, y, lstm.C, lstm


def lstm_backward(da, lstm):
    """The course's gradients (plain sums) from the LSTM block's backward: dx, dWf, dbf, ..., dWo, dbo."""
    n_x, m, T = lstm.X.shape
    dX = lstm.backward(m * T * da)
    grads = {"d" + name: getattr(lstm, "d" + name) for name in lstm.parameter_names}
    return {"dx": dX / (m * T), **grads}


# ---- The course's plain-NumPy versions, to compare with -----------------------------------------------------

def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def course_rnn(x, a0, p, da):
    n_x, m, T = x.shape
    a, a_prev = np.zeros((p["Waa"].shape[0], m, T)), a0
    for t in range(T):
        a_prev = a[:, :, t] = np.tanh(p["Waa"] @ a_prev + p["Wax"] @ x[:, :, t] + p["ba"])
    g = {"dx": np.zeros_like(x), "dWax": 0, "dWaa": 0, "dba": 0}
    da_prevt = np.zeros((p["Waa"].shape[0], m))
    for t in reversed(range(T)):
        dtanh = (da[:, :, t] + da_prevt) * (1 - a[:, :, t] ** 2)
        a_before = a[:, :, t - 1] if t > 0 else a0
        g["dx"][:, :, t] = p["Wax"].T @ dtanh
        g["dWax"] = g["dWax"] + dtanh @ x[:, :, t].T
        g["dWaa"] = g["dWaa"] + dtanh @ a_before.T
        g["dba"] = g["dba"] + dtanh.sum(axis=1, keepdims=True)
        da_prevt = p["Waa"].T @ dtanh
    g["da0"] = da_prevt
    return a, g


def course_lstm(x, p, da):
    n_x, m, T = x.shape
    n_a = p["Wf"].shape[0]
    a_prev, c_prev, cache = np.zeros((n_a, m)), np.zeros((n_a, m)), []
    a = np.zeros((n_a, m, T))
    for t in range(T):
        concat = np.concatenate([a_prev, x[:, :, t]])
        ft, it = sigmoid(p["Wf"] @ concat + p["bf"]), sigmoid(p["Wi"] @ concat + p["bi"])
        cct, ot = np.tanh(p["Wc"] @ concat + p["bc"]), sigmoid(p["Wo"] @ concat + p["bo"])
        c_next = ft * c_prev + it * cct
        a[:, :, t] = a_next = ot * np.tanh(c_next)
        cache.append((concat, c_prev, c_next, ft, it, cct, ot))
        a_prev, c_prev = a_next, c_next
    g = {k: 0 for k in ("dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo")}
    g["dx"] = np.zeros_like(x)
    da_next, dc_next = np.zeros((n_a, m)), np.zeros((n_a, m))
    for t in reversed(range(T)):
        concat, c_prev, c_next, ft, it, cct, ot = cache[t]
        da_t = da[:, :, t] + da_next
        dot = da_t * np.tanh(c_next) * ot * (1 - ot)
        dc = dc_next + da_t * ot * (1 - np.tanh(c_next) ** 2)
        dcct = dc * it * (1 - cct ** 2)
        dit = dc * cct * it * (1 - it)
        dft = dc * c_prev * ft * (1 - ft)
        for gate, dz in (("f", dft), ("i", dit), ("c", dcct), ("o", dot)):
            g["dW" + gate] = g["dW" + gate] + dz @ concat.T
            g["db" + gate] = g["db" + gate] + dz.sum(axis=1, keepdims=True)
        dconcat = p["Wf"].T @ dft + p["Wi"].T @ dit + p["Wc"].T @ dcct + p["Wo"].T @ dot
        da_next, g["dx"][:, :, t], dc_next = dconcat[:n_a], dconcat[n_a:], dc * ft
    return a, g


def main(argv=None):
    parser = argparse.ArgumentParser(description="The course's RNN and LSTM functions on npblocks blocks")
    parser.add_argument("--quick", action="store_true", help="for CI (the run is already short)")
    parser.parse_args(argv)
    rng = np.random.default_rng(1)
    n_x, n_a, n_y, m, T = 3, 5, 2, 10, 4
    x, da = rng.standard_normal((n_x, m, T)), rng.standard_normal((n_a, m, T))
    p = {"Waa": rng.standard_normal((n_a, n_a)), "Wax": rng.standard_normal((n_a, n_x)),
         "Wya": rng.standard_normal((n_y, n_a)), "ba": rng.standard_normal((n_a, 1)),
         "by": rng.standard_normal((n_y, 1))}
    a0 = rng.standard_normal((n_a, m))
    a_ref, _ = course_rnn(x, a0, p, da)
    print(f"rnn_forward from a random a0 (cell by cell):   max |a - course| = "
          f"{np.abs(rnn_forward(x, a0, p)[0] - a_ref).max():.1e}")
    a_ref, g_ref = course_rnn(x, np.zeros((n_a, m)), p, da)
    a, y_pred, rnn = rnn_forward(x, np.zeros((n_a, m)), p)
    print(f"rnn_forward from a0 = 0 (the RNN block):       max |a - course| = {np.abs(a - a_ref).max():.1e}, "
          f"y_pred {y_pred.shape}")
    g = rnn_backward(da, rnn)
    print("rnn_backward:  " + ", ".join(f"{k} {np.abs(g[k] - g_ref[k]).max():.1e}" for k in g_ref))

    q = {name: rng.standard_normal((n_a, n_a + n_x)) if name[0] == "W" else rng.standard_normal((n_a, 1))
         for name in ("Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo")}
    q["Wy"], q["by"] = rng.standard_normal((n_y, n_a)), rng.standard_normal((n_y, 1))
    a_next, c_next, yt, _ = lstm_cell_forward(x[:, :, 0], np.zeros((n_a, m)), np.zeros((n_a, m)), q)
    a_ref, g_ref = course_lstm(x, q, da)
    print(f"lstm_cell_forward (four Layers):                max |a<1> - course| = "
          f"{np.abs(a_next - a_ref[:, :, 0]).max():.1e}, yt_pred {yt.shape}")
    a, y, c, lstm = lstm_forward(x, np.zeros((n_a, m)), q)
    print(f"lstm_forward (the LSTM block):                  max |a - course| = {np.abs(a - a_ref).max():.1e}, "
          f"y {y.shape}, c {c.shape}")
    g = lstm_backward(da, lstm)
    print("lstm_backward: " + ", ".join(f"{k} {np.abs(g[k] - g_ref[k]).max():.1e}" for k in g_ref))


if __name__ == "__main__":
    main()
