"""Model files: plain JSON with a format name and version, written atomically.

    {"format": "autograd-lite-model", "version": 1, "class": "MLP",
     "architecture": {"nin": 2, "nouts": [16, 1], "activation": "tanh", "output_activation": null},
     "parameters": {"layers.0.neurons.0.w.0": 0.123, ...}}

Floats are written with `repr`, so they read back bit for bit (nan and ±inf as NaN and ±Infinity, as
Python's json does). A save writes a temporary file next to the target, fsyncs it and renames it over
the target (`os.replace`, atomic on POSIX and Windows): a crash or kill at any moment leaves either the
old file or the new one, never a mix. A kill can leave a stray `.<name>.*.tmp` file behind.
"""

from __future__ import annotations

import codecs
import json
from os import PathLike
from pathlib import Path
from typing import Any

from autograd_lite.files import write_atomically

FORMAT = "autograd-lite-model"
VERSION = 1


class ModelFileError(ValueError):
    """A file that is not a complete autograd-lite model of the expected kind."""


def write_model_file(
    path: str | PathLike[str], class_name: str, architecture: dict[str, Any], parameters: dict[str, float]
) -> None:
    """Write a model file atomically: temp file in the same folder, fsync, os.replace."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "class": class_name,
        "architecture": architecture,
        "parameters": parameters,
    }
    write_atomically(Path(path), lambda f: json.dump(document, codecs.getwriter("utf-8")(f), indent=1))


def read_model_file(path: str | PathLike[str]) -> dict[str, Any]:
    """The checked contents of a model file: format, version, class, architecture and parameters."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise ModelFileError(f"{path} is not an autograd-lite model file (not UTF-8 text: {e.reason})") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as e:
        raise ModelFileError(
            f"{path} is not a complete JSON model file ({e.msg} at line {e.lineno}): it is truncated or damaged"
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ModelFileError(f'{path} is not an autograd-lite model file (no "format": {FORMAT!r} in it)')
    version = document.get("version")
    if version != VERSION:
        raise ModelFileError(
            f"{path} has model format version {version!r}; this autograd-lite reads version {VERSION}"
            + ("; upgrade autograd-lite" if isinstance(version, int) and version > VERSION else "")
        )
    for key, kind in (("class", str), ("architecture", dict), ("parameters", dict)):
        if not isinstance(document.get(key), kind):
            raise ModelFileError(f"{path} is damaged: {key!r} should be a JSON {kind.__name__}")
    return document


def read_state_dict(path: str | PathLike[str]) -> dict[str, float]:
    """The parameters of a model file, for `model.load_state_dict(...)` on an existing model."""
    return dict(read_model_file(path)["parameters"])
