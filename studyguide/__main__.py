"""Entry point for ``python -m studyguide``."""

from studyguide.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
