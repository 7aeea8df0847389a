"""The walkthrough page on a projector: headless Chromium at 1920 x 1080 and 1280 x 720, light and dark.

Opened at #step-2, stepped with the keys and the buttons; the visible step, the address and the computed
font sizes are checked, and nothing on the page moves from one step to the next.
"""

import os
from pathlib import Path

import pytest
from seed_graph import seed_example

from autograd_lite.viz import walkthrough
from autograd_lite.viz.theme import palette

SCREENSHOTS = os.environ.get("VIZ_SCREENSHOTS")  # a folder to keep the screenshots in, to look at them

# Where everything a reader looks at is on the page, to compare from step to step.
LAYOUT = """(() => {
  const box = (selector) => { const r = document.querySelector(selector).getBoundingClientRect();
                              return [r.x, r.y, r.width, r.height].map(Math.round); };
  return {svg: box('#diagram svg'), frames: box('.frames'), next: box('#next'), counter: box('#counter')};
})()"""


def keep(name: str, png: bytes) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        (Path(SCREENSHOTS) / name).write_bytes(png)


def state(browser) -> tuple[str, str, str]:
    """(the step counter, the visible frame's title, the address's fragment)."""
    return (
        browser.evaluate("document.getElementById('counter').textContent"),
        browser.evaluate("document.querySelector('.frame.current h2').textContent"),
        browser.evaluate("window.location.hash"),
    )


def font_size(browser, selector: str) -> float:
    return float(browser.evaluate(f"getComputedStyle(document.querySelector({selector!r})).fontSize")[:-2])


@pytest.mark.timeout(120)
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720)])
def test_projector_mode_deep_link_keys_and_buttons(browser, tmp_path, theme, width, height):
    e = seed_example()[-1]
    page = walkthrough(e, theme=theme).save(tmp_path / "walk.html")
    browser.open(page.as_uri() + "#step-2")
    browser.resize(width, height)

    assert state(browser) == ("Step 2 of 2", "Step 2 of 2: d = a + b", "#step-2")  # opened where the link said
    shown = browser.evaluate("document.querySelector('.frame.current').innerText")
    assert "∂e/∂a += ∂e/∂d · ∂(a + b)/∂a = -10 · 1 = -10" in shown
    # Readable from the back of the room: at 1920 x 1080 the chain rule, the step's title and the controls are
    # at least 24 px; the text scales with the window (2/3 of that at 1280 x 720).
    smallest = 24 if width == 1920 else 16
    for selector in (".frame.current .chain", ".frame.current h2", "#next", "#prev", "#counter"):
        assert font_size(browser, selector) >= smallest, selector
    # The diagram scales to the room it has: it fills the width or the height of its box, and the whole page
    # fits the window (nothing to scroll to).
    fit = browser.evaluate(
        "(() => { const d = document.getElementById('diagram'), s = d.querySelector('svg').getBoundingClientRect();"
        " return [s.width / d.clientWidth, s.height / d.clientHeight]; })()"
    )
    assert max(fit) > 0.95
    assert browser.evaluate("document.documentElement.scrollHeight") <= height
    assert browser.evaluate("document.documentElement.scrollWidth") <= width
    # The theme's background, solid, behind the page and the diagram.
    background = palette(theme)["background"]
    assert f'fill="{background}"' in browser.evaluate("document.querySelector('#diagram svg').outerHTML")
    keep(f"projector-{theme}-{width}x{height}-step2.png", browser.viewport_screenshot())

    layout = browser.evaluate(LAYOUT)
    browser.key("Home", 36)
    assert state(browser) == ("Step 0 of 2", "Start: e = d * c; the output's gradient is 1", "#step-0")
    assert browser.evaluate(LAYOUT) == layout  # nothing jumps
    keep(f"projector-{theme}-{width}x{height}-start.png", browser.viewport_screenshot())
    browser.click("#next")
    assert state(browser) == ("Step 1 of 2", "Step 1 of 2: e = d * c", "#step-1")
    assert browser.evaluate(LAYOUT) == layout
    browser.key("ArrowRight", 39)
    assert state(browser)[::2] == ("Step 2 of 2", "#step-2")
    browser.click("#prev")
    browser.key("ArrowLeft", 37)
    assert state(browser)[::2] == ("Step 0 of 2", "#step-0")
    browser.key("End", 35)
    assert state(browser)[::2] == ("Step 2 of 2", "#step-2")
    assert browser.evaluate(LAYOUT) == layout


def test_the_address_moves_the_page_and_a_bad_link_opens_the_start(browser, tmp_path):
    e = seed_example()[-1]
    page = walkthrough(e).save(tmp_path / "walk.html")
    browser.open(page.as_uri() + "#step-1")
    assert state(browser)[0] == "Step 1 of 2"
    browser.evaluate("window.location.hash = '#step-2'")  # the reader edits the address, or follows a link
    browser.send("Runtime.evaluate", expression="new Promise(done => setTimeout(done, 50))", awaitPromise=True)
    assert state(browser)[0] == "Step 2 of 2"
    entries = browser.evaluate("window.history.length")
    browser.key("Home", 36)
    browser.key("ArrowRight", 39)
    assert state(browser)[::2] == ("Step 1 of 2", "#step-1")
    assert browser.evaluate("window.history.length") == entries  # stepping replaces the address, adds no history
    browser.open(page.as_uri() + "#step-99")  # past the end: the last step
    assert state(browser)[::2] == ("Step 2 of 2", "#step-2")
    browser.open(page.as_uri() + "#nowhere")
    assert state(browser)[::2] == ("Step 0 of 2", "#step-0")


def test_f_asks_for_full_screen(browser, tmp_path):
    e = seed_example()[-1]
    page = walkthrough(e).save(tmp_path / "walk.html")
    browser.open(page.as_uri())
    browser.evaluate(
        "window.asked = 0; document.documentElement.requestFullscreen = () => { window.asked += 1; };"
    )  # headless Chromium has no screen to fill: count the requests instead
    browser.key("f", 70)
    browser.click("#full")
    assert browser.evaluate("window.asked") == 2
    assert state(browser)[0] == "Step 0 of 2"  # f is not a step
