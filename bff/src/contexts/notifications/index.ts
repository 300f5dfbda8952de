/**
 * The notifications context's entry point: the only module other contexts and the app import.
 * Notifications owns ingested events, rules, notifications and their deliveries, sounds, push
 * subscriptions, webhook endpoints and webhook deliveries (tables in ./schema.ts, which no other
 * context imports). It depends on integrations (the users rules reach, decision 024), tenancy,
 * identity and the kernel. Loading it registers its
 * tasks, its domain-event consumers and its part of an end user's erasure.
 */
import { bindAccountMailer } from "../identity";
import { sendMail } from "./email";
import "./tasks";
import "./erasure";
import "./sealed-columns";

// identity's verification and invitation e-mails go out over this context's SMTP transport
bindAccountMailer(sendMail);

export { notificationsRoutes } from "./routes";
export { startEventEvaluator } from "./evaluator";
export { onEventsReceived, type ReceivedEvent, type ReceivedEventsListener } from "./event-listeners";
export { evaluatePendingEvents, workspacesWithPendingEvents } from "./evaluation";
export {
  deliverNotifications,
  getNotification,
  listInbox,
  markNotification,
  toInbox,
  unreadCount,
  type InboxFilter,
  type InboxViewer,
  type NewNotification,
} from "./inbox";
export { parseLastEventId, streamInbox } from "./stream";
export { getPreferences, savePreferences } from "./preferences";
export { recipientsFor } from "./rules";
export { dailyActivityQueries } from "./activity";

/** Domain events notifications appends (kernel/events.ts), for consumers in the contexts above. */
export const NOTIFICATIONS_EVENTS = [
  "rule.created",
  "rule.updated",
  "rule.deleted",
  "sound.uploaded",
  "sound.deleted",
  "notification.acknowledged",
  "notification.failed",
  "push_subscription.saved",
  "push_credentials.saved",
  "push_credentials.cleared",
  "webhook_endpoint.created",
  "webhook_endpoint.updated",
  "webhook_endpoint.deleted",
  "webhook_endpoint.disabled",
  "webhook_endpoint.secret_rotated",
  "webhook_delivery.exhausted",
  "webhook_delivery.redelivery_requested",
] as const;
