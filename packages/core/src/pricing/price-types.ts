// The shape of one model's prices, as data: the built-in table, a user's
// `pricing.models` and a TRACEHUB_PRICING_FILE all hold entries of this shape.
// Every price is in USD per 1M tokens.

/** Prices of one tier, USD per 1M tokens. A missing rate falls back as documented per field. */
export interface TokenPrices {
  /** Uncached prompt tokens. */
  input: number;
  /** Completion tokens (reasoning included unless `reasoning` is priced). Missing: 0 (embedding models). */
  output?: number;
  /** Prompt tokens read from the provider's cache. Missing: the input rate (no discount). */
  cacheRead?: number;
  /** Prompt tokens written to the cache (Anthropic's 5-minute write). Missing: the input rate. */
  cacheWrite?: number;
  /** Reasoning tokens, when the vendor prices them apart from output. Missing: the output rate. */
  reasoning?: number;
}

/** Prices that replace the base ones for a whole request whose prompt is above a size. */
export interface PriceTier {
  /** Applies when `usage.input` (cached tokens included) is strictly above this many tokens. */
  inputAbove: number;
  prices: TokenPrices;
}

export interface ModelPrice {
  /** Canonical name of the model, e.g. "gpt-4o". */
  model: string;
  /** Who sells it at this price, e.g. "openai"; for hosted open models, the host ("groq"). */
  provider: string;
  /**
   * Case-insensitive regular expression tested against the canonical model id
   * (see `canonicalModelId`: provider prefixes, Bedrock region and version
   * suffixes and Vertex `@` dates are removed), then against the raw id.
   * A leading `(?i)` (Langfuse style) is accepted and ignored.
   */
  match: string;
  /**
   * Only for spans whose provider (or model prefix, `groq/…`) is one of these.
   * Set on hosted open-weight models, whose price depends on the host.
   */
  hosts?: readonly string[];
  prices: TokenPrices;
  /** Long-context tiers; the highest one the prompt exceeds wins. */
  tiers?: readonly PriceTier[];
  /** Date the prices were checked against the source, YYYY-MM-DD. */
  checkedAt?: string;
  /** Where the prices come from. */
  source?: string;
  /** Model ids this entry must match: the table test checks them, and that no sibling entry matches them. */
  examples?: readonly string[];
}

/** A model price entry a user supplies: `match` or an exact `model` id is enough. */
export interface ModelPriceInput {
  /** Exact model id (case-insensitive) when `match` is not given; also the entry's display name. */
  model: string;
  provider?: string;
  match?: string;
  hosts?: readonly string[];
  prices: TokenPrices;
  tiers?: readonly PriceTier[];
  checkedAt?: string;
  source?: string;
}

/** `pricing` in HubOptions. */
export interface PricingOptions {
  /** Entries that win over the built-in table (and over TRACEHUB_PRICING_FILE). */
  models?: ModelPriceInput[];
  /** Path of a JSON file of entries (an array, or `{ "models": [...] }`); overrides TRACEHUB_PRICING_FILE. */
  file?: string;
  /** Use the built-in table; default true. False: only your entries price spans. */
  builtin?: boolean;
}
