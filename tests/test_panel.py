"""The formula panel's room-making: what stays moves up, what goes fades first, what comes back fades in last."""

from __future__ import annotations

from manim import Rectangle, Scene, tempconfig

from scenes.drawing.layout import Panel


def test_rows_that_come_back_fade_in_in_their_places_once_the_others_have_moved() -> None:
    """FINDINGS-10 S5: rows kept after they had gone to make room (ŷ and y, back for the slopes) were moved in from
    where they had been, at full opacity, while the kept sum moved through them. ``restack`` fades the others out,
    moves what is on the panel, then fades the returning rows in at their places: each a play of its own."""
    with tempconfig({"dry_run": True, "quality": "low_quality", "verbosity": "WARNING"}):
        scene = Scene(skip_animations=True)
        plays: list[tuple[object, ...]] = []
        play = scene.play

        def recorded(*animations: object, **kwargs: object) -> None:
            plays.append(animations)
            play(*animations, **kwargs)  # type: ignore[arg-type]

        scene.play = recorded  # type: ignore[method-assign]
        panel = Panel(scene)
        y_hat, y, total, term = (Rectangle(height=0.5, width=2) for _ in range(4))
        scene.play(*panel.push_all([y_hat, y, total, term]))
        panel.make_room([total, term], 10.0)  # ŷ and y go to make room for more rows; the sum moves to the top
        plays.clear()
        panel.restack([y_hat, y, total])
    moved = [getattr(a, "mobject", None) for a in plays[1]]  # (a ``.animate`` builder holds its mobject)
    assert len(plays) == 3 and total in moved and y_hat not in moved and y not in moved, plays
    appearing = [a.mobject for a in plays[2] if getattr(a, "appearing", False)]  # (``Appear``: an opacity fade in)
    assert appearing == [y_hat, y] and len(plays[2]) == 2, plays[2]
    assert y_hat.get_top()[1] == panel.top and y_hat.get_top()[1] > y.get_top()[1] > total.get_top()[1]
    assert list(panel.items) == [y_hat, y, total]
