"""`name_nodes(locals())`: a learner's variable names as the labels of their Values."""

from __future__ import annotations

from collections.abc import Mapping

from autograd_lite.value import Value


def name_nodes(namespace: Mapping[str, object]) -> list[str]:
    """Label every unlabelled Value of `namespace` by its variable name: `name_nodes(locals())` after `d = a + b`.

    The mapping is read in its insertion order (for `locals()` and `globals()`, the order the names were
    first assigned), and the first name met for a Value wins: after `d = a + b; e = d`, d is labelled "d".
    Names starting with "_" (IPython's `_`, `_3`, `__`) are skipped, as are Values that already have a
    label and anything that is not a Value. Returns the names given, in that order.
    """
    if not isinstance(namespace, Mapping):
        raise TypeError(
            f"name_nodes() takes a mapping of names to objects, e.g. name_nodes(locals()), got "
            f"{type(namespace).__name__}"
        )
    given = []
    for name, obj in list(namespace.items()):
        if type(obj) is Value and not obj.label and isinstance(name, str) and not name.startswith("_"):
            obj.label = name
            given.append(name)
    return given
