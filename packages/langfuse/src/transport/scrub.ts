// Text we did not write (server messages) may echo a credential back: remove
// every known secret before it reaches a log line or an ExportResult.

export const REDACTED = "[REDACTED]";

/** `secrets` longest first, so a secret that contains another is removed whole. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/** Basic credentials and their parts, longest first. */
export function credentialSecrets(publicKey: string, secretKey: string, authorization: string): string[] {
  const token = authorization.replace(/^Basic\s+/i, "");
  // The public key is not secret, but a message quoting it is no more useful than one without it.
  return [authorization, token, secretKey, publicKey, `${publicKey}:${secretKey}`].sort((a, b) => b.length - a.length);
}
