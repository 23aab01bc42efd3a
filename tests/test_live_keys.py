"""Keys follow the screen (``scenes.drawing.live_keys``): an entry shows while its colour is drawn outside the keys,
fades in as it comes and out as it goes, and the key keeps its size; a heading shows with any of its entries."""

from __future__ import annotations

from manim import Dot

from scenes.drawing.colour_key import colour_key, entries, hidden_roles, roles_explained
from scenes.drawing.live_keys import FADE_SECONDS, LOOK_SECONDS, KeyFollower
from scenes.drawing.sign_key import SignKey
from scenes.drawing.theme import DARK

WHOLE_PLAY = 10.0  # seconds: a skipped play's one step


def shown(key: object) -> list[float | None]:
    return [row.__dict__["entry_shown"] for row in entries(key)]  # type: ignore[arg-type]


def test_an_entry_shows_only_while_its_colour_is_drawn() -> None:
    key = colour_key(DARK, ["forward", "error"])
    size = (key.width, key.height)
    red = Dot(color=DARK.error)
    follower = KeyFollower()
    follower.follow([key, red], WHOLE_PLAY)
    assert shown(key) == [0.0, 1.0] and roles_explained([key]) == {"error"} and hidden_roles(key) == {"forward"}
    assert (key.width, key.height) == size  # a hidden entry keeps its room
    red.set_opacity(0)  # the red goes: its entry fades out over FADE_SECONDS, seen at the next look
    follower.follow([key, red], LOOK_SECONDS)
    assert abs(shown(key)[1] - (1 - LOOK_SECONDS / FADE_SECONDS)) < 1e-9  # type: ignore[operator]
    assert 0 < entries(key)[1].submobjects[0].get_fill_opacity() < 1
    follower.follow([key, red], FADE_SECONDS)
    assert shown(key) == [0.0, 0.0] and roles_explained([key]) == frozenset()
    blue = Dot(color=DARK.forward)  # a value comes: its entry fades in, back to its own opacities
    for _ in range(3):
        follower.follow([key, red, blue], LOOK_SECONDS)
    assert shown(key) == [1.0, 0.0] and entries(key)[0].submobjects[0].get_fill_opacity() == 1
    assert roles_explained([key]) == {"forward"}


def test_a_heading_shows_with_any_of_its_entries() -> None:
    key = SignKey(DARK, others=("forward",))
    follower = KeyFollower()
    follower.follow([key, Dot(color=DARK.forward)], WHOLE_PLAY)  # no slope drawn yet: "∂E/∂…:" waits with "> 0"
    assert roles_explained([key]) == {"forward"} and all(s == 0 for s in shown(key)[:3])
    follower.follow([key, Dot(color=DARK.forward), Dot(color=DARK.backward_negative)], WHOLE_PLAY)
    assert roles_explained([key]) == {"forward", "backward_negative"}
    heading, positive, negative = (row.__dict__["entry_shown"] for row in entries(key)[:3])
    assert (heading, positive, negative) == (1.0, 0.0, 1.0)


def test_an_entry_fades_out_with_what_a_play_takes_off() -> None:
    """A play that fades the last red thing out fades "error E" out with it, from its first frame (not in one step
    after it, as the play settles)."""
    key = colour_key(DARK, ["error"])
    red = Dot(color=DARK.error)
    follower = KeyFollower()
    follower.follow([key, red], WHOLE_PLAY)
    follower.ahead([key, red], leaving=[red])  # FadeOut(red) begins: red is still drawn in full
    follower.follow([key, red], 1 / 15)
    assert 0 < shown(key)[0] < 1  # type: ignore[operator]
    red.set_opacity(0)
    follower.settle([key, red])
    assert shown(key) == [0.0]
