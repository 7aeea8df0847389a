"""The two themes every picture comes in: "light" (white background) and "dark" (for dark slides and notebooks).

Colours that carry meaning are from the Okabe–Ito palette, which reads with every common colour-vision
deficiency, and no meaning rests on hue alone: a step's states differ in fill lightness and border style
(solid, dashed, dotted) too, and a weight's sign is blue against vermillion, never red against green.
Every picture paints its background, so a PNG reads on any slide.
"""

from __future__ import annotations

THEMES = ("light", "dark")

# Okabe & Ito (2008), "Color Universal Design": the hues used below (lower case, as Graphviz writes them in SVG).
BLUE, SKY_BLUE, VERMILLION, ORANGE = "#0072b2", "#56b4e9", "#d55e00", "#e69f00"
BLUISH_GREEN, YELLOW, REDDISH_PURPLE = "#009e73", "#f0e442", "#cc79a7"

PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "background": "#ffffff",
        "ink": "#0f172a",  # text
        "muted": "#64748b",  # edges, secondary text
        "faded": "#94a3b8",  # text of what is not reached yet
        "grad": "#b91c1c",  # gradients and local derivatives: dark red text, told apart by its word "grad" too
        "op fill": "#f8fafc",
        "op border": "#475569",
        "leaf": "#dbeafe/#1d4ed8",  # fill/border
        "parameter": "#ede9fe/#6d28d9",
        "inner": "#f1f5f9/#64748b",
        "output": "#fef3c7/#b45309",
        "emphasis": "#fce7f3/#be185d",
        "active": f"{VERMILLION}/#9a3412",  # a dark fill with light text: tells itself apart in grey too
        "active text": "#ffffff",
        "carrying": VERMILLION,
        "final": "#d1f0e6/#00795a",  # bluish green, light fill
        "partial": "#fbf5c2/#8a7a00",  # yellow, light fill, dashed border
        "waiting": "#f8fafc/#cbd5e1",  # faded, dotted border
        "positive": BLUE,
        "negative": VERMILLION,
        "zero": "#94a3b8",
        "positive tint": "#dbeafe",
        "negative tint": "#fbe0cf",
        "zero tint": "#f1f5f9",
        "input fill": "#e2e8f0",
        "neuron border": "#334155",
        "label patch": "#ffffff",
    },
    "dark": {
        "background": "#111827",
        "ink": "#e5e7eb",
        "muted": "#94a3b8",
        "faded": "#6b7280",
        "grad": "#ffb07a",
        "op fill": "#1f2937",
        "op border": "#94a3b8",
        "leaf": f"#0c3350/{SKY_BLUE}",
        "parameter": f"#3a2140/{REDDISH_PURPLE}",
        "inner": "#1f2937/#94a3b8",
        "output": f"#3f2d05/{ORANGE}",
        "emphasis": "#4a1d34/#f472b6",
        "active": f"{VERMILLION}/#ff8c42",
        "active text": "#ffffff",
        "carrying": "#ff8c42",
        "final": "#07392d/#2fc59b",
        "partial": f"#36330a/{YELLOW}",
        "waiting": "#111827/#4b5563",
        "positive": SKY_BLUE,
        "negative": "#ff8c42",
        "zero": "#6b7280",
        "positive tint": "#0c3350",
        "negative tint": "#4a2410",
        "zero tint": "#1f2937",
        "input fill": "#374151",
        "neuron border": "#9ca3af",
        "label patch": "#111827",
    },
}


def palette(theme: str) -> dict[str, str]:
    """The colours of `theme`, "light" or "dark"; anything else is a ValueError naming the choices."""
    if theme not in PALETTES:
        raise ValueError(f"theme must be one of {', '.join(THEMES)}, got {theme!r}")
    return PALETTES[theme]


def fill_and_border(theme: str, role: str) -> tuple[str, str]:
    """The fill and border colours of a record `role` (leaf, output, final, ...) in `theme`."""
    fill, border = palette(theme)[role].split("/")
    return fill, border
