"""The shared LaTeX cache: clips start with every formula compiled before and give back what they compiled."""

from __future__ import annotations

from pathlib import Path

import pytest

from scenes.environment import CACHE_ENV, cache_root
from scenes.stage.tex_cache import fill, keep, media_tex


def compiled(media_dir: Path, *names: str) -> None:
    """What manim leaves after compiling ``names``: one SVG each in the media folder's ``Tex``."""
    for name in names:
        (media_tex(media_dir) / f"{name}.svg").write_text(f"<svg>{name}</svg>")


def test_the_cache_is_where_the_environment_says(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "c"))
    assert cache_root() == tmp_path / "c"
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "backprop-video"
    monkeypatch.delenv("XDG_CACHE_HOME")

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", no_home)
    assert cache_root().name == "backprop-video-cache"  # a render without a home folder still caches


def test_a_clip_gets_what_earlier_clips_compiled(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, second = tmp_path / "media-a", tmp_path / "media-b"
    assert fill(first, cache) == frozenset()  # no cache yet: nothing, and no error
    compiled(first, "aaa", "bbb")
    assert keep(first, frozenset(), cache) == 2
    assert sorted(p.name for p in cache.iterdir()) == ["aaa.svg", "bbb.svg"]  # no .part left
    filled = fill(second, cache)
    assert filled == {"aaa.svg", "bbb.svg"}
    assert (media_tex(second) / "aaa.svg").read_text() == "<svg>aaa</svg>"
    compiled(second, "ccc")
    assert keep(second, filled, cache) == 1  # only what this clip compiled counts
    assert sorted(p.name for p in cache.iterdir()) == ["aaa.svg", "bbb.svg", "ccc.svg"]


def test_two_clips_compiling_one_formula_count_it_twice_and_store_it_once(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    a, b = tmp_path / "a", tmp_path / "b"
    fa, fb = fill(a, cache), fill(b, cache)
    compiled(a, "same")
    compiled(b, "same")
    assert keep(a, fa, cache) == 1 and keep(b, fb, cache) == 1
    assert [p.name for p in cache.iterdir()] == ["same.svg"]


def test_an_unusable_cache_never_fails_a_render(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.write_text("a file where the cache folder should be")  # unusable, even for root
    media = tmp_path / "media"
    filled = fill(media, cache)
    assert filled == frozenset()
    compiled(media, "new")
    assert keep(media, filled, cache) == 1  # compiled, just not kept
    assert cache.is_file()
