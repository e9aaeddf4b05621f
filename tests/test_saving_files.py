"""Loading refuses every file that is not a sound npblocks file with a ValueError naming it, and runs nothing."""
import json
import pickle  # only to build the hostile files that loading must refuse

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from blocks import Layer, Sequential, Sigmoid
from blocks.saving import VERSION, load, load_checkpoint
from optim import Adam
from tests.custom_blocks import Noise, Shift
from tests.saving_helpers import assert_same_model, rewrite_header


class Payload:
    """Unpickling it creates the marker file: it must never happen."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def small_model():
    return Sequential(Layer(2, 3, rng=0), Shift(3), Noise(0.1, rng=1), Layer(3, 1, activation=Sigmoid(), rng=2))


@pytest.fixture
def saved(tmp_path):
    model = small_model()
    opt = Adam(model.parameters())
    model.backward(model.forward(np.ones((2, 4))))
    opt.step()
    path = tmp_path / "model.npz"
    model.save(path, optimizer=opt)
    return path


def entries(path):
    with np.load(path, allow_pickle=False) as archive:
        return {name: archive[name] for name in archive.files}


def test_a_pickle_file_is_refused_and_never_run(tmp_path):
    marker, path = tmp_path / "marker", tmp_path / "model.npz"
    path.write_bytes(pickle.dumps(Payload(marker)))
    with pytest.raises(ValueError, match=r"cannot load .*model.npz: it is a Python pickle; npblocks never loads"):
        load(path)
    assert not marker.exists()


@pytest.mark.parametrize("entry", ["model.blocks.0.W", "extra"])
def test_an_object_array_carrying_a_pickle_is_refused_and_never_run(saved, tmp_path, entry):
    marker = tmp_path / "marker"
    data = entries(saved)
    data[entry] = np.array([Payload(marker)], dtype=object)
    with open(saved, "wb") as file:
        np.savez(file, **data)  # np.savez pickles object arrays: the hostile file
    for loader in (load, load_checkpoint):
        with pytest.raises(ValueError, match=rf"cannot load .*model.npz: its entry '{entry}' is an object array, "
                                             "which only pickle could read; npblocks never unpickles"):
            loader(saved)
    assert not marker.exists()


@pytest.mark.parametrize("content, message", [
    (b"", r"it is empty \(0 bytes\)"),
    (b"W = [[1, 2]]\n", r"it is not an .npz archive as model.save writes \(it starts with b'W = \[\[1,'\)"),
    (b"PK\x05\x06" + bytes(18), r"it is an .npz archive without the npblocks header '__npblocks__' \(its entries: "
                                r"none\); it was not written by model.save"),
])
def test_foreign_files_are_refused(tmp_path, content, message):
    path = tmp_path / "model.npz"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=rf"cannot load .*model.npz: {message}"):
        load(path)


def test_an_npy_file_and_a_plain_npz_are_refused(tmp_path):
    np.save(tmp_path / "W.npy", np.zeros((2, 2)))
    with pytest.raises(ValueError, match=r"W.npy: it holds a single NumPy array \(.npy\), not the .npz archive"):
        load(tmp_path / "W.npy")
    np.savez(tmp_path / "weights.npz", W1=np.zeros((2, 2)), b1=np.zeros((2, 1)))
    with pytest.raises(ValueError, match=r"weights.npz: it is an .npz archive without the npblocks header "
                                         r"'__npblocks__' \(its entries: W1, b1\)"):
        load(tmp_path / "weights.npz")


def test_a_missing_file_is_the_usual_file_not_found_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        load(tmp_path / "nothing.npz")


@given(cut=st.integers(0, 10**6))
@example(cut=0)
@example(cut=3)
@example(cut=30)
def test_a_truncated_file_is_a_value_error_naming_it(tmp_path_factory, cut):
    path = tmp_path_factory.mktemp("cut") / "model.npz"
    small_model().save(path)
    content = path.read_bytes()
    path.write_bytes(content[: cut % len(content)])
    with pytest.raises(ValueError, match=r"cannot load .*model.npz: it (is empty|is truncated or corrupted)"):
        load(path)


@given(where=st.floats(0.0, 1.0, exclude_max=True), flip=st.integers(1, 255))
def test_a_corrupted_byte_gives_a_value_error_or_the_same_model(tmp_path_factory, where, flip):
    model = small_model()
    path = tmp_path_factory.mktemp("flip") / "model.npz"
    model.save(path)
    content = bytearray(path.read_bytes())
    content[int(where * len(content))] ^= flip
    path.write_bytes(bytes(content))
    try:
        loaded = load(path)
    except ValueError as exc:
        assert str(exc).startswith(f"cannot load {path}: ")
    else:
        assert_same_model(model, loaded)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(-2, 2) | st.sampled_from(["", "x", "blocks:Layer"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["config", "arrays", "a"]), inner,
                                                                max_size=3),
    max_leaves=6,
)


def places(value, path=()):
    """Every (path, value) inside a JSON value, the root included."""
    yield path, value
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, inner in items:
        yield from places(inner, (*path, key))


@given(data=st.data())
def test_any_change_to_the_header_is_a_value_error_or_a_model(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("header") / "model.npz"
    model = small_model()
    model.save(path, optimizer=Adam(model.parameters()))
    header = json.loads(str(entries(path)["__npblocks__"]))
    where, _ = data.draw(st.sampled_from(list(places(header))[1:]))
    delete = data.draw(st.booleans())
    replacement = None if delete else data.draw(json_values)

    def edit(header):
        parent = header
        for key in where[:-1]:
            parent = parent[key]
        if delete:
            del parent[where[-1]]
        else:
            parent[where[-1]] = replacement

    rewrite_header(path, edit)
    for loader in (load, load_checkpoint):
        try:
            loader(path)
        except ValueError as exc:
            assert str(exc).startswith(f"cannot load {path}: ")


def test_missing_misshapen_and_unexpected_arrays_are_listed_together(saved):
    data = entries(saved)
    del data["model.blocks.0.b"]
    data["model.blocks.1.mean"] = np.zeros((4, 1))
    data["model.blocks.3.W"] = data["model.blocks.3.W"].astype(np.float32)
    data["optimizer.state.0.v"] = np.zeros((2, 3))
    data["stray"] = np.zeros(1)
    with open(saved, "wb") as file:
        np.savez(file, **data)
    with pytest.raises(ValueError, match=r"(?s)model.npz: 5 problem\(s\):\n"
                                         r"  - model.blocks\[0\].b: the archive has no array 'model.blocks.0.b'\n"
                                         r"  - model.blocks\[1\].mean must have shape \(3, 1\) and dtype float64; "
                                         r"the file holds shape \(4, 1\), dtype float64\n"
                                         r"  - model.blocks\[3\].W must .* dtype float32\n"
                                         r"  - the optimizer's v of Parameter\(Layer.W, shape=\(3, 2\)\) must have "
                                         r"shape \(3, 2\).*\n"
                                         r"  - the archive holds arrays the header does not name: stray"):
        load_checkpoint(saved)


def test_arrays_a_block_does_not_have_or_lacks_are_named(saved):
    def edit(header):
        arrays = header["model"]["config"]["blocks"][0]["arrays"]
        arrays["V"] = arrays.pop("W")
    rewrite_header(saved, edit)
    with pytest.raises(ValueError, match=r"model.blocks\[0\]: the file has no entry for its array 'W'\n.*"
                                         r"model.blocks\[0\]: the file gives it an array 'V' that a Layer does not "
                                         r"have \(it has \['W', 'b'\]\)"):
        load(saved)


def test_a_newer_format_version_asks_for_an_upgrade(saved):
    rewrite_header(saved, lambda header: header.update(version=VERSION + 1))
    with pytest.raises(ValueError, match=rf"model.npz: it was written in npblocks format version {VERSION + 1}, "
                                         rf"newer than this npblocks reads \(versions 1 to {VERSION}\); upgrade"):
        load(saved)


@pytest.mark.parametrize("version", [0, "1", None, 1.0, True])
def test_an_invalid_format_version_is_refused(saved, version):
    rewrite_header(saved, lambda header: header.update(version=version))
    with pytest.raises(ValueError, match=r"its header has no valid format version \(a positive int\)"):
        load(saved)


@pytest.mark.parametrize("header, message", [
    (np.array("{not json"), "its header is not valid JSON"),
    (np.array([1, 2]), "its header '__npblocks__' is not the JSON text model.save writes"),
    (np.array('{"format": "keras", "version": 1}'), "its header does not declare the format 'npblocks'"),
    (np.array("[" * 100_000 + "]" * 100_000), "its header is not valid JSON|nested too deeply"),
])
def test_a_broken_header_is_refused(saved, header, message):
    data = entries(saved)
    data["__npblocks__"] = header
    with open(saved, "wb") as file:
        np.savez(file, **data)
    with pytest.raises(ValueError, match=message):
        load(saved)


def test_a_non_array_entry_is_refused(saved):
    import zipfile

    with zipfile.ZipFile(saved, "a") as archive:
        archive.writestr("notes.txt", b"hello")
    with pytest.raises(ValueError, match=r"its member 'notes.txt' is not a .npy array; model.save writes only"):
        load(saved)


def test_load_checkpoint_needs_an_optimizer_in_the_file(tmp_path):
    small_model().save(tmp_path / "m.npz")
    with pytest.raises(ValueError, match=r"m.npz: it holds no optimizer state; save a checkpoint with "
                                         r"model.save\(path, optimizer=opt\)"):
        load_checkpoint(tmp_path / "m.npz")
