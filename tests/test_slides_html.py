"""`backprop-video slides --to html` through its real entry point: one low-quality deck of two parts of the tiny
network, rendered once for this file, then read as HTML and opened in headless Chromium with the network off."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import scenes
from scenes.pipeline.output import MANIFEST, read_manifest
from tests.command import TINY, run
from tests.deck import CHROMEDRIVER, CHROMIUM, dark_share, need_program, need_slides_extra
from tests.scene_probe import recorded

PARTS = ("Intro", "ErrorCalc")  # the shortest parts: a deck of two presentations


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    need_slides_extra("html")
    folder = tmp_path_factory.mktemp("deck")
    (folder / "tiny.toml").write_text(TINY)
    parts = [arg for part in PARTS for arg in ("--part", part)]
    result = run("slides", "--config", "tiny.toml", "--quality", "l", "--out", "deck", *parts, cwd=folder)
    return folder / "deck", result


@pytest.fixture(scope="module")
def captions(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The subtitles of the parts' video scenes, in order: what the slides' notes must say."""
    config = tmp_path_factory.mktemp("config") / "tiny.toml"
    config.write_text(TINY)
    media = tmp_path_factory.mktemp("media")
    return [c.content for part in PARTS for c in recorded(getattr(scenes, part), config, media).subcaptions]


def sections(page: Path) -> list[BeautifulSoup]:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("div.slides > section")


@pytest.mark.render
def test_a_slide_per_sub_step_with_its_subtitle_as_notes(
    deck: tuple[Path, subprocess.CompletedProcess[str]], captions: list[str]
) -> None:
    out, result = deck
    assert result.returncode == 0, result.stderr[-3000:]
    slides = sections(out / "slides.html")
    assert [s.select_one("aside.notes").get_text() for s in slides] == captions
    assert all(s["data-background-video"].endswith(".mp4") for s in slides)
    manifest = read_manifest(out)
    assert manifest is not None
    assert (manifest["format"], manifest["slides"], manifest["theme"]) == ("html", len(captions), "light")
    assert f"{len(captions)} slides, one per sub-step, to html" in result.stderr
    assert "slides.html" in result.stdout  # the closing table


@pytest.mark.render
def test_the_page_refers_only_to_files_beside_it(deck: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """Every address the page loads (scripts, styles, videos) is a file in the deck's folder; no style sheet
    imports anything from elsewhere; and the folder holds exactly what the manifest lists."""
    out, _ = deck
    soup = BeautifulSoup((out / "slides.html").read_text(encoding="utf-8"), "html.parser")
    addresses = [
        tag[attr]
        for attr in ("src", "href", "data-background-video", "data-background-image")
        for tag in soup.find_all(attrs={attr: True})
    ]
    assert len(addresses) > len(sections(out / "slides.html"))  # videos, and reveal.js's scripts and styles
    for address in addresses:
        assert "//" not in address and not address.startswith("/"), address
        assert (out / address).is_file(), address
    for sheet in out.rglob("*.css"):
        remote = re.findall(r"(?:@import|url\()\s*['\"]?(?:https?:)?//", sheet.read_text(encoding="utf-8"))
        assert not remote, sheet
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert sorted([*read_manifest(out)["files"], MANIFEST]) == files  # type: ignore[index]


@pytest.fixture(scope="module")
def browser(deck: tuple[Path, subprocess.CompletedProcess[str]]) -> Iterator[object]:
    """Headless Chromium (Debian's, through its chromedriver) with the network off, on the deck's page."""
    need_program(CHROMIUM, CHROMEDRIVER)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,720", "--autoplay-policy=no-user-gesture-required",
                     # no name resolves and no proxy answers: the page has only its own files
                     "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9"):  # fmt: skip
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})  # every request the page makes
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )
        driver.get((deck[0] / "slides.html").as_uri())
        WebDriverWait(driver, 30).until(lambda d: d.execute_script("return window.Reveal && Reveal.isReady()"))
        yield driver
    finally:
        driver.quit()


CURRENT_VIDEO = "Reveal.getCurrentSlide().slideBackgroundContentElement.querySelector('video')"


def _played(driver: object, seconds: float) -> bool:
    """Whether the current slide's video has played ``seconds`` (or to its end)."""
    return bool(driver.execute_script(  # type: ignore[attr-defined]
        f"const v = {CURRENT_VIDEO}; return !!v && v.readyState >= 2 && (v.ended || v.currentTime >= {seconds})"
    ))  # fmt: skip


@pytest.mark.render
def test_the_deck_plays_offline_and_advances_with_the_arrow_key(
    browser: object, deck: tuple[Path, subprocess.CompletedProcess[str]], captions: list[str]
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser
    out = deck[0]
    assert driver.execute_script("return Reveal.getTotalSlides()") == len(captions)  # type: ignore[attr-defined]
    assert driver.execute_script("return Reveal.getIndices().h") == 0  # type: ignore[attr-defined]
    # The first sub-step plays (the title appears): wait for its end, where the slide pauses.
    WebDriverWait(driver, 30).until(lambda d: _played(d, 1e9))
    shot = out.parent / "first-slide.png"  # in the test's temporary folder, to look at
    driver.save_screenshot(str(shot))  # type: ignore[attr-defined]
    assert dark_share(shot) > 0.005, "the first slide shows nothing"
    first = driver.execute_script(f"return {CURRENT_VIDEO}.currentSrc")  # type: ignore[attr-defined]
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ARROW_RIGHT)  # type: ignore[attr-defined]
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return Reveal.getIndices().h") == 1)
    WebDriverWait(driver, 30).until(lambda d: _played(d, 0.5))  # the next sub-step plays
    second = driver.execute_script(f"return {CURRENT_VIDEO}.currentSrc")  # type: ignore[attr-defined]
    assert second != first and second.startswith(out.as_uri())
    requested = {
        message["params"]["request"]["url"]
        for entry in driver.get_log("performance")  # type: ignore[attr-defined]
        if (message := json.loads(entry["message"])["message"])["method"] == "Network.requestWillBeSent"
    }
    assert requested, "no request seen"
    assert all(url.startswith((out.as_uri() + "/", "data:")) for url in requested), sorted(requested)
