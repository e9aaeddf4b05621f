"""Finding classes again on load: by importable path, never by importing or running what a file names."""
import sys

import numpy as np
import pytest

from blocks import Activation, Layer, Sequential
from blocks.saving import load, load_checkpoint
from optim import SGD
from tests.custom_blocks import Softsign
from tests.saving_helpers import rewrite_header


def saved(tmp_path, activation=None, optimizer=False):
    model = Sequential(Layer(2, 2, activation=activation or Softsign(), rng=0))
    path = tmp_path / "m.npz"
    model.save(path, optimizer=SGD(model.parameters(), lr=0.1) if optimizer else None)
    return path


def set_activation_class(path, class_path):
    def edit(header):
        header["model"]["config"]["blocks"][0]["config"]["activation"]["__class__"] = class_path
    rewrite_header(path, edit)


def test_builtins_are_saved_under_their_public_names(tmp_path):
    import json

    path = saved(tmp_path, optimizer=True)
    header = json.loads(str(np.load(path)["__npblocks__"]))
    assert header["model"]["__class__"] == "blocks:Sequential"
    assert header["model"]["config"]["blocks"][0]["__class__"] == "blocks:Layer"
    assert header["optimizer"]["__class__"] == "optim:SGD"
    assert header["model"]["config"]["blocks"][0]["config"]["activation"]["__class__"] == "tests.custom_blocks:Softsign"


@pytest.fixture
def main_activation(monkeypatch):
    """An activation defined in the running script (__main__), as one is in a notebook or a script."""
    cls = type("Sinish", (Activation,), {"forward": lambda self, Z: np.sin(Z), "__module__": "__main__"})
    monkeypatch.setattr(sys.modules["__main__"], "Sinish", cls, raising=False)
    return cls


def test_a_class_of_the_running_script_round_trips_while_the_script_defines_it(tmp_path, main_activation):
    path = saved(tmp_path, main_activation())
    assert type(load(path)[0].activation) is main_activation


def test_a_class_of_another_script_says_so_and_what_to_do(tmp_path, main_activation, monkeypatch):
    path = saved(tmp_path, main_activation())
    monkeypatch.delattr(sys.modules["__main__"], "Sinish")
    with pytest.raises(ValueError, match=r"cannot load .*m.npz: model.blocks\[0\].activation is a Sinish that was "
                                         r"defined in the script that saved it \(module __main__\).* defines no "
                                         r"Sinish.*custom_objects=\{'Sinish': Sinish\}"):
        load(path)
    assert type(load(path, custom_objects={"Sinish": main_activation})[0].activation) is main_activation


def test_a_module_that_is_not_imported_is_never_imported(tmp_path, monkeypatch):
    marker = tmp_path / "imported"
    (tmp_path / "npblocks_trap.py").write_text(
        f"open({str(marker)!r}, 'w').close()\nfrom blocks import Activation\nclass Trap(Activation):\n    pass\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    path = saved(tmp_path)
    set_activation_class(path, "npblocks_trap:Trap")
    with pytest.raises(ValueError, match=r"model.blocks\[0\].activation is a npblocks_trap:Trap, but the module "
                                         r"'npblocks_trap' is not imported. Loading never imports.*import "
                                         r"npblocks_trap before loading, or pass custom_objects=\{'Trap': Trap\}"):
        load(path)
    assert not marker.exists() and "npblocks_trap" not in sys.modules


def test_a_missing_class_names_the_class_and_its_module(tmp_path):
    path = saved(tmp_path)
    set_activation_class(path, "tests.custom_blocks:Softsine")
    with pytest.raises(ValueError, match=r"model.blocks\[0\].activation is a tests.custom_blocks:Softsine, but the "
                                         r"module 'tests.custom_blocks' has no Softsine \(renamed or removed\?\)"):
        load(path)
    assert load(path, custom_objects={"Softsine": Softsign})[0].activation == Softsign()


@pytest.mark.parametrize("class_path", ["os:system", "builtins:open", "blocks:Parameter", "numpy:ndarray"])
def test_a_name_that_is_not_an_npblocks_class_is_never_called(tmp_path, class_path):
    path = saved(tmp_path)
    set_activation_class(path, class_path)
    message = rf"names {class_path}, which is not a subclass of Block or Activation; refusing to call it"
    with pytest.raises(ValueError, match=message):
        load(path)


@pytest.mark.parametrize("class_path", ["blocks.Layer", "blocks:__class__", "blocks:Layer.__init__", "os.path:",
                                        ":Layer", 3, None, "a-b:C"])
def test_a_malformed_class_path_is_refused(tmp_path, class_path):
    path = saved(tmp_path)
    set_activation_class(path, class_path)
    with pytest.raises(ValueError, match=r"model.blocks\[0\].activation has a malformed class path .*; expected "
                                         r"'module:QualName'"):
        load(path)


def test_an_optimizer_path_must_name_an_optimizer(tmp_path):
    path = saved(tmp_path, optimizer=True)
    rewrite_header(path, lambda header: header["optimizer"].update({"__class__": "blocks:Layer"}))
    with pytest.raises(ValueError, match="the optimizer names blocks:Layer, which is not a subclass of Optimizer"):
        load_checkpoint(path)
    load(path)  # the model alone does not need the optimizer's class


def test_a_block_class_where_an_activation_belongs_is_refused(tmp_path):
    path = saved(tmp_path)
    set_activation_class(path, "blocks:Sequential")
    with pytest.raises(ValueError, match=r"model.blocks\[0\].activation: Sequential could not be rebuilt"):
        load(path)


@pytest.mark.parametrize("custom_objects", [["Softsign"], {"Softsign": Softsign()}, {"Softsign": int}, {1: Softsign}])
def test_custom_objects_must_map_names_to_classes(tmp_path, custom_objects):
    with pytest.raises(TypeError, match="custom_objects must"):
        load(saved(tmp_path), custom_objects=custom_objects)
