// Not part of `pnpm bench`: prints the functions with the most self time in a
// .cpuprofile (from node --cpu-prof), with their file and line, and the share
// of samples per package, so hot spots can be quoted as evidence.
import { readFileSync } from "node:fs";

const [file, top = "25"] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfTicks = new Map();
for (const id of profile.samples) selfTicks.set(id, (selfTicks.get(id) ?? 0) + 1);
const total = profile.samples.length;

const byFunction = new Map();
const byPackage = new Map();
for (const [id, ticks] of selfTicks) {
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  const short = url.replace(/^file:\/\//, "").replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, "").replace(/^\/work\/main\//, "");
  const key = `${functionName || "(anonymous)"}  ${short}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + ticks);
  const pkg = short.match(/^packages\/([^/]+)/)?.[1] ?? short.match(/^(@[^/]+\/[^/]+|[^/(]+)/)?.[1] ?? short;
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ticks);
}
const pct = (ticks) => `${((ticks / total) * 100).toFixed(1).padStart(5)}%`;
console.log(`${total} samples`);
console.log("\nself time by package/source:");
for (const [pkg, ticks] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${pct(ticks)}  ${pkg}`);
console.log("\nself time by function:");
for (const [key, ticks] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) console.log(`${pct(ticks)}  ${key}`);
