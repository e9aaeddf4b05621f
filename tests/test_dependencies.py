"""The dependency graph: blocks core needs neither losses nor optim, and no import hides inside a function."""
import ast
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGES = ("blocks", "losses", "optim")
#: Lazy imports of npblocks modules that need an optional package: (file, module) -> the package.
NEEDS_OPTIONAL = {("blocks/cli/check.py", "..testing"): "hypothesis"}


def sources():
    return sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))


def imports(tree):
    """(node, module name, names) for every import statement of a parsed module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node, alias.name, []
        elif isinstance(node, ast.ImportFrom):
            yield node, "." * node.level + (node.module or ""), [alias.name for alias in node.names]


def test_import_blocks_leaves_losses_and_optim_unimported():
    code = "import sys, blocks; print(sorted(m for m in ('losses', 'optim') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("path", sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_import_inside_a_function_and_no_private_name_across_modules(path):
    tree = ast.parse(path.read_text())
    top = set(map(id, tree.body))
    for node, module, names in imports(tree):
        where = f"{path.relative_to(ROOT)}:{node.lineno}"
        ours = module.startswith(".") or module.split(".")[0] in PACKAGES
        if id(node) not in top and ours:  # a lazy import of the standard library or an optional package is fine
            lazy_ok = (str(path.relative_to(ROOT)), module) in NEEDS_OPTIONAL
            assert lazy_ok, f"{where}: import of {module} inside a function"
        private = [name for name in names if name.startswith("_") and not name.startswith("__")]
        assert not private, f"{where}: private {private} imported from {module}"


def test_blocks_core_imports_neither_losses_nor_optim():
    """Every module of blocks that `import blocks` loads, read as source: no losses, no optim."""
    code = "import sys, blocks; print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('blocks')))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for file in out.split():
        for node, module, _ in imports(ast.parse(pathlib.Path(file).read_text())):
            assert module.split(".")[0] not in ("losses", "optim"), f"{file}:{node.lineno} imports {module}"


def test_blocks_onnx_export_is_reached_from_a_plain_import_blocks_without_loading_onnx():
    code = "import sys, blocks; print(callable(blocks.onnx.export), 'onnx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "False"]
