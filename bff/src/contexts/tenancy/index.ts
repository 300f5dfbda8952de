/**
 * The tenancy context's entry point: the only module other contexts and the app import.
 * Tenancy owns workspaces (their state, secrets and lifecycle), plans and quotas, branding and
 * custom domains, usage counters and alerts (tables in ./schema.ts, which no other context
 * imports). It depends on identity (sign-up creates the owner there) and the kernel, and binds
 * identity's workspace gate here, so loading this entry point wires suspension and the users
 * quota into sign-in and the guards.
 */
import { bindWorkspaceGate } from "../identity";
import { assertWorkspaceActive, isUsable, usableWorkspaceIds, workspaceNames } from "./suspension";
import { consumeUserQuota } from "./user-quota";
import "./tasks";
import "./billing/sweep";

bindWorkspaceGate({
  isUsable,
  assertActive: assertWorkspaceActive,
  usableIds: usableWorkspaceIds,
  namesOf: workspaceNames,
  admitMember: async (tx, workspaceId, countMembers) => {
    await consumeUserQuota(tx, workspaceId, countMembers);
  },
});

export { tenancyRoutes } from "./routes";
export { recordsRoutes } from "./records-routes";
export { flushUsage, recordUsage, startUsageRecorder, type RecordedMetric } from "./usage-history";
export { planRequestsPerHour } from "./request-limits";
export { brandingForHost, requestHost } from "./custom-domains";
export { getBranding, signUp, type SignUpInput } from "./service";
export { billingRecipients } from "./billing-contact";
export { getTestMode, setTestMode, workspaceTestModeSql } from "./test-mode";
export { alertMonthlyQuota, QuotaExceeded } from "./quotas";
export { addUsage, countUsage, periodKeys, readMonth, readUsage, resetTimes, type UsageMetric, type UsageSnapshot } from "./usage";
export { planOf, type PlanRow } from "./plans";
export { assertWorkspaceActive, isUsable, workspaceNames, workspaceStatusCounts, WorkspaceSuspended } from "./suspension";
export { admitWorkspaceUsers, countWorkspaceUsers, registerUserCounter, UserQuotaExceeded, type UserCounter } from "./user-quota";
export { workspaceDataKey, workspaceWebhookSecret } from "./workspace-keys";
export { rotateMasterKey, rotateWorkspaceDataKey, RotationNotConfigured, type MasterKeyRotation } from "./key-rotation";
export { planQuotaColumns, planQuotas, toPlanQuotas, usageCounterSql, workspacePlanSql, type PlanQuotas } from "./plan-sql";
export {
  changeWorkspacePlan,
  createWorkspaceAsStaff,
  deleteWorkspace,
  getWorkspaceDetail,
  reactivateWorkspace,
  suspendWorkspace,
} from "./lifecycle";
export { listPlans, listPublicPlans, updatePlan } from "./plan-tiers";
export { chooseInitialSubscription, isFreePlan, trialDays, type InitialSubscription, type SubscriptionRequest } from "./subscription-start";
export { endTrialIfDue, TRIAL_END_JOB } from "./trial-end";
export { getSetupProgress, updateSetupProgress } from "./setup-progress";
export { purgeWorkspace } from "./purge";
export { billingRoutes, stripeWebhookRoutes } from "./billing/routes";
export { platformRevenue } from "./billing/revenue";
export { billingEnabled } from "./billing/stripe-config";
export { startCheckout, checkoutForNewWorkspace, BillingDisabled } from "./billing/service";
export { runBillingSweep, reportOverage, suspendAfterGrace } from "./billing/sweep";

/** Domain events tenancy appends (kernel/events.ts), for consumers in the contexts above. */
export const TENANCY_EVENTS = [
  "workspace.created",
  "workspace.plan_changed",
  "workspace.suspended",
  "workspace.reactivated",
  "workspace.deleted",
  "workspace.purged",
  "workspace.billing_contact_changed",
  "workspace.test_mode_changed",
  "branding.updated",
  "custom_domain.verified",
  "custom_domain.claim_expired",
  "plan.updated",
  "quota.warning",
  "quota.exceeded",
  "billing.payment_failed",
  "billing.payment_recovered",
  "billing.suspended",
] as const;
