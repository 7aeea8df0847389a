"""Model files: plain JSON with a format name and version, written atomically.

    {"format": "autograd-lite-model", "version": 1, "class": "MLP",
     "architecture": {"nin": 2, "nouts": [16, 1], "activation": "tanh", "output_activation": null},
     "parameters": {"layers.0.neurons.0.w.0": 0.123, ...}}

Floats are written with `repr`, so they read back bit for bit (nan and ±inf as NaN and ±Infinity, as
Python's json does). A save writes a temporary file next to the target, fsyncs it and renames it over
the target (`os.replace`, atomic on POSIX and Windows): a crash or kill at any moment leaves either the
old file or the new one, never a mix. A kill can leave a stray `.<name>.*.tmp` file behind.

Reading is bounded: a file is refused, with a `ModelFileError` saying why, when it is larger than
MAX_FILE_BYTES, holds more than MAX_PARAMETERS parameters, is not strict JSON (nesting too deep for the
parser, an integer of more than 4300 digits, a duplicate key) or has NaN/Infinity anywhere but in the
parameter values (a diverged model's NaN weights round-trip, as `save` wrote them). `Module.load` also
checks that the architecture needs exactly the file's parameters before it builds anything.
"""

from __future__ import annotations

import codecs
import json
import math
from os import PathLike
from pathlib import Path
from typing import Any

from autograd_lite.files import write_atomically

FORMAT = "autograd-lite-model"
VERSION = 1
MAX_PARAMETERS = 1_000_000  # a model file holds at most this many (an MLP 2 → 1000 → 1000 → 1, a 55 MB file)
MAX_FILE_BYTES = 128 * 2**20  # read no more than this: 1,000,000 parameters take about 55 MB


class ModelFileError(ValueError):
    """A file that is not a complete autograd-lite model of the expected kind."""


def write_model_file(
    path: str | PathLike[str], class_name: str, architecture: dict[str, Any], parameters: dict[str, float]
) -> None:
    """Write a model file atomically: temp file in the same folder, fsync, os.replace."""
    if len(parameters) > MAX_PARAMETERS:
        raise ValueError(
            f"cannot save a {class_name} of {len(parameters):,} parameters: a model file holds at most "
            f"{MAX_PARAMETERS:,} (the limit of read_model_file)"
        )
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
    document = _parse(path, _read_text(path))
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ModelFileError(f'{path} is not an autograd-lite model file (no "format": {FORMAT!r} in it)')
    version = document.get("version")
    if type(version) is not int:
        raise ModelFileError(f'{path} is damaged: "version" should be an integer, got {_shown(version)}')
    if version != VERSION:
        raise ModelFileError(
            f"{path} has model format version {_shown(version)}; this autograd-lite reads version {VERSION}"
            + ("; upgrade autograd-lite" if version > VERSION else "")
        )
    for key, kind in (("class", str), ("architecture", dict), ("parameters", dict)):
        if not isinstance(document.get(key), kind):
            raise ModelFileError(f"{path} is damaged: {key!r} should be a JSON {kind.__name__}")
    if len(document["parameters"]) > MAX_PARAMETERS:
        raise ModelFileError(
            f"{path} holds {len(document['parameters']):,} parameters, more than the {MAX_PARAMETERS:,} "
            "a model file may hold"
        )
    where = _non_finite({key: value for key, value in document.items() if key != "parameters"})
    if where:
        raise ModelFileError(f"{path} is damaged: {where} is not a finite number (NaN and Infinity are not allowed)")
    return document


def _read_text(path: Path) -> str:
    """The file's text, reading at most MAX_FILE_BYTES (+1 to notice more): a FIFO or /dev/zero cannot hang it."""
    chunks, size = [], 0
    with path.open("rb") as f:
        while size <= MAX_FILE_BYTES and (chunk := f.read(2**20)):  # f.read(n) would allocate n bytes at once
            chunks.append(chunk)
            size += len(chunk)
    if size > MAX_FILE_BYTES:
        raise ModelFileError(f"{path} is larger than {MAX_FILE_BYTES // 2**20} MB, too large for a model file")
    data = b"".join(chunks)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ModelFileError(f"{path} is not an autograd-lite model file (not UTF-8 text: {e.reason})") from None


def _parse(path: Path, text: str) -> Any:
    """Strict JSON: no duplicate keys; NaN and ±Infinity are read (checked by the caller); every failure named."""

    def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ModelFileError(f"{path} is damaged: the key {_shown(key)} appears twice in one object")
            seen.add(key)
        return dict(pairs)

    try:
        return json.loads(text, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as e:
        raise ModelFileError(
            f"{path} is not a complete JSON model file ({e.msg} at line {e.lineno}): it is truncated or damaged"
        ) from None
    except RecursionError:
        raise ModelFileError(f"{path} is damaged: its JSON nests too deeply to be a model file") from None
    except ModelFileError:
        raise
    except ValueError as e:  # an integer of more than 4300 digits: Python's int conversion limit
        what = "an integer of more than 4300 digits" if "4300 digits" in str(e) else str(e).splitlines()[0]
        raise ModelFileError(f"{path} is damaged: {what}") from None


def _non_finite(document: Any) -> str | None:
    """Where the first NaN or ±Infinity of a JSON document is (e.g. `architecture["nin"]`), or None."""
    stack: list[tuple[str, Any]] = [("", document)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            return where
        if isinstance(value, dict):
            stack.extend((f"{where}[{json.dumps(k)}]" if where else k, v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", v) for i, v in enumerate(value))
    return None


def _shown(value: Any, limit: int = 40) -> str:
    """A JSON value as the file spells it (true, 1.0, "x"), shortened: never a 4000-digit number in a message."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**limit:
        return f"an integer of more than {limit} digits"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_state_dict(path: str | PathLike[str]) -> dict[str, float]:
    """The parameters of a model file, for `model.load_state_dict(...)` on an existing model."""
    return dict(read_model_file(path)["parameters"])
