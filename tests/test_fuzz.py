"""Random TOML documents only ever give a config (and so a trace) or a ConfigError."""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nnmath import ConfigError, batch_step, parse_config, train_step
from tests.strategies import config_documents, toml_document

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.lists(st.floats(-2, 2), max_size=5),
    st.lists(st.lists(st.integers(-2, 5), max_size=3), max_size=3),
    st.dictionaries(st.sampled_from(["a", "seed", "scale"]), st.integers(-2, 2), max_size=2),
)


def outcome(text: str) -> None:
    try:
        config = parse_config(text, "fuzz.toml")
    except ConfigError as exc:
        assert str(exc).startswith("fuzz.toml: ")
        assert "\n" not in str(exc)
        return
    with np.errstate(
        over="raise", divide="raise", invalid="raise"
    ):  # a valid config never overflows or divides by zero
        trace = train_step(config)
        batch = batch_step(config)
    assert np.isfinite(trace.loss) and np.isfinite(batch.loss)


@st.composite
def mutated_documents(draw: st.DrawFn) -> str:
    doc: dict[str, Any] = copy.deepcopy(draw(config_documents(data=draw(st.booleans()))))
    for _ in range(draw(st.integers(1, 3))):
        section = draw(st.sampled_from(sorted(doc)))
        table = doc[section]
        action = draw(st.sampled_from(["drop", "replace", "add", "drop-section"]))
        if action == "drop-section":
            del doc[section]
            if not doc:
                break
        elif action == "add":
            name = st.sampled_from(["extra", "seed", "decimals", "x", "hiden_activation", "los"])
            table[draw(st.one_of(name, st.text(min_size=1, max_size=6)))] = draw(junk)
        elif table:
            key = draw(st.sampled_from(sorted(table)))
            if action == "drop":
                del table[key]
            else:
                table[key] = draw(junk)
    return toml_document({k: {kk: vv for kk, vv in v.items() if vv is not None} for k, v in doc.items()})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated_documents())
def test_mutated_documents(text: str) -> None:
    outcome(text)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_arbitrary_text(text: str) -> None:
    outcome(text)


@settings(max_examples=100, deadline=None)
@given(doc=st.booleans().flatmap(lambda data: config_documents(data=data)))
def test_valid_documents_always_load(doc: dict[str, Any]) -> None:
    config = parse_config(toml_document(doc), "fuzz.toml")
    assert config.layers == tuple(doc["network"]["layers"])
