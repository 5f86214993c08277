// The process-wide default hub behind `observe`, `traced` and instrumentations
// that are not handed a hub. It exists at once, configures itself lazily from
// the environment, and keeps spans ended meanwhile. A configuration error is
// reported once on stderr and tracing turns off: it never throws into user code.
import { resolveHubConfig } from "../config/resolve-hub-config.js";
import { Hub } from "./hub.js";

let defaultHub: Hub | undefined;

/** The default hub, created and configured from the environment on first use. */
export function getDefaultHub(): Hub {
  if (defaultHub !== undefined) return defaultHub;
  const hub = new Hub();
  defaultHub = hub;
  resolveHubConfig({ registerShutdownHooks: true }).then(
    (config) => {
      if (defaultHub !== hub) return; // replaced by setDefaultHub meanwhile
      hub.configure(config);
      if (config.registerShutdownHooks) hub.installProcessHooks();
    },
    (error: unknown) => {
      hub.disable();
      process.stderr.write(`[tracehub] tracing is off: ${error instanceof Error ? error.message : String(error)}\n`);
    },
  );
  return hub;
}

/** Makes `hub` the default (e.g. one built with createHub); returns the previous one. */
export function setDefaultHub(hub: Hub | undefined): Hub | undefined {
  const previous = defaultHub;
  defaultHub = hub;
  return previous;
}
