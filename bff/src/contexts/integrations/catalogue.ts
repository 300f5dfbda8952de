/**
 * The provider catalogue: what each provider is (name, category, logo, auth kind, real API base
 * URL) as data. Provider folders under `providers/` call `defineProvider` once and register their
 * actions with `registerAction` (actions.ts); `providers/index.ts` imports every folder.
 *
 * Per-environment overrides (tests point them at local servers):
 * `PROVIDER_<KEY>_BASE_URL`, `PROVIDER_<KEY>_AUTHORIZATION_URL`, `PROVIDER_<KEY>_TOKEN_URL`,
 * `PROVIDER_<KEY>_REVOCATION_URL`, with KEY the upper-cased provider key (`GOOGLE_SHEETS`).
 */
export const providerCategories = [
  "communication",
  "email",
  "project_management",
  "crm",
  "support",
  "developer",
  "storage",
  "payments",
  "commerce",
  "data",
] as const;
export type ProviderCategory = (typeof providerCategories)[number];

export type ProviderAuth =
  | {
      kind: "oauth2";
      authorizationUrl: string;
      tokenUrl: string;
      revocationUrl?: string;
      scopes: string[];
      /** how scopes are joined in the authorization URL (RFC 6749 §3.3: space) */
      scopeSeparator?: string;
      /** extra authorization parameters, e.g. `access_type=offline` for Google */
      authParams?: Record<string, string>;
      /** client authentication at the token endpoint (RFC 6749 §2.3.1); default basic */
      clientAuth?: "basic" | "post";
    }
  /** the end user pastes credentials; `fields` name them (encrypted as one JSON object) */
  | { kind: "api_key" | "basic"; fields: string[] };

export interface ProviderDefinition {
  key: string;
  name: string;
  category: ProviderCategory;
  /** simple-icons slug (served as SVG by the BFF) or null for a monogram; brand colour hex */
  logo: { slug: string | null; color: string };
  auth: ProviderAuth;
  /** real API base URL; `{field}` placeholders come from the connection's config (e.g. subdomain) */
  baseUrl: string;
  /** connection config fields the end user gives when connecting (e.g. `subdomain`) */
  configFields?: string[];
  /**
   * OAuth providers whose API URL needs an account id: finds it with the fresh access token right
   * after the code exchange (e.g. Jira's cloud id from `accessible-resources`).
   */
  discoverConfig?: (accessToken: string, signal: AbortSignal) => Promise<Record<string, string>>;
  docsUrl: string;
}

const providers = new Map<string, ProviderDefinition>();

/** Registers a provider's data. Throws when the key is taken. */
export function defineProvider(def: ProviderDefinition): ProviderDefinition {
  if (providers.has(def.key)) throw new Error(`provider ${def.key} is defined twice`);
  providers.set(def.key, def);
  return def;
}

export const findProvider = (key: string): ProviderDefinition | undefined => providers.get(key);
/** Whether a step of `provider` runs over a connection: catalogue and custom providers do; built-ins (`core`, `http`) do not. */
export const providerTakesConnection = (provider: string): boolean => providers.has(provider) || provider.startsWith("custom:");
export const listProviders = (): ProviderDefinition[] => [...providers.values()].sort((a, b) => a.name.localeCompare(b.name));

export const envKey = (key: string, what: string) => `PROVIDER_${key.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_${what}`;

/** The provider's base URL in this environment, with `{field}` placeholders filled from `config`. */
export function providerBaseUrl(def: ProviderDefinition, config: Record<string, string> = {}): string {
  const raw = process.env[envKey(def.key, "BASE_URL")] ?? def.baseUrl;
  return raw
    .replace(/\{(\w+)\}/g, (_, f: string) => {
      const v = config[f];
      if (!v) throw new Error(`the connection lacks ${f}`);
      return v;
    })
    .replace(/\/$/, "");
}

/** The OAuth endpoints in this environment (env overrides applied). */
export function oauthEndpoints(def: ProviderDefinition) {
  if (def.auth.kind !== "oauth2") throw new Error(`${def.key} does not use OAuth 2`);
  return {
    authorizationUrl: process.env[envKey(def.key, "AUTHORIZATION_URL")] ?? def.auth.authorizationUrl,
    tokenUrl: process.env[envKey(def.key, "TOKEN_URL")] ?? def.auth.tokenUrl,
    revocationUrl: process.env[envKey(def.key, "REVOCATION_URL")] ?? def.auth.revocationUrl,
  };
}
