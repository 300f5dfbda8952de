/**
 * A workspace's mobile push credentials (issue 15 part 4, decision 026): an FCM service account
 * (HTTP v1 API) and an APNs token-based signing key. Set and cleared per provider; the private keys
 * are never answered back — reads show only what identifies the credential.
 */
import { z } from "zod";

const pem = (what: string) =>
  z
    .string()
    .max(10_000)
    .regex(/-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----/, `a PKCS#8 PEM ${what} (-----BEGIN PRIVATE KEY-----)`);

/** The service account key JSON as Google Cloud downloads it (other fields are ignored). */
export const fcmServiceAccountSchema = z.object({
  type: z.literal("service_account"),
  project_id: z
    .string()
    .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "a Google Cloud project id")
    .max(30),
  private_key_id: z.string().min(1).max(100),
  private_key: pem("RSA private key"),
  client_email: z.email().max(320),
  token_uri: z
    .url({ protocol: /^https$/ })
    .max(2000)
    .default("https://oauth2.googleapis.com/token"),
});

export const fcmCredentialsInputSchema = z.object({ service_account: fcmServiceAccountSchema });
export type FcmCredentialsInput = z.input<typeof fcmCredentialsInputSchema>;

export const apnsCredentialsInputSchema = z.object({
  /** the .p8 file's content (PKCS#8 PEM, P-256) */
  key_p8: pem("P-256 key (the .p8 file)"),
  key_id: z.string().regex(/^[A-Z0-9]{10}$/, "the 10-character key id"),
  team_id: z.string().regex(/^[A-Z0-9]{10}$/, "the 10-character team id"),
  bundle_id: z
    .string()
    .max(155)
    .regex(/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/, "a bundle id such as com.example.app"),
  environment: z.enum(["sandbox", "production"]),
});
export type ApnsCredentialsInput = z.input<typeof apnsCredentialsInputSchema>;

/** What a read shows of each provider's credentials (null = not configured). */
export const pushCredentialsSchema = z.object({
  fcm: z
    .object({
      project_id: z.string(),
      client_email: z.string(),
      private_key_id: z.string(),
      token_uri: z.string(),
      updated_at: z.iso.datetime({ offset: true }),
    })
    .nullable(),
  apns: z
    .object({
      key_id: z.string(),
      team_id: z.string(),
      bundle_id: z.string(),
      environment: z.enum(["sandbox", "production"]),
      updated_at: z.iso.datetime({ offset: true }),
    })
    .nullable(),
});
export type PushCredentials = z.infer<typeof pushCredentialsSchema>;
