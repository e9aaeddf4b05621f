"""The README's Python examples run as written, in order, and its quoted errors are the ones raised."""
import re
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import settings

README = Path(__file__).resolve().parent.parent / "README.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def examples():
    """(code, expected error text or None) for each ```python block; a plain block right after holds the error."""
    text = README.read_text(encoding="utf-8")
    # Each code block keeps its README line numbers (blank lines before it), so tracebacks and the source
    # that Hypothesis reads for a test defined in the README point at the right lines.
    fences = [(m.group(1), "\n" * text.count("\n", 0, m.start(2)) + m.group(2)) for m in FENCE.finditer(text)]
    result = []
    for i, (language, code) in enumerate(fences):
        if language == "python":
            after = fences[i + 1] if i + 1 < len(fences) else ("", "")
            error = after[1].strip() if after[0] == "" and re.match(r"\w+Error: ", after[1].strip()) else None
            result.append((code, error))
    return result


def test_the_readme_has_examples():
    assert len(examples()) >= 5


def test_every_python_example_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "readme"}
    for code, error in examples():
        if error is None:
            exec(compile(code, str(README), "exec"), namespace)
            continue
        kind, message = error.split(": ", 1)
        with pytest.raises(Exception) as info:
            exec(compile(code, str(README), "exec"), namespace)
        assert type(info.value).__name__ == kind and str(info.value) == message


def test_the_hypothesis_example_has_no_deadline_to_exceed(tmp_path, monkeypatch):
    """Copied into a project without our profiles, Hypothesis's 200 ms deadline would fail it now and then.

    Run under a profile whose deadline is 1 us, which every example exceeds: only the example's own
    ``deadline=None`` lets it pass.
    """
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "readme"}
    saved = settings.default
    settings.register_profile("readme-1-microsecond-deadline", deadline=timedelta(microseconds=1), max_examples=3)
    settings.load_profile("readme-1-microsecond-deadline")
    try:
        for code, error in examples():
            if error is None:
                exec(compile(code, str(README), "exec"), namespace)
        namespace["test_my_networks"]()
    finally:
        settings.register_profile("readme-restore", parent=saved)
        settings.load_profile("readme-restore")
