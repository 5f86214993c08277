export { LangSmithAdapter } from "./langsmith-adapter.js";
export { tracehubAdapter } from "./factory.js";
export {
  langsmithOptionsSchema,
  resolveLangSmithOptions,
  DEFAULT_ENDPOINT,
  DEFAULT_PROJECT,
  type LangSmithAdapterOptions,
  type ResolvedLangSmithOptions,
} from "./options.js";
export { toLangSmithRun, type LangSmithRun, type RunMappingSettings } from "./map-run.js";
export { toLangSmithFeedback, type LangSmithFeedback } from "./map-feedback.js";
export { SpanLineage, DEFAULT_MAX_TRACKED_SPANS, type RunLineage } from "./span-lineage.js";
export { runIdFor, feedbackIdFor } from "./run-ids.js";
export { runTypeFor, type LangSmithRunType } from "./run-type.js";
export { DEFAULT_INGEST_CONFIG, type IngestConfig } from "./server-info.js";
