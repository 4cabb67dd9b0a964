"""Fuzz target for ``clean()``: the properties of tests/test_properties.py, for as long as you like.

With atheris installed (``pip install atheris``), coverage-guided::

    python fuzz/fuzz_clean.py -max_total_time=3600 fuzz/corpus

Without it, the same checks run under hypothesis with as many examples as you ask for::

    python fuzz/fuzz_clean.py --examples 20000

A crash is any exception other than ``NewscleanError``, an output word that is not in the input,
or two runs on the same input that disagree. See docs/robustness.md.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
sys.path.insert(0, str(TESTS))

import test_properties as props  # noqa: E402

from newsclean import clean  # noqa: E402
from newsclean.errors import NewscleanError  # noqa: E402


def check(data: bytes) -> None:
    """One input, read both as bytes and (when it decodes) as text."""
    sources: list[bytes | str] = [data]
    with contextlib.suppress(UnicodeDecodeError):
        sources.append(data.decode("utf-8"))
    for source in sources:
        try:
            article = clean(source)
        except NewscleanError:
            continue
        props.assert_no_invented_words(source, article)
        assert clean(source).to_dict(explain=True) == article.to_dict(explain=True)


def run_atheris(argv: list[str]) -> None:
    import atheris

    atheris.Setup(argv, check)
    atheris.Fuzz()


def run_hypothesis(examples: int) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    inputs = st.one_of(
        st.binary(max_size=2_000),
        props.fragments.map(lambda s: s.encode("utf-8", "surrogatepass")),
        props.mutated_pages(),
    )

    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
    @given(inputs)
    def fuzz(data: bytes) -> None:
        check(data)

    fuzz()
    print(f"{examples} examples: no failure")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, help="run under hypothesis with this many inputs")
    args, rest = parser.parse_known_args()
    if args.examples is None:
        try:
            run_atheris([sys.argv[0], *rest])
            return
        except ImportError:
            print("atheris is not installed: running under hypothesis", file=sys.stderr)
    run_hypothesis(args.examples or 5_000)


if __name__ == "__main__":
    main()
