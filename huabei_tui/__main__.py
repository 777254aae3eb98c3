"""``python -m huabei_tui`` is the same as the ``huabei`` command."""

from huabei_tui.cli.main import main

raise SystemExit(main())
