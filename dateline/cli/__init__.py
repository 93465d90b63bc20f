"""Command line: ``dateline`` (click). See dateline.cli.main for the group and how commands register."""
