"""Hostile files: small on disk, huge once read, or built to confuse the loader. Each is a ValueError, early."""
import io
import tracemalloc
import warnings
import zipfile

import numpy as np
import pytest

from blocks import Dropout, Layer, Sequential, Sigmoid
from blocks.saving import MAX_BYTES, load, load_checkpoint, load_metadata
from optim import Adam
from tests.saving_helpers import rewrite_header


@pytest.fixture
def saved(tmp_path):
    model = Sequential(Layer(2, 3, rng=0), Dropout(keep_prob=0.5, rng=1), Layer(3, 1, activation=Sigmoid(), rng=2))
    path = tmp_path / "model.npz"
    model.save(path)
    return path


def npy(array) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def add_member(path, name, data, compress=zipfile.ZIP_STORED):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns of the duplicate name we write on purpose
        with zipfile.ZipFile(path, "a", compression=compress) as archive:
            archive.writestr(name, data)


def test_the_default_bound_is_one_gibibyte():
    assert MAX_BYTES == 2**30


def test_a_member_that_inflates_past_max_bytes_is_refused_before_inflating(saved):
    add_member(saved, "bomb.npy", npy(np.zeros(2_000_000)), zipfile.ZIP_DEFLATED)  # 16 MB inflated, 16 KB on disk
    tracemalloc.start()
    try:
        with pytest.raises(ValueError, match=r"model.npz: its arrays take 16,00\d,\d+ bytes uncompressed, more than "
                                             r"max_bytes=1,000,000; if you trust the file, load it with "
                                             r"blocks.saving.load\(path, max_bytes=16"):
            load(saved, max_bytes=1_000_000)
        assert tracemalloc.get_traced_memory()[1] < 2_000_000
    finally:
        tracemalloc.stop()


def test_max_bytes_can_be_raised_for_a_trusted_file(saved):
    with pytest.raises(ValueError, match="more than max_bytes=100;"):
        load(saved, max_bytes=100)
    assert isinstance(load(saved, max_bytes=10**6), Sequential)


@pytest.mark.parametrize(("value", "error"), [(0, ValueError), (-1, ValueError), (1.5, TypeError), (True, TypeError)])
def test_max_bytes_must_be_a_positive_int(saved, value, error):
    with pytest.raises(error, match=r"max_bytes must be a positive int, a number of bytes. Received: max_bytes="):
        load(saved, max_bytes=value)


def test_an_array_header_declaring_more_than_its_member_holds_is_refused(saved):
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(buffer, {"descr": "<f8", "fortran_order": False, "shape": (100000, 100000)})
    forged = buffer.getvalue() + bytes(64)
    add_member(saved, "forged.npy", forged)
    with pytest.raises(ValueError, match=r"its entry 'forged' declares shape \(100000, 100000\) of float64 "
                                         r"\(80,000,000,128 bytes with its header\), but the member holds 192 bytes"):
        load(saved)


def test_a_duplicate_zip_member_is_refused(saved):
    add_member(saved, "model.blocks.0.W.npy", npy(np.ones((3, 2))))
    with pytest.raises(ValueError, match=r"it holds two members named 'model.blocks.0.W.npy'; a sound file names "
                                         r"each array once"):
        load(saved)


def test_a_duplicate_json_key_is_refused(saved):
    with np.load(saved, allow_pickle=False) as archive:
        entries = {name: archive[name] for name in archive.files}
    text = str(entries["__npblocks__"])
    entries["__npblocks__"] = np.array(text.replace('"version": 1,', '"version": 1, "version": 1,', 1))
    with open(saved, "wb") as file:
        np.savez(file, **entries)
    with pytest.raises(ValueError, match=r"its header is not valid JSON \(the key 'version' appears twice in one "
                                         r"object; a sound header names each key once\)"):
        load(saved)
    with pytest.raises(ValueError, match="the key 'version' appears twice"):
        load_metadata(saved)


def test_a_header_declaring_a_huge_layer_is_refused_before_allocating(saved):
    def huge(header):
        header["model"]["config"]["blocks"][0]["config"].update(n_in=20000, n_out=20000)

    rewrite_header(saved, huge)
    tracemalloc.start()
    try:
        with pytest.raises(ValueError, match=r"its blocks would allocate over max_bytes=1,073,741,824 bytes of arrays "
                                             r"before loading them \(reached at model.blocks\[0\], a blocks:Layer "
                                             r"with config \{'n_in': 20000, 'n_out': 20000\}\)"):
            load(saved)
        assert tracemalloc.get_traced_memory()[1] < 50_000_000
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(("block", "name"), [(0, "W"), (0, "activation"), (1, "D")])
def test_generators_restore_only_a_blocks_own_generators(saved, block, name):
    def point(header):
        header["model"]["config"]["blocks"][block]["generators"] = {name: 0}

    rewrite_header(saved, point)
    with pytest.raises(ValueError, match=rf"model.blocks\[{block}\]'s generators name '{name}', but a \w+ has no "
                                         r"Generator of that name; only a block's own Generators can be restored"):
        load(saved)


def test_non_finite_weights_are_refused_naming_the_array(saved):
    with np.load(saved, allow_pickle=False) as archive:
        entries = {name: archive[name] for name in archive.files}
    entries["model.blocks.2.W"][0, 1] = np.nan
    entries["model.blocks.0.b"][2, 0] = np.inf
    with open(saved, "wb") as file:
        np.savez(file, **entries)
    with pytest.raises(ValueError, match=r"(?s)2 problem\(s\):.*model.blocks\[0\].b: the archive's 'model.blocks.0.b' "
                                         r"holds 1 NaN or inf value\(s\) of 3; a model with non-finite weights would "
                                         r"predict NaN.*model.blocks\[2\].W: .* 1 NaN or inf"):
        load(saved)


def test_a_checkpoint_with_a_huge_step_count_is_refused(tmp_path):
    model = Sequential(Layer(2, 1, rng=0))
    opt = Adam(model.parameters())
    model.backward(model.forward(np.ones((2, 3))))
    opt.step()
    model.save(tmp_path / "c.npz", optimizer=opt)

    def huge(header):
        header["optimizer"]["t"] = 10**400

    rewrite_header(tmp_path / "c.npz", huge)
    with pytest.raises(ValueError, match=r"the optimizer's step count t must be an int from 0 to 2\*\*53; found 1000"):
        load_checkpoint(tmp_path / "c.npz")
