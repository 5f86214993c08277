// One spelling per model, so that a price entry's pattern only has to name the
// model and its dated snapshots: `openai/gpt-4o`, `models/gemini-1.5-pro`,
// `us.anthropic.claude-3-5-sonnet-20240620-v1:0` (Bedrock) and
// `claude-3-5-sonnet@20240620` (Vertex) become `gpt-4o`, `gemini-1.5-pro` and
// `claude-3-5-sonnet-20240620`.

export interface CanonicalModelId {
  /** Lowercase id without route prefixes, Bedrock region/vendor/version parts or Vertex `@`. */
  id: string;
  /** First segment of a routed id (`groq` in `groq/llama-3.3-70b-versatile`), lowercase. */
  routePrefix?: string | undefined;
}

/** Bedrock cross-region inference profiles put a geography before the vendor. */
const BEDROCK_REGION = /^(us|eu|apac|au|jp|ca|global|us-gov)\./;
const BEDROCK_VENDOR = /^(anthropic|meta|mistral|cohere|deepseek|amazon|ai21|writer|openai)\./;
/** `-v1:0`, `-v2:0`, `-v1:0:200k` at the end of a Bedrock model id. */
const BEDROCK_VERSION = /-v\d+(:\d+)?(:\d+k)?$/;

export function canonicalModelId(model: string): CanonicalModelId {
  let id = model.trim().toLowerCase();
  let routePrefix: string | undefined;
  const slash = id.lastIndexOf("/");
  if (slash !== -1) {
    routePrefix = id.slice(0, id.indexOf("/"));
    id = id.slice(slash + 1);
  }
  if (BEDROCK_VENDOR.test(id) || (BEDROCK_REGION.test(id) && BEDROCK_VENDOR.test(id.replace(BEDROCK_REGION, "")))) {
    id = id.replace(BEDROCK_REGION, "").replace(BEDROCK_VENDOR, "").replace(BEDROCK_VERSION, "");
  }
  // Vertex writes the snapshot date after an `@`.
  id = id.replace("@", "-");
  // OpenRouter and others write Claude versions with a dot: claude-3.5-sonnet.
  if (id.startsWith("claude")) id = id.replace(/(\d)\.(\d)/g, "$1-$2");
  return { id, routePrefix };
}
