"""A caption cut into cues a player can show: two lines of at most 42 characters, the words kept in order, a cue
ending at a sentence's end where one falls late in it, no short cue flashing by, each cue's time by its length."""

from __future__ import annotations

import itertools

import pytest

from scenes.drawing.subtitle_cues import LINE_LENGTH, cue_texts, cue_times

LONG = (
    "The learning rate η sets the step size. The same 100 updates with other η, E on a log scale (grid lines 10 "
    "times apart; the dashed line is E at the start): η = 0.03125, too small: the error never rises, but falls "
    "slowly: after 100 updates E = 0.1648."
)


@pytest.mark.parametrize("caption", [LONG, "Short.", "One two three four five six seven eight nine ten. " * 7])
def test_cues_keep_the_words_in_two_short_lines(caption: str) -> None:
    cues = cue_texts(caption)
    assert " ".join(" ".join(cue.split()) for cue in cues) == " ".join(caption.split())
    for cue in cues:
        lines = cue.splitlines()
        assert 1 <= len(lines) <= 2 and all(len(line) <= LINE_LENGTH for line in lines), cue


def test_a_cue_ends_at_a_sentence_when_one_falls_late_and_the_last_is_not_a_flash() -> None:
    cues = cue_texts("A first sentence that runs on for quite a while here. Then a second one that follows it on. End.")
    assert cues[0].endswith("here.")
    assert len(" ".join(cue_texts(LONG)[-1].split())) >= 20


def test_each_cue_is_on_screen_for_its_share_of_the_caption() -> None:
    cues = cue_texts(LONG)
    times = cue_times(cues, 14.0)
    assert times[0][0] == 0.0 and sum(seconds for _, seconds in times) == pytest.approx(14.0)
    for (start, seconds), (following, _) in itertools.pairwise(times):
        assert start + seconds == pytest.approx(following)
    rates = {round(len(" ".join(cue.split())) / seconds, 6) for cue, (_, seconds) in zip(cues, times, strict=True)}
    assert len(rates) == 1  # every cue reads at the caption's pace
