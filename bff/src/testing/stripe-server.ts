/**
 * A local Stripe for tests and e2e (docs/decisions/032-stripe-billing.md): an HTTP server that
 * speaks the parts of Stripe's real API the billing code uses — form-encoded bracketed bodies,
 * `Authorization: Bearer sk_…`, JSON objects with Stripe's ids and fields (API version
 * 2026-10-28: a subscription's period on its items, an invoice's subscription under
 * `parent.subscription_details`), `{error: {type, message, param}}` errors — and sends signed
 * webhooks (`Stripe-Signature: t=…,v1=…`, HMAC-SHA256 over "t.payload" with the `whsec_` secret,
 * https://docs.stripe.com/webhooks#verify-manually) that the BFF checks with
 * `stripe.webhooks.constructEvent`. It also serves a minimal hosted checkout page (`/checkout/:id`,
 * "Pay" completes it and redirects to `success_url`) and a customer-portal page.
 *
 * Endpoints: POST /v1/customers, GET /v1/customers/:id, POST /v1/checkout/sessions,
 * GET /v1/subscriptions/:id, GET /v1/invoices, POST /v1/invoices/create_preview,
 * POST /v1/billing_portal/sessions, POST /v1/billing/meter_events. Test controls (not Stripe's):
 * `completeCheckout`, `failPayment`, `payInvoice`, `cancelSubscription`, and the same under
 * POST /_test/… for e2e. `node --import tsx src/testing/stripe-server.ts` runs it standalone
 * (STRIPE_MOCK_PORT, STRIPE_WEBHOOK_URL, STRIPE_WEBHOOK_SECRET).
 */
import { createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

type Obj = Record<string, unknown>;
export interface MeterEvent {
  event_name: string;
  identifier: string;
  payload: { stripe_customer_id: string; value: string };
  timestamp: number;
}
export interface StripeServerOptions {
  /** the `whsec_…` secret webhooks are signed with */
  webhookSecret: string;
  /** delivers one signed webhook: the raw JSON body and its Stripe-Signature header */
  deliver: (payload: string, signature: string) => Promise<void>;
  /** unit amount of each price id, in cents (default 4900) */
  prices?: Record<string, number>;
}

const now = () => Math.floor(Date.now() / 1000);
const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;

/** Parses Stripe's form encoding (`a[b][0][c]=v`) into nested objects and arrays. */
export function parseStripeForm(body: string): Obj {
  const root: Obj = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.split(/\[|\]\[|\]/).filter((p, i) => p !== "" || i === 0);
    let at: Obj = root;
    parts.forEach((p, i) => {
      if (i === parts.length - 1) at[p] = value;
      else {
        at[p] ??= {};
        at = at[p] as Obj;
      }
    });
  }
  const arrays = (v: unknown): unknown => {
    if (!v || typeof v !== "object") return v;
    const o = v as Obj;
    const keys = Object.keys(o);
    if (keys.length && keys.every((k) => /^\d+$/.test(k))) return keys.sort((a, b) => +a - +b).map((k) => arrays(o[k]));
    return Object.fromEntries(keys.map((k) => [k, arrays(o[k])]));
  };
  return arrays(root) as Obj;
}

/** Signs `payload` as Stripe does: `t=<unix>,v1=<hex HMAC-SHA256(secret, "t.payload")>`. */
export function signStripePayload(payload: string, secret: string, t = now()): string {
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${payload}`).digest("hex")}`;
}

export class LocalStripe {
  readonly customers = new Map<string, Obj>();
  readonly sessions = new Map<string, Obj>();
  readonly subscriptions = new Map<string, Obj>();
  readonly invoices = new Map<string, Obj>();
  readonly meterEvents: MeterEvent[] = [];
  /** every webhook event sent, in order */
  readonly events: Obj[] = [];
  private server: Server | null = null;
  baseUrl = "";

  constructor(private readonly opts: StripeServerOptions) {}

  /** Listens on `port` (0: a free one) of 127.0.0.1; answers the base URL. */
  async listen(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(port, "127.0.0.1", r));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this.baseUrl;
  }

  close(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** Builds an event of `type` around `object` (a snapshot), signs it and delivers it; answers the event. */
  async send(type: string, object: Obj, opts: { deliver?: boolean; created?: number } = {}): Promise<Obj> {
    const event = {
      id: newId("evt"),
      object: "event",
      api_version: "2026-10-28.endive",
      created: opts.created ?? now(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    this.events.push(event);
    if (opts.deliver !== false) await this.redeliver(event);
    return event;
  }

  /** Delivers `event` (again), freshly signed. */
  async redeliver(event: Obj): Promise<void> {
    const payload = JSON.stringify(event, null, 2);
    await this.opts.deliver(payload, signStripePayload(payload, this.opts.webhookSecret));
  }

  /** "Pays" an open checkout session: a subscription, its first paid invoice; sends the webhooks Stripe sends. */
  async completeCheckout(sessionId: string): Promise<Obj> {
    const s = this.sessions.get(sessionId);
    if (!s) throw new Error(`no checkout session ${sessionId}`);
    if (s.status === "complete") return s;
    const items = (s.line_items as Obj[] | undefined) ?? [];
    const price = String(items[0]?.price ?? "price_unknown");
    const amount = this.opts.prices?.[price] ?? 4900;
    const customer = s.customer as string;
    const pm = { id: newId("pm"), object: "payment_method", type: "card", card: { brand: "visa", last4: "4242", exp_month: 12, exp_year: 2030 } };
    const c = this.customers.get(customer);
    if (c) c.invoice_settings = { default_payment_method: pm.id, _pm: pm };
    const start = now();
    const end = start + 30 * 86400;
    const meta = ((s.subscription_data as Obj | undefined)?.metadata as Obj | undefined) ?? (s.metadata as Obj) ?? {};
    const sub: Obj = {
      id: newId("sub"),
      object: "subscription",
      customer,
      status: "active",
      metadata: meta,
      cancel_at_period_end: false,
      canceled_at: null,
      created: start,
      default_payment_method: pm.id,
      items: {
        object: "list",
        data: [
          {
            id: newId("si"),
            object: "subscription_item",
            price: { id: price, object: "price", unit_amount: amount, currency: "usd", recurring: { interval: "month" } },
            quantity: 1,
            current_period_start: start,
            current_period_end: end,
          },
        ],
      },
    };
    this.subscriptions.set(sub.id as string, sub);
    Object.assign(s, { status: "complete", payment_status: "paid", subscription: sub.id });
    const inv = this.newInvoice(sub, "paid");
    await this.send("checkout.session.completed", s);
    await this.send("customer.subscription.created", sub);
    await this.send("invoice.paid", inv);
    return s;
  }

  /** The subscription's next invoice fails: an open invoice, the subscription past_due; sends invoice.payment_failed and customer.subscription.updated. */
  async failPayment(subscriptionId: string): Promise<Obj> {
    const sub = this.mustSub(subscriptionId);
    const inv = this.newInvoice(sub, "open");
    inv.attempt_count = 1;
    inv.next_payment_attempt = now() + 3 * 86400;
    sub.status = "past_due";
    await this.send("invoice.payment_failed", inv);
    await this.send("customer.subscription.updated", sub);
    return inv;
  }

  /** An open invoice is paid: the subscription active again; sends invoice.paid and customer.subscription.updated. */
  async payInvoice(invoiceId: string): Promise<Obj> {
    const inv = this.invoices.get(invoiceId);
    if (!inv) throw new Error(`no invoice ${invoiceId}`);
    Object.assign(inv, { status: "paid", amount_paid: inv.amount_due, amount_remaining: 0, status_transitions: { paid_at: now() } });
    const sub = this.subscriptions.get(this.subOf(inv));
    if (sub) sub.status = "active";
    await this.send("invoice.paid", inv);
    if (sub) await this.send("customer.subscription.updated", sub);
    return inv;
  }

  /** Cancels the subscription now; sends customer.subscription.deleted. */
  async cancelSubscription(subscriptionId: string): Promise<Obj> {
    const sub = this.mustSub(subscriptionId);
    Object.assign(sub, { status: "canceled", canceled_at: now(), ended_at: now() });
    await this.send("customer.subscription.deleted", sub);
    return sub;
  }

  private mustSub(id: string): Obj {
    const sub = this.subscriptions.get(id);
    if (!sub) throw new Error(`no subscription ${id}`);
    return sub;
  }

  private subOf(inv: Obj): string {
    return ((inv.parent as Obj).subscription_details as Obj).subscription as string;
  }

  private newInvoice(sub: Obj, status: "paid" | "open"): Obj {
    const item = ((sub.items as Obj).data as Obj[])[0]!;
    const amount = ((item.price as Obj).unit_amount as number) ?? 0;
    const id = newId("in");
    const inv: Obj = {
      id,
      object: "invoice",
      customer: sub.customer,
      status,
      number: `NH-${String(this.invoices.size + 1).padStart(4, "0")}`,
      currency: "usd",
      amount_due: amount,
      amount_paid: status === "paid" ? amount : 0,
      amount_remaining: status === "paid" ? 0 : amount,
      total: amount,
      created: now(),
      period_start: item.current_period_start,
      period_end: item.current_period_end,
      attempt_count: status === "paid" ? 1 : 0,
      next_payment_attempt: null,
      hosted_invoice_url: `${this.baseUrl}/invoice/${id}`,
      invoice_pdf: `${this.baseUrl}/invoice/${id}/pdf`,
      status_transitions: { paid_at: status === "paid" ? now() : null },
      parent: { type: "subscription_details", quote_details: null, subscription_details: { subscription: sub.id, metadata: sub.metadata } },
    };
    this.invoices.set(id, inv);
    return inv;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? "/", this.baseUrl);
    const form = parseStripeForm(Buffer.concat(chunks).toString());
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "request-id": newId("req") });
      res.end(JSON.stringify(body));
    };
    const fail = (status: number, type: string, message: string, param?: string) => json(status, { error: { type, message, ...(param ? { param } : {}) } });
    const html = (body: string) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html><head><title>Stripe (local)</title></head><body>${body}</body></html>`);
    };
    try {
      const route = `${req.method} ${url.pathname}`;
      // pages a browser opens (no API key)
      let m = /^GET \/checkout\/(cs_\w+)$/.exec(route);
      if (m) {
        const s = this.sessions.get(m[1]!);
        if (!s) return fail(404, "invalid_request_error", "No such checkout session");
        return html(`<main><h1>Pay NeighbourHood</h1><p>Subscription: ${String(((s.line_items as Obj[])[0] ?? {}).price)}</p>
          <form method="post" action="/checkout/${m[1]}/pay"><button type="submit">Pay</button></form>
          <a href="${String(s.cancel_url)}">Cancel</a></main>`);
      }
      m = /^POST \/checkout\/(cs_\w+)\/pay$/.exec(route);
      if (m) {
        const s = await this.completeCheckout(m[1]!);
        res.writeHead(303, { location: String(s.success_url).replace("{CHECKOUT_SESSION_ID}", String(s.id)) });
        return void res.end();
      }
      m = /^GET \/portal\/(bps_\w+)$/.exec(route);
      if (m) return html(`<main><h1>Customer portal (local Stripe)</h1><a href="${url.searchParams.get("return") ?? "/"}">Return</a></main>`);
      if (route.startsWith("POST /_test/")) {
        const what = url.pathname.slice("/_test/".length);
        const id = String(form.id ?? "");
        if (what === "fail_payment") return json(200, await this.failPayment(id));
        if (what === "pay_invoice") return json(200, await this.payInvoice(id));
        if (what === "cancel") return json(200, await this.cancelSubscription(id));
        if (what === "state")
          return json(200, { subscriptions: [...this.subscriptions.values()], invoices: [...this.invoices.values()], meter_events: this.meterEvents });
        return fail(404, "invalid_request_error", "unknown test control");
      }
      if (!/^Bearer sk_(test|live)_\w+/.test(req.headers.authorization ?? "")) {
        return fail(401, "invalid_request_error", "You did not provide an API key.");
      }
      if (route === "POST /v1/customers") {
        const c = {
          id: newId("cus"),
          object: "customer",
          created: now(),
          email: form.email ?? null,
          name: form.name ?? null,
          metadata: form.metadata ?? {},
          invoice_settings: { default_payment_method: null },
        };
        this.customers.set(c.id, c);
        return json(200, c);
      }
      m = /^GET \/v1\/customers\/(\w+)$/.exec(route);
      if (m) {
        const c = this.customers.get(m[1]!);
        if (!c) return fail(404, "invalid_request_error", `No such customer: '${m[1]}'`, "id");
        const settings = c.invoice_settings as { default_payment_method: string | null; _pm?: Obj };
        const expand = url.searchParams.getAll("expand[]").concat(url.searchParams.getAll("expand[0]"));
        const pm = expand.includes("invoice_settings.default_payment_method") ? (settings._pm ?? null) : settings.default_payment_method;
        return json(200, { ...c, invoice_settings: { default_payment_method: pm } });
      }
      if (route === "POST /v1/checkout/sessions") {
        if (form.mode !== "subscription") return fail(400, "invalid_request_error", "Only subscription mode is supported here", "mode");
        const items = form.line_items as Obj[] | undefined;
        if (!items?.length || !items[0]!.price) return fail(400, "invalid_request_error", "Missing required param: line_items[0][price].", "line_items");
        if (!form.success_url) return fail(400, "invalid_request_error", "Missing required param: success_url.", "success_url");
        const id = newId("cs_test");
        const s = {
          id,
          object: "checkout.session",
          mode: "subscription",
          status: "open",
          payment_status: "unpaid",
          url: `${this.baseUrl}/checkout/${id}`,
          ...form,
          subscription: null,
          created: now(),
        };
        this.sessions.set(id, s);
        return json(200, s);
      }
      m = /^GET \/v1\/subscriptions\/(\w+)$/.exec(route);
      if (m) {
        const s = this.subscriptions.get(m[1]!);
        return s ? json(200, s) : fail(404, "invalid_request_error", `No such subscription: '${m[1]}'`, "id");
      }
      if (route === "GET /v1/invoices") {
        const customer = url.searchParams.get("customer");
        const limit = Number(url.searchParams.get("limit") ?? 10);
        const data = [...this.invoices.values()]
          .filter((i) => i.customer === customer)
          .reverse()
          .slice(0, limit);
        return json(200, { object: "list", url: "/v1/invoices", has_more: false, data });
      }
      if (route === "POST /v1/invoices/create_preview") {
        const sub = [...this.subscriptions.values()].find((s) => s.customer === form.customer && s.status !== "canceled");
        if (!sub) return fail(404, "invalid_request_error", "No upcoming invoices for customer", "customer");
        const item = ((sub.items as Obj).data as Obj[])[0]!;
        const amount = (item.price as Obj).unit_amount as number;
        return json(200, {
          object: "invoice",
          id: null,
          customer: sub.customer,
          currency: "usd",
          amount_due: amount,
          total: amount,
          period_start: item.current_period_end,
          period_end: (item.current_period_end as number) + 30 * 86400,
          next_payment_attempt: item.current_period_end,
        });
      }
      if (route === "POST /v1/billing_portal/sessions") {
        if (!form.customer || !this.customers.has(String(form.customer)))
          return fail(400, "invalid_request_error", `No such customer: '${form.customer}'`, "customer");
        const id = newId("bps");
        return json(200, {
          id,
          object: "billing_portal.session",
          customer: form.customer,
          return_url: form.return_url ?? null,
          created: now(),
          livemode: false,
          url: `${this.baseUrl}/portal/${id}?return=${encodeURIComponent(String(form.return_url ?? "/"))}`,
        });
      }
      if (route === "POST /v1/billing/meter_events") {
        const p = (form.payload ?? {}) as { stripe_customer_id?: string; value?: string };
        if (!form.event_name) return fail(400, "invalid_request_error", "Missing required param: event_name.", "event_name");
        if (!p.stripe_customer_id || !this.customers.has(p.stripe_customer_id))
          return fail(400, "invalid_request_error", "No such customer in payload[stripe_customer_id]", "payload");
        const identifier = String(form.identifier ?? newId("mev"));
        if (this.meterEvents.some((e) => e.identifier === identifier)) {
          return fail(400, "invalid_request_error", `An event already exists with identifier ${identifier}.`, "identifier");
        }
        const e: MeterEvent = {
          event_name: String(form.event_name),
          identifier,
          payload: { stripe_customer_id: p.stripe_customer_id, value: String(p.value) },
          timestamp: Number(form.timestamp ?? now()),
        };
        this.meterEvents.push(e);
        return json(200, { object: "billing.meter_event", created: now(), livemode: false, ...e });
      }
      return fail(404, "invalid_request_error", `Unrecognized request URL (${req.method}: ${url.pathname}).`);
    } catch (e) {
      return fail(500, "api_error", String(e));
    }
  }
}

/** Starts a local Stripe on a free port (or `port`); answers it with `baseUrl` set. */
export async function startLocalStripe(opts: StripeServerOptions, port = 0): Promise<LocalStripe> {
  const s = new LocalStripe(opts);
  await s.listen(port);
  return s;
}

// standalone, for e2e: webhooks are POSTed to STRIPE_WEBHOOK_URL
if (process.argv[1]?.endsWith("stripe-server.ts") || process.argv[1]?.endsWith("stripe-server.js")) {
  const target = process.env.STRIPE_WEBHOOK_URL ?? "http://127.0.0.1:8080/webhooks/stripe";
  const s = await startLocalStripe(
    {
      webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? "whsec_local",
      deliver: async (payload, signature) => {
        const r = await fetch(target, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature }, body: payload });
        if (!r.ok) throw new Error(`webhook answered ${r.status}: ${await r.text()}`);
      },
    },
    Number(process.env.STRIPE_MOCK_PORT ?? 12111),
  );
  console.log(`local Stripe on ${s.baseUrl}, webhooks to ${target}`);
}
