from groupcheck.cli import main

main()
