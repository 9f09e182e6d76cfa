"""The `skyledger` command line: a click group whose commands call library functions."""

from __future__ import annotations

import logging

import click

from skyledger import __version__
from skyledger.cli.extract import extract_cmd


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="skyledger")
@click.option("-v", "--verbose", is_flag=True, help="Log progress and diagnostics to stderr.")
def main(verbose: bool) -> None:
    """skyledger: a ledger of aerial incidents and their civilian fallout, built from reports."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="skyledger: %(levelname)s: %(message)s")


main.add_command(extract_cmd)
