import { test } from "vitest";
import { safeStringify } from "../src/serialize/safe-stringify.js";
const time = (label: string, f: () => string) => { const t = performance.now(); const s = f(); console.log(label, s.length, Math.round(performance.now() - t), "ms"); };
test("dag", () => {
  const node: Record<string, unknown> = { name: "root" };
  node.self = node;
  node.child = { parent: node, list: [node] };
  time("dag 1MB", () => safeStringify(node));
  const doc = "lorem ipsum ".repeat(100_000);
  const sharedStr = Array.from({ length: 1000 }, () => ({ doc }));
  time("shared string x1000", () => safeStringify(sharedStr));
  const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
  time("shared wide x1000", () => safeStringify(Array.from({ length: 1000 }, () => wide)));
  const msgs = Array.from({ length: 200 }, (_, i) => ({ role: "user", content: `message ${i} `.repeat(50), meta: { i, tags: ["a", "b"], at: new Date(0) } }));
  time("typical", () => safeStringify({ messages: msgs }));
  const t = performance.now(); for (let i = 0; i < 100; i++) JSON.stringify({ messages: msgs }); console.log("JSON.stringify typical x1", ((performance.now() - t) / 100).toFixed(2), "ms");
  const t2 = performance.now(); for (let i = 0; i < 100; i++) safeStringify({ messages: msgs }); console.log("safeStringify typical x1", ((performance.now() - t2) / 100).toFixed(2), "ms");
});
