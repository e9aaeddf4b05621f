"""The Block protocol: a user's container is forward, backward and children(); everything else is derived."""
from __future__ import annotations

import numpy as np
import pytest

import blocks
from blocks import Block, Dropout, Layer, ReLU, Sequential, Sigmoid
from blocks.saving import load
from blocks.testing import check_gradients
from losses import BinaryCrossEntropy


class Parallel(Block):
    """A user's container: A = first(A_prev) + second(A_prev); dA_prev = first's dA_prev + second's."""

    def __init__(self, first, second):
        self.first, self.second = first, second

    def children(self):
        return [self.first, self.second]

    def forward(self, A_prev):
        return self.first.forward(A_prev) + self.second.forward(A_prev)

    def backward(self, dA, *, need_dA_prev=True):
        d1 = self.first.backward(dA, need_dA_prev=need_dA_prev)
        d2 = self.second.backward(dA, need_dA_prev=need_dA_prev)
        return d1 + d2 if need_dA_prev else None


def parallel_model():
    return Sequential(
        Layer(4, 6, activation=ReLU(), rng=0),
        Parallel(Sequential(Dropout(keep_prob=0.5, rng=1), Layer(6, 3, rng=2)), Layer(6, 3, rng=3)),
        Layer(3, 1, activation=Sigmoid(), rng=4),
    )


def data(m=9):
    rng = np.random.default_rng(5)
    return rng.standard_normal((4, m)), (rng.random((1, m)) < 0.5).astype(float)


def test_a_users_container_lists_its_parameters_through_children():
    model = parallel_model()
    names = [f"{type(p.block).__name__}.{p.name}" for p in model.parameters()]
    assert names == ["Layer.W", "Layer.b"] * 4
    assert model.num_parameters() == 4 * 6 + 6 + 6 * 3 + 3 + 6 * 3 + 3 + 3 + 1


def test_eval_reaches_a_dropout_inside_a_users_container():
    model, (X, _) = parallel_model(), data()
    model.eval()
    assert not model[1].first[0].training
    assert np.array_equal(model.forward(X), model.forward(X))
    model.train()
    assert model[1].first[0].training


def test_predict_is_deterministic_and_restores_every_nested_mode():
    model, (X, _) = parallel_model(), data()
    assert np.array_equal(model.predict(X), model.predict(X))
    assert all(block.training for _, block in model.named_blocks())


def test_print_lists_nested_blocks_as_indented_rows_with_their_shapes():
    table = str(parallel_model())
    lines = table.splitlines()
    assert any(line.startswith("1.0.1") and "Layer(6, 3" in line and "(3, m)" in line for line in lines), table
    assert any(line.startswith("1 ") and "Parallel" in line for line in lines), table
    assert len(lines) == 4 + 7 + 2, "one line per block: a container is one row, never a multi-line cell"
    assert "Total parameters: 76" in table


def test_check_gradients_names_nested_arrays_by_their_place():
    model, (X, Y) = parallel_model(), data()
    report = check_gradients(model, X, Y, BinaryCrossEntropy())
    names = [a.name for a in report.arrays]
    assert names == ["0.W", "0.b", "1.0.1.W", "1.0.1.b", "1.1.W", "1.1.b", "2.W", "2.b", "dA0 / m"]


def test_a_users_container_round_trips_through_save_and_load(tmp_path):
    model, (X, _) = parallel_model(), data()
    model.save(tmp_path / "parallel.npz")
    again = load(tmp_path / "parallel.npz")
    assert isinstance(again[1], Parallel) and isinstance(again[1].first[0], Dropout)
    assert np.array_equal(again.predict(X), model.predict(X))


def test_one_block_at_two_places_inside_containers_is_refused():
    shared = Layer(6, 3)
    with pytest.raises(ValueError, match=r"block 1\.1 of the Sequential is the same object as block 1\.0"):
        Sequential(Layer(4, 6), Parallel(shared, shared))


def test_backward_stops_at_layer_1_unless_dA0_is_asked_for():
    model, (X, Y) = parallel_model(), data()
    loss = BinaryCrossEntropy()
    AL = model.forward(X)
    assert model.backward(loss.backward(AL, Y)) is None
    dW = model[0].dW.copy()
    dA0 = model.backward(loss.backward(AL, Y), need_dA_prev=True)
    assert dA0.shape == X.shape
    assert np.array_equal(model[0].dW, dW)


def test_the_first_block_is_not_asked_for_its_dA_prev():
    asked = []

    class Recording(Layer):
        def backward(self, dA, *, need_dA_prev=True):
            asked.append(need_dA_prev)
            return super().backward(dA, need_dA_prev=need_dA_prev)

    model = Sequential(Recording(4, 3), Recording(3, 1))
    X, Y = data()
    model.backward(model.forward(X) - Y)
    assert asked == [True, False]
    assert model[0].dW is not None


def test_a_block_with_the_old_backward_signature_is_named_before_data_flows():
    class Old(Block):
        def forward(self, A_prev):
            return A_prev

        def backward(self, dA):
            return dA

    with pytest.raises(TypeError, match=r"block 1 of the Sequential, .*Old\(\), has a backward without the keyword "
                                        r"need_dA_prev: write def backward\(self, dA, \*, need_dA_prev=True\)"):
        Sequential(Layer(2, 2), Old())


def test_a_layer_fed_images_is_told_to_flatten_and_one_fed_sequences_to_time_distribute():
    class Images(Block):
        def output_shape(self, shape):
            return (3, 8, 8, "m")

    class Sequences(Block):
        def output_shape(self, shape):
            return (3, "m", None)

    with pytest.raises(ValueError,
                       match=r"gives images \(n_C, n_H, n_W, m\) \(3, 8, 8, m\): put a Flatten\(\) before it"):
        Sequential(Images(), Layer(192, 2))
    with pytest.raises(ValueError, match=r"gives sequences \(n_x, m, T_x\) \(3, m, \?\): wrap it as TimeDistributed"):
        Sequential(Sequences(), Layer(3, 2))


def test_the_base_protocol_says_what_to_implement():
    with pytest.raises(NotImplementedError, match=r"must implement forward\(A_prev\) -> A"):
        Block().forward(np.ones((1, 1)))
    with pytest.raises(NotImplementedError, match=r"must implement backward\(dA, \*, need_dA_prev=True\)"):
        Block().backward(np.ones((1, 1)))
    assert Block().children() == [] and Block().parameters() == []


def test_the_public_names_are_exported():
    assert {"Residual", "LayerNorm", "Block"} <= set(blocks.__all__)
