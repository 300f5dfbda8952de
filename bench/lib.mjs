/**
 * Helpers the HTTP benchmarks share: a JSON caller bound to BASE_URL and a nearest-rank
 * percentile (values in any order; null for none).
 */

/** `call(method, path, {token, body, headers})` → `{status, body}` (body parsed when JSON). */
export function jsonCaller(baseUrl) {
  return async function call(method, path, { token, body, headers = {} } = {}) {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: res.status, ok: res.ok, body: parsed, text };
  };
}

/** The p-th percentile (0–100) by nearest rank. */
export function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
