"""`python -m skyledger`: the command line."""

from skyledger.cli import main

main()
