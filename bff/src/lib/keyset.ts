/**
 * Keyset pagination over (timestamp desc, id desc): `after(col, idCol, cursor)` is the WHERE
 * condition for the page after `cursor`, `pageOf(rows, limit, at)` cuts the extra look-ahead row
 * and builds `next_cursor`.
 */
import { and, eq, lt, or, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { decodeCursor, encodeCursor } from "./cursor";

export const PAGE_SIZE = 50;

/**
 * Fractional-second digits of every timestamp column used as a keyset key (`timestamptz(3)`).
 * Cursors carry a JavaScript `Date`, which holds milliseconds; Postgres' default is microseconds,
 * so a row stored at `.123456` would be compared with a cursor at `.123` and rows created in the
 * same transaction (same `now()`) after the page boundary would be skipped. Storing milliseconds
 * makes the cursor's timestamp exactly the row's.
 */
export const KEYSET_PRECISION = 3;

export function after(atCol: PgColumn, idCol: PgColumn, cursor: string | undefined): SQL | undefined {
  const c = decodeCursor(cursor);
  return c ? or(lt(atCol, c.at), and(eq(atCol, c.at), lt(idCol, c.id))) : undefined;
}

export function pageOf<R extends { id: string }, T>(
  rows: R[],
  limit: number,
  at: (r: R) => Date,
  map: (r: R) => T,
): { items: T[]; next_cursor: string | null } {
  const last = rows.length > limit ? rows[limit - 1]! : null;
  return { items: rows.slice(0, limit).map(map), next_cursor: last ? encodeCursor(at(last), last.id) : null };
}
