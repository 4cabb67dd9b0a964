"""Block copies: each stage's copy changes only what it says and keeps every other field."""

from __future__ import annotations

import dataclasses

from newsclean.model import Block, Features, Kind


def _block() -> Block:
    return Block(
        index=7,
        text="A paragraph.",
        kind=Kind.QUOTE,
        features=Features(chars=12, words=2, tag="blockquote"),
        score=1.5,
        components=(("length", 1.5),),
        kept=True,
        reasons=("rule:site:keep",),
    )


def _other_fields(block: Block, changed: set[str]) -> dict[str, object]:
    return {
        f.name: getattr(block, f.name) for f in dataclasses.fields(Block) if f.name not in changed
    }


def test_with_reason_appends_the_reason_and_keeps_every_other_field() -> None:
    block = _block()
    decided = block.with_reason("body-stretch", kept=False)
    assert decided.reasons == ("rule:site:keep", "body-stretch")
    assert decided.kept is False
    assert _other_fields(decided, {"reasons", "kept"}) == _other_fields(block, {"reasons", "kept"})


def test_with_score_sets_score_and_components_and_keeps_every_other_field() -> None:
    block = _block()
    scored = block.with_score(-0.25, (("link-density", -0.25),))
    assert (scored.score, scored.components) == (-0.25, (("link-density", -0.25),))
    changed = {"score", "components"}
    assert _other_fields(scored, changed) == _other_fields(block, changed)


def test_copies_name_every_field() -> None:
    # with_reason and with_score build the copy field by field: a new field must be added there.
    assert [f.name for f in dataclasses.fields(Block)] == [
        "index",
        "text",
        "kind",
        "features",
        "score",
        "components",
        "kept",
        "reasons",
    ]


def test_no_stage_changes_the_blocks_it_is_given() -> None:
    """Blocks are not frozen (for speed), so the one-way flow is checked here: scoring and the
    context pass return new blocks and leave their input as it was."""
    from pathlib import Path

    from newsclean.context import decide
    from newsclean.score import score_blocks
    from newsclean.settings import DEFAULT_SETTINGS
    from newsclean.text import segment_text

    seed = Path(__file__).parent.parent / "samples" / "japannews-nato-korea.txt"
    blocks, _ = segment_text(seed.read_text(encoding="utf-8"), max_blocks=1_000)
    before = [dataclasses.astuple(b) for b in blocks]
    scored = score_blocks(blocks, DEFAULT_SETTINGS)
    assert [dataclasses.astuple(b) for b in blocks] == before
    scored_before = [dataclasses.astuple(b) for b in scored]
    decided = decide(scored, DEFAULT_SETTINGS)
    assert [dataclasses.astuple(b) for b in scored] == scored_before
    assert any(b.kept for b in decided) and not any(b.kept for b in scored)
