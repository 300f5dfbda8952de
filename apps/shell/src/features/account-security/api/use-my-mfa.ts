/**
 * The signed-in person's own second factors (`/me/mfa…`, decision 035): the list, adding an
 * authenticator app (begin + confirm with a first code), adding a passkey (creation options →
 * `navigator.credentials.create` → attestation), renaming or removing one, and new recovery codes.
 */
import { api } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createPasskeyCredential } from "../../../lib/webauthn";

const key = ["me", "mfa"] as const;

/** Factors, recovery codes left, and whether MFA is required of this person. */
export function useMyMfa() {
  return useQuery({ queryKey: key, queryFn: () => api.security.status() });
}

function useRefreshAfter<A, R>(fn: (arg: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: key }) });
}

/** A new TOTP secret with its QR code; it counts once confirmed. */
export function useBeginTotp() {
  return useMutation({ mutationFn: () => api.security.beginTotp() });
}

/** The app's first code; answers the 10 recovery codes when the person had none left (else null). */
export function useConfirmTotp() {
  return useRefreshAfter(({ factorId, code }: { factorId: string; code: string }) => api.security.confirmTotp(factorId, code));
}

/** Creates a passkey on this device and registers it under `label`. */
export function useRegisterPasskey() {
  return useRefreshAfter(async (label: string) => {
    const options = await api.security.passkeyOptions();
    return api.security.registerPasskey(await createPasskeyCredential(options), label);
  });
}

export function useRenameFactor() {
  return useRefreshAfter(({ factorId, label }: { factorId: string; label: string }) => api.security.renameFactor(factorId, label));
}

export function useRemoveFactor() {
  return useRefreshAfter((factorId: string) => api.security.removeFactor(factorId));
}

/** 10 new recovery codes; the old ones stop working. */
export function useRegenerateRecoveryCodes() {
  return useRefreshAfter(() => api.security.regenerateRecoveryCodes());
}
