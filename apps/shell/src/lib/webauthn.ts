/**
 * The browser side of a passkey assertion without a library (shared: the sign-in's second step and
 * the account security page's registration, lib/webauthn-register.ts): the BFF's
 * PublicKeyCredentialRequestOptionsJSON (base64url fields) to `navigator.credentials.get()` and
 * the answer back to AuthenticationResponseJSON (WebAuthn Level 3 §5.1.8), the shape
 * @simplewebauthn/server verifies.
 */
export const fromB64url = (s: string): ArrayBuffer => {
  const bin = atob(
    s
      .replace(/-/g, "+")
      .replace(/_/g, "/")
      .padEnd(Math.ceil(s.length / 4) * 4, "="),
  );
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out.buffer;
};
export const toB64url = (b: ArrayBuffer): string =>
  btoa(String.fromCharCode(...new Uint8Array(b)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/** Asks the browser for an assertion; throws when the person cancels or no passkey fits. */
export async function getPasskeyAssertion(options: Record<string, unknown>): Promise<unknown> {
  const o = options as { challenge: string; allowCredentials?: { id: string; type: "public-key"; transports?: string[] }[] };
  const cred = (await navigator.credentials.get({
    publicKey: {
      ...(options as object),
      challenge: fromB64url(o.challenge),
      allowCredentials: (o.allowCredentials ?? []).map((c) => ({ ...c, id: fromB64url(c.id), transports: c.transports as AuthenticatorTransport[] })),
    } as PublicKeyCredentialRequestOptions,
  })) as PublicKeyCredential | null;
  if (!cred) throw new Error("No passkey was used.");
  const r = cred.response as AuthenticatorAssertionResponse;
  return {
    id: cred.id,
    rawId: toB64url(cred.rawId),
    type: "public-key",
    response: {
      clientDataJSON: toB64url(r.clientDataJSON),
      authenticatorData: toB64url(r.authenticatorData),
      signature: toB64url(r.signature),
      ...(r.userHandle ? { userHandle: toB64url(r.userHandle) } : {}),
    },
    clientExtensionResults: {},
  };
}
