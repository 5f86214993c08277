// @tracehub/langfuse public surface: the adapter (loaded by createHub as
// "langfuse"), its options, prompt-management interop and the mapping helpers.

// Adapter
export { tracehubAdapter } from "./factory.js";
export { LangfuseAdapter } from "./langfuse-adapter.js";
export {
  resolveLangfuseConfig,
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_MAX_FIELD_BYTES,
  DEFAULT_LIMITS,
  type ResolvedLangfuseConfig,
} from "./config/resolve-config.js";
export {
  langfuseOptionsSchema,
  type LangfuseAdapterOptions,
  type LangfuseIngestion,
  type LangfuseProtocol,
} from "./config/options-schema.js";
export { BASE_URL_VARIABLES } from "./config/langfuse-env.js";

// Prompt management
export {
  fromLangfusePrompt,
  linkLangfusePrompt,
  withLangfusePrompt,
  type LangfusePromptLike,
} from "./prompt/langfuse-prompt.js";

// Mapping, for other packages and tests
export { LANGFUSE_ATTRIBUTES, langfuseAttributeMapper } from "./mapping/langfuse-attributes.js";
export type { MappingSettings } from "./mapping/span-fields.js";
export { observationType, type LangfuseObservationType } from "./mapping/observation-type.js";
export { sanitizeEnvironment } from "./mapping/environment.js";
export { langfuseUsageDetails, langfuseCostDetails } from "./mapping/usage-details.js";
export { MAX_INGESTION_REQUEST_BYTES } from "./ingestion/ingestion-client.js";
