// Exporter names as written in TRACEHUB_EXPORTERS or `options.exporters`:
// parsing, the names tracehub knows, and the package each one lives in.

/** Exporters tracehub ships; `memory` is built into core, the others are packages. */
export const KNOWN_EXPORTERS = ["console", "langfuse", "langsmith", "otlp", "memory"] as const;

/** The value that switches every exporter off, auto-detection included. */
export const NO_EXPORTERS = "none";

// A name becomes part of a package specifier, so nothing that could walk paths.
const EXPORTER_NAME = /^[a-z0-9][a-z0-9._-]*$/;

export function isKnownExporter(name: string): boolean {
  return (KNOWN_EXPORTERS as readonly string[]).includes(name);
}

export function isValidExporterName(name: string): boolean {
  return EXPORTER_NAME.test(name);
}

/** The npm package that provides an exporter: `@tracehub/<name>`. */
export function exporterPackage(name: string): string {
  return `@tracehub/${name}`;
}

/** Lower-cased, trimmed, de-duplicated names, in the order written. */
export function normalizeExporterNames(names: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.trim().toLowerCase();
    if (name !== "" && !out.includes(name)) out.push(name);
  }
  return out;
}

/** `"console, Langfuse,,otlp"` → `["console", "langfuse", "otlp"]`. */
export function parseExporterList(text: string): string[] {
  return normalizeExporterNames(text.split(","));
}

/** Why a list of names is not usable, one message per fault; empty when fine. */
export function exporterListFaults(names: readonly string[]): string[] {
  const faults: string[] = [];
  if (names.includes(NO_EXPORTERS) && names.length > 1) {
    faults.push(`"${NO_EXPORTERS}" cannot be combined with other exporter names`);
  }
  for (const name of names) {
    if (!isValidExporterName(name)) {
      faults.push(`"${name}" is not a valid exporter name (letters, digits, ".", "_" and "-" only)`);
    }
  }
  return faults;
}

export const EXPORTER_LIST_EXPECTED = `a comma-separated list of exporters (${KNOWN_EXPORTERS.join(", ")}) or "${NO_EXPORTERS}"`;
