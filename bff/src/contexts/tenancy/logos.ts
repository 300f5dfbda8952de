/**
 * Uploaded workspace logos (seed 003 §12.1 "upload project logo", issue 16 part 4, decision
 * 033). A logo is PNG, WebP or SVG, at most `LOGO_MAX_BYTES` (512 KiB), its type sniffed from the
 * bytes (magic numbers via file-type; SVG by its markup), never from the file name or the declared
 * content type. An SVG is sanitised with DOMPurify (isomorphic-dompurify) before it is stored:
 * scripts, event handlers, `<foreignObject>`, `<style>`, style attributes, links, embedded
 * images and every reference that is not to the document itself (`href`, `url(...)`) are
 * removed. The bytes are kept in PostgreSQL (`branding_logos`, one per workspace) and served at
 * `/api/v1/logos/{workspace_id}/{first 16 hex of SHA-256}.{png|webp|svg}`, which becomes the
 * branding's `logo_url`; a new upload changes the name, so the file can be cached for a year.
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import DOMPurify from "isomorphic-dompurify";
import { LOGO_MAX_BYTES, type WorkspaceBranding } from "@nhood/contracts";
import type { Tx } from "../../db/client";
import { appendDomainEvent } from "../../kernel/events";
import { DomainError, NotFound, ValidationFailed } from "../../lib/errors";
import { brandingLogos } from "./schema";
import { getWorkspaceBranding, updateBranding } from "./service";

const EXT: Record<string, string> = { "image/png": "png", "image/webp": "webp", "image/svg+xml": "svg" };

/** 413 naming `#/file`: the logo is larger than the limit. */
export class LogoTooLarge extends DomainError {
  constructor(size: number) {
    super(413, "payload-too-large", "Logo too large", `The logo is ${Math.ceil(size / 1024)} KiB; the limit is ${LOGO_MAX_BYTES / 1024} KiB.`, [
      { pointer: "#/file", detail: `larger than ${LOGO_MAX_BYTES / 1024} KiB` },
    ]);
  }
}

const SVG_START = /^(?:\uFEFF)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/i;
const REFERENCE_ATTRS = new Set(["href", "xlink:href", "src", "action", "formaction"]);
/** `url(` not followed by `#`: a reference outside the document */
const EXTERNAL_URL = /url\(\s*['"]?\s*(?!#)/i;

/**
 * The SVG markup without anything active or external (see the module docstring). Throws
 * ValidationFailed on `#/file` when nothing of an SVG is left.
 */
export function sanitiseSvg(markup: string): string {
  const dropExternal = (_node: Element, data: { attrName: string; attrValue: string; keepAttr: boolean }) => {
    const name = data.attrName.toLowerCase();
    if (REFERENCE_ATTRS.has(name) && !data.attrValue.trim().startsWith("#")) data.keepAttr = false;
    else if (EXTERNAL_URL.test(data.attrValue)) data.keepAttr = false;
  };
  DOMPurify.addHook("uponSanitizeAttribute", dropExternal as never);
  let clean: string;
  try {
    clean = DOMPurify.sanitize(markup, {
      USE_PROFILES: { svg: true, svgFilters: true },
      FORBID_TAGS: ["script", "style", "foreignObject", "image", "a", "iframe", "animate", "set", "animateMotion", "animateTransform", "feImage"],
      FORBID_ATTR: ["style"],
    });
  } finally {
    DOMPurify.removeHook("uponSanitizeAttribute");
  }
  clean = clean.trim();
  if (!/^<svg[\s>]/i.test(clean)) throw new ValidationFailed([{ pointer: "#/file", detail: "the SVG has no drawable content left after sanitising" }]);
  // served as image/svg+xml it is parsed as XML: the namespaces must be declared
  if (!/^<svg[^>]*\sxmlns=/i.test(clean)) clean = clean.replace(/^<svg/i, '<svg xmlns="http://www.w3.org/2000/svg"');
  if (/\sxlink:/i.test(clean) && !/\sxmlns:xlink=/i.test(clean)) clean = clean.replace(/^<svg/i, '<svg xmlns:xlink="http://www.w3.org/1999/xlink"');
  return `${clean}\n`;
}

/**
 * The sniffed type and the bytes to store: PNG and WebP as sent, SVG sanitised. Throws
 * LogoTooLarge (413) past the limit and ValidationFailed (400, `#/file`) for an empty file or
 * any other type, whatever its name says.
 */
export async function prepareLogo(bytes: Buffer): Promise<{ contentType: string; bytes: Buffer }> {
  if (bytes.length === 0) throw new ValidationFailed([{ pointer: "#/file", detail: "the file is empty" }]);
  if (bytes.length > LOGO_MAX_BYTES) throw new LogoTooLarge(bytes.length);
  const kind = await fileTypeFromBuffer(bytes);
  if (kind?.mime === "image/png" || kind?.mime === "image/webp") return { contentType: kind.mime, bytes };
  // file-type names no SVG (it may say XML): markup is recognised by its root element
  const text = !kind || kind.mime === "application/xml" || kind.mime === "image/svg+xml" ? bytes.toString("utf8") : null;
  if (text !== null && SVG_START.test(text)) return { contentType: "image/svg+xml", bytes: Buffer.from(sanitiseSvg(text), "utf8") };
  throw new ValidationFailed([{ pointer: "#/file", detail: `not a PNG, WebP or SVG image (${kind?.mime ?? "unknown type"})` }]);
}

/** The path the suite serves a stored logo at. */
export const logoPath = (workspaceId: string, sha256: string, contentType: string): string =>
  `/api/v1/logos/${workspaceId}/${sha256.slice(0, 16)}.${EXT[contentType] ?? "bin"}`;

/** Stores the workspace's logo (replacing any) and points its branding at it; answers the branding. */
export async function uploadLogo(tx: Tx, workspaceId: string, raw: Buffer): Promise<WorkspaceBranding> {
  const { contentType, bytes } = await prepareLogo(raw);
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  await tx
    .insert(brandingLogos)
    .values({ workspaceId, contentType, sha256, size: bytes.length, bytes })
    .onConflictDoUpdate({ target: brandingLogos.workspaceId, set: { contentType, sha256, size: bytes.length, bytes, updatedAt: new Date() } });
  const url = logoPath(workspaceId, sha256, contentType);
  await appendDomainEvent(tx, {
    workspaceId,
    type: "branding.logo_uploaded",
    subjectId: workspaceId,
    payload: { content_type: contentType, size: bytes.length, sha256 },
  });
  return updateBranding(tx, workspaceId, { logo_url: url });
}

/** Removes the stored logo and clears the branding's logo; 404 when there is none. */
export async function deleteLogo(tx: Tx, workspaceId: string): Promise<WorkspaceBranding> {
  const gone = await tx.delete(brandingLogos).where(eq(brandingLogos.workspaceId, workspaceId)).returning({ sha256: brandingLogos.sha256 });
  if (!gone.length) throw new NotFound("uploaded logo");
  await appendDomainEvent(tx, { workspaceId, type: "branding.logo_removed", subjectId: workspaceId, payload: {} });
  const current = await getWorkspaceBranding(tx, workspaceId);
  return current.logo_url?.startsWith(`/api/v1/logos/${workspaceId}/`) ? updateBranding(tx, workspaceId, { logo_url: null }) : current;
}

/**
 * The stored logo named `file` (`{sha prefix}.{ext}`) of a workspace, read in `tx` (the
 * platform scope: logos are public, like the branding a custom domain shows before sign-in);
 * null when the workspace has no logo or the name is not the current one's.
 */
export async function readLogo(tx: Tx, workspaceId: string, file: string): Promise<{ contentType: string; bytes: Buffer; sha256: string } | null> {
  const [row] = await tx.select().from(brandingLogos).where(eq(brandingLogos.workspaceId, workspaceId));
  if (!row || logoPath(workspaceId, row.sha256, row.contentType) !== `/api/v1/logos/${workspaceId}/${file}`) return null;
  return { contentType: row.contentType, bytes: row.bytes, sha256: row.sha256 };
}

/**
 * A `logo_url` that points at an uploaded logo must point at this workspace's own (a path of
 * `/api/v1/logos/{another workspace}/…` is refused, 400 naming `pointer`); other values pass.
 */
export function assertOwnLogoPath(workspaceId: string, url: string | null | undefined, pointer = "#/logo_url"): void {
  if (url?.startsWith("/api/v1/logos/") && !url.startsWith(`/api/v1/logos/${workspaceId}/`)) {
    throw new ValidationFailed([{ pointer, detail: "an uploaded logo of another workspace; upload your own" }]);
  }
}
