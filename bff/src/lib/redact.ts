/**
 * Pseudonymisation helpers for erasure (GDPR Art. 17): SQL fragments that replace every
 * occurrence of a personal identifier (an e-mail, an external user id, a name) inside text and
 * JSON columns with `[erased]`. JSON is edited as text with the identifier in its JSON-escaped
 * form, so the document stays valid whatever characters the identifier holds.
 */
import { sql, type SQL } from "drizzle-orm";

export const ERASED = "[erased]";

/** Identifiers worth searching for: non-empty, at least 3 characters, unique. */
export function identifiersOf(values: (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === "string" && v.trim().length >= 3))];
}

/** `column` (text) with `identifier` replaced. */
export function redactText(column: SQL | unknown, identifier: string): SQL {
  return sql`replace(${column}, ${identifier}, ${ERASED})`;
}

/** `column` (jsonb) with `identifier` replaced inside its strings. */
export function redactJson(column: SQL | unknown, identifier: string): SQL {
  const escaped = JSON.stringify(identifier).slice(1, -1);
  return sql`replace(${column}::text, ${escaped}, ${ERASED})::jsonb`;
}

/** A condition: the jsonb `column` mentions `identifier`. */
export function jsonMentions(column: SQL | unknown, identifier: string): SQL {
  const escaped = JSON.stringify(identifier).slice(1, -1);
  return sql`strpos(${column}::text, ${escaped}) > 0`;
}
