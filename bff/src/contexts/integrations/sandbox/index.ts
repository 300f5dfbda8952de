/**
 * The provider sandbox: the simulator registry and one simulator per provider, each registered by
 * importing its module here (`import "./<provider>";`). See ./registry.ts for the interface and
 * errors on demand.
 */
export {
  answerSandboxRequest,
  type ErrorFormat,
  genericErrorAnswer,
  matchRoute,
  registerSimulator,
  requestedFailure,
  SANDBOX_RETRY_AFTER_SECONDS,
  type SandboxAnswer,
  type SandboxRequest,
  type Simulator,
  simulatedProviders,
  simulatorFor,
} from "./registry";
import "./gitlab";
import "./gmail";
import "./google_drive";
import "./google_meet";
import "./google_sheets";
import "./height";
import "./hubspot";
import "./intercom";
import "./jira";
import "./linear";
import "./salesforce";
import "./slack";
import "./whatsapp";
import "./zendesk";
