"""``groupcheck --help`` as typer draws it on a page of ``COLUMNS`` columns or more (a
pipe's included): made from the typer app by ``python -m groupcheck.cli.fast``; do not
edit (a test compares it with what typer draws)."""

COLUMNS = 80

TEXT = (
    "Usage: groupcheck [OPTIONS] COMMAND [ARGS]...\n"
    "\n"
    "  Check education-group charters and rotation logs (集团化办学) against policy.\n"
    "\n"
    "Options:\n"
    "  -V, --version  Print the version and exit.\n"
    "  -h, --help     Show this message and exit.\n"
    "\n"
    "Commands:\n"
    "  schema      Print the JSON Schema of charter.yaml or rotations.yaml...\n"
    "  init        Create DIR/GROUP_ID/ with a commented charter.yaml and...\n"
    "  export      Write findings, a per-group per-year matrix, the exchanges...\n"
    "  fix         Fix what has a safe fix in the charters and logs under...\n"
    "  report      Write the 督导意见书 (inspection report: HTML, PDF or Word;...\n"
    "  rules       List the rule catalog: id, name, severity, parameters and...\n"
    "  explain     Explain one rule: what it checks, the policy text, how it...\n"
    "  completion  Print the shell completion script for bash, zsh or fish.\n"
    "  validate    Check every group under PATHS and report; exit 1 when a...\n"
    "  import      Turn spreadsheets into groupcheck files (import rotations...\n"
)
