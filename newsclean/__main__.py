"""``python -m newsclean``: the same command line as the ``newsclean`` script."""

from newsclean.cli import main

raise SystemExit(main())
