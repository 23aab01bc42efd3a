"""A family listed in one walk is manim's list, repeats and all; a scene's updaters run as manim runs them."""

from __future__ import annotations

from manim import Circle, Dot, Mobject, Scene, Square, VGroup

from scenes.stage import families


def _manims(mob: Mobject) -> list[Mobject]:
    return families._MANIMS(mob)  # type: ignore[no-any-return]


def test_a_family_is_manims_list_in_manims_order() -> None:
    families.list_families_in_one_walk()
    shared = Dot()
    inner = VGroup(Square(), shared, VGroup(Circle(), Dot()))
    outer = VGroup(inner, Circle(), VGroup(shared, Square()), shared)  # one mobject in three places
    for mob in (outer, inner, shared, VGroup()):
        assert mob.get_family() == _manims(mob)
    assert len(outer.get_family()) == len(set(outer.get_family())) == 10


def test_updaters_run_in_manims_order_and_not_when_suspended() -> None:
    calls: list[str] = []
    parent, child, grandchild, other = Dot(), Dot(), Dot(), Dot()
    child.add(grandchild)
    parent.add(child, other)
    for name, mob in (("parent", parent), ("child", child), ("grandchild", grandchild), ("other", other)):
        mob.add_updater(lambda m, dt, name=name: calls.append(f"{name} {dt}"))
    scene = Scene()
    scene.add(parent)
    families.run_updaters(scene, 0.5)
    manims = list(calls)
    calls.clear()
    Scene.update_mobjects(scene, 0.5)
    assert manims == calls == ["parent 0.5", "child 0.5", "grandchild 0.5", "other 0.5"]
    child.suspend_updating()  # manim: suspends its submobjects too
    calls.clear()
    families.run_updaters(scene, 0.1)
    assert calls == ["parent 0.1", "other 0.1"]
