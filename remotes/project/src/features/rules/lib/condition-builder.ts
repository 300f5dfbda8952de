/**
 * The visual condition builder's model: rows of (field, operator, value) joined by all/any,
 * turned into a CEL expression (the language the BFF evaluates). Values that read as numbers or
 * booleans stay bare; anything else becomes a quoted CEL string.
 */
export const operators = ["==", "!=", ">", ">=", "<", "<=", "contains", "exists"] as const;
export type Operator = (typeof operators)[number];

export interface ConditionRow {
  field: string;
  operator: Operator;
  value: string;
}

function literal(value: string): string {
  const v = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(v) || v === "true" || v === "false" || v === "null") return v;
  return JSON.stringify(v);
}

function clause({ field, operator, value }: ConditionRow): string | null {
  const f = field.trim();
  if (!/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(f)) return null;
  if (operator === "exists") return `has(${f})`;
  if (operator === "contains") return `${f}.contains(${JSON.stringify(value.trim())})`;
  return `${f} ${operator} ${literal(value)}`;
}

/** The CEL for `rows` (incomplete rows are skipped; none at all = `true`, every event). */
export function buildCondition(rows: ConditionRow[], join: "all" | "any"): string {
  const parts = rows.map(clause).filter((c): c is string => c !== null);
  if (!parts.length) return "true";
  return parts.join(join === "all" ? " && " : " || ");
}
