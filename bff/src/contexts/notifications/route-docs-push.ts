/**
 * OpenAPI documentation of the mobile push credential routes (push-routes.ts, decision 026): a
 * workspace's FCM service account and APNs signing key, set and cleared per provider, read back
 * without their private keys.
 */
import { pushCredentialsSchema } from "@nhood/contracts";
import type { RouteDoc } from "../../lib/describe";

const AT = "2026-12-07T09:30:00.000Z";
const tags = ["mobile push"];
const who = "A signed-in owner, admin or developer of the workspace; API keys are refused.";
const example = {
  fcm: {
    project_id: "acme-mobile",
    client_email: "push-sender@acme-mobile.iam.gserviceaccount.com",
    private_key_id: "4f1c2d3e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d",
    token_uri: "https://oauth2.googleapis.com/token",
    updated_at: AT,
  },
  apns: { key_id: "ABC123DEFG", team_id: "DEF123GHIJ", bundle_id: "com.acme.app", environment: "production", updated_at: AT },
};
const answer = { description: "The workspace's push credentials (private keys never shown)", schema: pushCredentialsSchema, example };

export const getPushCredentials: RouteDoc = {
  summary: "Read the workspace's mobile push credentials",
  operationId: "getPushCredentials",
  tags,
  security: "session",
  description: `${who} Answers, per provider, what identifies the credentials (null when not set); the private keys are never answered.`,
  responses: { 200: answer },
};

export const setFcmCredentials: RouteDoc = {
  summary: "Set the workspace's FCM service account",
  operationId: "setFcmCredentials",
  tags,
  security: "session",
  description:
    `${who} Saves (or replaces) the Firebase service account key JSON that sends to the workspace's users' FCM registration tokens ` +
    "(HTTP v1 API). The private key is encrypted with the workspace's data key. A key that is not an RSA PKCS#8 PEM answers 400 naming " +
    "`#/service_account/private_key`; other fields are named the same way.",
  responses: { 200: answer },
  requestExample: {
    service_account: {
      type: "service_account",
      project_id: "acme-mobile",
      private_key_id: "4f1c2d3e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d",
      private_key: "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC…\n-----END PRIVATE KEY-----\n",
      client_email: "push-sender@acme-mobile.iam.gserviceaccount.com",
      token_uri: "https://oauth2.googleapis.com/token",
    },
  },
};

export const setApnsCredentials: RouteDoc = {
  summary: "Set the workspace's APNs signing key",
  operationId: "setApnsCredentials",
  tags,
  security: "session",
  description:
    `${who} Saves (or replaces) the token-based APNs credentials that send to the workspace's users' APNs device tokens: the .p8 key, ` +
    "its key id, the team id, the app's bundle id (the `apns-topic`) and the APNs environment. The key is encrypted with the workspace's " +
    "data key. A key that is not a P-256 PKCS#8 PEM answers 400 naming `#/key_p8`.",
  responses: { 200: answer },
  requestExample: {
    key_p8: "-----BEGIN PRIVATE KEY-----\nMIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg…\n-----END PRIVATE KEY-----\n",
    key_id: "ABC123DEFG",
    team_id: "DEF123GHIJ",
    bundle_id: "com.acme.app",
    environment: "production",
  },
};

export const clearFcmCredentials: RouteDoc = {
  summary: "Clear the workspace's FCM service account",
  operationId: "clearFcmCredentials",
  tags,
  security: "session",
  description: `${who} Deletes the FCM credentials (nothing happens when there are none); pushes to FCM tokens then fail until new ones are set.`,
  responses: { 204: { description: "Cleared" } },
};

export const clearApnsCredentials: RouteDoc = {
  summary: "Clear the workspace's APNs signing key",
  operationId: "clearApnsCredentials",
  tags,
  security: "session",
  description: `${who} Deletes the APNs credentials (nothing happens when there are none); pushes to APNs tokens then fail until new ones are set.`,
  responses: { 204: { description: "Cleared" } },
};
