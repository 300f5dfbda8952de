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
import "./airtable";
import "./asana";
import "./aws_ses";
import "./basecamp";
import "./bitbucket";
import "./box";
import "./braze";
import "./clickup";
import "./close";
import "./customer_io";
import "./discord";
import "./dropbox";
import "./excel_online";
import "./freshdesk";
import "./github";
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
import "./mailchimp";
import "./mattermost";
import "./metabase";
import "./microsoft_teams";
import "./monday";
import "./notion";
import "./onedrive";
import "./paypal";
import "./pipedrive";
import "./postmark";
import "./salesforce";
import "./sendgrid";
import "./shopify";
import "./slack";
import "./square";
import "./stripe";
import "./tableau";
import "./telegram";
import "./trello";
import "./twilio";
import "./webex";
import "./whatsapp";
import "./zendesk";
import "./zoom";
