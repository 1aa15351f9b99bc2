"""`python -m attache.cli`: the same as the `attache` script."""

from . import main

main()
