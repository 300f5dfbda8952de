/**
 * The demo workspace's client SDK example (issue 15 part 3, `/examples/inbox`): its publishable
 * key (marked demo, so the example page's signer may use it), the user role the example users
 * take, a short beep as a sound, a rule that notifies that role of `inbox.demo` events with the
 * beep, and one demo end user holding the role.
 */
import type { Tx } from "../db/client";
import { ensureClientKeys } from "../contexts/identity";
import { endUsers, userRoles } from "../contexts/integrations/schema";
import { rules, sounds } from "../contexts/notifications/schema";
import { DEMO_INBOX_EVENT, DEMO_INBOX_ROLE } from "@nhood/contracts/client-sdk";

/** 0.15 s of an 880 Hz tone as 8 kHz 8-bit mono PCM WAV (RIFF): small enough to seed, real enough to play. */
export function beepWav(): Buffer {
  const rate = 8000;
  const samples = Math.round(rate * 0.15);
  const out = Buffer.alloc(44 + samples);
  out.write("RIFF", 0, "ascii");
  out.writeUInt32LE(36 + samples, 4);
  out.write("WAVEfmt ", 8, "ascii");
  out.writeUInt32LE(16, 16); // fmt chunk size
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(1, 22); // mono
  out.writeUInt32LE(rate, 24);
  out.writeUInt32LE(rate, 28); // bytes per second
  out.writeUInt16LE(1, 32); // block align
  out.writeUInt16LE(8, 34); // bits per sample
  out.write("data", 36, "ascii");
  out.writeUInt32LE(samples, 40);
  for (let i = 0; i < samples; i++) out[44 + i] = 128 + Math.round(100 * Math.sin((2 * Math.PI * 880 * i) / rate));
  return out;
}

export const DEMO_INBOX_USER = "demo_inbox_user";

/** Seeds the example inbox in `workspaceId` (the caller's transaction is scoped to it). */
export async function seedDemoInbox(tx: Tx, workspaceId: string): Promise<void> {
  await ensureClientKeys(tx, workspaceId, { demo: true });
  await tx.insert(userRoles).values({ workspaceId, key: DEMO_INBOX_ROLE, name: "Inbox demo", description: "Users of the example inbox (/examples/inbox)" });
  const wav = beepWav();
  const [beep] = await tx
    .insert(sounds)
    .values({ workspaceId, name: "Beep", mimeType: "audio/wav", sizeBytes: wav.length, data: wav })
    .returning({ id: sounds.id });
  await tx.insert(rules).values({
    workspaceId,
    name: "Example inbox",
    description: "Notifies the example inbox's users (/examples/inbox) of inbox.demo events, with a beep.",
    condition: `event.type == "${DEMO_INBOX_EVENT}"`,
    targetRoles: [],
    targetUserRoles: [DEMO_INBOX_ROLE],
    priority: 20,
    severity: "normal",
    soundId: beep!.id,
    titleTemplate: "{{ event.payload.title }}",
    messageTemplate: "{{ event.payload.message }}",
  });
  await tx
    .insert(endUsers)
    .values({ workspaceId, externalUserId: DEMO_INBOX_USER, name: "Demo Inbox User", email: "inbox-demo@customer.test", roles: [DEMO_INBOX_ROLE] });
}
