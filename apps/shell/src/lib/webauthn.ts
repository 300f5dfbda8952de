/**
 * The browser side of passkeys, through @simplewebauthn/browser (the companion of the BFF's
 * @simplewebauthn/server): the BFF's PublicKeyCredential*OptionsJSON (WebAuthn Level 3 §5.1.8,
 * base64url fields) to `navigator.credentials.get()` / `.create()` and the answer back as the JSON
 * the server verifies. Imported only by lazy chunks (the sign-in's second step, the account
 * security page), so it stays out of the shell's initial bundle.
 */
import { startAuthentication, startRegistration } from "@simplewebauthn/browser";

type RequestOptionsJSON = Parameters<typeof startAuthentication>[0]["optionsJSON"];
type CreationOptionsJSON = Parameters<typeof startRegistration>[0]["optionsJSON"];

/** Asks the browser for an assertion; throws when the person cancels, no passkey fits or WebAuthn is missing. */
export function getPasskeyAssertion(options: Record<string, unknown>): Promise<unknown> {
  return startAuthentication({ optionsJSON: options as unknown as RequestOptionsJSON });
}

/** Asks the browser to create a passkey; throws when the person cancels or the device refuses. */
export function createPasskeyCredential(options: Record<string, unknown>): Promise<unknown> {
  return startRegistration({ optionsJSON: options as unknown as CreationOptionsJSON });
}
