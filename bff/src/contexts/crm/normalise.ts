/**
 * Lead normalisation for ingestion: the known fields (name, email, phone, source,
 * lead_reference_id, product_id) are cleaned, everything the sender sent stays untouched in
 * `raw_payload`. Email: trimmed, lower-cased and checked (zod's email rule, a practical subset of
 * RFC 5322). Phone: parsed with libphonenumber-js and stored as E.164 (ITU-T E.164); a national
 * number needs `country` (ISO 3166-1 alpha-2). A value that cannot be read is a 400 naming it.
 */
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import { z } from "zod";
import { ingestLeadRequestSchema } from "@nhood/contracts";
import { ValidationFailed, type FieldError } from "../../lib/errors";

export interface NormalisedLead {
  name: string | null;
  email: string | null;
  phone: string | null;
  source: string | null;
  leadReferenceId: string | null;
  productId: string | null;
  rawPayload: Record<string, unknown>;
}

const emailRule = z.email();

/** `+<country><number>`, or null for an empty value; throws nothing (answers "invalid"). */
export function toE164(raw: string, country?: string): string | null | "invalid" {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  const parsed = parsePhoneNumberFromString(trimmed, country ? { defaultCountry: country as CountryCode } : undefined);
  return parsed?.isValid() ? parsed.number : "invalid";
}

/** Lower-cased and checked email, null when empty, "invalid" otherwise. */
export function normaliseEmail(raw: string): string | null | "invalid" {
  const e = raw.trim().toLowerCase();
  if (!e) return null;
  return emailRule.safeParse(e).success ? e : "invalid";
}

const blank = (v: string | undefined) => (v === undefined || v.trim() === "" ? null : v.trim());

/**
 * Normalises an ingestion body (already parsed from JSON or a form). Throws ValidationFailed
 * (400) when the body is not an object, a known field has the wrong type, or an email/phone
 * cannot be read, or when it has neither email, phone nor name (nothing to follow up).
 */
export function normaliseLead(body: unknown): NormalisedLead {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ValidationFailed([{ pointer: "#", detail: "the body must be a JSON object or a form" }]);
  }
  const parsed = ingestLeadRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw new ValidationFailed(parsed.error.issues.map((i) => ({ pointer: `#/${i.path.join("/")}`, detail: i.message })));
  }
  const b = parsed.data;
  const errors: FieldError[] = [];
  const email = b.email === undefined ? null : normaliseEmail(b.email);
  if (email === "invalid") errors.push({ pointer: "#/email", detail: "not a valid email address" });
  const phone = b.phone === undefined ? null : toE164(b.phone, b.country);
  if (phone === "invalid")
    errors.push({
      pointer: "#/phone",
      detail: b.country ? "not a valid phone number" : "not a valid phone number; send it as +<country code><number> or add `country`",
    });
  const name = blank(b.name);
  if (!errors.length && !email && !phone && !name) errors.push({ pointer: "#", detail: "a lead needs at least a name, an email or a phone" });
  if (errors.length) throw new ValidationFailed(errors);
  const { api_key: _key, _redirect: _r, ...raw } = body as Record<string, unknown>;
  return {
    name,
    email: email as string | null,
    phone: phone as string | null,
    source: blank(b.source),
    leadReferenceId: blank(b.lead_reference_id),
    productId: b.product_id ?? null,
    rawPayload: raw,
  };
}
