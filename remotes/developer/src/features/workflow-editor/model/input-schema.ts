/**
 * Reads an action's input JSON Schema (draft 2020-12, as the BFF's action palette answers it from
 * the action's zod schema) into form fields for the step panel. Only the top-level `properties`
 * become fields; `anyOf`/`oneOf` members are merged (`null` makes a field nullable, a string member
 * wins so `{{ }}` expressions stay possible); anything else is edited as JSON.
 */

/** How a field is edited: text (accepts expressions), number, checkbox, select or JSON. */
export type FieldKind = "string" | "number" | "boolean" | "enum" | "json";

export interface SchemaField {
  key: string;
  kind: FieldKind;
  required: boolean;
  /** the allowed values of an enum field, as text */
  options?: string[];
  description?: string;
  /** the schema's `default`, shown as a placeholder */
  defaultValue?: unknown;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function kindOf(s: Json): Pick<SchemaField, "kind" | "options"> {
  if (Array.isArray(s.enum)) return { kind: "enum", options: s.enum.map(String) };
  if ("const" in s) return { kind: "enum", options: [String(s.const)] };
  const members = [...(Array.isArray(s.anyOf) ? s.anyOf : []), ...(Array.isArray(s.oneOf) ? s.oneOf : [])].filter(isObj);
  if (members.length) {
    const kinds = members.filter((m) => m.type !== "null").map(kindOf);
    if (kinds.length === 1) return kinds[0]!;
    if (kinds.every((k) => k.kind === "enum")) return { kind: "enum", options: kinds.flatMap((k) => k.options ?? []) };
    if (kinds.some((k) => k.kind === "string")) return { kind: "string" };
    return { kind: "json" };
  }
  const types = (Array.isArray(s.type) ? s.type : [s.type]).filter((t) => t !== "null");
  if (types.length !== 1) return { kind: types.includes("string") ? "string" : "json" };
  switch (types[0]) {
    case "string":
      return { kind: "string" };
    case "number":
    case "integer":
      return { kind: "number" };
    case "boolean":
      return { kind: "boolean" };
    default:
      return { kind: "json" };
  }
}

/** The form fields of an object schema, in the schema's property order; [] without properties. */
export function schemaFields(schema: Json | undefined): SchemaField[] {
  if (!schema || !isObj(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  return Object.entries(schema.properties)
    .filter(([, p]) => isObj(p))
    .map(([key, p]) => {
      const prop = p as Json;
      return {
        key,
        ...kindOf(prop),
        required: required.has(key),
        description: typeof prop.description === "string" ? prop.description : undefined,
        defaultValue: prop.default,
      };
    });
}
