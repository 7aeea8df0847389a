"""Walkthrough frames for slides: the chain rule written into each diagram, and the frames as an animated GIF."""

from __future__ import annotations

import io
from collections.abc import Sequence

from autograd_lite.viz.text import markup

INSTALL_HINT = "pip install 'autograd-lite[slides]'"  # Pillow; the [plot] extra (matplotlib) brings it too
CAPTION_FONT, CAPTION_SIZE = "DejaVu Sans Mono", 14  # points; monospace, so that a line's width is predictable
CHAR_WIDTH, LINE_HEIGHT = 0.62, 1.3  # of the font size: a little more than DejaVu Sans Mono's 0.602 and 1.164
PADDING = 8  # points around the caption's text
FRAME_SECONDS = 2.5  # how long the GIF shows each step


def caption(frames: Sequence[tuple[str, Sequence[str]]], colour: str) -> list[str]:
    """An HTML-like Graphviz label per frame: its title, then its chain-rule lines, in one box of the same size.

    The box is as wide as the longest line and as tall as the most lines of any frame, so that the
    caption never changes the frames' layout: every frame of a walkthrough keeps the size of the first.
    """
    texts = [[title, *lines] for title, lines in frames]
    longest = max(len(line) for text in texts for line in text)
    most = max(len(text) for text in texts)
    width = round(longest * CHAR_WIDTH * CAPTION_SIZE) + 2 * PADDING
    height = round(most * LINE_HEIGHT * CAPTION_SIZE) + 2 * PADDING
    box = f'border="0" cellborder="0" cellspacing="0" cellpadding="{PADDING}" width="{width}" height="{height}"'
    font = f'<font face="{CAPTION_FONT}" point-size="{CAPTION_SIZE}" color="{colour}">'
    return [
        f'<table {box}><tr><td align="left" valign="top" balign="left">{font}'
        f"{'<br/>'.join(markup(line) for line in text)}</font></td></tr></table>"
        for text in texts
    ]


def gif(pngs: Sequence[bytes], background: str) -> bytes:
    """The PNG pictures as one looping animated GIF (Pillow), `FRAME_SECONDS` per frame."""
    pictures = [gif_frame(png, _largest(pngs), background) for png in pngs]
    out = io.BytesIO()
    pictures[0].save(
        out, format="GIF", save_all=True, append_images=pictures[1:], duration=round(FRAME_SECONDS * 1000), loop=0
    )
    return out.getvalue()


def gif_frame(png: bytes, size: tuple[int, int], background: str) -> object:
    """One PNG as a GIF frame: on a `size` canvas of `background` (top left), in at most 256 colours."""
    image = _pillow()
    picture = image.open(io.BytesIO(png)).convert("RGB")
    canvas = image.new("RGB", size, background)
    canvas.paste(picture, (0, 0))
    return canvas.quantize(colors=256, method=image.Quantize.MEDIANCUT, dither=image.Dither.NONE)


def _largest(pngs: Sequence[bytes]) -> tuple[int, int]:
    """The width and height that hold every picture (a walkthrough's frames all have one size)."""
    sizes = [(int.from_bytes(p[16:20], "big"), int.from_bytes(p[20:24], "big")) for p in pngs]  # the IHDR chunk
    return max(w for w, _ in sizes), max(h for _, h in sizes)


def _pillow():  # -> PIL.Image, imported only when a GIF is made
    try:
        from PIL import Image
    except ImportError:
        raise ImportError(f"saving a GIF needs Pillow, which is not installed: {INSTALL_HINT}") from None
    return Image
