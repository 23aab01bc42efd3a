"""One meaning per colour, and a key wherever colour means something.

The role table (``scenes.drawing.theme.ROLES`` and the classes) gives each meaning a colour of its own in each theme,
far enough from the others to tell apart, readable on the theme's background, and apart also for viewers with red-green
colour blindness (protanopia, deuteranopia: about 1 in 12 men): every pair of roles, as nearly every pair is drawn
together somewhere (the slope signs beside E, η and the new values; the classes beside E and the colour map), and every
role apart from the neutral colours (a slope < 0 edge beside an idle one). The colour map's class tints stay apart too.

Every scene, constructed without rendering (tests/scene_probe.py) for the configs the subtitle check covers: after
every play, each number drawn in a role's colour, and each edge in a sign colour, has a visible key that explains
that role (the sign key, a step's colour key, a scatter's class key). Whether a number's sign colour matches its
sign is ``tests/test_softmax_scenes.py``'s check.
"""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

import numpy as np
import pytest
from manim import ManimColor

import scenes
from nnmath import load_config
from scenes.drawing.heatmap import STRENGTH
from scenes.drawing.sign_key import SIGN_ROLES
from scenes.drawing.theme import NEUTRAL, ROLES, THEMES, Theme, role_colors, theme_for
from scenes.steps_table import PARTS
from tests.scene_probe import Recording, recorded
from tests.test_class_can_follow import CONFIGS_OF, GENERATED, SHIPPED, config_paths  # noqa: F401  (a fixture)

APART = 20.0  # CIELAB ΔE between any two role colours (about 2.3 is a just-noticeable difference)
APART_SIDE_BY_SIDE = 25.0  # also as a protanope or deuteranope sees them: every pair of roles that can meet
# The pairs never on screen together: a dataset's classes (the scatter and its colour map, drawn beside E, η and
# values in the Intro and Training) and the target and slope colours (measured over every part's plays for the
# default, 2-3-3 softmax and XOR configs: each of the other pairs of the six roles, and class/class and class/E, met).
NEVER_TOGETHER = frozenset(
    (role, f"class {c}") for role in ("target", "backward", "backward_negative") for c in range(3)
)
APART_FROM_NEUTRAL = 20.0  # a role from the text and muted colours (a highlight, an idle edge), in every vision
APART_IN_MAP = 12.0  # two classes' tints in the colour map (a share STRENGTH of the way from the background)
CONTRAST = 3.0  # WCAG contrast against the background (3:1: large text and graphics)
# Machado, Oliveira & Fernandes (2009), severity 1, on linear RGB.
DICHROMACY = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]),
}  # fmt: skip
VISIONS = (None, *DICHROMACY)  # normal vision, then each dichromacy


def linear_rgb(color: str) -> np.ndarray:
    c = np.array([int(color.lstrip("#")[k : k + 2], 16) / 255 for k in (0, 2, 4)])
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab(rgb: np.ndarray) -> np.ndarray:
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ rgb
    f = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(f > 216 / 24389, np.cbrt(f), (24389 / 27 * f + 16) / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def distance(a: str, b: str, vision: str | None = None) -> float:
    """CIELAB ΔE between two colours, as seen with normal vision or ``vision`` (a DICHROMACY)."""
    x, y = linear_rgb(a), linear_rgb(b)
    if vision is not None:
        x, y = np.clip(DICHROMACY[vision] @ x, 0, 1), np.clip(DICHROMACY[vision] @ y, 0, 1)
    return float(np.linalg.norm(lab(x) - lab(y)))


def contrast(a: str, b: str) -> float:
    low, high = sorted(float(linear_rgb(c) @ [0.2126, 0.7152, 0.0722]) for c in (a, b))
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("name", list(THEMES))
def test_each_meaning_has_a_colour_of_its_own(name: str) -> None:
    theme = THEMES[name]
    roles = role_colors(theme)
    assert set(ROLES) <= set(roles) and len(theme.classes) >= 2
    neutral = {str(getattr(theme, field)).upper() for field in NEUTRAL}
    by_color: dict[str, list[str]] = {}
    for role, color in roles.items():
        by_color.setdefault(color.upper(), []).append(role)
    assert all(len(r) == 1 for r in by_color.values()), [r for r in by_color.values() if len(r) > 1]
    assert not neutral & set(by_color), "a role in a neutral colour"
    close = [(a, b) for a, b in itertools.combinations(roles, 2) if distance(roles[a], roles[b]) < APART]
    assert not close, close
    assert all(contrast(color, theme.background) >= CONTRAST for color in roles.values()), {
        r: round(contrast(c, theme.background), 2) for r, c in roles.items()
    }


@pytest.mark.parametrize("name", list(THEMES))
def test_every_pair_stays_apart_in_colour_blind_eyes(name: str) -> None:
    roles = role_colors(THEMES[name])
    close = [
        (a, b, vision, round(distance(roles[a], roles[b], vision), 1))
        for (a, b), vision in itertools.product(itertools.combinations(roles, 2), DICHROMACY)
        if (a, b) not in NEVER_TOGETHER and distance(roles[a], roles[b], vision) < APART_SIDE_BY_SIDE
    ]
    assert not close, close


@pytest.mark.parametrize("name", list(THEMES))
def test_roles_stay_apart_from_the_neutral_colours(name: str) -> None:
    theme = THEMES[name]
    close = [
        (role, field, vision, round(distance(color, str(getattr(theme, field)), vision), 1))
        for (role, color), field, vision in itertools.product(role_colors(theme).items(), ("text", "muted"), VISIONS)
        if distance(color, str(getattr(theme, field)), vision) < APART_FROM_NEUTRAL
    ]
    assert not close, close


HUE_APART = 60.0  # degrees of CIELAB hue between roles read side by side in one formula (y beside η's update)
SAME_FAMILY = (("target", "update"),)  # mint y beside green η read as one colour (lecturer review, issue 20)


def hue(color: str) -> float:
    _, a, b = lab(linear_rgb(color))
    return float(np.degrees(np.arctan2(b, a)) % 360)


@pytest.mark.parametrize("name", list(THEMES))
def test_the_target_and_eta_are_not_one_colour_family(name: str) -> None:
    """ΔE alone let mint (y) and green (η) pass while a class saw two shades of one green: their hues differ too."""
    roles = role_colors(THEMES[name])
    close = [
        (a, b, round(gap))
        for a, b in SAME_FAMILY
        if (gap := min(abs(hue(roles[a]) - hue(roles[b])), 360 - abs(hue(roles[a]) - hue(roles[b])))) < HUE_APART
    ]
    assert not close, close


def tint(color: str, background: str) -> str:
    """``color`` as the colour map draws a class at its surest: a share ``STRENGTH`` of the way from the background."""
    low, high = ManimColor(background).to_rgb(), ManimColor(color).to_rgb()
    return ManimColor(np.asarray(low + (high - low) * STRENGTH, dtype=np.float64)).to_hex()


@pytest.mark.parametrize("name", list(THEMES))
def test_class_tints_in_the_colour_map_stay_apart(name: str) -> None:
    theme = THEMES[name]
    tints = [tint(c, theme.background) for c in theme.classes]
    close = [
        (a, b, vision, round(distance(tints[a], tints[b], vision), 1))
        for (a, b), vision in itertools.product(itertools.combinations(range(len(tints)), 2), VISIONS)
        if distance(tints[a], tints[b], vision) < APART_IN_MAP
    ]
    assert not close, close


def unexplained(recording: Recording, theme: Theme) -> set[str]:
    """Each (section, role) where a number in the role's colour, or an edge in a sign colour, is on screen while no
    visible key explains the role."""
    role_of = {color.upper(): role for role, color in role_colors(theme).items()}
    missing: set[str] = set()
    for n in recording.numbers:
        role = role_of.get(n.color)
        if role is not None and role not in recording.keys[n.play]:
            missing.add(f"{n.section}: {role} ({n.entry[0] if n.entry else n.text})")
    for play, (section, _, edges) in enumerate(recording.screens):
        for role in (role_of[c] for c in edges if role_of.get(c) in SIGN_ROLES):
            if role not in recording.keys[play]:
                missing.add(f"{section}: {role} on the edges")
    for play in range(1, len(recording.screens)):  # edges coloured through a play: their key stays through it
        before, after = recording.screens[play - 1][2], recording.screens[play][2]
        for role in (role_of[c] for c in before & after if role_of.get(c) in SIGN_ROLES):
            if role not in recording.keys_mid[play]:
                missing.add(f"{recording.screens[play][0]}: {role} on the edges, its key gone mid-play")
    return missing


def cases() -> list[tuple[str, str]]:
    """Every part for the configs the subtitle check constructs it with (the recordings are shared)."""
    every = [*SHIPPED, *GENERATED]
    return [(part.scene, config) for part in PARTS for config in CONFIGS_OF.get(part.scene, every)]


@pytest.mark.parametrize(("part", "config"), cases())
def test_a_key_wherever_colour_means_something(
    config_paths: dict[str, Path],  # noqa: F811  (the fixture)
    tmp_path: Path,
    part: str,
    config: str,
) -> None:
    path = config_paths[config]
    recording = recorded(getattr(scenes, part), path, tmp_path)
    assert len(recording.keys) == len(recording.keys_mid) == len(recording.screens) == recording.plays
    missing = unexplained(recording, theme_for(load_config(path)))
    assert not missing, "\n".join(sorted(missing))


HIGHLIGHTING = ("forward_pass.py", "backward_pass.py", "backward_terms.py", "error_calc.py")  # their highlights


def test_highlights_are_neutral() -> None:
    """What is being worked on is outlined in the text colour, which is in no key: never in a role's colour (a ring
    in the values colour read as "a value"). A sign colour computed for a δ (``theme.of_sign``) is a role, keyed."""
    roles = set(ROLES)
    found = []
    for name in HIGHLIGHTING:
        tree = ast.parse((Path(scenes.__file__).parent / name).read_text())
        for call in ast.walk(tree):
            if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "light_up" and len(call.args) > 1:
                color = call.args[1]
                if isinstance(color, ast.Attribute) and color.attr in roles:
                    found.append(f"{name}:{call.lineno} {color.attr}")
    assert not found, found


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_the_learning_cycle_carries_no_unexplained_colour(theme: str) -> None:
    """The intro's four boxes have no key on screen: they are drawn in the text colour, not one colour a step."""
    import dataclasses

    from nnmath import load_config
    from scenes.intro import Cycle
    from scenes.stage.context import context_from

    ctx = context_from(dataclasses.replace(load_config(), theme=theme))
    cycle = Cycle(ctx)
    colours = {box[0].get_stroke_color().to_hex().lower() for box in cycle.boxes}  # the outline
    colours |= {g.get_fill_color().to_hex().lower() for box in cycle.boxes for g in box[1]}  # the words
    assert colours == {ctx.theme.text.lower()}


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_every_step_title_is_in_the_text_colour(theme: str) -> None:
    """Blue, red and green mean values, the error and new values (the key): a title in one of them would say so."""
    import dataclasses

    from manim import Scene

    from nnmath import load_config
    from scenes.stage.context import context_from
    from scenes.stage.step import Step
    from scenes.steps_table import PARTS

    ctx = context_from(dataclasses.replace(load_config(), theme=theme))
    steps = [part for part in PARTS if part.number is not None]
    assert len(steps) == 4
    titles = [Step(Scene(), ctx, part).title for part in steps]
    colours = {g.get_fill_color().to_hex().lower() for title in titles for g in title.family_members_with_points()}
    assert colours == {ctx.theme.text.lower()}


@pytest.mark.parametrize("config", ["default.toml", "classifier-2-3-3.toml"])
def test_the_error_steps_key_stays_while_it_gains_the_slope_colours(config: str) -> None:
    """ErrorCalc's key gains the slope colours as ∂E/∂ŷ comes: the rows it had stay on screen at every moment of that
    play (a swap faded them all out while coloured numbers stayed)."""
    from nnmath import load_config
    from nnmath.config import DEFAULT_CONFIG
    from scenes.drawing.colour_key import colour_key, room_beside, slope_fields
    from scenes.drawing.layout import step_title
    from scenes.drawing.moves import extend_key
    from scenes.stage.context import context_from

    ctx = context_from(load_config(DEFAULT_CONFIG.parent / config))
    fields = ["forward", "target", "error", *slope_fields(*ctx.trace.dE_dyhat, decimals=ctx.decimals)]
    room = room_beside(step_title(2, "Error calculation", ctx.theme.error))
    old, new = colour_key(ctx.theme, fields[:3], room), colour_key(ctx.theme, fields, room)
    animations = extend_key(old, new)
    for animation in animations:
        animation.begin()
    for alpha in np.linspace(0.0, 0.99, 12):
        for animation in animations:
            animation.interpolate(alpha)
        for row in old.submobjects:  # every glyph of the key's old rows, fully drawn
            assert min(m.get_fill_opacity() for m in row.family_members_with_points()) > 0.99, alpha


@pytest.mark.parametrize("config", ["default", "classifier-2-3-3"])
def test_the_sign_key_lists_only_the_signs_drawn(
    config_paths: dict[str, Path],  # noqa: F811  (the fixture)
    tmp_path: Path,
    config: str,
) -> None:
    """The backward pass's key has no "< 0" where every slope it shows is positive (the default network: FINDINGS-8
    #3), and keeps it where one is below 0 (the softmax's δ⁽²⁾₂ = −0.6093)."""
    path = config_paths[config]
    recording = recorded(scenes.BackwardPass, path, tmp_path)
    role_of = {color.upper(): role for role, color in role_colors(theme_for(load_config(path))).items()}
    colours = {n.color for n in recording.numbers} | {c for _, _, edges in recording.screens for c in edges}
    colours |= {c for rings in recording.rings for c in rings.values()}
    drawn = {role_of[c] for c in colours if c in role_of} & set(SIGN_ROLES)
    keyed = set().union(*recording.keys) & set(SIGN_ROLES)
    assert keyed == drawn, (keyed, drawn)
    assert ("backward_negative" in drawn) == (config != "default")


def keyed_but_not_drawn(recording: Recording, theme: Theme) -> set[str]:
    """Each (section, role) whose colour a key lists after a play where nothing outside the keys is drawn in it
    (FINDINGS-11 #10: the quiz's keys listed "target y" and "error E" through questions that draw neither; lecturer
    review 12: the softmax backward pass keyed "target" for 166 s, magenta drawn for 11; the error step keyed "error
    E" through the whole clip). Each entry follows the screen (``scenes.drawing.live_keys``): at every play."""
    colour = {role: c.upper() for role, c in role_colors(theme).items()}
    extra: set[str] = set()
    for play, (section, _, _) in enumerate(recording.screens):
        for role in recording.keys[play]:
            if role in colour and colour[role] not in recording.drawn[play]:
                extra.add(f"{section}: {role} (play {play})")
    return extra


# Every part (the full video's table of steps, ``scenes.steps_table.PARTS``) for the default network, the softmax
# classifier and the largest network; the quiz and the weight update, whose keys were fixed first, for every
# shipped config. The recordings are the ones the class-can-follow check makes (shared in a run).
KEYED_CASES = sorted(
    {
        *((part.scene, config) for part in PARTS for config in ("default", "classifier-2-3-3", "largest")
          if part.plays_for(False)),
        *((part, config) for part in ("CheckYourself", "WeightUpdate") for config in SHIPPED),
    }
)  # fmt: skip


@pytest.mark.parametrize(("part", "config"), KEYED_CASES)
def test_a_key_lists_only_the_colours_on_screen(
    config_paths: dict[str, Path],  # noqa: F811  (the fixture)
    tmp_path: Path,
    part: str,
    config: str,
) -> None:
    """After every play, each entry of a visible key is in a colour drawn somewhere besides the keys."""
    path = config_paths[config]
    recording = recorded(getattr(scenes, part), path, tmp_path)
    assert len(recording.drawn) == recording.plays
    extra = keyed_but_not_drawn(recording, theme_for(load_config(path)))
    assert not extra, "\n".join(sorted(extra))
