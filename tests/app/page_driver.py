"""Drives the page in Debian's Chromium through Playwright, as a student would.

Used by the browser test and the page benchmark; the package itself never imports
Playwright.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

CHROMIUM = "/usr/bin/chromium"  # Debian's package; Playwright's own browser download is not used
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


class PageDriver:
    """Drives the page through Playwright like a student would: click, read, time.

    Playwright is a development dependency, imported only here. Requests to any host but
    the page's own server are refused and recorded in ``outside``, which shows that the
    page needs nothing from the network.
    """

    def __init__(self, page, url: str) -> None:
        self.page = page
        self.url = url
        self.outside: list[str] = []
        page.route("**/*", self._route)

    def _route(self, route) -> None:
        if route.request.url.startswith(self.url.rstrip("/")):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    @classmethod
    @contextlib.contextmanager
    def open(cls, url: str, width: int = 1440, height: int = 1000) -> Iterator[PageDriver]:
        """Load the page in headless Chromium and wait until its charts are drawn."""
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=CHROMIUM_ARGS)
            try:
                driver = cls(browser.new_page(viewport={"width": width, "height": height}), url)
                driver.page.goto(url)
                driver.wait_ready()
                yield driver
            finally:
                browser.close()

    def wait_ready(self, timeout_ms: float = 90_000) -> None:
        for name in ("stock", "flows", "cost", "caseloads"):
            self.page.locator(f"img.explore-chart-{name}").wait_for(timeout=timeout_ms)
        self.page.get_by_text("Step:").wait_for(timeout=timeout_ms)

    # --- reading ------------------------------------------------------------------------
    def steps(self) -> int:
        """The step counter SolaraViz shows in its sidebar."""
        text = self.page.get_by_text("Step:").inner_text()
        return int(text.split(":")[1])

    def text(self, selector: str) -> str:
        return self.page.locator(selector).first.inner_text()

    def number(self, selector: str) -> int:
        """A whole number shown on the page, such as ``1,234`` or ``-5``."""
        return int(self.text(selector).replace(",", "").replace("\u2212", "-"))

    def chart(self, name: str, attempts: int = 5) -> bytes:
        """The chart's image as the browser holds it (SVG bytes).

        Charts are blob URLs that the page revokes when it redraws a chart; a read that
        races a redraw fails to fetch, and is done again on the image now shown.
        """
        from playwright.sync_api import Error as PlaywrightError

        def read() -> bytes:
            return bytes(self.page.locator(f"img.explore-chart-{name}").evaluate(
                """async (img) => {
                    const buf = await (await fetch(img.src)).arrayBuffer();
                    return Array.from(new Uint8Array(buf));
                }"""))

        for _ in range(attempts - 1):
            try:
                return read()
            except PlaywrightError as err:
                if "Failed to fetch" not in str(err):
                    raise
                self.page.wait_for_timeout(200)
        return read()

    def chart_sources(self) -> list[str]:
        """The blob URLs of the charts now shown; a redrawn chart gets a new one."""
        return self.page.evaluate(
            """() => [...document.querySelectorAll('img[class*="explore-chart-"]')]
                     .map(img => img.src)""")

    # --- acting -------------------------------------------------------------------------
    def step(self, timeout_ms: float = 30_000) -> float:
        """Click Step; seconds until the counter and the stock chart both show the new month."""
        before = self.steps()
        src = self.page.locator("img.explore-chart-stock").get_attribute("src")
        start = time.perf_counter()
        self.page.get_by_role("button", name="Step").click()
        try:
            self.page.wait_for_function(
                """([n, src]) => {
                    const counter = [...document.querySelectorAll('span')].find(
                        e => e.textContent.startsWith('Step: '));
                    const img = document.querySelector('img.explore-chart-stock');
                    return counter && counter.textContent === `Step: ${n}` && img
                        && img.src !== src;
                }""", arg=[before + 1, src], timeout=timeout_ms)
        except Exception as e:
            raise AssertionError(f"step {before + 1} did not show: {self.state(src)}") from e
        return time.perf_counter() - start

    def state(self, stock_src: str | None = None) -> dict[str, object]:
        """What the page shows now, for a failure message."""
        return self.page.evaluate(
            """(src) => ({
                counter: [...document.querySelectorAll('span')].map(e => e.textContent)
                    .filter(t => t.startsWith('Step: ')),
                charts: [...document.querySelectorAll('img[class*="explore-chart-"]')]
                    .map(img => img.className.split(' ').pop()),
                stock_redrawn: document.querySelector('img.explore-chart-stock')?.src !== src,
                alerts: [...document.querySelectorAll('.v-alert')].map(e => e.innerText),
            })""", stock_src)

    def toggle(self, label: str) -> bool:
        """Click a checkbox by its label; return whether it is now ticked."""
        box = self.page.get_by_role("checkbox", name=label)
        self.page.get_by_text(label, exact=True).click()
        self.page.wait_for_timeout(200)
        return box.is_checked()

    def set_slider(self, label: str, value: float) -> None:
        """Move a slider to ``value`` with the keyboard, as its step allows."""
        slider = self.page.get_by_role("slider", name=label)
        slider.focus()
        for _ in range(500):
            now = float(slider.get_attribute("aria-valuenow"))
            if abs(now - value) < 1e-9:
                return
            slider.press("ArrowRight" if now < value else "ArrowLeft")
        raise AssertionError(f"slider {label!r} did not reach {value}")

    def reset(self, expect: str, timeout_ms: float = 90_000, attempts: int = 4) -> None:
        """Click Reset; wait until the overview mentions ``expect`` and every chart is new.

        An input changed just before reaches the server asynchronously, so a Reset
        clicked at once can rebuild the model from the old value; then Reset is clicked
        again (as a student would), up to ``attempts`` times.
        """
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        old = self.chart_sources()
        overview = self.page.locator(".explore-overview", has_text=expect)
        for _ in range(attempts - 1):
            self.page.get_by_role("button", name="Reset").click()
            try:
                overview.wait_for(timeout=15_000)
                break
            except PlaywrightTimeout:
                continue
        else:
            self.page.get_by_role("button", name="Reset").click()
            overview.wait_for(timeout=timeout_ms)
        self.page.wait_for_function(
            """([old, charts]) => {
                const imgs = [...document.querySelectorAll('img[class*="explore-chart-"]')];
                return imgs.length === charts && imgs.every(img => !old.includes(img.src))
                    && [...document.querySelectorAll('span')].some(
                        e => e.textContent === 'Step: 0');
            }""", arg=[old, len(old)], timeout=timeout_ms)
