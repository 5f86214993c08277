// Error texts from adapters can echo request details (an auth header in a
// proxy's error page, a key in a URL). Everything the queue stores or logs
// passes through here first.

const MAX_MESSAGE_CHARS = 1000;

/** Replaces every occurrence of each secret with "***" and bounds the length. */
export function scrubSecrets(message: string, secrets: readonly string[]): string {
  let text = message;
  for (const secret of secrets) {
    if (secret.length > 0) text = text.split(secret).join("***");
  }
  // Truncate after scrubbing, so a cut can never leave half a secret behind.
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
}
