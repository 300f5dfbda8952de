/**
 * The demo seed, applied once per database (skipped when `admin@neighbourhood.test` exists).
 * Every password is `demo-password-1`. It goes through the same services and row-level security
 * as the API, so it doubles as a smoke test of the write paths.
 */
import { eq, sql } from "drizzle-orm";
import type { Database, Tx } from "../db/client";
import { setWorkspace, withUser } from "../db/tenant";
import { memberships, users } from "../contexts/identity/schema";
import { addConfirmedTotp, hashPassword } from "../contexts/identity";
import { addMember } from "../contexts/identity";
import { signUp } from "../contexts/tenancy";
import { branding, workspaces } from "../contexts/tenancy/schema";
import { upsertEndUser } from "../contexts/integrations";
import { consentHistory, consents, purposes } from "../contexts/integrations/schema";
import { leads } from "../contexts/crm/schema";
import { seedDemoCrm } from "../contexts/crm";
import { notifications, rules } from "../contexts/notifications/schema";
import { createWorkflow } from "../contexts/workflows";
import { WELCOME_NEW_CUSTOMER } from "../contexts/workflows";
import { findFirst } from "../db/find-first";
import { seedDemoExecutions } from "./demo-executions";
import { seedDemoInbox } from "./demo-inbox";

export const DEMO_PASSWORD = "demo-password-1";
/**
 * The demo platform staff's TOTP secret (issue 18: staff must use a second factor). Documented in
 * README: add it to an authenticator app, or compute the code with otplib
 * (`authenticator.generate(secret)`), as the e2e support, the benches and the test harness do.
 */
export const DEMO_STAFF_TOTP_SECRET = "NHOODDEMOSTAFFTOTPSECRET234567AB";

export const DEMO_ACCOUNTS = [
  { email: "admin@neighbourhood.test", role: "super_admin (platform staff)", portals: "admin" },
  // --- admin portal (issue 7): platform staff roles ---
  { email: "support@neighbourhood.test", role: "support (platform staff, read-only)", portals: "admin" },
  { email: "billing@neighbourhood.test", role: "billing (platform staff, plans and quotas)", portals: "admin" },
  // --- end admin portal ---
  { email: "owner@acme.test", role: "owner of Acme", portals: "developer, employee, project" },
  { email: "dev@acme.test", role: "developer at Acme", portals: "developer, project" },
  { email: "manager@acme.test", role: "sales_manager at Acme", portals: "employee, project" },
  { email: "rep1@acme.test", role: "sales_rep at Acme (reports to the manager)", portals: "employee, project" },
  { email: "rep2@acme.test", role: "sales_rep at Acme (reports to the manager)", portals: "employee, project" },
  { email: "owner@globex.test", role: "owner of Globex", portals: "developer, employee, project" },
] as const;

export interface SeedResult {
  seeded: boolean;
  acmeId: string;
  globexId: string;
}

/** Seeds the demo unless it is there already; answers the workspace ids either way. */
export async function seedDemoOnce(db: Database): Promise<SeedResult> {
  const existing = await findFirst(db, users, sql`lower(${users.email}) = 'admin@neighbourhood.test'`);
  if (existing) return { seeded: false, acmeId: await workspaceOf(db, "owner@acme.test"), globexId: await workspaceOf(db, "owner@globex.test") };
  // one transaction: a seed interrupted half-way leaves nothing behind and runs again next start
  return db.transaction(async (tx) => seedDemo(tx));
}

async function seedDemo(db: Tx): Promise<SeedResult> {
  await db
    .insert(users)
    .values({ email: "admin@neighbourhood.test", name: "Ada Admin", passwordHash: await hashPassword(DEMO_PASSWORD), platformRole: "super_admin" });
  // --- admin portal (issue 7): one account per other platform staff role ---
  await db.insert(users).values([
    { email: "support@neighbourhood.test", name: "Sasha Support", passwordHash: await hashPassword(DEMO_PASSWORD), platformRole: "support" },
    { email: "billing@neighbourhood.test", name: "Bo Billing", passwordHash: await hashPassword(DEMO_PASSWORD), platformRole: "billing" },
  ]);
  for (const staff of await db.select({ id: users.id }).from(users).where(sql`${users.platformRole} is not null`))
    await addConfirmedTotp(db, staff.id, DEMO_STAFF_TOTP_SECRET, "Demo authenticator");
  // --- end admin portal ---

  // the demo's plans apply at once (no trial) and its owners' addresses count as verified, as for staff-created workspaces
  const acme = await signUp(db, { name: "Acme", email: "owner@acme.test", password: DEMO_PASSWORD, plan: "professional" }, { byStaff: true });
  const globex = await signUp(db, { name: "Globex", email: "owner@globex.test", password: DEMO_PASSWORD, plan: "free" }, { byStaff: true });
  await inWorkspace(db, acme.workspace_id, async (tx) => {
    await tx.update(users).set({ name: "Olivia Owner" }).where(eq(users.email, "owner@acme.test"));
    await addMember(tx, acme.workspace_id, { email: "dev@acme.test", name: "Dana Developer", password: DEMO_PASSWORD, role: "developer" });
    const manager = await addMember(tx, acme.workspace_id, {
      email: "manager@acme.test",
      name: "Morgan Manager",
      password: DEMO_PASSWORD,
      role: "sales_manager",
    });
    const rep1 = await addMember(tx, acme.workspace_id, {
      email: "rep1@acme.test",
      name: "Riley Rep",
      password: DEMO_PASSWORD,
      role: "sales_rep",
      reports_to: manager,
    });
    const rep2 = await addMember(tx, acme.workspace_id, {
      email: "rep2@acme.test",
      name: "Sam Rep",
      password: DEMO_PASSWORD,
      role: "sales_rep",
      reports_to: manager,
    });
    await tx
      .update(branding)
      .set({ displayName: "Acme", logoUrl: "/brand/acme-logo.svg", primaryColor: "#0f766e" })
      .where(eq(branding.workspaceId, acme.workspace_id));
    const eu = await upsertEndUser(tx, acme.workspace_id, "user_xyz", { email: "xyz@customer.test", name: "Xavier Young" });
    await tx.insert(consents).values({
      workspaceId: acme.workspace_id,
      endUserId: eu.id,
      purpose: "workflow_automation",
      description: "Let Acme run automations with the apps you connect.",
      granted: true,
    });
    // --- integrations (issue 4): the purpose behind that consent, and its history entry ---
    await tx.insert(purposes).values({
      workspaceId: acme.workspace_id,
      key: "workflow_automation",
      title: "Workflow automation",
      notice: "Let Acme run automations with the apps you connect.",
      providers: ["slack", "salesforce"],
    });
    await tx
      .insert(consentHistory)
      .values({ workspaceId: acme.workspace_id, endUserId: eu.id, purpose: "workflow_automation", granted: true, noticeVersion: 1, method: "seed" });
    // --- end integrations ---
    await tx.insert(leads).values([
      {
        workspaceId: acme.workspace_id,
        name: "Grace Hopper",
        email: "grace@navy.test",
        phone: "+12025550123",
        source: "web_form",
        stage: "new",
        ownerMembershipId: rep1,
        rawPayload: { utm_source: "newsletter" },
      },
      {
        workspaceId: acme.workspace_id,
        name: "Alan Turing",
        email: "alan@bletchley.test",
        phone: "+441234567890",
        source: "meta_lead_ads",
        stage: "contacted",
        ownerMembershipId: rep2,
        rawPayload: { form_id: "demo" },
      },
      {
        workspaceId: acme.workspace_id,
        name: "Katherine Johnson",
        email: "katherine@nasa.test",
        phone: null,
        source: "web_form",
        stage: "qualified",
        ownerMembershipId: manager,
        rawPayload: {},
      },
    ]);
    // --- crm (issue 6): a CRM client with a product from the catalogue; the demo leads are its ---
    await seedDemoCrm(tx, acme.workspace_id);
    // --- end crm ---
    // --- notifications (issue 5): a rule that puts failed executions in the inbox of the builders ---
    await tx.insert(rules).values({
      workspaceId: acme.workspace_id,
      name: "Execution failed",
      description: "A workflow execution failed after its retries.",
      condition: 'event.type == "execution.failed"',
      targetRoles: ["owner", "admin", "developer"],
      priority: 10,
      severity: "high",
      titleTemplate: "Execution failed",
      messageTemplate: "{{ event.payload.error }}",
    });
    // --- end notifications ---
    await tx.insert(notifications).values({
      workspaceId: acme.workspace_id,
      title: "Welcome to NeighbourHood",
      message: "Your workspace is ready. Rules you create will deliver notifications here in real time.",
      priority: "normal",
    });
    // --- workflows (issue 3): the seed's "Welcome New Customer", published at version 1 ---
    // unchecked: the seed is trusted and the provider catalogue may load after the seed runs
    const welcome = await createWorkflow(tx, acme.workspace_id, WELCOME_NEW_CUSTOMER, { check: false });
    // --- end workflows ---
    // --- test mode (issue 14): Acme runs in test mode, so its first test run reaches the sandbox and
    // succeeds with no real Slack or Salesforce account; a day of executions fills the screens ---
    await tx.update(workspaces).set({ testMode: true }).where(eq(workspaces.id, acme.workspace_id));
    await seedDemoExecutions(tx, acme.workspace_id, welcome.id);
    // --- end test mode ---
    // --- client SDK (issue 15): the example inbox's publishable key, user role, rule, sound and user ---
    await seedDemoInbox(tx, acme.workspace_id);
    // --- end client SDK ---
  });
  await inWorkspace(db, globex.workspace_id, async (tx) => {
    await tx.update(users).set({ name: "Gus Globex" }).where(eq(users.email, "owner@globex.test"));
    await tx.update(branding).set({ primaryColor: "#b45309" }).where(eq(branding.workspaceId, globex.workspace_id));
    await upsertEndUser(tx, globex.workspace_id, "globex_customer_1", { email: "c1@globex-customer.test" });
  });
  // every demo account's e-mail counts as verified (decision 031)
  await db.update(users).set({ emailVerifiedAt: new Date() });
  return { seeded: true, acmeId: acme.workspace_id, globexId: globex.workspace_id };
}

/** Runs `fn` with the transaction switched to `workspaceId` (a savepoint, so RLS applies as in a request). */
async function inWorkspace(tx: Tx, workspaceId: string, fn: (tx: Tx) => Promise<void>): Promise<void> {
  await setWorkspace(tx, workspaceId);
  await fn(tx);
}

/** The first workspace of the account `email` ("" when absent). */
async function workspaceOf(db: Database, email: string): Promise<string> {
  const u = await findFirst(db, users, eq(users.email, email));
  if (!u) return "";
  const m = await withUser(db, u.id, (tx) => findFirst(tx, memberships, eq(memberships.userId, u.id)));
  return m?.workspaceId ?? "";
}
