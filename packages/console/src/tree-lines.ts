// Walks a trace tree into indented lines with tree glyphs (├─ └─ │), each span
// followed by the scores that target it. Iterative, so deep traces cannot overflow the stack.
import type { Score, TraceTreeNode } from "@tracehub/core";
import type { Painter } from "./ansi.js";
import { renderScore, renderSpanBody } from "./render-span-line.js";
import { shortId } from "./format-values.js";

interface Pending {
  node: TraceTreeNode;
  /** Glyphs before this node's own glyph: the ancestors' "│  " / "   " columns. */
  prefix: string;
  /** "├─ ", "└─ ", or "" for a top-level node. */
  glyph: string;
  /** Column prefix that this node's children (and score lines) continue from. */
  childPrefix: string;
}

/**
 * `asChildren` draws the top-level nodes with glyphs, as children of a parent
 * printed earlier (late spans); otherwise they start at column 0.
 */
export function renderTreeLines(
  roots: readonly TraceTreeNode[],
  scoresBySpan: ReadonlyMap<string, readonly Score[]>,
  paint: Painter,
  now: number | undefined,
  asChildren = false,
): string[] {
  const lines: string[] = [];
  const stack: Pending[] = roots
    .map((node, i) => {
      if (!asChildren) return { node, prefix: "", glyph: "", childPrefix: "" };
      const last = i === roots.length - 1;
      return { node, prefix: "", glyph: last ? "└─ " : "├─ ", childPrefix: last ? "   " : "│  " };
    })
    .reverse();
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node, prefix, glyph, childPrefix } = item;
    lines.push(paint.dim(prefix + glyph) + renderSpanBody(node.span, paint, now) + rootNote(item, paint));

    const hasChildren = node.children.length > 0;
    for (const score of scoresBySpan.get(node.span.spanId) ?? []) {
      lines.push(paint.dim(childPrefix + (hasChildren ? "│ " : "  ")) + renderScore(score, paint));
    }

    const last = node.children.length - 1;
    for (let i = last; i >= 0; i--) {
      const child = node.children[i];
      if (child === undefined) continue;
      stack.push({
        node: child,
        prefix: childPrefix,
        glyph: i === last ? "└─ " : "├─ ",
        childPrefix: childPrefix + (i === last ? "   " : "│  "),
      });
    }
  }
  return lines;
}

/** Why a top-level span has no parent line above it, when that is worth saying. */
function rootNote(item: Pending, paint: Painter): string {
  if (item.glyph !== "") return "";
  const { span, orphan } = item.node;
  const parent = span.parentSpanId === undefined ? "" : shortId(span.parentSpanId);
  if (orphan) return "  " + paint.yellow(`⚠ orphan: parent ${parent} missing`);
  if (span.parentIsRemote === true && parent !== "") return "  " + paint.dim(`(remote parent ${parent})`);
  return "";
}
