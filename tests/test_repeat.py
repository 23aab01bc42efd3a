"""The epilogue scene, constructed without rendering: its learning rates and, for a deep network, the
gradient's size per layer, every number read from nnmath and checked by the probe after every play."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from nnmath import choose_learning_rates, load_config, train_step
from nnmath.config import DEFAULT_CONFIG
from nnmath.error_floor import at_floor, floor_exponent
from nnmath.notation import format_number, format_setting, sub, sup
from nnmath.regime_tags import tag, who
from nnmath.run_terms import FLOOR_WORDS, jump, read_at
from nnmath.vanishing import layer_delta_sizes, size_decimals
from scenes import Repeat
from scenes.drawing.log_plot import decade_latex, times_power
from scenes.drawing.style import SAFE_BOTTOM, SAFE_MARGIN
from tests.scene_probe import LAYOUT_KINDS, Recording, recorded
from tests.test_scenes import LARGEST, check_numbers_by_place

ASSETS = DEFAULT_CONFIG.parent
CONFIGS = ["default", "deep-sigmoid", "largest"]  # no rise up to the limit; a deep sigmoid; a rise (5 layers)


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    found = {name: ASSETS / f"{name}.toml" for name in [*CONFIGS, "classifier-2-3-3"] if name != "largest"}
    found["largest"] = tmp_path_factory.mktemp("configs") / "largest.toml"
    found["largest"].write_text(LARGEST)
    return found


@pytest.fixture(scope="module")
def shown(paths: dict[str, Path], tmp_path_factory: pytest.TempPathFactory):
    media = tmp_path_factory.mktemp("media")

    def get(name: str) -> Recording:
        return recorded(Repeat, paths[name], media)  # once per config in a test run (shared with test_scenes)

    return get


@pytest.mark.parametrize("name", CONFIGS)
def test_every_number_is_its_entry_and_legible(shown, paths, name: str) -> None:
    recording = shown(name)
    assert not check_numbers_by_place(recording, paths[name])
    assert not recording.problems_of(*LAYOUT_KINDS, "glyph", "morph"), recording.problems[:10]


@pytest.mark.parametrize("name", CONFIGS)
def test_every_run_is_shown_labelled_by_what_it_does(shown, paths, name: str) -> None:
    recording, config = shown(name), load_config(paths[name])
    regimes = choose_learning_rates(config)
    texts = {n.entry: n.text for n in recording.numbers if n.entry is not None}
    # a power of ten in the words is typeset as a formula (``scenes.drawing.powered_text``): read back as written
    joined = re.sub(r"10\^\{\\textstyle (-?\d+)\}", lambda m: f"10{sup(int(m[1]))}", "".join(recording.texts))
    for r, run in enumerate(regimes.compared):
        assert texts[("rate", r)] == format_setting(run.learning_rate)  # η as its setting: 16, not 16.0000
        final = ("rate_history", r, len(run.history) - 1)
        assert final in texts or ("mantissa", *final) in texts or at_floor(run.final, regimes.floor)
        assert tag(run, regimes).replace("\n", "").replace(" ", "") in joined  # the tag says what the run does
    captions = dict(zip(recording.sections, (c.content for c in recording.subcaptions), strict=True))
    for n, run in enumerate(regimes.compared, 1):
        caption = captions[f"repeat-rate-{n}"]
        assert caption.startswith(who(run, regimes)) if n > 1 else f" {who(run, regimes)}: " in caption, caption
    assert ("repeat-rates-none" in captions) == (not regimes.found_fault)
    assert "toolarge:" not in joined.replace("\n", "").replace(" ", "") or regimes.found_fault  # only with a fault


def test_tiny_errors_read_the_same_on_screen_and_in_the_subtitle(shown) -> None:
    """E₁₀₀ = 2.5 × 10⁻⁵ for η = 16 on the default network: scientific on screen and in the subtitle."""
    recording = shown("default")
    texts = {n.entry: n.text for n in recording.numbers if n.entry is not None}
    about_right = 2  # too small, the η you watched, about right, too large
    assert texts[("mantissa", "rate_history", about_right, 100)] == "2.5"
    captions = dict(zip(recording.sections, (c.content for c in recording.subcaptions), strict=True))
    assert "after 100 updates E = 2.5 × 10⁻⁵" in captions["repeat-rate-3"]
    assert not any(
        f"E{sub(k)}" in caption for caption in captions.values() for k in (0, 1, 10, 100)
    )  # E₁ is a loss term
    assert "0.00000" not in " ".join(captions.values())


def test_too_large_is_named_for_what_it_does(shown) -> None:
    """deep-sigmoid: η = 64 throws ŷ past its target into saturation, where E stays a decade above η = 8's; on the
    default network η = 64 does the same and E stays at twice η = 16's, a flat line above the curve that goes on
    down: a "too large" panel too, not "largest η tried"."""
    joined = "".join(shown("deep-sigmoid").texts).replace("\n", "").replace(" ", "")
    assert "toolarge:jumpspast" in joined
    default = shown("default")
    assert "toolarge:jumpspast" in "".join(default.texts).replace("\n", "").replace(" ", "")
    assert "largestηtried" not in "".join(default.texts)


def test_a_run_that_jumps_past_shows_the_jump_on_its_panel(shown) -> None:
    """Review: η = 64's panel said "jumps past, σ′ ≈ 0 holds it" while the evidence (ŷ 0.7514 → 7.1 × 10⁻⁶ in update 1)
    was only in the answer key. The panel shows ŷ before and after that update as trace numbers, and its subtitle
    reads those numbers, no others."""
    recording = shown("default")
    texts = {n.entry: n.text for n in recording.numbers if n.entry is not None}
    too_large = 3
    assert texts[("rate_y_hat", too_large, 0, 0)] == "0.7514"
    assert texts[("mantissa", "rate_y_hat", too_large, 1, 0)] == "7.1"
    # and the target it jumps past (lecturer review 7: "jumps past" with no target on the screen), a trace number
    target = [n for n in recording.numbers if n.entry == ("y", 0) and n.section == f"repeat-rate-{too_large + 1}"]
    assert target and {n.text for n in target} == {"0.0100"}
    captions = dict(zip(recording.sections, (c.content for c in recording.subcaptions), strict=True))
    caption = captions["repeat-rate-4"]
    assert "in update 1, ŷ jumps past its target, from 0.7514 to 7.1 × 10⁻⁶" in caption
    assert "σ′(z) = " not in caption  # the slope's value is on no panel


@pytest.mark.parametrize("name", CONFIGS)
def test_every_network_with_a_hidden_layer_shows_delta_per_layer(shown, paths, name: str) -> None:
    recording, config = shown(name), load_config(paths[name])
    assert recording.sections[-2:] == ["repeat-gradients", "repeat-gradients-meaning"]
    sizes = layer_delta_sizes(train_step(config))
    texts = {n.entry: n.text for n in recording.numbers if n.entry is not None}
    for l, size in enumerate(sizes):
        assert texts[("grad_size", l)] == format_number(float(size), size_decimals(float(size), config.decimals))
    caption = " ".join(c.content for c in recording.subcaptions)
    assert all(texts[("grad_size", l)] in caption for l in range(len(sizes)))


def test_the_deep_sigmoid_network_says_the_gradient_vanishes(shown) -> None:
    caption = " ".join(c.content for c in shown("deep-sigmoid").subcaptions)
    assert "shrinks at every layer" in caption and "at most 0.25" in caption and "times smaller" in caption


XOR_TEXT = (ASSETS / "xor.toml").read_text()
ROWS = {  # one sample that stalls; the cross-entropy floor, no fault; mini-batches judged per epoch; the widest note
    "default": (ASSETS / "default.toml").read_text(),
    "classifier-2-3-3": (ASSETS / "classifier-2-3-3.toml").read_text(),
    "xor-batch-1": XOR_TEXT.replace("batch_size = 4 ", "batch_size = 1 "),
    "largest": LARGEST,
}


@pytest.mark.parametrize("name", ROWS)
def test_the_panels_are_the_runs_labels_and_the_configs_eta_is_framed(name: str, tmp_path: Path) -> None:
    """The panels built as the scene builds them: each tag is the run's label from nnmath, "too large" only where
    the search found a fault, the config's own η the one framed panel, a floor read as "E < 10ⁿ", the decade
    labels apart and the whole row inside the frame."""
    from manim import tempconfig

    from nnmath import parse_config
    from nnmath.regime_tags import tag
    from nnmath.run_panels import shown
    from scenes.drawing.layout import step_title
    from scenes.repeat_rates import rate_layout
    from scenes.stage.context import context_from

    ctx = context_from(parse_config(ROWS[name], f"{name}.toml"))
    regimes = ctx.regimes
    with tempconfig({"media_dir": str(tmp_path)}):
        title = step_title(None, "Repeat", ctx.theme.text)
        note, key, start, guide, panels, scale = rate_layout(ctx, title)
        framed = [p for p in panels if p.framed(ctx.theme) is not None]
        tops = [(p.framed(ctx.theme) or p).get_top()[1] for p in panels]
    if note is not None:  # under the panels (never a column squeezing them), clear of them, inside the frame
        assert note.get_top()[1] < min(p.get_bottom()[1] for p in panels) - 0.2
        assert note.get_left()[0] >= -7.111 + SAFE_MARGIN - 0.01 and note.get_right()[0] < 7.111 - SAFE_MARGIN
        assert note.get_bottom()[1] > SAFE_BOTTOM
    assert name != "default" or regimes.found_fault  # η = 64 jumps past the target and stalls: too large
    runs = [run for _, run in shown(regimes)]  # a run that looks the same as a smaller η's has no panel
    words = lambda text: text.replace("\n", " ").split()  # noqa: E731  (the tag wraps to its panel's width)
    assert [words(p.tag.original_text) for p in panels] == [words(tag(run, regimes, ctx.decimals)) for run in runs]
    assert len({p.tag.original_text for p in panels}) == len(panels)  # no two panels read the same
    assert any("too large" in tag(run) for run in runs) == regimes.found_fault
    assert len(framed) == 1 and runs[panels.index(framed[0])].learning_rate == ctx.config.learning_rate
    # when E is read: once, over the panels, for all (four narrow panels wrote "after 100 updates" on two lines
    # each); only a run read at another step says its own
    e = "Ē" if ctx.config.is_dataset else "E"
    assert guide.original_text == f"under each plot:\n{e} after {regimes.steps} {regimes.unit}s"
    for panel, run in zip(panels, runs, strict=True):
        if at_floor(run.final, regimes.floor):
            assert panel.final[-1].tex_string == f"E < {decade_latex(floor_exponent(regimes.floor))}"
        assert len(panel.final) == 1 or read_at(run) != regimes.steps
    labels = sorted(scale, key=lambda m: m.get_center()[1])
    assert all(low.get_top()[1] + 0.1 < high.get_bottom()[1] for low, high in itertools.pairwise(labels))
    left = min(m.get_left()[0] for m in (*panels, *scale))
    right = max(p.get_right()[0] for p in panels)
    assert left > -7.1 and right < 7.1  # the frame is 14.2 × 8
    assert min(p.get_bottom()[1] for p in panels) > SAFE_BOTTOM and max(p.get_top()[1] for p in panels) < 3.4
    # the dashed line at E at the start: labelled under the key (its value the start's), above every panel, and
    # never on a decade line (softmax: E₀ = 0.9399 lay on 10⁰)
    assert start.get_top()[1] < key.get_bottom()[1]
    for panel, top in zip(panels, tops, strict=True):  # clear of what is over it: the key, its lines, the guide
        assert top < lowest_over(panel, [title, key, start, guide]) - 0.05
    assert [n.entry for n in start[1].numbers] == [("rate_history", 0, 0)]  # "at the start: E = 0.2748"
    for panel in panels:
        level = panel.start.get_center()[1]
        assert all(abs(line.get_center()[1] - level) > 0.07 for line in panel.plot.grid)
    jumps = any(jump(run, regimes) is not None for run in runs)  # ŷ and its target drawn in their colours
    assert [row[1].original_text for row in key] == [
        "learning rate η",
        "error Ē" if ctx.config.is_dataset else "error E",
        *(["output ŷ", "target y"] if jumps else []),
    ]
    assert not any(a.mob is not b.mob for a, b in overlapping_labels([title, key, start, guide, *panels, scale]))


def lowest_over(panel, above) -> float:
    """The lowest bottom of ``above`` over ``panel``'s width (the top of the frame where nothing is)."""
    left, right = panel.get_left()[0], panel.get_right()[0]
    return min((m.get_bottom()[1] for m in above if m.get_left()[0] < right and m.get_right()[0] > left), default=4.0)


def overlapping_labels(mobjects):
    """Pairs of text labels (Text, MathTex, Formula) among ``mobjects``' families whose boxes overlap."""
    from manim import MathTex, Text

    from scenes.drawing.formula import Formula
    from tests.scene_probe import measure, overlapping

    labels = [m for top in mobjects for m in top.get_family() if isinstance(m, Text | MathTex | Formula)]
    labels = [m for m in labels if not any(m in other.get_family() and m is not other for other in labels)]
    return list(overlapping([u for u in (measure(m) for m in labels) if u is not None]))


@pytest.mark.parametrize("name", ["default", "deep-sigmoid", "largest"])
def test_the_gradient_sizes_keep_clear_of_the_frames_edges(name: str, tmp_path: Path) -> None:
    """The bars, their heading and the sentence under them: below the title, above SAFE_BOTTOM (the subtitles'
    strip) and SAFE_MARGIN inside the frame's sides (the default network's three-line sentence used to touch the
    bottom edge), for the deepest network too."""
    from manim import tempconfig

    from nnmath import parse_config
    from scenes.drawing.layout import step_title
    from scenes.repeat import gradient_chart
    from scenes.stage.context import context_from

    text = LARGEST if name == "largest" else (ASSETS / f"{name}.toml").read_text()
    ctx = context_from(parse_config(text, f"{name}.toml"))
    with tempconfig({"media_dir": str(tmp_path)}):
        title = step_title(None, "Repeat", ctx.theme.text)
        chart = gradient_chart(ctx, title)
    parts = chart.everything()
    assert parts.get_bottom()[1] >= SAFE_BOTTOM - 0.01, parts.get_bottom()
    assert parts.get_top()[1] < title.get_bottom()[1] - 0.1
    assert parts.get_left()[0] > -7.111 + SAFE_MARGIN and parts.get_right()[0] < 7.111 - SAFE_MARGIN
    assert chart.sentence.get_top()[1] < chart.scale_note.get_bottom()[1]  # in order, none over another


def test_a_loss_at_its_floor_is_never_read_as_a_measured_error() -> None:
    """Softmax + cross-entropy with η = 64: one update takes E to ln of a clipped probability (≈ 10⁻¹⁵); the
    epilogue's words say "below 10⁻¹⁴" and name the computer's limit once, never the floor's digits."""
    from nnmath import parse_config
    from scenes.stage.context import context_from
    from scenes.words import repeat as words

    text = (ASSETS / "classifier-2-3-3.toml").read_text().replace("learning_rate = 0.5", "learning_rate = 64")
    ctx = context_from(parse_config(text, "fast.toml"))
    curve = words.repeat_curve(ctx).caption
    assert (
        "to below 10⁻¹⁴" in curve and "after 100 E < 10⁻¹⁴" in curve and "10⁻¹⁵" not in curve.replace(FLOOR_WORDS, "")
    )
    runs = [words.run_words(ctx, run, n == 1).caption for n, run in enumerate(ctx.regimes.compared, 1)]
    assert sum(FLOOR_WORDS in c for c in runs) == 1
    measured = [c.replace(FLOOR_WORDS, "") for c in runs]  # the floor words name ŷ's clipping, not an error
    assert not any("10⁻¹⁵" in c or "10⁻¹⁶" in c for c in measured)


@pytest.mark.parametrize("name", ["default", "classifier-2-3-3"])
def test_the_loss_curve_reads_e_at_its_ticks_and_no_leader_reads_as_a_minus(name: str, tmp_path: Path) -> None:
    """Both E axes of the main loss curve carry round values beside their ticks (0.1, 0.2, 0.3 for the default
    network's E₀ = 0.2748; 0.2 … 1 for the softmax's 0.9399); a label away from its dot has its leader meet its top
    or bottom edge, never its side, where a short line read as a minus sign ("−after 1 update"); every label finds
    a free place (the softmax's "after 10 updates" on two lines)."""
    from manim import tempconfig

    from nnmath import parse_config
    from scenes.drawing.colour_key import colour_key
    from scenes.drawing.layout import step_title
    from scenes.drawing.loss_curve import ZoomedRun
    from scenes.repeat import curve_markers
    from scenes.stage.context import context_from

    ctx = context_from(parse_config(ROWS[name], f"{name}.toml"))
    with tempconfig({"media_dir": str(tmp_path)}):
        run = ZoomedRun(ctx.history, ctx.theme)
        markers = curve_markers(
            ctx, run, [step_title(None, "Repeat", ctx.theme.text), colour_key(ctx.theme, ["error"])]
        )
    expected = {"default": ["0.1", "0.2", "0.3"], "classifier-2-3-3": ["0.2", "0.4", "0.6", "0.8", "1"]}[name]
    for curve, names in ((run.zoom, run.zoom_names), (run.whole, run.whole_names)):
        labels = [label.tex_string for label in curve.tick_labels]
        assert labels == expected and all(label in names for label in curve.tick_labels)
        origin = curve.c2p(0, 0)
        marks = [t.get_center()[1] for t in curve.axes.y_axis.ticks if t.get_center()[1] > origin[1] + 0.01]
        assert len(marks) == len(labels)
        for label, y, text in zip(curve.tick_labels, marks, labels, strict=True):
            assert abs(label.get_center()[1] - y) < 0.01 and label.get_right()[0] < origin[0]
            assert abs(curve.c2p(0, float(text))[1] - y) < 0.01  # the label is the value at its tick
        assert curve.tick_labels.get_left()[0] > -7.111 + SAFE_MARGIN
    leaders = [m for m in markers if m.placed and m.leader is not None]
    for m in leaders:
        end = m.leader.get_end()
        assert not (m.label.get_bottom()[1] + 0.02 < end[1] < m.label.get_top()[1] - 0.02), m.name
    assert all(m.placed for m in markers if not m.optional)
    assert not [m.name for m in markers if m.fell_back]  # each label at a free place, none over the band as it came


def test_the_keys_name_only_what_is_drawn(shown) -> None:
    """The learning-rate panels draw η in the update colour but no new values: their key says "learning rate η",
    and the dashed line's label reads E at the start with its value."""
    from scenes.drawing.theme import ROLES

    recording = shown("default")
    rates = [texts for section, texts in recording.screen_texts if section.startswith("repeat-rate")]
    update = ROLES["update"].replace(" ", "")  # the probe's texts are written without spaces
    assert any("learningrateη" in texts for texts in rates) and not any(update in texts for texts in rates)
    texts = {n.entry: n.text for n in recording.numbers if n.entry is not None}
    start = choose_learning_rates(load_config(DEFAULT_CONFIG)).compared[0].history[0]
    assert texts[("rate_history", 0, 0)] == format_number(float(start), 4) == "0.2748"


def test_tick_labels_read_at_the_places_they_need() -> None:
    """A round tick reads 0.001 and 1, never 0.0010 or 1.0 (a trailing zero says a precision the tick lacks)."""
    from scenes.drawing.loss_curve import e_ticks

    labels = [tex for top in (0.0012, 1.03, 0.3, 25.0) for _, tex in e_ticks(top)]
    assert {"0.001", "1", "0.15", "20"} <= set(labels)
    assert not [t for t in labels if "." in t and t.endswith("0")]


def test_tiny_tick_labels_have_one_digit_before_the_point() -> None:
    """A tick in scientific notation reads m × 10ᵖ with 1 ≤ m < 10 (1 × 10⁻⁴, never 10 × 10⁻⁵), and its value."""
    from scenes.drawing.loss_curve import e_ticks, tick_latex

    assert tick_latex(5, 2, -5) == rf"1 {times_power(-4)}" and tick_latex(6, 2, -5) == rf"1.2 {times_power(-4)}"
    assert tick_latex(3, 1, -7) == rf"3 {times_power(-7)}"
    for top in (1.1e-4, 2.5e-5, 6.3e-6, 1.3e-9):
        ticks = e_ticks(top)
        assert ticks
        for value, tex in ticks:
            mantissa, power = re.fullmatch(r"([\d.]+) \\times 10\^\{\\textstyle (-\d+)\}", tex).groups()  # type: ignore[union-attr]
            assert 1 <= float(mantissa) < 10 and float(mantissa) * 10.0 ** int(power) == pytest.approx(value), tex


def test_the_updates_key_leaves_with_the_network(shown) -> None:
    """The epilogue opens on the network as the update left it, its key ("η, new values") beside it: the key is on
    screen exactly while the network is, and goes in the same fade (never alone, never after it)."""
    recording = shown("default")
    with_key = [any("newvalues" in t for t in texts) for _, texts in recording.screen_texts]
    with_network = ["hidden" in texts for _, texts in recording.screen_texts]
    assert with_key[0] and with_key == with_network


AXIS_DIGITS_PX = 16.5  # at 854×480 (60 px a unit): the numbers of the epilogue's axes and the start line's key


def glyph_px(tex: str, size: float) -> float:
    """The height in px at 480p of the tallest glyph of ``tex`` typeset at ``size`` (its digits)."""
    from manim import MathTex

    return max(float(glyph.height) for glyph in MathTex(tex, font_size=size)[0]) * 480 / 8


def test_the_epilogue_axis_numbers_are_legible_at_480p() -> None:
    """Review: the log axis's 10⁰ / 10⁻³ … and the linear axis's 0.1 / 0.2 / 0.3 were about 7–8 px at 480p (font 28):
    the axis numbers (and the dashed line's key, drawn at the same size) are at least 14 px tall."""
    import numpy as np

    from scenes.drawing.log_plot import AXIS_NUMBER_SIZE, LogRunPlot
    from scenes.drawing.loss_curve import tick_labels

    plot = LogRunPlot(np.array([1.0, 1e-3, 1e-5]), -5, 0, "#ffffff", "#888888", 3.0, 2.0)
    for label in plot.decade_labels("#888888"):
        assert max(float(g.height) for g in label[0]) * 60 >= AXIS_DIGITS_PX
    for label in tick_labels([(np.zeros(3), "0.3")], "#888888"):
        assert max(float(g.height) for g in label[0]) * 60 >= AXIS_DIGITS_PX
    assert glyph_px("E = 0.2748", AXIS_NUMBER_SIZE) >= AXIS_DIGITS_PX


def test_the_start_label_keeps_clear_of_the_axis_numbers_and_name() -> None:
    """Review: in the first chart "at the start: E = 0.2748" overlapped the 0.3 tick label and the axis name E. It
    keeps at least 0.2 units (12 px) from each."""
    from scenes.drawing.label_search import box_of
    from scenes.drawing.loss_curve import ZoomedRun
    from scenes.repeat import curve_markers
    from scenes.stage.context import context_from

    ctx = context_from(load_config(DEFAULT_CONFIG))
    run = ZoomedRun(ctx.history, ctx.theme)
    start = curve_markers(ctx, run, [])[0]
    left, bottom, right, top = box_of(start.label)
    for name in run.zoom_names:
        n_left, n_bottom, n_right, n_top = box_of(name)
        apart = max(n_left - right, left - n_right, n_bottom - top, bottom - n_top)
        assert apart >= 0.2, (name, apart)  # the label search keeps 0.12 from every label; this is clearer


SHIPPED = sorted(p.stem for p in ASSETS.glob("*.toml"))
MIN_PLOT_PX = 150  # at 854×480 (60 px a unit): the default network's plots; 100 updates need room to be told apart


def labels_apart(a, b, gap: float) -> bool:
    """The boxes of ``a`` and ``b`` are at least ``gap`` apart, in x or in y."""
    return bool(
        a.get_left()[0] - b.get_right()[0] >= gap
        or b.get_left()[0] - a.get_right()[0] >= gap
        or a.get_bottom()[1] - b.get_top()[1] >= gap
        or b.get_bottom()[1] - a.get_top()[1] >= gap
    )


@pytest.mark.parametrize("name", [*SHIPPED, "largest"])
def test_every_panel_is_wide_enough_and_its_eta_clear_of_the_axis_numbers(name: str, tmp_path: Path) -> None:
    """Review: the softmax network's panels were 40 px wide (100 updates in 35 px; the no-fault note took a fourth
    column) and "10⁰" touched "η = 1/256". Every shipped config: each plot at least MIN_PLOT_PX wide, the decade
    labels at least 0.05 clear of every panel's η and tag, the row inside the frame and below the key."""
    from manim import tempconfig

    from nnmath import parse_config
    from scenes.drawing.layout import step_title
    from scenes.repeat_rates import rate_layout
    from scenes.stage.context import context_from

    text = LARGEST if name == "largest" else (ASSETS / f"{name}.toml").read_text()
    ctx = context_from(parse_config(text, f"{name}.toml"))
    with tempconfig({"media_dir": str(tmp_path)}):
        title = step_title(None, "Repeat", ctx.theme.text)
        note, key, start, guide, panels, scale = rate_layout(ctx, title)
    for panel in panels:
        assert panel.plot.axes.x_axis.width * 60 >= MIN_PLOT_PX - 0.01, (name, panel.plot.axes.x_axis.width * 60)
        for label in scale:
            assert labels_apart(label, panel.head, 0.05) and labels_apart(label, panel.tag, 0.05), label.tex_string
    everything = [*panels, *scale, *([note] if note is not None else [])]
    assert min(m.get_left()[0] for m in everything) >= -7.111 + SAFE_MARGIN - 0.01
    assert max(m.get_right()[0] for m in everything) <= 7.111 - SAFE_MARGIN + 0.01
    assert min(m.get_bottom()[1] for m in everything) > SAFE_BOTTOM
    # clear of the key's last line ("at the start: E = …") and of the guide: η = 64's labels 8 px under it read as
    # part of the key
    for panel in panels:
        assert panel.get_top()[1] <= lowest_over(panel, [title, key, start, guide]) - 0.2, name


def test_a_diverging_run_reads_the_same_step_on_its_panel_and_in_its_subtitle(tmp_path: Path) -> None:
    """Review: tanh-regression's η = 1.6 subtitle said "after 7 updates E > 10⁶" while its panel said "after 100
    updates": the panel reads E when it passed 10⁶, as the subtitle does."""
    from manim import tempconfig

    from nnmath.regimes import DIVERGES
    from scenes.drawing.layout import step_title
    from scenes.repeat_rates import rate_layout
    from scenes.stage.context import context_from
    from scenes.words import repeat as words

    ctx = context_from(load_config(ASSETS / "tanh-regression.toml"))
    with tempconfig({"media_dir": str(tmp_path)}):
        _, _, _, _, panels, _ = rate_layout(ctx, step_title(None, "Repeat", ctx.theme.text))
    from nnmath.run_panels import shown as shown_runs

    pairs = [(p, run) for p, (_, run) in zip(panels, shown_runs(ctx.regimes), strict=True) if run.label == DIVERGES]
    assert pairs  # the config that showed it
    for panel, run in pairs:
        after = " ".join(line.original_text for line in panel.final[0])
        caption = words.run_words(ctx, run).caption
        assert after == "after 7 updates" and f"{after} E > 10⁶" in caption, (after, caption)
        assert panel.final[1].tex_string == r"E > 10^{\textstyle 6}"


def test_the_probe_flags_small_exponents_and_chart_text() -> None:
    """Review: 10⁻³'s exponent was 6 px at 480p and the gradient chart's ticks 8–10 px; the probe allowed it. In the
    epilogue's charts it flags an exponent at script size, a formula under READ_FONT_SIZE and digits under
    READ_DIGIT_HEIGHT; the labels the charts draw pass."""
    from manim import MathTex

    from scenes.drawing.formula import Formula, Num
    from scenes.drawing.log_plot import AXIS_NUMBER_SIZE
    from scenes.drawing.style import CHART_SIZE, FORMULA_SIZE, SMALL_FORMULA_SIZE
    from tests.scene_probe import chart_size_problems, measure

    def problems(mob) -> list[str]:
        unit = measure(mob)
        assert unit is not None
        return list(chart_size_problems([unit], {}))

    assert problems(MathTex("10^{-3}", font_size=AXIS_NUMBER_SIZE))  # the exponent at 70 %
    assert problems(MathTex(decade_latex(-3), font_size=SMALL_FORMULA_SIZE))  # 32: digits 13 px
    assert problems(MathTex(decade_latex(-3), font_size=FORMULA_SIZE))  # 34: digits 14 px (review 10: "~10 px")
    assert not problems(MathTex(decade_latex(-3), font_size=AXIS_NUMBER_SIZE))
    assert not problems(MathTex(r"\delta^{\textstyle (1)}", font_size=CHART_SIZE))
    # a formula's symbols too, not only its numbers' digits: "E = 2.5 × 10⁻⁵" at 34 (review 10: "~10 px")
    e = ["E", "=", Num(2.5, ("mantissa", "rate_history", 2, 100)), times_power(-5)]
    assert problems(Formula(*e, decimals=1, color="#FFFFFF", font_size=FORMULA_SIZE))
    assert not problems(Formula(*e, decimals=1, color="#FFFFFF", font_size=CHART_SIZE))
    assert problems(Formula(*e, decimals=1, color="#FFFFFF", font_size=CHART_SIZE).scale(0.8))  # scaled down later
    assert glyph_px(decade_latex(-3), AXIS_NUMBER_SIZE) >= AXIS_DIGITS_PX
    exponent = MathTex(decade_latex(-3), font_size=AXIS_NUMBER_SIZE)[0][-1]  # the 3 of −3
    assert exponent.height * 60 >= AXIS_DIGITS_PX


def test_a_power_of_ten_in_the_words_is_as_tall_as_its_digits() -> None:
    """Lecturer review 7 (FINDINGS-6 #8's remainder): "below 10⁻¹⁴ in 1 update" and the no-fault note, which the
    subtitles read, wrote the exponent in superscript characters ~7 px tall at 480p; it is typeset as the decade
    labels are (digits ≥ 14 px), on the words' baseline, and words without a power stay one plain Text."""
    from manim import MathTex, Text

    from scenes.drawing.powered_text import PoweredText, powered_text
    from scenes.drawing.style import LABEL_SIZE

    plain = Text("below 10⁻¹⁴ in 1", font_size=LABEL_SIZE)
    assert max(g.height for g in plain[8:10]) * 60 < 10  # the old superscript "¹⁴" (of "below10⁻¹⁴in1"): ~7 px
    words = powered_text("fast enough:\nbelow 10⁻¹⁴ in 1\nupdate", LABEL_SIZE, "#FFFFFF")
    assert isinstance(words, PoweredText) and words.original_text == "fast enough:\nbelow 10⁻¹⁴ in 1\nupdate"
    power = next(m for m in words.get_family() if isinstance(m, MathTex))
    assert power.tex_string == decade_latex(-14)
    assert min(g.height for g in power[0][-2:]) * 60 >= AXIS_DIGITS_PX - 0.5  # the "14" of −14
    line = words[1]
    below, one = line[0], line[2]  # "below" and "in 1": the power's "1" sits on their baseline
    assert abs(power[0][0].get_bottom()[1] - below[0].get_bottom()[1]) < 0.02
    assert abs(one[-1].get_bottom()[1] - below[0].get_bottom()[1]) < 0.02
    assert below.get_right()[0] < power.get_left()[0] < power.get_right()[0] < one.get_left()[0]
    assert isinstance(powered_text("falls slowly", LABEL_SIZE, "#FFFFFF"), Text)


def test_a_jumps_caption_and_an_error_times_a_power_of_ten_are_in_their_colours(tmp_path: Path) -> None:
    """Lecturer review 10 (D6): in η = 64's caption ŷ and the target were white, though ŷ is a value (blue) and y the
    target (magenta) everywhere else; in "E = 2.5 × 10⁻⁵" only 2.5 was in the error colour. ŷ with its values, and the
    word target with its value, take their roles' colours (and the key names them); an m × 10ⁿ is one number in one
    colour."""
    from manim import tempconfig

    from scenes.drawing.layout import step_title
    from scenes.repeat_rates import rate_layout
    from scenes.stage.context import context_from

    ctx = context_from(load_config(DEFAULT_CONFIG))
    theme = ctx.theme
    with tempconfig({"media_dir": str(tmp_path)}):
        _, key, _, _, panels, _ = rate_layout(ctx, step_title(None, "Repeat", theme.text))

    def colour(mob) -> str:
        return mob.get_fill_color().to_hex().upper()

    jumping = [p for p in panels if p.jump is not None]
    assert len(jumping) == 1
    caption, target = jumping[0].jump[:-1], jumping[0].jump[-1]
    for line in caption:
        for piece, written in zip(line.submobjects, line.written, strict=True):
            expected = theme.text if written == r"\to" else theme.forward  # ŷ: 0.7514 → 7.1 × 10⁻⁶
            assert colour(piece) == expected.upper(), written
    assert {colour(piece) for piece in target.submobjects} == {theme.target.upper()}  # target 0.0100
    assert {"output ŷ", "target y"} <= {row[1].original_text for row in key}
    powered = [p.final[-1] for p in panels if any("times" in str(w) for w in getattr(p.final[-1], "written", []))]
    assert len(powered) == 2  # η = 16 and η = 64: E = 2.5 × 10⁻⁵, E = 5.0 × 10⁻⁵
    for value in powered:
        lhs, equals, *number = value.submobjects
        assert colour(lhs) == colour(equals) == theme.text.upper()
        assert {colour(piece) for piece in number} == {theme.error.upper()}


def roles_drawn(recording: Recording, theme) -> list[set[str]]:
    """The colour roles of the numbers on screen after each play (a coloured number: a meaning the key must name)."""
    from scenes.drawing.theme import role_colors

    role_of = {color.upper(): role for role, color in role_colors(theme).items()}
    drawn: list[set[str]] = [set() for _ in range(recording.plays)]
    for n in recording.numbers:
        if n.color in role_of:
            drawn[n.play].add(role_of[n.color])
    return drawn


@pytest.mark.parametrize("name", ["default", "classifier-2-3-3", "largest"])
def test_every_key_lists_only_colours_on_screen(shown, paths, name: str) -> None:
    """Lecturer review (repeat words #2): from the first learning-rate panel the default network's key listed "output
    ŷ" and "target y", which only η = 64's panel (the fourth) draws; and the curve's key "error E" came with the title,
    before anything red. After each play, and halfway through it, every role a visible key names is the colour of a
    number on screen (then, or before the play)."""
    from scenes.drawing.theme import theme_for

    recording = shown(name)
    drawn = roles_drawn(recording, theme_for(load_config(paths[name])))
    extra = [
        (recording.screen_texts[p][0], p, sorted(keyed - drawn[p]))
        for p, keyed in enumerate(recording.keys)
        if keyed - drawn[p]
    ]
    extra += [
        (recording.screen_texts[p][0], p, sorted(keyed - drawn[p] - drawn[p - 1]))
        for p, keyed in enumerate(recording.keys_mid)
        if p and keyed - drawn[p] - drawn[p - 1]
    ]
    assert not extra, extra


def test_the_default_keys_output_and_target_come_with_the_jumps_panel(shown) -> None:
    """ŷ and the target join the learning-rate key with η = 64's panel (the fourth), where they are drawn, and stay."""
    recording = shown("default")
    rates = [(section, keys) for (section, _), keys in zip(recording.screen_texts, recording.keys, strict=True)]
    with_output = {section for section, keys in rates if {"forward", "target"} <= keys}
    assert with_output == {"repeat-rate-4"}, with_output
    assert not any("forward" in keys for section, keys in rates if section in {f"repeat-rate-{n}" for n in (1, 2, 3)})


def test_the_no_fault_words_say_what_the_panels_show(shown) -> None:
    """Lecturer review (repeat words #1): on the largest network the note and its subtitle said every η from 51.2 up
    "brought E to 9.6 × 10⁻⁹ or lower" while both panels from 51.2 up read E < 10⁻¹³ (9.6 × 10⁻⁹ is η = 102.4's, which
    has no panel). The note, the subtitle and the voice first say what the panels show, in the panels' terms, and
    then the bound every η tried keeps; the "× 10⁻⁹" is typeset as the panels typeset it, never as Text."""
    recording = shown("largest")
    captions = dict(zip(recording.sections, (c.content for c in recording.subcaptions), strict=True))
    spoken = dict(recording.script)
    said = "η = 51.2 and η = 819.2 brought E below 10⁻¹³"
    assert captions["repeat-rates-none"].startswith(f"{said}, and every η from 51.2 up to 819.2 brought it "
                                                    "down to 9.6 × 10⁻⁹ or lower: "), captions["repeat-rates-none"]  # fmt: skip
    assert spoken["repeat-rates-none"].startswith(
        "Learning rates of fifty one point two and eight hundred nineteen point two brought the error down to almost "
        "zero, and every one from"
    ), spoken["repeat-rates-none"]
    panels = [t for section, texts in recording.screen_texts if section == "repeat-rate-4" for t in texts]
    assert r"E < 10^{\textstyle -13}" in panels  # what the panels read
    notes = [t for section, texts in recording.screen_texts if section == "repeat-rates-none" for t in texts]
    assert any(t.replace(" ", "").startswith("η=51.2andη=819.2broughtEbelow") for t in notes), notes
    from scenes.drawing.powered_text import times_latex

    assert times_latex(-9) in notes  # "× 10⁻⁹" typeset as the panels' "2.5 × 10⁻⁵" is …
    assert not [t for t in recording.texts if "×" in t]  # … and never in a Text's own glyphs ("9.6 ×10⁻⁹")


@pytest.mark.parametrize("theme", ["dark", "light"])
@pytest.mark.parametrize("name", ["default", "classifier-2-3-3", "largest"])
def test_a_leader_never_reads_as_part_of_a_curve(name: str, theme: str, tmp_path: Path) -> None:
    """Lecturer review 12: the default network's "at the start: E = 0.2748" sat at E ≈ 0.12 with a solid red leader
    down to it, the E curve's colour, so before any update was drawn E seemed to fall to 0.1. Every leader is
    dashed, thinner than the curves, in the theme's muted grey (no role's colour); E at the start sits beside or
    above its point."""
    from manim import DashedLine, tempconfig

    from nnmath import parse_config
    from scenes.drawing.colour_key import colour_key
    from scenes.drawing.layout import step_title
    from scenes.drawing.loss_curve import ZoomedRun
    from scenes.drawing.theme import THEMES, role_colors
    from scenes.repeat import curve_markers
    from scenes.stage.context import context_from

    text = re.sub(r'(?m)^theme = "\w+"', "", ROWS[name]).replace("[display]", f'[display]\ntheme = "{theme}"', 1)
    ctx = context_from(parse_config(text, f"{name}.toml"))
    assert ctx.theme.background == THEMES[theme].background
    with tempconfig({"media_dir": str(tmp_path)}):
        run = ZoomedRun(ctx.history, ctx.theme)
        markers = curve_markers(
            ctx, run, [step_title(None, "Repeat", ctx.theme.text), colour_key(ctx.theme, ["error"])]
        )
    curve_colours = {c.upper() for c in role_colors(ctx.theme).values()}
    for m in markers:
        if m.leader is not None:
            colour = m.leader.get_stroke_color().to_hex().upper()
            assert colour == ctx.theme.muted.upper() and colour not in curve_colours, (m.name, colour)
            assert isinstance(m.leader, DashedLine) and m.leader.get_stroke_width() < 2, m.name
    start = markers[0]
    assert start.name == "E after 0" and start.placed
    assert start.label.get_top()[1] >= start.point[1] - 0.01, "E at the start sits below its point"
