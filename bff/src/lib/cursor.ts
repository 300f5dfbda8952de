/**
 * Keyset pagination cursors: base64url of `<ISO timestamp>|<uuid>` for lists ordered by
 * (created_at desc, id desc). A malformed cursor is a 400 naming `#/query/cursor`.
 */
import { BadRequest } from "./errors";

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = new Date(iso ?? "");
  if (!id || Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new BadRequest("The cursor is not valid; use the `next_cursor` of the previous page.", [{ pointer: "#/query/cursor", detail: "malformed cursor" }]);
  }
  return { at, id };
}
