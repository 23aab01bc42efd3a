"""The network diagram, the board, the formula rows and the number formatter, as mobjects."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest
from manim import DecimalNumber, Mobject, Text, config

from nnmath import load_config, parse_config
from nnmath.config import DEFAULT_CONFIG
from nnmath.config import THEMES as THEME_NAMES
from nnmath.notation import format_number
from scenes.drawing.diagram import NetworkDiagram
from scenes.drawing.formula import Formula, Num
from scenes.drawing.motion import gradient_styles
from scenes.drawing.numbers import TraceNumber
from scenes.drawing.sign_key import KEY_MAX_WIDTH
from scenes.drawing.style import DIAGRAM_CENTER, DIAGRAM_WIDTH, GRADIENT_MIN_WIDTH, SAFE_BOTTOM
from scenes.drawing.theme import DARK, LIGHT, THEMES
from scenes.stage.board import Board
from scenes.stage.context import context_from
from scenes.stage.states import HIGHLIGHT_WORDS, backward_key

config.verbosity = "WARNING"


def diagram_for(layers: tuple[int, ...]) -> NetworkDiagram:
    return NetworkDiagram(layers, DARK, 4)


@pytest.mark.parametrize("layers", [(1, 1), (2, 2, 1), (2, 3, 2), (4, 4, 4, 4, 4), (3, 1, 4)])
def test_neurons_and_edges_match_the_layers(layers: tuple[int, ...]) -> None:
    d = diagram_for(layers)
    assert [len(column) for column in d.neurons] == list(layers)
    assert len(d.edges) == sum(a * b for a, b in itertools.pairwise(layers))
    for layer, column in enumerate(d.neurons):
        for j, neuron in enumerate(column):
            assert (neuron.layer, neuron.index) == (layer, j)
            assert len(neuron.in_edges) == (layers[layer - 1] if layer else 0)
            assert len(neuron.out_edges) == (layers[layer + 1] if layer < len(layers) - 1 else 0)
    xs = [column[0].get_x() for column in d.neurons]
    assert xs == sorted(xs) and len(set(np.round(xs, 6))) == len(xs)  # columns left to right
    for column in d.neurons:
        ys = [n.get_y() for n in column]
        assert ys == sorted(ys, reverse=True)  # neuron 1 on top


@pytest.mark.parametrize("layers", [(2, 2, 1), (4, 4, 4, 4, 4)])
def test_diagram_stays_in_its_box_on_the_left(layers: tuple[int, ...]) -> None:
    d = diagram_for(layers)
    left = DIAGRAM_CENTER[0] - DIAGRAM_WIDTH / 2
    right = DIAGRAM_CENTER[0] + DIAGRAM_WIDTH / 2
    everything = d
    assert everything.get_left()[0] >= left - 1e-6 and everything.get_right()[0] <= right + 1e-6
    assert everything.get_top()[1] <= 4.0 and everything.get_bottom()[1] >= -4.0


def test_edges_connect_their_neurons() -> None:
    d = diagram_for((2, 3, 1))
    for (l, j, i), edge in d.edges.items():
        source, target = d.neuron(l, i), d.neuron(l + 1, j)
        assert edge in source.out_edges and edge in target.in_edges
        assert np.linalg.norm(edge.get_start() - source.get_center()) == pytest.approx(source.radius, abs=1e-6)


def test_small_networks_label_every_edge_large_ones_use_tables() -> None:
    small = diagram_for((2, 2, 1))
    assert small.labels_on_edges and small.plan is not None
    assert set(small.plan.weight_slots) == set(small.edges)
    assert set(small.plan.bias_slots) == {(0, 0), (0, 1), (1, 0)}
    large = diagram_for((4, 4, 4, 4, 4))
    assert not large.labels_on_edges


def test_the_board_labels_each_edge_with_its_weight_entry() -> None:
    ctx = context_from(load_config())
    board = Board(ctx)
    assert set(board.weight_labels) == set(board.diagram.edges)
    for (l, j, i), label in board.weight_labels.items():
        assert label.entry == ("weights", l, j, i)
        assert label.get_value() == pytest.approx(round(ctx.trace.weights[l][j, i], 4))
        assert board.diagram.plan is not None
        slot = board.diagram.plan.weight_slots[(l, j, i)]
        assert label.get_center()[:2] == pytest.approx(slot.centre)
    assert board.bias_labels[(1, 0)].entry == ("biases", 1, 0)
    assert board.bias_labels[(1, 0)].get_value() == pytest.approx(0.6)
    after = Board(ctx, parameters="new_")
    assert after.weight_labels[(0, 0, 0)].entry == ("new_weights", 0, 0, 0)


def test_the_board_forgets_badges_it_clears() -> None:
    ctx = context_from(load_config())
    board = Board(ctx)
    board.place_badge(2, 0, board.badge(2, 0, "#ffffff"))
    assert board.badges[(2, 0)][1].entry == ("delta", 1, 0)
    assert len(board.clear_badges()) == 2 and not board.badges


def test_gradient_styles_encode_sign_and_size() -> None:
    grads = [np.array([[0.01, 0.02]]), np.array([[0.5, -0.1]])]
    styles = gradient_styles(grads, "#ff0000", "#0000ff", [1])
    assert set(styles) == {(1, 0, 0), (1, 0, 1)}
    assert styles[(1, 0, 0)][0] == "#ff0000" and styles[(1, 0, 1)][0] == "#0000ff"
    assert styles[(1, 0, 0)][1] > styles[(1, 0, 1)][1]
    # One scale for the whole network: a layer of small gradients stays thin (not scaled up to its own largest),
    # and the thinnest edge keeps the minimum width.
    every = gradient_styles(grads, "#ff0000", "#0000ff")
    assert every[(1, 0, 1)] == styles[(1, 0, 1)]
    assert every[(0, 0, 1)][1] < every[(1, 0, 1)][1] and min(w for _, w in every.values()) >= GRADIENT_MIN_WIDTH


def test_formula_keeps_its_numbers_in_order_and_on_one_baseline() -> None:
    nums = (Num(0.15, ("w",)), Num(-0.05, ("a",), factor=True), Num(0.35, ("b",)))
    f = Formula("z", "=", nums[0], r"\cdot", nums[1], "+", nums[2], decimals=4, color="#ffffff")
    assert [n.get_value() for n in f.numbers] == [0.15, -0.05, 0.35]
    assert [n.entry for n in f.numbers] == [("w",), ("a",), ("b",)]
    bottoms = {round(n.get_bottom()[1], 2) for n in f.numbers}
    assert len(bottoms) == 1
    lefts = [n.get_left()[0] for n in f.numbers]
    assert lefts == sorted(lefts)


def test_formula_wraps_at_plus_within_its_width() -> None:
    tokens = ["z", "="] + [
        t for k in range(6) for t in (*(["+"] if k else []), Num(0.1234, ("w",)), r"\cdot", Num(0.5678, ("a",)))
    ]
    f = Formula(*tokens, decimals=4, color="#ffffff", max_width=5.0)
    assert f.width <= 5.0 + 1e-6
    assert len({round(n.get_y(), 2) for n in f.numbers}) > 1  # more than one line


def test_numbers_have_no_thousands_separator() -> None:
    assert len(TraceNumber(2749.8083, ("loss",), 4, "#ffffff").submobjects) == len("2749.8083")


def test_neurons_grow_to_hold_their_widest_number_at_full_size() -> None:
    d = NetworkDiagram((2, 1), DARK, 4, widest_value="-124.1594")
    assert d.number_in(1, 0, -124.1594, ("a", 1, 0), "#ffffff").height >= 0.19
    assert d.neuron(1, 0).radius > diagram_for((2, 1)).neuron(1, 0).radius


def test_one_formatter_rounds_and_never_shows_minus_zero() -> None:
    assert format_number(-0.00001, 4) == "0.0000"
    assert format_number(0.12345, 2) == "0.12"
    mob = TraceNumber(-0.00001, ("z", 1, 0), 4, "#ffffff")
    assert isinstance(mob, DecimalNumber) and mob.get_value() == 0.0
    assert TraceNumber(0.74136507, ("a", 1, 0), 4, "#ffffff").get_value() == 0.7414


def test_themes_give_each_idea_its_own_colour() -> None:
    for theme in (DARK, LIGHT):
        ideas = {theme.forward, theme.error, theme.backward, theme.update}
        assert len(ideas) == 4 and theme.background not in ideas


def test_the_themes_are_the_ones_a_config_may_name() -> None:
    assert tuple(THEMES) == THEME_NAMES and list(THEMES.values()) == [DARK, LIGHT]


@pytest.mark.parametrize("layers", [(2, 2, 1), (2, 2, 2), (1, 2, 2), (3, 1, 1)])
def test_no_edge_crosses_a_bias_label(layers: tuple[int, ...]) -> None:
    """A bias label sits over its neuron where no edge passes through it (the default network's b = 0.3500 did)."""
    d = diagram_for(layers)
    assert d.plan is not None
    for key, slot in d.plan.bias_slots.items():
        assert not [k for k, edge in d.edges.items() if slot.crossed_by(edge.segment)], key
        neuron = d.neuron(key[0] + 1, key[1])
        assert slot.bottom > neuron.get_top()[1] and abs(slot.centre[0] - neuron.get_x()) < slot.width  # its own


def test_a_power_keeps_clear_of_the_closing_parenthesis() -> None:
    """(1 − 0.6033²): the raised 2 does not touch the ")" after it (tanh′ with its numbers)."""
    f = Formula("(", "1", "-", Num(0.6033, ("a",), factor=True), "^2", ")", decimals=4, color="#ffffff")
    power, paren = f.submobjects[-2], f.submobjects[-1]
    assert paren.get_left()[0] - power.get_right()[0] > 0.08  # a full gap (the default is 0.11)


def test_a_minus_sign_binds_to_its_number_and_a_minus_between_terms_does_not() -> None:
    """= −0.3359 · 0.3907 (a softmax slope): no gap after a sign; 1 − 0.6 keeps its gaps."""
    f = Formula(
        "J", "=", "-", Num(0.3359, ("y_hat", 1)), r"\cdot", Num(0.3907, ("y_hat", 0)), decimals=4, color="#ffffff"
    )
    minus, value = f.submobjects[2], f.numbers[0]
    assert value.get_left()[0] - minus.get_right()[0] < 0.02
    assert minus.get_left()[0] - f.submobjects[1].get_right()[0] > 0.08  # "= −": the gap before the sign stays
    g = Formula("1", "-", Num(0.6, ("a",)), decimals=4, color="#ffffff")
    assert g.numbers[0].get_left()[0] - g.submobjects[1].get_right()[0] > 0.08


def test_the_backward_key_says_what_the_white_line_marks() -> None:
    ctx = context_from(load_config())

    def texts(key: Mobject) -> set[str]:
        return {m.text.replace(" ", "") for m in key.get_family() if isinstance(m, Text)}

    assert HIGHLIGHT_WORDS.replace(" ", "") in texts(backward_key(ctx, highlight=True))
    assert HIGHLIGHT_WORDS.replace(" ", "") not in texts(backward_key(ctx))  # not in a step that lights nothing


@pytest.mark.parametrize("name", ["default", "classifier-2-3-3"])
def test_the_backward_key_says_which_path_and_leaves_room_under_it(name: str) -> None:
    """The white line's words name what it marks ("path followed", not a bare "followed"); every row of the key stays
    narrow enough to keep clear of the step title."""
    ctx = context_from(load_config(DEFAULT_CONFIG.parent / f"{name}.toml"))
    key = backward_key(ctx, highlight=True)
    assert HIGHLIGHT_WORDS == "path followed"
    assert all(row.width <= KEY_MAX_WIDTH + 1e-9 for row in key.submobjects)


@pytest.mark.parametrize("theme", THEME_NAMES)
def test_edge_labels_hide_the_edge_and_its_highlight_under_them(theme: str) -> None:
    """A weight (and a gradient beside it) sits on an opaque backing of the background colour, drawn above the edges
    (a highlighted edge's thick white line showed through a see-through backing, striking the number out)."""
    ctx = context_from(dataclasses.replace(load_config(), theme=theme))
    board = Board(ctx)
    d = board.diagram
    edge_z = max(e.z_index for e in d.edges.values())
    for key, label in board.weight_labels.items():
        backings = [board.weight_backgrounds[key], d.beside_label(key, 0.0007, ("gradients", *key), "#ffffff")[0]]
        for backing in backings:
            assert backing.get_fill_opacity() == pytest.approx(1.0)
            assert backing.get_fill_color().to_hex().lower() == THEMES[theme].background.lower()
            assert edge_z < backing.z_index < label.z_index
        low, high = (
            board.weight_backgrounds[key].get_corner([-1, -1, 0]),
            board.weight_backgrounds[key].get_corner([1, 1, 0]),
        )
        assert np.all(low[:2] <= label.get_corner([-1, -1, 0])[:2]) and np.all(
            label.get_corner([1, 1, 0])[:2] <= high[:2]
        )


def test_a_hidden_neuron_showing_its_delta_is_named_delta() -> None:
    """Where δ stands in a neuron for its value, the output neuron's label says δ⁽ᴸ⁾ₖ; a hidden one, which has no
    label, gets δ⁽ˡ⁾ⱼ near it (clear of every label and neuron, above the subtitles' strip), gone with the badges."""
    ctx = context_from(load_config())
    board = Board(ctx)
    d = board.diagram
    assert not d.badges_below  # the default network shows δ in the neurons
    board.values = {(l, j): board.number_in(l, j, "a", "#ffffff") for l, j in [(1, 0), (1, 1), (2, 0)]}
    others = [*d.all_neurons(), *board.weight_labels.values(), *board.bias_groups.values(), *d.io_labels]
    for j in (0, 1):
        board.show_badge(1, j, board.badge(1, j, "#ffffff"), None)
        name = board.delta_names[(1, j)]
        assert name[1].tex_string == rf"\delta^{{(1)}}_{{{j + 1}}}" and name in board.overlay()
        assert name.get_bottom()[1] >= SAFE_BOTTOM
        low, high = name.get_corner([-1, -1, 0])[:2], name.get_corner([1, 1, 0])[:2]
        for other in others:
            o_low, o_high = other.get_corner([-1, -1, 0])[:2], other.get_corner([1, 1, 0])[:2]
            assert not (np.all(low < o_high) and np.all(o_low < high)), (j, other)
    board.clear_badges()
    assert not board.delta_names


SHIPPED = sorted(DEFAULT_CONFIG.parent.glob("*.toml"))


def _box(mob: Mobject) -> tuple[np.ndarray, np.ndarray]:
    return mob.get_corner([-1, -1, 0])[:2], mob.get_corner([1, 1, 0])[:2]


def _apart(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> bool:
    return not (np.all(a[0] < b[1]) and np.all(b[0] < a[1]))


@pytest.mark.parametrize("path", [*SHIPPED, "largest"], ids=lambda p: getattr(p, "stem", str(p)))
def test_every_neuron_showing_its_delta_is_named(path) -> None:
    """Every shipped network and the largest: once δ stands in every neuron for its value (as the weight update
    starts), each hidden neuron has δ⁽ˡ⁾ⱼ near it or its column has δ⁽ˡ⁾ⱼ over it (0.0559 where 0.5842 was reads as an
    activation without it), each output's label says δ⁽ᴸ⁾ₖ; each name clear of the others, every neuron, title and
    label, crossed by no edge, inside the diagram's box, above the subtitles' strip."""
    from scenes.drawing import symbols
    from scenes.drawing.delta_names import column_tex
    from scenes.stage.board import COLUMN
    from tests.test_scenes import LARGEST

    ctx = context_from(parse_config(LARGEST) if path == "largest" else load_config(path))
    board = Board(ctx)
    d, layers = board.diagram, ctx.config.layers
    board.fill_values("a", "#ffffff")
    for layer in range(1, len(layers)):
        for j in range(layers[layer]):
            board.show_badge(layer, j, board.badge(layer, j, "#ffffff"), None)
    if d.badges_below:
        return  # δ under its neuron, the value stays in it
    for layer in range(1, len(layers) - 1):
        for j in range(layers[layer]):
            name = board.delta_names.get((layer, j)) or board.delta_names.get((layer, COLUMN))
            assert name is not None, (layer, j)
            assert name[-1].tex_string in (symbols.delta(layer, j), column_tex(layer))
    names = list(board.delta_names.values())
    fixed = [*d.titles, *d.io_labels, *board.label_mobjects()]
    for k, name in enumerate(names):
        box = _box(name)
        assert box[0][1] >= SAFE_BOTTOM - 1e-6 and box[1][1] <= d.area.top + 1e-6
        assert d.area.left - 1e-6 <= box[0][0] and box[1][0] <= d.area.right + 1e-6
        near = [other for other in [*fixed, *names[k + 1 :]] if not _apart(box, _box(other))]
        assert not near, (name[-1].tex_string, near)
        for neuron in d.all_neurons():  # clear of its outline (a name may sit in the corner of its box)
            gap = np.maximum(np.maximum(box[0] - neuron.get_center()[:2], neuron.get_center()[:2] - box[1]), 0.0)
            assert np.hypot(*gap) > d.radius, (name[-1].tex_string, neuron.layer, neuron.index)
        for edge in d.edges.values():
            points = np.linspace(edge.get_start()[:2], edge.get_end()[:2], 400)
            assert not np.all((points > box[0]) & (points < box[1]), axis=1).any(), (name[-1].tex_string, edge.key)


def test_a_pair_table_takes_the_largest_numbers_that_fit() -> None:
    """The softmax network's weight/gradient tables (backward pass, no labels on its edges): numbers at the largest of
    ``PAIR_SIZES`` whose table fits the room it is given (they were at 32 where 40 fitted: 13 px digits at 480p, not 17),
    smaller in less room, never below the legibility floor."""
    from scenes.drawing.style import LABEL_SIZE, TABLE_ROOMY_SIZE
    from scenes.drawing.tables import PAIR_SIZES, PairTable

    t = context_from(load_config(DEFAULT_CONFIG.parent / "classifier-2-3-3.toml")).trace
    for l in (0, 1):
        table = PairTable(l, t.weights[l], t.grad_weights[l], 4, "#ffffff", lambda g: "#ffffff", max_height=5.0)
        assert {round(n.font_size) for n in table.numbers} == {TABLE_ROOMY_SIZE} and table.height <= 5.0
        roomy = table.height
        tight = PairTable(
            l, t.weights[l], t.grad_weights[l], 4, "#ffffff", lambda g: "#ffffff", max_height=roomy - 0.05
        )
        assert LABEL_SIZE <= round(tight.numbers[0].font_size) < TABLE_ROOMY_SIZE and tight.height <= roomy - 0.05
        assert round(tight.numbers[0].font_size) in PAIR_SIZES
