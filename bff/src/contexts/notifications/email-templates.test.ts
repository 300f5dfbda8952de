/**
 * Branded e-mail (issue 15 part 6): a rule's e-mailed notification and a quota notice arrive at a
 * local SMTP server as multipart/alternative with a plain-text and an HTML part; the HTML carries
 * the workspace's colour, logo and name and HTML-escapes user data. The portal's preview route
 * renders each kind with sample data, names an unknown kind, and refuses another workspace.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { catchMailInThisFile, type CaughtMail } from "../../testing/smtp";
import { expectProblem, pointers } from "../../testing/fixtures";
import { settle, workspaceOnPlan } from "../../testing/notifications";

let h: Harness;
const mails = catchMailInThisFile();

beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

const BRAND = { display_name: "Tide & Co", primary_color: "#0f766e", logo_url: "https://cdn.example.test/tide-logo.png" };

/** The parts of a raw MIME message by content type, decoded (quoted-printable or base64). */
function parts(mail: CaughtMail): { contentType: string; parts: Record<string, string> } {
  const raw = mail.body.replace(/\r\n/g, "\n");
  const contentType = /^Content-Type: ([^;\n]+)/im.exec(raw)?.[1] ?? "";
  const boundary = /boundary="?([^"\n;]+)"?/i.exec(raw)?.[1];
  const out: Record<string, string> = {};
  for (const chunk of boundary ? raw.split(`--${boundary}`).slice(1, -1) : []) {
    const [head = "", ...rest] = chunk.replace(/^\n/, "").split("\n\n");
    const body = rest.join("\n\n");
    const type = /Content-Type: ([^;\n]+)/i.exec(head)?.[1]?.trim() ?? "";
    const encoding = /Content-Transfer-Encoding: (\S+)/i.exec(head)?.[1]?.toLowerCase();
    const bytes =
      encoding === "base64"
        ? Buffer.from(body.replace(/\s/g, ""), "base64")
        : encoding === "quoted-printable"
          ? Buffer.from(
              body
                .replace(/=\n/g, "")
                .split(/(=[0-9A-F]{2})/)
                .flatMap((s) => (/^=[0-9A-F]{2}$/.test(s) ? [Number.parseInt(s.slice(1), 16)] : [...Buffer.from(s)])),
            )
          : Buffer.from(body);
    out[type] = bytes.toString("utf8");
  }
  return { contentType: contentType.trim(), parts: out };
}

async function brandedWorkspace() {
  const ws = await workspaceOnPlan(h, "starter");
  const set = await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/branding`, { token: ws.token, body: BRAND });
  expect(set.status).toBe(200);
  return ws;
}

/** A mail to `email` other than the sign-up's e-mail verification (which every new owner gets too). */
const notVerification = (email: string) => (m: { to: string[]; body: string }) => m.to.includes(email) && !m.body.includes("Subject: Verify your e-mail");

describe("branded e-mail", () => {
  it("a notification e-mail is multipart/alternative with the workspace's colour, logo and name, and escapes user data", async () => {
    const ws = await brandedWorkspace();
    const rule = await h.call("POST", "/api/v1/rules", {
      token: ws.token,
      body: {
        name: "mail orders",
        condition: 'event.type == "order.completed"',
        target_roles: ["owner"],
        channels: ["email"],
        title_template: "Order {{ event.payload.id }}",
        message_template: "From {{ payload.customer }}",
      },
    });
    expect(rule.status).toBe(201);
    const sent = await h.call("POST", "/api/v1/events", {
      token: ws.apiKey,
      body: { type: "order.completed", payload: { id: "<b>42</b>", customer: '<script>alert("x")</script> & Sons' } },
    });
    expect(sent.status).toBe(202);
    await settle(h, async () => mails.some(notVerification(ws.email)));
    const mail = parts(mails.find(notVerification(ws.email))!);
    expect(mail.contentType).toBe("multipart/alternative");
    expect(Object.keys(mail.parts)).toEqual(["text/plain", "text/html"]);
    const html = mail.parts["text/html"]!;
    expect(html).toContain("background-color:#0f766e");
    expect(html).toContain('src="https://cdn.example.test/tide-logo.png"');
    expect(html).toContain("Tide &amp; Co");
    expect(html).toContain("Order &lt;b&gt;42&lt;/b&gt;");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>42");
    const text = mail.parts["text/plain"]!;
    expect(text).toContain('<script>alert("x")</script> & Sons');
    expect(text).toContain("Tide & Co");
    expect(text).not.toContain("<html");
  });

  it("a quota notice to the billing contact is branded and has both parts", async () => {
    await h.owner`insert into plans (id, name, events_per_month, notifications_per_month, users, rules, sounds, requests_per_hour, webhooks)
      values ('test_email_quota', 'Mail quota', 5, 100, 10, 5, 3, 1000, true) on conflict (id) do nothing`;
    const ws = await workspaceOnPlan(h, "test_email_quota");
    expect((await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/branding`, { token: ws.token, body: BRAND })).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "t" } })).status).toBe(202); // 80 %
    await settle(h, async () => mails.some(notVerification(ws.email)));
    const mail = parts(mails.find(notVerification(ws.email))!);
    expect(mail.contentType).toBe("multipart/alternative");
    expect(mail.parts["text/html"]).toContain("background-color:#0f766e");
    expect(mail.parts["text/html"]).toContain("You have used 80% of your events quota");
    expect(mail.parts["text/plain"]).toContain("4 of 5 events this month");
  });

  it("previews each kind with sample data and the workspace's branding; an unknown kind names the field; another workspace is refused", async () => {
    const ws = await brandedWorkspace();
    for (const kind of ["notification", "quota"]) {
      const res = await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/email-templates/${kind}/preview`, { token: ws.token });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { kind: string; subject: string; html: string; text: string };
      expect(body.kind).toBe(kind);
      expect(body.subject.length).toBeGreaterThan(0);
      expect(body.html).toContain("background-color:#0f766e");
      expect(body.html).toContain("tide-logo.png");
      expect(body.text).toContain(body.subject.toUpperCase());
      expect(body.text).toContain("Tide & Co");
    }
    const bad = await expectProblem(await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/email-templates/sms/preview`, { token: ws.token }), 400);
    expect(pointers(bad)).toEqual(["#/path/kind"]);

    const other = await workspaceOnPlan(h, "starter");
    await expectProblem(await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/email-templates/notification/preview`, { token: other.token }), 404);
    await expectProblem(await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/email-templates/notification/preview`), 401);
  });
});
