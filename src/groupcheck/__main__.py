from groupcheck.cli import entry

entry()
