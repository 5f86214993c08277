// Finds a span's model in the price list and prices its usage. Runs in the
// hub's drain (off the hot path); a model's lookup is cached, so the regex
// scan happens once per distinct model, and an unknown model is reported once.
import type { Cost, Usage } from "../model/span.js";
import { BUILTIN_MODEL_PRICES } from "./builtin-prices.js";
import { computeCost } from "./compute-cost.js";
import { canonicalModelId } from "./model-id.js";
import type { ModelPrice, ModelPriceInput } from "./price-types.js";

interface CompiledEntry {
  entry: ModelPrice;
  pattern: RegExp;
  hosts: ReadonlySet<string> | undefined;
}

export interface PriceTableOptions {
  /** Entries tried before the built-in table, in order. */
  models?: readonly ModelPriceInput[];
  /** Use the built-in table; default true. */
  builtin?: boolean;
  /** Called once per model (and provider) that no entry prices. */
  onUnknownModel?: (model: string, provider: string | undefined) => void;
}

/** Distinct model names remembered; past this the cache starts over (bounded memory). */
const MAX_CACHED_MODELS = 1_000;

/** The price entry's regular expression: `(?i)` prefixes dropped, always case-insensitive. */
export function compilePricePattern(match: string): RegExp {
  return new RegExp(match.replace(/^\(\?i\)/, ""), "i");
}

/** A user entry with every field filled in: an exact `model` id becomes an anchored pattern. */
export function toModelPrice(input: ModelPriceInput): ModelPrice {
  const entry: ModelPrice = {
    model: input.model,
    provider: input.provider ?? "custom",
    match: input.match ?? `^${escapeRegExp(input.model)}$`,
    prices: input.prices,
  };
  if (input.hosts !== undefined) entry.hosts = input.hosts;
  if (input.tiers !== undefined) entry.tiers = input.tiers;
  if (input.checkedAt !== undefined) entry.checkedAt = input.checkedAt;
  if (input.source !== undefined) entry.source = input.source;
  return entry;
}

export class PriceTable {
  private readonly entries: CompiledEntry[] = [];
  private readonly cache = new Map<string, ModelPrice | null>();
  private readonly onUnknownModel: PriceTableOptions["onUnknownModel"];

  constructor(options: PriceTableOptions = {}) {
    this.onUnknownModel = options.onUnknownModel;
    const user = (options.models ?? []).map(toModelPrice);
    const all = options.builtin === false ? user : [...user, ...BUILTIN_MODEL_PRICES];
    for (const entry of all) {
      try {
        const hosts = entry.hosts === undefined ? undefined : new Set(entry.hosts.map((h) => h.toLowerCase()));
        this.entries.push({ entry, pattern: compilePricePattern(entry.match), hosts });
      } catch {
        // Validated at config time; an entry that slipped through is skipped, never thrown.
      }
    }
  }

  /** The entry pricing `model` (sold by `provider`, when known), or undefined. */
  lookup(model: string, provider?: string): ModelPrice | undefined {
    const key = provider === undefined ? model : `${provider}\u0000${model}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached ?? undefined;

    const found = this.find(model, provider);
    if (this.cache.size >= MAX_CACHED_MODELS) this.cache.clear();
    this.cache.set(key, found ?? null);
    if (found === undefined) this.reportUnknown(model, provider);
    return found;
  }

  /** Cost of a call to `model` with `usage`; undefined for an unknown model or empty usage. */
  costOf(model: string | undefined, provider: string | undefined, usage: Readonly<Usage> | undefined): Cost | undefined {
    if (model === undefined || model === "" || usage === undefined) return undefined;
    const entry = this.lookup(model, provider);
    return entry === undefined ? undefined : computeCost(usage, entry);
  }

  private find(model: string, provider: string | undefined): ModelPrice | undefined {
    const { id, routePrefix } = canonicalModelId(model);
    const raw = model.trim().toLowerCase();
    const host = (provider ?? routePrefix)?.toLowerCase();
    for (const { entry, pattern, hosts } of this.entries) {
      if (hosts !== undefined && (host === undefined || !hosts.has(host))) continue;
      if (pattern.test(id) || pattern.test(raw)) return entry;
    }
    return undefined;
  }

  private reportUnknown(model: string, provider: string | undefined): void {
    try {
      this.onUnknownModel?.(model, provider);
    } catch {
      // a throwing logger must not break finalisation
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
