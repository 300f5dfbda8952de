#!/usr/bin/env node
/**
 * `node bench/heap-diff.mjs A.heapsnapshot B.heapsnapshot [top]`: what grew between two V8 heap
 * snapshots (as written by `--heapsnapshot-signal`, `v8.writeHeapSnapshot` or DevTools), by
 * constructor: object count and self size in each, and the difference, largest growth first.
 * Objects are grouped as DevTools' Summary view groups them (an object or native by its
 * constructor name, a closure by its function name, strings, arrays, code… by their type), so
 * a map or cache that grows shows up as many more of its entries' constructor (and `(array)` or
 * `(system)` for its backing store). With one file it prints that snapshot's summary.
 */
import fs from "node:fs";

function summarise(file) {
  const snap = JSON.parse(fs.readFileSync(file, "utf8"));
  const { node_fields: fields, node_types: types } = snap.snapshot.meta;
  const typeNames = types[0];
  const width = fields.length;
  const iType = fields.indexOf("type");
  const iName = fields.indexOf("name");
  const iSize = fields.indexOf("self_size");
  const { nodes, strings } = snap;
  const groups = new Map();
  let total = 0;
  for (let i = 0; i < nodes.length; i += width) {
    const type = typeNames[nodes[i + iType]];
    const name = strings[nodes[i + iName]];
    const key = type === "object" || type === "native" ? name : type === "closure" ? `(closure) ${name || "anonymous"}` : `(${type})`;
    const size = nodes[i + iSize];
    total += size;
    const g = groups.get(key) ?? { count: 0, size: 0 };
    g.count += 1;
    g.size += size;
    groups.set(key, g);
  }
  return { groups, total, count: nodes.length / width };
}

const mb = (b) => (b / 2 ** 20).toFixed(2);
const [a, b, topArg] = process.argv.slice(2);
if (!a) {
  console.error("usage: node bench/heap-diff.mjs A.heapsnapshot [B.heapsnapshot] [top]");
  process.exit(2);
}
const top = Number(topArg ?? (b && /^\d+$/.test(b) ? b : 30));
const first = summarise(a);
if (!b || /^\d+$/.test(b)) {
  console.log(`${a}: ${first.count} objects, ${mb(first.total)} MB`);
  const rows = [...first.groups].sort((x, y) => y[1].size - x[1].size).slice(0, top);
  for (const [k, g] of rows) console.log(`${mb(g.size).padStart(9)} MB ${String(g.count).padStart(9)}  ${k}`);
  process.exit(0);
}
const second = summarise(b);
console.log(`A ${a}: ${first.count} objects, ${mb(first.total)} MB`);
console.log(`B ${b}: ${second.count} objects, ${mb(second.total)} MB (${second.total >= first.total ? "+" : ""}${mb(second.total - first.total)} MB)`);
console.log("   Δ size      Δ count     size B    count B  constructor");
const keys = new Set([...first.groups.keys(), ...second.groups.keys()]);
const rows = [...keys]
  .map((k) => {
    const x = first.groups.get(k) ?? { count: 0, size: 0 };
    const y = second.groups.get(k) ?? { count: 0, size: 0 };
    return { k, ds: y.size - x.size, dc: y.count - x.count, y };
  })
  .sort((p, q) => q.ds - p.ds)
  .slice(0, top);
for (const r of rows)
  console.log(
    `${`${r.ds >= 0 ? "+" : ""}${mb(r.ds)}`.padStart(9)} MB ${`${r.dc >= 0 ? "+" : ""}${r.dc}`.padStart(10)} ${mb(r.y.size).padStart(9)} MB ${String(r.y.count).padStart(9)}  ${r.k.slice(0, 100)}`,
  );
