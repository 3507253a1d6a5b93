"""`python -m eenvoudig` runs the command line."""

from eenvoudig.cli import main

main()
