// The parent/child tree of a trace, derived from its set of spans. Pure: the
// same spans always give the same tree, whatever order they arrived in.
// Malformed input (missing parents, duplicate ids, parent cycles) never throws
// and never loops: every span appears exactly once.
import type { ReadonlySpan } from "../model/span.js";

export interface TraceTreeNode {
  span: ReadonlySpan;
  /** Sorted by startTime, then spanId. */
  children: TraceTreeNode[];
  /** True when the span names a local parent that is not in the set (it never arrived, or a cycle had to be cut). */
  orphan: boolean;
}

export interface TraceTree {
  traceId: string;
  /** Local roots (no parent, or a remote parent) and orphans, sorted by startTime, then spanId. */
  roots: TraceTreeNode[];
  /** Distinct spans in the tree (duplicate spanIds count once). */
  spanCount: number;
}

/**
 * Builds the tree of one trace. Spans are keyed by spanId; when a spanId occurs
 * twice (a re-sent span), the later one wins. `traceId` is the first span's
 * (empty string for no spans); pass spans of one trace, or use `buildTraceTrees`.
 */
export function buildTraceTree(spans: readonly ReadonlySpan[]): TraceTree {
  const byId = new Map<string, ReadonlySpan>();
  for (const span of spans) byId.set(span.spanId, span);

  const nodes = new Map<string, TraceTreeNode>();
  for (const [id, span] of byId) nodes.set(id, { span, children: [], orphan: false });

  const roots: TraceTreeNode[] = [];
  for (const node of nodes.values()) {
    const parentId = localParentId(node.span);
    if (parentId === undefined) {
      roots.push(node);
      continue;
    }
    const parent = parentId === node.span.spanId ? undefined : nodes.get(parentId);
    if (parent === undefined) {
      node.orphan = true;
      roots.push(node);
    } else {
      parent.children.push(node);
    }
  }

  const reached = markReachable(roots, new Set());
  cutCycles(nodes, roots, reached);

  for (const node of nodes.values()) node.children.sort(compareNodes);
  roots.sort(compareNodes);

  return { traceId: spans[0]?.traceId ?? "", roots, spanCount: nodes.size };
}

/** Groups spans by traceId and builds one tree per trace, ordered by the trace's earliest start. */
export function buildTraceTrees(spans: readonly ReadonlySpan[]): TraceTree[] {
  const byTrace = new Map<string, ReadonlySpan[]>();
  for (const span of spans) {
    const group = byTrace.get(span.traceId);
    if (group === undefined) byTrace.set(span.traceId, [span]);
    else group.push(span);
  }
  const trees = [...byTrace.values()].map((group) => ({
    tree: buildTraceTree(group),
    start: group.reduce((min, s) => Math.min(min, s.startTime), Infinity),
  }));
  trees.sort((a, b) => a.start - b.start || compareStrings(a.tree.traceId, b.tree.traceId));
  return trees.map((t) => t.tree);
}

/** The parent inside this process, or undefined when the span is a local root. */
function localParentId(span: ReadonlySpan): string | undefined {
  if (span.parentIsRemote === true) return undefined;
  return span.parentSpanId === undefined || span.parentSpanId === "" ? undefined : span.parentSpanId;
}

/** Iterative (deep traces must not overflow the stack); adds every node under `from` to `reached`. */
function markReachable(from: readonly TraceTreeNode[], reached: Set<TraceTreeNode>): Set<TraceTreeNode> {
  const stack = [...from];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (reached.has(node)) continue;
    reached.add(node);
    stack.push(...node.children);
  }
  return reached;
}

/**
 * Nodes not reachable from a root sit in (or under) a parent cycle such as
 * A→B→A. Each cycle is cut at its earliest span, which becomes an orphan root,
 * so the result is deterministic whatever the input order.
 */
function cutCycles(
  nodes: ReadonlyMap<string, TraceTreeNode>,
  roots: TraceTreeNode[],
  reached: Set<TraceTreeNode>,
): void {
  const unreached = [...nodes.values()].filter((n) => !reached.has(n)).sort(compareNodes);
  for (const start of unreached) {
    if (reached.has(start)) continue;
    const cut = earliestInCycle(start, nodes);
    const parent = nodes.get(localParentId(cut.span) ?? "");
    if (parent !== undefined) parent.children = parent.children.filter((c) => c !== cut);
    cut.orphan = true;
    roots.push(cut);
    markReachable([cut], reached);
  }
}

/** Walks parent links from an unreachable node until one repeats; returns the earliest node of that cycle. */
function earliestInCycle(start: TraceTreeNode, nodes: ReadonlyMap<string, TraceTreeNode>): TraceTreeNode {
  const path: TraceTreeNode[] = [];
  const seen = new Set<TraceTreeNode>();
  let node: TraceTreeNode | undefined = start;
  while (node !== undefined && !seen.has(node)) {
    seen.add(node);
    path.push(node);
    node = nodes.get(localParentId(node.span) ?? "");
  }
  // Unreachable nodes always lead into a cycle; `start` is a safe fallback all the same.
  if (node === undefined) return start;
  const cycle = path.slice(path.indexOf(node));
  return cycle.sort(compareNodes)[0] ?? start;
}

function compareNodes(a: TraceTreeNode, b: TraceTreeNode): number {
  return a.span.startTime - b.span.startTime || compareStrings(a.span.spanId, b.span.spanId);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
