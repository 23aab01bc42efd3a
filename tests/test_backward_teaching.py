"""The backward pass as a class can follow it: δ and f′ defined where first used, every weight a formula uses on
screen while the formula is, a key whenever colour means a sign, no one path's product called the gradient, and
subtitles a student can read (the networks of ``tests/test_long_chain.py``: one construction each per run)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import numpy as np
import pytest
from manim import DOWN, LEFT, RIGHT, UP

from nnmath import load_config, parse_config, train_step
from nnmath.config import DEFAULT_CONFIG
from nnmath.notation import format_number, sub
from nnmath.paths import highlighted_path, long_chain_markdown, path_count, reuse_sentence
from scenes import BackwardPass
from scenes.drawing.narration import READING_RATE
from scenes.drawing.theme import theme_for
from scenes.drawing.typography import typeset
from scenes.formulas.activations import slope_formula
from scenes.formulas.backward_pass import DELTA_MEANING, DELTA_WORDS, SOFTMAX_SLOPE, cancellation
from scenes.formulas.long_chain import wrapped_note
from scenes.stage.board import Board
from scenes.stage.context import context_from
from scenes.words.backward_pass import slope_working
from tests.scene_probe import Recording, recorded, repeated_workings
from tests.test_scenes import LARGEST

CLASSIFIER = DEFAULT_CONFIG.parent / "classifier-2-3-3.toml"
PROJECT_WORDS = re.compile(r"\bseeds?\b|\bfocus\b|\btrace\b|sigmoid′|\bconfig\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Recording]]:
    folder, media = tmp_path_factory.mktemp("teaching"), tmp_path_factory.mktemp("media")
    largest = folder / "hidden-3.toml"
    largest.write_text(LARGEST)
    paths = {"default": DEFAULT_CONFIG, "softmax": CLASSIFIER, "hidden-3": largest}
    return {name: (path, recorded(BackwardPass, path, media)) for name, path in paths.items()}


def squeezed(text: str) -> str:
    """Without white space (a Text's ``text`` drops it)."""
    return re.sub(r"\s", "", text)


def plays(recording: Recording) -> dict[int, list[tuple[tuple[str | int, ...], tuple[str | int, ...] | None]]]:
    """(entry, place) of every number on screen, by play."""
    by_play: dict[int, list[tuple[tuple[str | int, ...], tuple[str | int, ...] | None]]] = {}
    for n in recording.numbers:
        if n.entry is not None:
            by_play.setdefault(n.play, []).append((n.entry, n.place))
    return by_play


@pytest.mark.parametrize("name", ["default", "softmax", "hidden-3"])
def test_delta_is_defined_before_any_delta(shown, name: str) -> None:
    _, recording = shown[name]
    sections = recording.sections
    meaning = sections.index("backward-delta-meaning")
    assert meaning < min(
        k for k, s in enumerate(sections) if s.startswith(("backward-delta-", "backward-softmax")) and k != meaning
    )
    assert DELTA_MEANING in recording.texts and squeezed(DELTA_WORDS) in map(squeezed, recording.texts)
    caption = recording.subcaptions[meaning].content
    assert "δ = ∂E/∂z" in caption and "how much the error changes when this neuron's z changes" in caption


@pytest.mark.parametrize(
    ("name", "slopes"),
    [
        ("default", ["backward-slope-2"]),
        ("softmax", ["backward-slope-1"]),
        ("hidden-3", ["backward-slope-4", "backward-slope-3"]),
    ],
)
def test_each_slope_is_defined_where_first_used_and_worked_once(shown, name: str, slopes: list[str]) -> None:
    """f′'s rule where it is first used; its numbers once, in the focus neuron's δ rows (lecturer review: σ′ = 0.5842
    · (1 − 0.5842) = 0.2429 was worked on screen and read twice, 14 s apart)."""
    path, recording = shown[name]
    config = load_config(path)
    t = train_step(config)
    assert [s for s in recording.sections if s.startswith("backward-slope")] == slopes
    for section in slopes:
        layer = int(section.rsplit("-", 1)[1])
        assert recording.sections.index(section) < recording.sections.index(f"backward-delta-{layer}")
        j = config.focus[layer - 1][0]
        slope = ("da_dz", layer - 1, j)
        assert slope not in {n.entry for n in recording.numbers if n.section == section}
        worked = {n.entry for n in recording.numbers if n.section == f"backward-delta-{layer}" and n.unit >= 0}
        assert ("a", layer, j) in worked  # f′ worked from a: its own row, or inside δ's where room is short
        working = slope_working(context_from(config), layer, j)  # "a(1 − a) = 0.5842 · (1 − 0.5842) = 0.2429"
        said = [c.content for c in recording.subcaptions if working.replace("-", "−") in c.content]
        assert len(said) <= 1, (working, said)  # never read twice (the screen works it once, where room allows)
    captions = " ".join(c.content for c in recording.subcaptions)
    assert "σ′(z) = σ(z)(1 − σ(z))" in captions
    if "tanh" in t.activations:
        assert "tanh′(z) = 1 − tanh²(z)" in captions


@pytest.mark.parametrize("name", ["default", "softmax", "hidden-3"])
def test_no_sub_computation_is_shown_twice(shown, name: str) -> None:
    """A worked row (σ′ = a(1 − a) with its numbers, δ = ŷ − y with its numbers) comes once in the clip."""
    _, recording = shown[name]
    assert not repeated_workings(recording)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "linear"])
def test_a_slope_row_adds_up_to_the_trace_slope(activation: str) -> None:
    text = LARGEST.replace('hidden_activation = "tanh"', f'hidden_activation = "{activation}"')
    ctx = context_from(parse_config(text))
    t, j = ctx.trace, 1
    row = slope_formula(ctx, 1, j)
    assert row.numbers[-1].entry == ("da_dz", 0, j) and row.numbers[-1].get_value() == pytest.approx(
        t.da_dz[0][j], abs=5e-5
    )
    a = float(t.a[1][j])
    expected = {"sigmoid": a * (1 - a), "tanh": 1 - a * a, "relu": float(t.z[1][j] > 0), "linear": 1.0}[activation]
    assert float(t.da_dz[0][j]) == pytest.approx(expected)


def same_value(entry: tuple[str | int, ...], depth: int) -> tuple[str | int, ...]:
    """The entry under one name for each value the trace keeps under several (ŷ is the output layer's a, ∂E/∂ŷ its
    ∂E/∂a, ∂z/∂w the a it multiplies, ∂E/∂b the δ, J's diagonal the output's f′)."""
    name, *index = entry
    if name == "y_hat":
        return ("a", depth, *index)
    if name == "x":
        return ("a", 0, *index)
    if name == "dE_dyhat":
        return ("dE_da", depth - 1, *index)
    if name == "dz_dw":
        return ("a", *index)
    if name == "grad_biases":
        return ("delta", *index)
    if name == "output_jacobian" and index[0] == index[1]:
        return ("da_dz", depth - 1, index[0])
    return entry


def unsourced_operands(recording: Recording, depth: int) -> list[tuple[int, str, tuple[str | int, ...]]]:
    """(play, section, entry) of every trace number a formula row computes with (an operand) while the number is
    nowhere else on screen where it can be read off: on the diagram (an edge, a neuron, a badge), on its own or in
    a table, as what another row comes to, or as what its own row comes to earlier on (its working in the row).
    A row is checked for as long as it is on screen, also while another row uses its result (a sum kept above the δ
    it gives still shows its weights: they stay with it, or it goes with them)."""
    found = []
    by_play: dict[int, list] = {}
    for n in recording.numbers:
        if n.entry is not None:
            by_play.setdefault(n.play, []).append(n)
    for play, numbers in by_play.items():
        # read off the diagram, a label of its own, a table, or a row's result (its own row's too: worked there)
        sources = {same_value(n.entry, depth) for n in numbers if n.place is not None or n.role != "operand"}
        # a neuron's a, where its δ (worked out from it) has taken the a's place in the neuron: the a was there when
        # the rows using it came (no room under the neuron for δ)
        sources |= {
            ("a", n.entry[1] + 1, n.entry[2])
            for n in numbers
            if n.place and n.entry[0] == "delta" and n.place[0] == "neuron"
        }
        found += [
            (play, n.section, n.entry)
            for n in numbers
            if n.role == "operand" and same_value(n.entry, depth) not in sources
        ]
    return found


@pytest.mark.parametrize("name", ["default", "softmax", "hidden-3"])
def test_every_number_a_formula_uses_is_on_screen_meanwhile(shown, name: str) -> None:
    """A weight, ∂E/∂ŷ, the next layer's δ, ∂ŷₘ/∂zₖ, …: every trace number a formula on the panel computes with is
    on screen elsewhere while the formula is (on its edge or neuron, in a table, as another row's result) or is
    worked out in the formula itself."""
    path, recording = shown[name]
    depth = len(load_config(path).layers) - 1
    missing = unsourced_operands(recording, depth)
    assert not missing, sorted({(section, entry) for _, section, entry in missing})[:12]
    operands = {same_value(n.entry, depth)[0] for n in recording.numbers if n.role == "operand" and n.entry}
    assert {"weights", "delta", "dE_da", "a"} <= operands, operands  # the sums, the δ rows, the slopes use them


def test_every_gradient_beside_a_weight_has_the_weight_with_it(shown) -> None:
    """Default network (labels on the edges): a gradient beside a weight has the weight with it."""
    _, recording = shown["default"]
    for play, numbers in plays(recording).items():
        on_edges = {entry for entry, place in numbers if place is not None and place[0] == "edge"}
        for entry, place in numbers:
            if place is not None and place[0] == "beside":
                assert entry[0] == "grad_weights" and ("weights", *entry[1:]) in on_edges, (play, entry)
    beside = {entry for n in recording.numbers if n.place and n.place[0] == "beside" for entry in [n.entry]}
    assert beside == {
        ("grad_weights", *key) for key in [(0, 0, 0), (0, 0, 1), (0, 1, 0), (0, 1, 1), (1, 0, 0), (1, 0, 1)]
    }


@pytest.mark.parametrize("name", ["default", "softmax", "hidden-3"])
def test_every_hidden_delta_has_its_sum_written_out_meanwhile(shown, name: str) -> None:
    """Every hidden neuron's δ = ∂E/∂a · f′(z), not only the worked one's, is on the panel only while its
    ∂E/∂aⱼ = Σₖ wₖⱼ δₖ is, with every weight and δ that sum uses."""
    path, recording = shown[name]
    layers = load_config(path).layers
    depth = len(layers) - 1
    checked: set[tuple[int, int]] = set()
    for play, numbers in plays(recording).items():
        if not next(n.section for n in recording.numbers if n.play == play).startswith("backward-delta-"):
            continue
        panel = {entry for entry, place in numbers if place is None}
        rows = {(e[1], e[2]) for e in panel if e[0] == "delta" and ("dE_da", e[1], e[2]) in panel}
        for l, j in rows:
            if l == depth - 1:
                continue  # an output neuron: its ∂E/∂ŷ came in with the error signal
            uses = {("weights", l + 1, k, j) for k in range(layers[l + 2])} | {
                ("delta", l + 1, k) for k in range(layers[l + 2])
            }
            assert uses <= panel, (name, play, (l, j), sorted(uses - panel))
            checked.add((l, j))
    assert checked == {(l, j) for l in range(depth - 1) for j in range(layers[l + 1])}


@pytest.mark.parametrize("name", ["default", "softmax", "hidden-3"])
def test_a_key_whenever_colour_means_a_sign(shown, name: str) -> None:
    path, recording = shown[name]
    theme = theme_for(load_config(path))
    signs = {theme.backward.upper(), theme.backward_negative.upper()}
    coloured = [(section, classes) for section, classes, edges in recording.screens if edges & signs]
    assert coloured, "the gradients colour the edges"
    assert all("SignKey" in classes for _, classes in coloured), [s for s, c in coloured if "SignKey" not in c][:3]


@pytest.mark.parametrize("name", ["default", "softmax"])
def test_one_path_is_never_called_the_gradient(shown, name: str) -> None:
    path, recording = shown[name]
    config = load_config(path)
    t = train_step(config)
    j, i = config.focus[0]
    n = path_count(t)
    heads = [s for s in recording.texts if s.startswith("P")]
    assert heads and all(s.replace(" ", "") in ("P=", "P") for s in heads)  # the path's product is P, never ∂E/∂w
    product = highlighted_path(t, config.focus).path.product
    caption = {s: c.content for s, c in zip(recording.sections, recording.subcaptions, strict=True)}
    if n > 1:
        assert product != pytest.approx(t.grad_weights[0][j, i])  # so calling it ∂E/∂w would be false
        assert f"one path's share; there are {n}" in caption["backward-long-chain-path"]
        assert f"The {n} paths' products add up to" in caption["backward-long-chain-sum"]
    else:
        assert "only path, so P is the gradient" in caption["backward-long-chain-path"]
    # the reason backprop goes through δ is on screen, not only in the subtitle
    assert any(squeezed("computes each δ once") in squeezed(s) for s in recording.texts)


@pytest.mark.parametrize("name", ["default", "softmax", "hidden-3"])
def test_subtitles_are_readable(shown, name: str) -> None:
    _, recording = shown[name]
    sentences: list[str] = []
    for cue in recording.subcaptions:
        seconds = (cue.end - cue.start).total_seconds()
        assert len(cue.content) / seconds <= 20, (cue.content, seconds)
        assert seconds >= len(cue.content) / READING_RATE - 0.01
        assert not PROJECT_WORDS.search(cue.content), cue.content
        sentences += [s for s in re.split(r"(?<=[.?!])\s+", cue.content) if len(s) > 25]
    assert len(sentences) == len(set(sentences)), [s for s in sentences if sentences.count(s) > 1]


@pytest.mark.parametrize("name", ["default", "hidden-3"])
def test_every_gradient_of_a_layer_has_its_weight_beside_it(shown, name: str) -> None:
    """On the diagram or, with no room there, in a table: while a layer's gradients are shown, so are its weights."""
    _, recording = shown[name]
    checked = 0
    for play, numbers in plays(recording).items():
        entries = {entry for entry, _ in numbers}
        for entry, _ in numbers:
            section = next(n.section for n in recording.numbers if n.play == play)
            if entry[0] == "grad_weights" and section.startswith("backward-gradients"):
                assert ("weights", *entry[1:]) in entries, (play, entry)
                checked += 1
    assert checked


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "linear"])
def test_a_slope_row_has_one_equals_sign_between_its_parts(activation: str) -> None:
    """σ′(z) = a · (1 − a) = 0.1868; relu: z = 0.3 > 0 ⇒ relu′(z) = 1; id′(z) = 1 (never "= = 1")."""
    text = LARGEST.replace('hidden_activation = "tanh"', f'hidden_activation = "{activation}"')
    ctx = context_from(parse_config(text))
    pieces = [p for p in slope_formula(ctx, 1, 1).written if isinstance(p, str)]
    assert all(not (a == b == "=") for a, b in itertools.pairwise(pieces)), pieces


def first_play(recording: Recording, section: str, shown: object) -> int:
    """The first play of ``section`` after which ``shown`` (a string on screen, or a test on the set of strings)
    holds; a large number if never."""
    test = shown if callable(shown) else (lambda texts: shown in texts)
    plays_of = [k for k, (s, texts) in enumerate(recording.screen_texts) if s == section and test(texts)]
    return min(plays_of, default=10**9)


def test_the_softmax_slope_comes_before_its_values_and_is_worked_out(shown) -> None:
    """Its formula first, then each ∂ŷₘ/∂zₖ with the numbers put in, then the sum, then the cancellation with
    Σₘ yₘ = 1 on screen; each number in the sum's row was on screen, with the ŷ it comes from, before the sum."""
    path, recording = shown["softmax"]
    config = load_config(path)
    t, layer, k = train_step(config), len(config.layers) - 1, config.focus[-1][0]
    section = "backward-softmax"
    slope = first_play(recording, section, SOFTMAX_SLOPE)
    by_play = plays(recording)
    panel = {p: {entry for entry, place in rows if place is None} for p, rows in by_play.items()}
    delta_row = min(p for p, entries in panel.items() if ("delta", layer - 1, k) in entries)
    for m in range(len(t.y)):
        value = min(p for p, entries in panel.items() if ("output_jacobian", m, k) in entries)
        assert slope < value < delta_row, m  # formula, then its values, then the sum using them
        # worked: on screen with the ŷ it is made of
        assert {("y_hat", k), ("y_hat", m)} <= panel[value]
    last = cancellation(layer)[-1]
    assert rf"\delta^{{({layer})}}_k" in last and r"\sum_m y_m = 1" in last
    assert delta_row < first_play(recording, section, last) < 10**9


def test_the_count_of_paths_claims_only_what_the_trace_shows(shown) -> None:
    """The words about why backprop goes through δ name the gradients that use δ⁽¹⁾ⱼ (on screen) and its value (in
    the subtitle), recomputed here from the trace; the answer key says the same words."""
    for name in ("default", "softmax"):
        path, recording = shown[name]
        config = load_config(path)
        t, (j, _) = train_step(config), config.focus[0]
        gradients = config.layers[0] + 1
        on_screen = " ".join(map(squeezed, recording.texts))
        assert squeezed(f"The same δ⁽¹⁾{sub(j + 1)} gives all {gradients} gradients of neuron {j + 1}") in on_screen
        assert "multiplications" not in on_screen
        captions = " ".join(c.content for c in recording.subcaptions)
        value = typeset(format_number(t.delta[0][j], config.decimals))
        assert f"The same δ⁽¹⁾{sub(j + 1)} = {value} gives all {gradients} gradients" in captions, name
        key = "\n".join(long_chain_markdown(t, config.focus, config.decimals))
        assert reuse_sentence(t, config.focus, config.decimals) in key


@pytest.mark.parametrize("name", ["default", "softmax", "hidden-3"])
def test_no_delta_label_sits_on_an_edge(shown, name: str) -> None:
    """Every δ under its neuron keeps clear of every edge's line (points along each edge, tested against the
    number's own box grown by the line's half width)."""
    path, _ = shown[name]
    ctx = context_from(load_config(path))
    board = Board(ctx)
    d = board.diagram
    if not d.badges_below:
        return
    for layer in range(1, len(ctx.config.layers)):
        for j in range(ctx.config.layers[layer]):
            _, mob = board.badge(layer, j, ctx.theme.text)
            low, high = mob.get_corner(DOWN + LEFT)[:2] - 0.03, mob.get_corner(UP + RIGHT)[:2] + 0.03
            for key, edge in d.edges.items():
                points = np.linspace(edge.get_start()[:2], edge.get_end()[:2], 200)
                inside = np.all((points > low) & (points < high), axis=1)
                assert not inside.any(), (name, layer, j, key)


def test_the_closing_words_play_while_the_gradients_are_on_the_edges(shown) -> None:
    """'Every weight and bias now knows which way …' is on screen only while the gradient numbers still are."""
    _, recording = shown["default"]
    cue = next(c for s, c in zip(recording.sections, recording.subcaptions, strict=True) if s == "backward-summary")
    assert "which way, and how strongly" in cue.content
    start, end = cue.start.total_seconds(), cue.end.total_seconds()
    during = [k for k, (_, time) in enumerate(recording.play_times) if start < time <= end]
    assert during
    by_play = plays(recording)
    for k in during:
        assert any(entry[0] == "grad_weights" and place is not None for entry, place in by_play.get(k, [])), k


def test_a_note_never_ends_on_one_word_or_starts_a_line_with_a_number() -> None:
    sentence = "Backprop lists no paths: each δ is computed once, from the next layer's δ, and every weight reuses it."
    for width in range(24, 40):
        lines = wrapped_note(sentence, width).split("\n")
        assert len(lines[-1].split(" ")) > 1, (width, lines)
        assert all(len(line) <= width for line in lines)
    lines = wrapped_note("With one path, its product is the gradient 0.0007 of it all", 28).split("\n")
    assert not any(re.match(r"[=\d(−-]", line) for line in lines), lines


@pytest.mark.parametrize("name", ["default", "hidden-3"])
def test_why_through_delta_is_beside_the_delta_it_names(shown, name: str) -> None:
    """The paragraph on why backprop goes through δ comes in beside ∂E/∂w = δ·a (whose δ it names), never on a
    panel cleared of it (on a large network the long sum goes first, once read)."""
    path, recording = shown[name]
    j = load_config(path).focus[0][0]
    why = squeezed("Backprop lists no paths")
    plays_with_why = [
        play
        for play, (section, texts) in enumerate(recording.screen_texts)
        if section == "backward-long-chain-sum" and any(why in squeezed(t) for t in texts)
    ]
    assert plays_with_why
    on_panel = plays(recording)
    for play in plays_with_why:
        assert (("delta", 0, j), None) in on_panel[play], play


@pytest.mark.parametrize("name", ["softmax"])
def test_why_paths_add_nothing_is_read_while_its_paragraph_is_on_screen(shown, name: str) -> None:
    """The paragraph on the paths whose product is 0 stays until its subtitle has been read (it is the long chain's
    subtle step): every cue saying so ends while the paragraph is still on screen."""
    _, recording = shown[name]
    paragraph = squeezed("Adding the")
    on = [
        play
        for play, (section, texts) in enumerate(recording.screen_texts)
        if section == "backward-long-chain-sum" and any(paragraph in squeezed(t) for t in texts)
    ]
    cues = [cue for cue in recording.cues if "add nothing" in cue.content]
    assert on and cues
    shown_until = recording.play_times[max(on) + 1][0]  # the play that takes it away starts (a wait is no play)
    for cue in cues:
        assert cue.end.total_seconds() <= shown_until + 1e-6, (cue.content, cue.end, shown_until)


@pytest.mark.parametrize("name", ["default", "softmax", "hidden-3"])
def test_a_hidden_delta_has_its_slope_worked_out_beside_it(shown, name: str) -> None:
    """Where the focus neuron's δ = ∂E/∂a · f′(z) is on a hidden layer's panel, f′'s working (a · (1 − a) from the
    neuron's a) is too, even where f′'s rule was written just before (on a panel cleared since)."""
    path, recording = shown[name]
    config = load_config(path)
    on_panel = plays(recording)
    for l in range(len(config.layers) - 2):
        j = config.focus[l][0]
        with_delta = [
            play
            for play, (section, _) in enumerate(recording.screen_texts)
            if section == f"backward-delta-{l + 1}" and (("delta", l, j), None) in on_panel.get(play, [])
        ]
        assert with_delta, (name, l)
        for play in with_delta:
            assert (("a", l + 1, j), None) in on_panel[play], (name, l, play)
