#!/usr/bin/env node
// Fails when feature folders import each other in a loop (src/<a>/… → src/<b>/… → … → src/<a>/…),
// and when source files import each other in a loop. Part of `npm run lint`.
// Every import counts, `import type` too: a loop of types is still a loop a reader has to untangle.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const srcDir = path.join(root, 'src');

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(entry.name) && !/\.(spec|d)\.ts$/.test(entry.name) ? [full] : [];
  });
}

function resolve(from, specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier.replace(/\.js$/, ''));
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

const files = sourceFiles(srcDir);
const fileEdges = new Map();
for (const file of files) {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  const targets = importedFiles.map((i) => resolve(file, i.fileName)).filter((t) => t && t.startsWith(srcDir));
  fileEdges.set(file, [...new Set(targets)]);
}

const featureOf = (file) => {
  const parts = path.relative(srcDir, file).split(path.sep);
  return parts.length > 1 ? parts[0] : null; // src/*.ts (the composition root) is no feature
};
const featureEdges = new Map();
const why = new Map();
for (const [file, targets] of fileEdges) {
  const from = featureOf(file);
  if (!from) continue;
  for (const target of targets) {
    const to = featureOf(target);
    if (!to || to === from) continue;
    if (!featureEdges.has(from)) featureEdges.set(from, new Set());
    featureEdges.get(from).add(to);
    if (!why.has(`${from}>${to}`)) why.set(`${from}>${to}`, `${path.relative(root, file)} → ${path.relative(root, target)}`);
  }
}

/** Strongly connected components with more than one node (Tarjan). */
function loops(edges) {
  let index = 0;
  const stack = [];
  const info = new Map();
  const found = [];
  const visit = (node) => {
    info.set(node, { index, low: index, onStack: true });
    index++;
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (!info.has(next)) {
        visit(next);
        info.get(node).low = Math.min(info.get(node).low, info.get(next).low);
      } else if (info.get(next).onStack) {
        info.get(node).low = Math.min(info.get(node).low, info.get(next).index);
      }
    }
    if (info.get(node).low === info.get(node).index) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        info.get(member).onStack = false;
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!info.has(node)) visit(node);
  return found;
}

let failed = false;
for (const component of loops(featureEdges)) {
  failed = true;
  console.error(`feature folders import each other in a loop: ${component.join(', ')}`);
  for (const from of component)
    for (const to of component)
      if (why.has(`${from}>${to}`)) console.error(`  ${from} → ${to}: ${why.get(`${from}>${to}`)}`);
}
for (const component of loops(new Map([...fileEdges].map(([f, t]) => [f, new Set(t)])))) {
  failed = true;
  console.error(`files import each other in a loop: ${component.map((f) => path.relative(root, f)).join(', ')}`);
}
if (failed) process.exit(1);
console.log(`no import loops among ${featureEdges.size} feature folders and ${files.length} files`);
