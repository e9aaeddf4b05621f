"""Saving and loading models: equal models back (bit-identical predictions), custom classes, refusals at save."""
import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import blocks
from blocks import Activation, Block, Layer, Sequential, Sigmoid
from blocks.saving import load
from blocks.testing.strategies import (
    architectures,
    batchnorms,
    dropouts,
    matrices,
    sizes,
    standardizes,
    tuned_activations,
)
from tests.custom_blocks import Noise, Shift, Softsign, Tagged, noises, shifts
from tests.saving_helpers import assert_same_model, roundtrip


class Cube(Activation):
    """A = Z^3 / 3 + shift Z, defined at module level in this test module; g'(Z) = Z^2 + shift."""

    def __init__(self, shift=0.0):
        self.shift = shift

    def forward(self, Z):
        return Z**3 / 3 + self.shift * Z

    def derivative(self, Z, A):
        return Z * Z + self.shift


custom_activations = st.one_of(
    tuned_activations(), st.floats(0.5, 2.0).map(Softsign), st.floats(-1.0, 1.0).map(Cube)
)


@given(data=st.data(), m=sizes())
def test_a_loaded_model_is_the_same_model_with_bit_identical_predictions(data, m):
    model = data.draw(architectures(extras=[batchnorms, dropouts, shifts, noises, standardizes],
                                    activations=custom_activations))
    dtype = model.parameters()[0].value.dtype
    X = data.draw(matrices(model.n_in, m, dtype=dtype))
    loaded = roundtrip(model)
    assert type(loaded) is Sequential
    assert_same_model(model, loaded)
    expected, got = model.predict(X), loaded.predict(X)
    assert got.dtype == expected.dtype == dtype
    assert got.tobytes() == expected.tobytes()
    # in training mode too: Dropout and Noise draw the same numbers from their restored generators,
    # BatchNorm and Shift update their statistics alike
    assert loaded.forward(X).tobytes() == model.forward(X).tobytes()
    assert_same_model(model, loaded)


@given(architectures(extras=[batchnorms, dropouts, shifts, noises, standardizes]))
def test_the_strategy_draws_working_models(model):
    dtype = model.parameters()[0].value.dtype
    assert model.predict(np.zeros((model.n_in, 2), dtype)).shape == (model.n_out, 2)
    assert all(p.value.dtype == dtype for p in model.parameters())


def test_every_builtin_activation_round_trips_with_its_hyperparameters():
    activations = [blocks.Identity(), blocks.Sigmoid(), blocks.Tanh(), blocks.ReLU(), blocks.LeakyReLU(0.3),
                   blocks.ELU(0.7), blocks.GELU(), blocks.SiLU(), blocks.Softplus(), blocks.Softmax()]
    model = Sequential([Layer(2, 2, activation=g, rng=i) for i, g in enumerate(activations)])
    loaded = roundtrip(model)
    assert [layer.activation for layer in loaded] == activations


def test_a_single_block_round_trips_with_blocks_saving():
    layer = Layer(3, 2, activation=Softsign(0.5), rng=0, dtype=np.float32)
    loaded = roundtrip(Sequential(layer))[0]
    assert loaded.activation == Softsign(0.5) and loaded.W.tobytes() == layer.W.tobytes()


def test_sequential_load_refuses_a_file_holding_another_block(tmp_path):
    from blocks.saving import save

    save(Layer(2, 1, rng=0), tmp_path / "layer.npz")
    assert isinstance(load(tmp_path / "layer.npz"), Layer)
    with pytest.raises(ValueError, match=r"cannot load .*layer.npz as a Sequential: it holds a Layer"):
        Sequential.load(tmp_path / "layer.npz")


def test_str_and_pathlib_paths_and_no_suffix_added(tmp_path):
    model = Sequential(Layer(2, 1, activation=Sigmoid(), rng=0))
    model.save(str(tmp_path / "a.npz"))
    model.save(tmp_path / "weights")
    model.save(tmp_path / "b.bin")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.npz", "b.bin", "weights"]
    for name in ["a.npz", "weights", "b.bin"]:
        assert_same_model(model, Sequential.load(tmp_path / name))


def test_a_generator_shared_by_two_blocks_stays_shared(tmp_path):
    rng = np.random.default_rng(3)
    model = Sequential(Layer(2, 2, rng=0), Noise(0.1, rng), Layer(2, 2, rng=1), Noise(0.2, rng))
    loaded = roundtrip(model)
    assert loaded[1].rng is loaded[3].rng and loaded[1].rng is not rng
    X = np.ones((2, 3))
    assert loaded.forward(X).tobytes() == model.forward(X).tobytes()


def test_buffers_and_parameters_of_a_custom_block_are_saved():
    shift = Shift(2, momentum=0.5)
    shift.mean = np.array([[1.0], [2.0]])
    shift.gamma = np.array([[3.0], [4.0]])
    loaded = roundtrip(Sequential(Layer(2, 2, rng=0), shift))[1]
    assert loaded.mean.tolist() == [[1.0], [2.0]] and loaded.gamma.tolist() == [[3.0], [4.0]]


def test_plain_config_values_round_trip_with_their_types():
    block = Tagged(table={"x": [1, 2.5, None], "y": {"z": (True, "s")}}, dtype=np.dtype("float64"),
                   scale=np.float32(0.5))
    loaded = roundtrip(Sequential(Layer(2, 2, rng=0), block))[1]
    assert loaded.shape == (2, 3) and loaded.names == ("a",) and loaded.flag is True
    assert loaded.table == {"x": [1, 2.5, None], "y": {"z": (True, "s")}}
    assert loaded.dtype == np.float64 and isinstance(loaded.dtype, np.dtype)
    assert loaded.scale == np.float32(0.5)


@pytest.mark.parametrize("value, message", [
    (lambda: 1, r"cannot save model.blocks\[1\].table: function <function .* is not plain data"),
    (np.zeros(2), r"ndarray .* belongs in the block's parameters or buffers"),
    ({1: "a"}, r"model.blocks\[1\].table: a config dict's keys must be str. Received the key 1"),
    ({"__class__": "x"}, r"the key '__class__' is reserved"),
    ([1, {2}], r"cannot save model.blocks\[1\].table\[1\]: set \{2\} is not plain data"),
])
def test_a_config_that_is_not_plain_data_is_refused_at_save_time(tmp_path, value, message):
    model = Sequential(Layer(2, 2, rng=0), Tagged(table=value))
    with pytest.raises(TypeError, match=message):
        model.save(tmp_path / "m.npz")
    assert list(tmp_path.iterdir()) == []


def test_an_activation_defined_inside_a_function_is_refused_at_save_time(tmp_path):
    class Local(Activation):
        def forward(self, Z):
            return Z

        def derivative(self, Z, A):
            return np.ones_like(Z)

    model = Sequential(Layer(2, 2, activation=Local(), rng=0))
    with pytest.raises(TypeError, match=r"cannot save model.blocks\[0\].activation: its class Local is defined "
                                        r"inside a function .*<locals>.*Define Local at the top level of a module"):
        model.save(tmp_path / "m.npz")
    assert list(tmp_path.iterdir()) == []


def test_a_class_that_its_name_no_longer_reaches_is_refused_at_save_time(tmp_path, monkeypatch):
    model = Sequential(Layer(2, 2, activation=Cube(), rng=0))
    monkeypatch.setattr(sys.modules[__name__], "Cube", type("Cube", (Activation,), {}))
    with pytest.raises(TypeError, match=r"its class Cube cannot be found again as .*:Cube .*redefined"):
        model.save(tmp_path / "m.npz")


class Hidden(Block):
    """Its parameters are those of a Layer that its config does not name."""

    inner = Layer(2, 2, rng=0)

    def parameters(self):
        return self.inner.parameters()


def test_a_shared_block_and_an_unreachable_parameter_are_refused(tmp_path):
    layer = Layer(2, 2, rng=0)
    shared = Sequential(layer)
    shared.blocks.append(layer)  # Sequential(layer, layer) is refused when built; save checks on its own too
    with pytest.raises(ValueError, match=r"cannot save model.blocks\[1\]: it is the same block object as "
                                         r"model.blocks\[0\]"):
        shared.save(tmp_path / "m.npz")
    with pytest.raises(ValueError, match=r"its parameter Parameter\(Layer.W, .* would be lost"):
        Sequential(Hidden(), Layer(2, 1, rng=0)).save(tmp_path / "m.npz")
    assert list(tmp_path.iterdir()) == []


def test_save_refuses_what_is_not_a_model_or_a_path(tmp_path):
    from blocks.saving import save

    with pytest.raises(TypeError, match="model must be a Block such as a Sequential. Received: list"):
        save([Layer(2, 2)], tmp_path / "m.npz")
    with pytest.raises(TypeError, match="path must be a str or a pathlib.Path"):
        Sequential(Layer(2, 2)).save(3)
    with pytest.raises(FileNotFoundError, match="the directory .*nowhere does not exist"):
        Sequential(Layer(2, 2)).save(tmp_path / "nowhere" / "m.npz")

