/**
 * Notion API simulator: create a page in a database, `POST https://api.notion.com/v1/pages` with
 * `{parent: {database_id}, properties, children?}` and the required `Notion-Version` header
 * (https://developers.notion.com/reference/post-page). Success: 200 with the page object
 * (`object: "page"`, a dashed UUID `id`, `parent` with the dashed database id, `properties` with
 * the title as rich text, `url`). Errors are `{object: "error", status, code, message, request_id}`
 * (https://developers.notion.com/reference/status-codes): 401 `unauthorized`, 400
 * `missing_version`, 400 `validation_error` ("body failed validation: …"), 404 `object_not_found`,
 * 429 `rate_limited`, 409 `conflict_error`, 500 `internal_server_error`, 503 `service_unavailable`.
 */
import { randomUUID } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const notionError = (status: number, code: string, message: string) => ({ status, body: { object: "error", status, code, message, request_id: randomUUID() } });
const invalid = (message: string) => notionError(400, "validation_error", `body failed validation: ${message}`);

/** A Notion id: 32 hex digits, with or without the UUID dashes. */
const NOTION_ID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const dashed = (id: string) => {
  const h = id.replace(/-/g, "").toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const TEXT_MAX = 2000;
const BLOCK_TYPES = [
  "paragraph",
  "heading_1",
  "heading_2",
  "heading_3",
  "bulleted_list_item",
  "numbered_list_item",
  "to_do",
  "quote",
  "callout",
  "code",
  "divider",
];

const annotations = { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: "default" };

/** Checks a rich-text array at `path`; answers the validation message or undefined. */
function richTextProblem(value: unknown, path: string): string | undefined {
  if (!Array.isArray(value)) return `${path} should be an array, instead was \`${JSON.stringify(value)}\`.`;
  for (const [i, t] of value.entries()) {
    const content = (t as { text?: { content?: unknown } } | null)?.text?.content;
    if (typeof content !== "string") return `${path}[${i}].text.content should be a string, instead was \`${JSON.stringify(content)}\`.`;
    if (content.length > TEXT_MAX) return `${path}[${i}].text.content.length should be ≤ \`${TEXT_MAX}\`, instead was \`${content.length}\`.`;
  }
  return undefined;
}

function createPage(req: SandboxRequest) {
  if (!/^Bearer\s+\S+/.test(req.headers.get("authorization") ?? "")) return notionError(401, "unauthorized", "API token is invalid.");
  const version = req.headers.get("notion-version");
  if (!version)
    return notionError(400, "missing_version", "Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(version))
    return notionError(
      400,
      "validation_error",
      `Notion-Version header failed validation: Notion-Version header should be a known version, instead was \`"${version}"\`.`,
    );
  const b = (req.body && typeof req.body === "object" && !Array.isArray(req.body) ? req.body : {}) as Record<string, unknown>;
  const parent = (b.parent && typeof b.parent === "object" ? b.parent : null) as { database_id?: unknown; page_id?: unknown } | null;
  if (!parent) return invalid("body.parent should be defined, instead was `undefined`.");
  const parentId = parent.database_id ?? parent.page_id;
  const parentKey = parent.database_id !== undefined ? "database_id" : "page_id";
  if (typeof parentId !== "string" || !NOTION_ID.test(parentId))
    return invalid(`body.parent.${parentKey} should be a valid uuid, instead was \`${JSON.stringify(parentId)}\`.`);
  if (!b.properties || typeof b.properties !== "object" || Array.isArray(b.properties))
    return invalid("body.properties should be defined, instead was `undefined`.");
  const properties: Record<string, unknown> = {};
  let plainTitle = "";
  for (const [name, value] of Object.entries(b.properties as Record<string, unknown>)) {
    const title = (value as { title?: unknown } | null)?.title;
    if (title === undefined) {
      properties[name] = value;
      continue;
    }
    const problem = richTextProblem(title, `body.properties.${name}.title`);
    if (problem) return invalid(problem);
    const texts = title as { text: { content: string; link?: unknown } }[];
    plainTitle = texts.map((t) => t.text.content).join("");
    properties[name] = {
      id: "title",
      type: "title",
      title: texts.map((t) => ({
        type: "text",
        text: { content: t.text.content, link: t.text.link ?? null },
        annotations,
        plain_text: t.text.content,
        href: null,
      })),
    };
  }
  if (b.children !== undefined) {
    if (!Array.isArray(b.children)) return invalid(`body.children should be an array, instead was \`${JSON.stringify(b.children)}\`.`);
    if (b.children.length > 100) return invalid(`body.children.length should be ≤ \`100\`, instead was \`${b.children.length}\`.`);
    for (const [i, child] of b.children.entries()) {
      const type = (child as { type?: unknown } | null)?.type;
      if (typeof type !== "string" || !BLOCK_TYPES.includes(type))
        return invalid(`body.children[${i}].type should be a supported block type, instead was \`${JSON.stringify(type)}\`.`);
      const rich = (child as Record<string, { rich_text?: unknown } | undefined>)[type]?.rich_text;
      if (type !== "divider") {
        const problem = richTextProblem(rich, `body.children[${i}].${type}.rich_text`);
        if (problem) return invalid(problem);
      }
    }
  }
  const id = randomUUID();
  const now = new Date().toISOString().replace(/\d{2}\.\d{3}Z$/, "00.000Z");
  const user = { object: "user", id: "5a5c1d2e-0000-4000-8000-00000000cafe" };
  const slugTitle = plainTitle
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  const compact = id.replace(/-/g, "");
  return {
    status: 200,
    body: {
      object: "page",
      id,
      created_time: now,
      last_edited_time: now,
      created_by: user,
      last_edited_by: user,
      cover: null,
      icon: null,
      parent: { type: parentKey, [parentKey]: dashed(parentId) },
      archived: false,
      in_trash: false,
      properties,
      url: `https://www.notion.so/${slugTitle ? `${slugTitle}-` : ""}${compact}`,
      public_url: null,
      request_id: randomUUID(),
    },
  };
}

const codes: Record<number, [string, string]> = {
  400: ["validation_error", "body failed validation."],
  401: ["unauthorized", "API token is invalid."],
  403: ["restricted_resource", "API token does not have access to this resource."],
  404: ["object_not_found", "Could not find database. Make sure the relevant pages and databases are shared with your integration."],
  409: ["conflict_error", "Conflict occurred while saving. Please try again."],
  429: ["rate_limited", "You have been rate limited. Please try again in a few minutes."],
  500: ["internal_server_error", "Unexpected error occurred."],
  502: ["bad_gateway", "Notion encountered an issue while attempting to complete this request. Please try again."],
  503: ["service_unavailable", "Notion is unavailable, please try again later."],
  504: ["gateway_timeout", "Notion timed out while attempting to complete this request. Please try again later."],
};

registerSimulator(
  "notion",
  (req) => matchRoute(req, { "POST /v1/pages": () => createPage(req) }, () => notionError(400, "invalid_request_url", "Invalid request URL.")),
  (status, message) => {
    const [code, text] = codes[status] ?? [status >= 500 ? "internal_server_error" : "invalid_request", message];
    return notionError(status, code, text);
  },
);
