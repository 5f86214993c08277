// Reads one header from whatever a fetch `init.headers` holds: a Headers
// instance (newer SDKs), a plain record (older ones) or an array of pairs.
export function readRequestHeader(headers: unknown, name: string): string | undefined {
  if (headers === null || typeof headers !== "object") return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  if (Array.isArray(headers)) {
    for (const pair of headers as unknown[]) {
      if (Array.isArray(pair) && String(pair[0]).toLowerCase() === name) return String(pair[1]);
    }
    return undefined;
  }
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === name) return String((headers as Record<string, unknown>)[key]);
  }
  return undefined;
}

/** The path of a fetch URL argument (string, URL or Request). */
export function urlPath(url: unknown): string {
  try {
    const href = typeof url === "string" ? url : url instanceof URL ? url.href : String((url as { url?: unknown }).url);
    const query = href.indexOf("?");
    return query === -1 ? href : href.slice(0, query);
  } catch {
    return "";
  }
}
