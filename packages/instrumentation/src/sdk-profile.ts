// What differs between vendor SDKs once the call mechanics are shared: who
// serves the base URL, which request fields are parameters, how errors and
// response headers read. Each vendor package supplies one profile.
import type { Attributes, ErrorCategory } from "@tracehub/core";
import type { VendorHeaders } from "./http/record-http.js";
import type { RequestBody } from "./request-parameters.js";
import type { TraceSettings } from "./trace-settings.js";

/** Who serves an API, from the client's base URL. */
export interface ServerInfo {
  provider: string;
  address?: string;
  port?: number;
}

export interface SdkProfile {
  /** Provider, address and port for the client's base URL. */
  serverFromBaseURL(baseURL: unknown): ServerInfo;
  /** The request's settings that shape the generation (an allowlist, never content). */
  modelParameters(body: RequestBody): Record<string, unknown>;
  /** GenAI semantic-convention request attributes. */
  requestAttributes(body: RequestBody, parameters: Record<string, unknown>): Attributes;
  /** The category of what the SDK threw. Never throws. */
  categorizeError(error: unknown): ErrorCategory;
  /** Rate-limit and request-id headers of the vendor's responses. */
  headers: VendorHeaders;
}

/** What every traced call of one client shares. */
export interface ClientTracing {
  readonly client: { baseURL?: unknown; timeout?: unknown };
  readonly profile: SdkProfile;
  readonly settings: TraceSettings;
}
