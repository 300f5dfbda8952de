/**
 * Hides secrets in what we store and show (step inputs, logs): values under keys that name a
 * credential are replaced by "[redacted]".
 */
const SECRET_KEY = /pass(word)?|secret|token|authorization|api[_-]?key|private[_-]?key|credential|cookie/i;

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) && v !== null && typeof v !== "object" ? "[redacted]" : redactSecrets(v)]),
    );
  }
  return value;
}
