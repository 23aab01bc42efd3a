"""A mobject's family listed in one walk, not one list (and one set) per member.

manim lists a mobject's family (itself and all its submobjects, recursively) by asking each submobject for its
own family and removing repeats from every one of those lists: a formula of forty glyphs in a group in a diagram
makes a new list and a new set at every level. The camera asks for the families of what it draws every frame,
the animations for theirs as they start and the scene for every mobject's updaters every frame: about a tenth
of a render's CPU. Here the family is listed in one depth-first walk, in manim's order, and repeats (a mobject
held twice) removed once at the end, keeping each one's last place as manim does; that gives manim's list: a
member's last place among the members is the same whether repeats are removed in each submobject's list first
or only once over the whole.

A scene's updaters (``update_mobjects``) run in the same order, each frame, from one walk (``run_updaters``).
"""

from __future__ import annotations

from manim import Mobject, Scene
from manim.utils.iterables import remove_list_redundancies

_MANIMS = Mobject.get_family


def _family(self: Mobject, recurse: bool = True) -> list[Mobject]:
    """manim's ``Mobject.get_family``, in one walk."""
    members: list[Mobject] = []
    stack: list[Mobject] = [self]
    while stack:
        mob = stack.pop()
        if mob is not self and type(mob).get_family is not _family:  # a class with a family of its own
            members.extend(mob.get_family())
            continue
        members.append(mob)
        if mob.submobjects:
            stack.extend(reversed(mob.submobjects))
    if len(set(members)) != len(members):  # the same mobject twice: keep its last place, as manim
        return remove_list_redundancies(members)
    return members


def list_families_in_one_walk() -> None:
    """Make ``Mobject.get_family`` walk a family once (idempotent)."""
    Mobject.get_family = _family  # type: ignore[method-assign]


def run_updaters(scene: Scene, dt: float) -> None:
    """``Scene.update_mobjects``: each mobject's updaters, then its submobjects', as ``Mobject.update`` calls
    them (a suspended mobject, and its submobjects, not at all), without a call for every mobject that has none."""
    for top in scene.mobjects:
        stack: list[Mobject] = [top]
        while stack:
            mob = stack.pop()
            if mob.updating_suspended:
                continue
            if mob.updaters:
                mob.update(dt, recursive=False)
            if mob.submobjects:
                stack.extend(reversed(mob.submobjects))
