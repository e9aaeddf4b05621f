"""Metadata in a model file: a dict of JSON data saved beside the model and read back equal."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from blocks import Layer, Sequential, Sigmoid
from blocks.saving import load, load_metadata
from tests.saving_helpers import rewrite_header

json_data = st.recursive(
    st.none() | st.booleans() | st.integers(-2**53, 2**53) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=10,
)


def model():
    return Sequential(Layer(2, 1, activation=Sigmoid(), rng=0))


@given(metadata=st.dictionaries(st.text(max_size=5), json_data, max_size=4))
def test_metadata_reads_back_equal(tmp_path_factory, metadata):
    path = tmp_path_factory.mktemp("meta") / "m.npz"
    model().save(path, metadata=metadata)
    assert load_metadata(path) == metadata
    assert isinstance(load(path), Sequential)


def test_a_file_without_metadata_has_none(tmp_path):
    model().save(tmp_path / "m.npz")
    assert load_metadata(tmp_path / "m.npz") == {}


@pytest.mark.parametrize(("metadata", "error", "match"), [
    (["classes"], TypeError, "metadata must be a dict of JSON data. Received: list"),
    ({"x": (1, 2)}, TypeError, r"cannot save metadata\['x'\]: tuple \(1, 2\) is not JSON data"),
    ({"x": np.int64(1)}, TypeError, r"cannot save metadata\['x'\]: int64 np.int64\(1\) is not JSON data"),
    ({"x": {1: "a"}}, TypeError, r"metadata dict keys must be str. Received the key 1"),
    ({"x": [float("nan")]}, ValueError, r"cannot save metadata\['x'\]\[0\] = nan: metadata numbers must be finite"),
])
def test_what_json_cannot_hold_is_refused_before_writing(tmp_path, metadata, error, match):
    with pytest.raises(error, match=match):
        model().save(tmp_path / "m.npz", metadata=metadata)
    assert not (tmp_path / "m.npz").exists()


def test_bad_files_are_value_errors_naming_them(tmp_path):
    (tmp_path / "x.npz").write_bytes(b"not a zip")
    with pytest.raises(ValueError, match=r"cannot load .*x.npz: it is not an .npz archive"):
        load_metadata(tmp_path / "x.npz")
    model().save(tmp_path / "m.npz", metadata={"a": 1})
    rewrite_header(tmp_path / "m.npz", lambda header: header.update(metadata=[1, 2]))
    with pytest.raises(ValueError, match=r"cannot load .*m.npz: its metadata is not a JSON object"):
        load_metadata(tmp_path / "m.npz")
