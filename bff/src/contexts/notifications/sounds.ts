/**
 * Sounds (seed 003 §5.9): small audio files per workspace, stored in Postgres (bytea) so every
 * BFF process serves them and backups include them. The declared type is not trusted: the bytes
 * are sniffed (`file-type`) and must be one of the audio types below; 512 KiB at most; the
 * plan's sounds quota applies.
 */
import { and, count, desc, eq } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import type { Tx } from "../../db/client";
import { Conflict, NotFound, ValidationFailed } from "../../lib/errors";
import { appendDomainEvent } from "../../kernel/events";
import { planOf } from "../tenancy";
import { rules, sounds } from "./schema";
import type { Sound } from "@nhood/contracts";
import { findFirst } from "../../db/find-first";

export const MAX_SOUND_BYTES = 512 * 1024;
export const AUDIO_TYPES = new Set([
  "audio/mpeg",
  "audio/wav",
  "audio/x-wav",
  "audio/vnd.wave",
  "audio/ogg",
  "audio/opus",
  "audio/mp4",
  "audio/x-m4a",
  "audio/aac",
  "audio/aac-adts",
  "audio/flac",
  "audio/x-flac",
  "audio/webm",
]);

type Row = typeof sounds.$inferSelect;

export function toSound(r: Pick<Row, "id" | "name" | "mimeType" | "sizeBytes" | "createdAt">): Sound {
  return { id: r.id, name: r.name, mime_type: r.mimeType, size_bytes: r.sizeBytes, created_at: r.createdAt.toISOString(), url: `/api/v1/sounds/${r.id}/file` };
}

/** The sniffed audio MIME type of `bytes`; throws ValidationFailed (`#/file`) when not audio. */
export async function sniffAudio(bytes: Buffer): Promise<string> {
  if (bytes.length === 0) throw new ValidationFailed([{ pointer: "#/file", detail: "the file is empty" }]);
  if (bytes.length > MAX_SOUND_BYTES) throw new ValidationFailed([{ pointer: "#/file", detail: `larger than ${MAX_SOUND_BYTES / 1024} KiB` }]);
  const kind = await fileTypeFromBuffer(bytes);
  const mime = kind?.mime === "video/webm" ? "audio/webm" : kind?.mime === "video/ogg" ? "audio/ogg" : kind?.mime;
  if (!mime || !AUDIO_TYPES.has(mime))
    throw new ValidationFailed([
      { pointer: "#/file", detail: `not an audio file (${kind?.mime ?? "unknown type"}); use MP3, WAV, OGG, M4A, AAC, FLAC or WebM audio` },
    ]);
  return mime;
}

export async function uploadSound(tx: Tx, workspaceId: string, name: string, bytes: Buffer): Promise<Sound> {
  const mimeType = await sniffAudio(bytes);
  const plan = await planOf(tx, workspaceId);
  const [{ n }] = (await tx.select({ n: count() }).from(sounds).where(eq(sounds.workspaceId, workspaceId))) as [{ n: number }];
  if (plan.sounds !== null && n >= plan.sounds) throw new Conflict(`The ${plan.name} plan allows ${plan.sounds} sounds.`);
  const [row] = await tx
    .insert(sounds)
    .values({ workspaceId, name, mimeType, sizeBytes: bytes.length, data: bytes })
    .returning({ id: sounds.id, name: sounds.name, mimeType: sounds.mimeType, sizeBytes: sounds.sizeBytes, createdAt: sounds.createdAt });
  await appendDomainEvent(tx, { workspaceId, type: "sound.uploaded", subjectId: row!.id, payload: { name, mime_type: mimeType, size_bytes: bytes.length } });
  return toSound(row!);
}

export async function listSounds(tx: Tx, workspaceId: string): Promise<Sound[]> {
  const rows = await tx
    .select({ id: sounds.id, name: sounds.name, mimeType: sounds.mimeType, sizeBytes: sounds.sizeBytes, createdAt: sounds.createdAt })
    .from(sounds)
    .where(eq(sounds.workspaceId, workspaceId))
    .orderBy(desc(sounds.createdAt));
  return rows.map(toSound);
}

export async function soundFile(tx: Tx, workspaceId: string, id: string): Promise<Row> {
  const r = await findFirst(tx, sounds, and(eq(sounds.id, id), eq(sounds.workspaceId, workspaceId)));
  if (!r) throw new NotFound("sound");
  return r;
}

export async function deleteSound(tx: Tx, workspaceId: string, id: string): Promise<void> {
  const gone = await tx
    .delete(sounds)
    .where(and(eq(sounds.id, id), eq(sounds.workspaceId, workspaceId)))
    .returning({ name: sounds.name });
  if (!gone.length) throw new NotFound("sound");
  await tx
    .update(rules)
    .set({ soundId: null })
    .where(and(eq(rules.workspaceId, workspaceId), eq(rules.soundId, id)));
  await appendDomainEvent(tx, { workspaceId, type: "sound.deleted", subjectId: id, payload: { name: gone[0]!.name } });
}
