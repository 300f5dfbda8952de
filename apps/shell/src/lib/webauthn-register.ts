/**
 * The browser side of a passkey registration without a library: the BFF's
 * PublicKeyCredentialCreationOptionsJSON (base64url `challenge`, `user.id`, `excludeCredentials[].id`)
 * to `navigator.credentials.create()` and the answer back to RegistrationResponseJSON (WebAuthn
 * Level 3 §5.1.8), the shape @simplewebauthn/server verifies. Only the account security page
 * imports it, so it stays out of the shell's initial bundle.
 */
import { fromB64url, toB64url } from "./webauthn";

interface CreationOptionsJSON {
  challenge: string;
  user: { id: string; name: string; displayName: string };
  excludeCredentials?: { id: string; type: "public-key"; transports?: string[] }[];
}

/** Asks the browser to create a passkey; throws when the person cancels or the device refuses. */
export async function createPasskeyCredential(options: Record<string, unknown>): Promise<unknown> {
  const o = options as unknown as CreationOptionsJSON;
  const cred = (await navigator.credentials.create({
    publicKey: {
      ...(options as object),
      challenge: fromB64url(o.challenge),
      user: { ...o.user, id: fromB64url(o.user.id) },
      excludeCredentials: (o.excludeCredentials ?? []).map((c) => ({ ...c, id: fromB64url(c.id), transports: c.transports as AuthenticatorTransport[] })),
    } as PublicKeyCredentialCreationOptions,
  })) as PublicKeyCredential | null;
  if (!cred) throw new Error("No passkey was created.");
  const r = cred.response as AuthenticatorAttestationResponse;
  return {
    id: cred.id,
    rawId: toB64url(cred.rawId),
    type: "public-key",
    response: {
      clientDataJSON: toB64url(r.clientDataJSON),
      attestationObject: toB64url(r.attestationObject),
      transports: typeof r.getTransports === "function" ? r.getTransports() : [],
    },
    clientExtensionResults: {},
    ...(cred.authenticatorAttachment ? { authenticatorAttachment: cred.authenticatorAttachment } : {}),
  };
}
