"""A colour key: what each colour on screen means, as a coloured dot beside a few words, at the top right of the
frame (above the formula panel), so a colour never carries a meaning the screen does not say.

Each colour of the theme has one meaning for the whole video (``scenes.drawing.theme.ROLES``); a step's key lists
the ones it uses. Every key on screen (this one, the sign key, a scatter's class key) says which roles it explains
(``KeyRoles``), so a check can tell that every coloured thing on screen has its key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from manim import DOWN, LEFT, RIGHT, UP, Dot, Mobject, Text, VGroup, VMobject

from nnmath.notation import rounded, significant_decimals
from scenes.drawing.style import FRAME_HALF_HEIGHT, LABEL_SIZE, PANEL_RIGHT, PANEL_TOP
from scenes.drawing.theme import ROLES, Theme

KEY_ROLES = "key_roles"  # the attribute a key carries: the roles (``ROLES`` fields, "class c") it explains
M = TypeVar("M", bound=Mobject)


def explains(key: M, roles: Iterable[str]) -> M:
    """Mark ``key`` as the key to ``roles``."""
    setattr(key, KEY_ROLES, frozenset(roles))
    return key


def roles_explained(mobjects: Iterable[Mobject]) -> frozenset[str]:
    """The roles the keys among ``mobjects`` (not their families: pass those to look inside) explain: those of
    their entries hidden while nothing is drawn in their colours (``scenes.drawing.live_keys``) left out."""
    return frozenset(role for mob in mobjects for role in getattr(mob, KEY_ROLES, frozenset()) - hidden_roles(mob))


# A key's entries (``entry``) are shown only while their colours are drawn outside the keys
ENTRY_COLOURS = "entry_colours"  # on an entry (a key's row): {role: colour} it explains
ENTRY_HEADING = "entry_heading"  # on an entry that only heads others ("∂E/∂…:"): shown with any of them
ENTRY_SHOWN = "entry_shown"
OWN_ALPHA = "own_alpha"  # on each member with points: (fill alphas, stroke alphas) as the entry was made
SEEN_ALPHA = 0.01  # a shape this faint is not drawn (the probe's threshold, tests/scene_probe.py)


def entry(row: M, colours: Mapping[str, str], heading: bool = False) -> M:
    """Mark ``row`` (a dot or swatch and its words) as the key's entry for ``colours`` ({role: colour})."""
    setattr(row, ENTRY_COLOURS, dict(colours))
    setattr(row, ENTRY_HEADING, heading)
    setattr(row, ENTRY_SHOWN, None)
    for member in row.family_members_with_points():
        if isinstance(member, VMobject):
            setattr(member, OWN_ALPHA, (member.fill_rgbas[:, 3].copy(), member.stroke_rgbas[:, 3].copy()))
    return row


def entries(key: Mobject) -> list[Mobject]:
    """The entries in ``key``'s family."""
    return [m for m in key.get_family() if m.__dict__.get(ENTRY_COLOURS) is not None]


def hidden_roles(key: Mobject) -> frozenset[str]:
    """The roles ``key`` explains whose every entry is hidden (the heading entries left aside)."""
    shown: set[str] = set()
    hidden: set[str] = set()
    for row in entries(key):
        if row.__dict__.get(ENTRY_HEADING):
            continue
        roles = row.__dict__[ENTRY_COLOURS]
        (shown if drawn_at_all(row) else hidden).update(roles)
    return frozenset(hidden - shown)


def drawn_at_all(mob: Mobject) -> bool:
    return any(
        isinstance(m, VMobject)
        and (m.fill_rgbas[:, 3].max(initial=0) > SEEN_ALPHA or m.stroke_rgbas[:, 3].max(initial=0) > SEEN_ALPHA)
        for m in mob.family_members_with_points()
    )


DOT_RADIUS = 0.09
KEY_TOP = FRAME_HALF_HEIGHT - 0.2
ROW_GAP = 0.1
COLUMN_GAP = 0.45
KEY_WIDTH = PANEL_RIGHT - 1.3  # right of the longest step title
TITLE_GAP = 0.4  # between the step title and the key
PANEL_GAP = 0.35  # between the key and the formula panel under it


def colour_key(
    theme: Theme, fields: Sequence[str], room: float = KEY_WIDTH, names: Mapping[str, str] | None = None
) -> VGroup:
    """The key for ``fields`` (theme fields, in ``ROLES``; each once): a dot in the colour beside its
    meaning (``ROLES``', or ``names``' where what is drawn says it more exactly, e.g. ``MEAN_ERROR``), in two
    columns (one, if two are wider than ``room``), right-aligned at the top right of the frame."""
    rows = VGroup()
    for name in dict.fromkeys(fields):
        words = Text((names or {}).get(name, ROLES[name]), font_size=LABEL_SIZE, color=theme.text)
        dot = Dot(radius=DOT_RADIUS, color=getattr(theme, name)).next_to(words, LEFT, buff=0.15)
        rows.add(entry(VGroup(dot, words), {name: getattr(theme, name)}))
    if len(rows) > 1:
        rows.arrange_in_grid(cols=2, col_alignments="ll", buff=(COLUMN_GAP, ROW_GAP))
    if rows.width > room:  # one a row
        rows.arrange(DOWN, aligned_edge=LEFT, buff=ROW_GAP)
    explains(rows, dict.fromkeys(fields))
    return rows.move_to((PANEL_RIGHT, KEY_TOP, 0), aligned_edge=UP + RIGHT)


def room_beside(title: Mobject) -> float:
    """The width a key has right of ``title`` (a step's title, at the top left)."""
    return PANEL_RIGHT - float(title.get_right()[0]) - TITLE_GAP


def slope_fields(*values: float, decimals: int | None = None) -> list[str]:
    """The key's entries for slopes of these values' signs: as edges take them (0 with the slopes > 0), or, given
    ``decimals``, as numbers shown with that many decimals take them (``theme.slope_color``: one that reads 0 is
    in neither colour, so it needs no entry)."""
    if decimals is not None:
        shown = [rounded(v, significant_decimals(v, decimals)) for v in values]  # a slope: a gradient's digits
        return [name for name, sign in (("backward", 1), ("backward_negative", -1)) if any(v * sign > 0 for v in shown)]
    return [
        name
        for name, shown in (
            ("backward", any(v >= 0 for v in values)),
            ("backward_negative", any(v < 0 for v in values)),
        )
        if shown
    ]


def panel_top_under(key: VGroup) -> float:
    """Where a panel under ``key`` starts."""
    return min(PANEL_TOP, float(key.get_bottom()[1]) - PANEL_GAP)
