"""Classes by importable path, ``module:QualName``: how a saved block finds its class again.

Loading never imports a module and never runs code named in a file: the class must be reachable from a
module that is already imported (``blocks`` for the built-ins; your own module once you ``import`` it),
through the module's and classes' own namespaces (no ``__getattr__``, no descriptors), and it must be
a subclass of what is expected there (a Block, an Activation, an Optimizer) before it is called.
The trade-off: a file whose classes live in a module you have not imported asks you to import it,
where pickle (or an importing loader) would import it for you, and run whatever it names.
"""
from __future__ import annotations

import sys
import types


def class_path(cls: type, where: str) -> str:
    """``module:QualName`` of cls, by which ``find_class`` finds it again; a TypeError if it could not.

    A class exported by its top-level package (``blocks.Layer``, ``optim.Adam``) is saved under that
    public name, so files outlive moves between the package's modules.
    """
    module, qualname = cls.__module__, cls.__qualname__
    if "<locals>" in qualname:
        raise TypeError(
            f"cannot save {where}: its class {cls.__name__} is defined inside a function ({qualname}), "
            f"so it could not be found again when loading. Define {cls.__name__} at the top level of a module"
        )
    top = module.partition(".")[0]
    if top != module and _walk(sys.modules.get(top), qualname) is cls:
        module = top
    path = f"{module}:{qualname}"
    if _walk(sys.modules.get(module), qualname) is not cls:
        raise TypeError(
            f"cannot save {where}: its class {cls.__name__} cannot be found again as {path} (that name is "
            "missing or refers to another object: was the class created dynamically or redefined?). "
            f"Define {cls.__name__} once, at the top level of a module"
        )
    return path


def find_class(path, base, where: str, custom_objects: dict | None = None) -> type:
    """The class a file names at ``where``: from ``custom_objects`` (by QualName), else from its imported module.

    A ValueError says which class is missing and where it was expected, or that the path names
    something that is not a subclass of ``base``.
    """
    module_name, qualname = _split(path, where)
    if custom_objects and qualname in custom_objects:
        cls = custom_objects[qualname]
    else:
        module = sys.modules.get(module_name)
        if module is None:
            raise ValueError(
                f"{where} is a {path}, but the module {module_name!r} is not imported. Loading never imports a "
                f"module a file names (that would run its code): import {module_name} before loading, "
                f"or pass custom_objects={{{qualname!r}: {qualname}}}"
            )
        cls = _walk(module, qualname)
        if cls is None:
            raise ValueError(_missing(path, module_name, qualname, where))
    names = " or ".join(b.__name__ for b in (base if isinstance(base, tuple) else (base,)))
    if not (isinstance(cls, type) and issubclass(cls, base)):
        raise ValueError(f"{where} names {path}, which is not a subclass of {names}; refusing to call it")
    return cls


def check_custom_objects(custom_objects, bases) -> dict | None:
    """custom_objects as given: None or a dict {QualName: class}, each a subclass of one of bases."""
    if custom_objects is None:
        return None
    if not isinstance(custom_objects, dict):
        raise TypeError(f"custom_objects must be a dict {{name: class}}. Received: {custom_objects!r}")
    for name, cls in custom_objects.items():
        if not isinstance(name, str) or not (isinstance(cls, type) and issubclass(cls, bases)):
            raise TypeError(
                "custom_objects must map class names to Block, Activation or Optimizer classes, e.g. "
                f"{{'Softsign': Softsign}}. Received: {name!r}: {cls!r}"
            )
    return custom_objects


def _split(path, where):
    module, sep, qualname = path.partition(":") if isinstance(path, str) else ("", "", "")
    modules_ok = all(part.isidentifier() for part in module.split("."))
    names_ok = all(part.isidentifier() and not part.startswith("__") for part in qualname.split("."))
    if not (sep and modules_ok and names_ok):
        raise ValueError(f"{where} has a malformed class path {path!r}; expected 'module:QualName'")
    return module, qualname


def _walk(obj, qualname: str):
    """The attribute chain ``qualname`` read from the namespaces of a module and its classes, or None."""
    for part in qualname.split("."):
        if not isinstance(obj, (types.ModuleType, type)):
            return None
        obj = vars(obj).get(part)
    return obj


def _missing(path, module_name, qualname, where):
    if module_name == "__main__":
        script = getattr(sys.modules["__main__"], "__file__", "the interactive session")
        return (
            f"{where} is a {qualname} that was defined in the script that saved it (module __main__), and the "
            f"running __main__ ({script}) defines no {qualname}. Define or import {qualname} here before "
            f"loading, or pass custom_objects={{{qualname!r}: {qualname}}}; better, move it to a module"
        )
    return (
        f"{where} is a {path}, but the module {module_name!r} has no {qualname} (renamed or removed?). "
        f"Pass custom_objects={{{qualname!r}: TheClass}} to say which class to use"
    )
