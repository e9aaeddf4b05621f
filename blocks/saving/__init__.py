"""Saving and loading models safely: one .npz file, no pickle, atomic writes, custom classes included.

``model.save(path)`` writes the architecture as JSON (each block's class path ``module:QualName`` and its
``get_config()``, activations alike) and every array (``W``, ``b``, and the names in a block's
``buffers``) as an array; ``Sequential.load(path)`` rebuilds each block as ``cls(**config)`` and sets its
arrays by name. ``model.save(path, optimizer=opt)`` adds the optimizer's state, and
``load_checkpoint(path)`` gives back ``(model, optimizer)`` to resume training exactly;
``model.save(path, metadata={...})`` keeps a dict of JSON data beside it, read by ``load_metadata(path)``.

Safety: files are read with ``allow_pickle=False``; a pickle or an object array is refused; loading
never imports a module a file names (import your own module first, or pass ``custom_objects``), and a
named class must be a Block, Activation or Optimizer subclass before it is called. See ``lookup``.
"""
from .format import VERSION
from .load import load, load_checkpoint
from .members import MAX_BYTES
from .metadata import load_metadata
from .save import save

__all__ = ["MAX_BYTES", "VERSION", "load", "load_checkpoint", "load_metadata", "save"]
