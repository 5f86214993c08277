// createHub(): configuration from code and environment, adapters loaded by name,
// and the process hooks that flush on exit. Throws one ConfigError listing every
// problem: that is the boundary where bad settings must be loud.
import type { HubOptions } from "../config/hub-options.js";
import { resolveHubConfig } from "../config/resolve-hub-config.js";
import { Hub } from "./hub.js";

export async function createHub(options?: HubOptions): Promise<Hub> {
  const config = await resolveHubConfig(options);
  const hub = new Hub(config);
  if (config.registerShutdownHooks) hub.installProcessHooks();
  return hub;
}
