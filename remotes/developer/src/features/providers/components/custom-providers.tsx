/**
 * A workspace's own OAuth 2 providers: the list, and a form for a new one (its URLs must be
 * public: the BFF refuses private and metadata addresses, naming the field). End users connect
 * them once an OAuth app is saved; workflows call them with `http.request` and `connection`.
 */
import { Button, Card, Input, Select, toast } from "@nhood/design-system";
import { api, describeError } from "@nhood/web-kit";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

export interface CustomProvider {
  key: string;
  name: string;
  authorization_url: string;
  api_base_url: string;
  token_endpoint_auth_method?: string;
}
type AuthMethod = "client_secret_basic" | "client_secret_post";
/** RFC 6749 §2.3.1: how the token endpoint takes the client's secret (the provider's docs, or its token_endpoint_auth_methods_supported, say which) */
const AUTH_METHODS = [
  { value: "client_secret_basic", label: "HTTP Basic (client_secret_basic)" },
  { value: "client_secret_post", label: "In the form body (client_secret_post)" },
];

const empty = { slug: "", name: "", authorization_url: "", token_url: "", api_base_url: "", scopes: "" };

export function CustomProviders({ ws, items, onSetUp }: { ws: string; items: CustomProvider[]; onSetUp: (p: CustomProvider) => void }) {
  const [v, setV] = useState(empty);
  const [authMethod, setAuthMethod] = useState<AuthMethod>("client_secret_basic");
  const qc = useQueryClient();
  const create = useMutation({
    mutationFn: () =>
      api.integrations.createCustomProvider(ws, { ...v, scopes: v.scopes.split(/[\s,]+/).filter(Boolean), token_endpoint_auth_method: authMethod }),
    onSuccess: (p) => {
      toast(`${p.name} added`, { tone: "success", description: "Now save its OAuth app so end users can connect it." });
      setV(empty);
      void qc.invalidateQueries({ queryKey: ["workspace", ws] });
    },
  });
  const problem = create.error ? describeError(create.error) : null;
  const err = (f: string) => problem?.fields.find((x) => x.field === f)?.detail;
  const field = (k: keyof typeof empty, label: string, hint?: string) => (
    <Input
      id={`custom-${k}`}
      label={label}
      hint={hint}
      required={k !== "scopes"}
      value={v[k]}
      onChange={(e) => setV({ ...v, [k]: e.target.value })}
      error={err(k)}
    />
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Card title="Custom OAuth 2 providers" description="Your own or a niche API: end users connect it like any catalogue provider.">
      {items.length > 0 ? (
        <ul className="mb-4 divide-y divide-line text-sm" aria-label="Custom providers">
          {items.map((p) => (
            <li key={p.key} className="flex items-center justify-between gap-3 py-2">
              <span>
                <strong className="font-medium">{p.name}</strong> <code className="font-mono text-xs text-fg-muted">{p.key}</code>{" "}
                <span className="block text-xs text-fg-muted">
                  {p.api_base_url}
                  {p.token_endpoint_auth_method ? ` · ${p.token_endpoint_auth_method}` : ""}
                </span>
              </span>
              <Button size="sm" variant="secondary" onClick={() => onSetUp(p)}>
                OAuth app
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-4 text-sm text-fg-muted">None yet.</p>
      )}
      <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2" aria-label="New custom provider">
        {field("slug", "Slug", "e.g. my-crm → custom:my-crm")}
        {field("name", "Name")}
        {field("authorization_url", "Authorization URL")}
        {field("token_url", "Token URL")}
        {field("api_base_url", "API base URL")}
        {field("scopes", "Scopes", "Separated by spaces")}
        <Select
          id="custom-token_endpoint_auth_method"
          label="Client authentication"
          value={authMethod}
          options={AUTH_METHODS}
          onChange={(e) => setAuthMethod(e.target.value as AuthMethod)}
          error={err("token_endpoint_auth_method")}
        />
        {problem && problem.fields.length === 0 && (
          <p role="alert" className="text-sm text-danger sm:col-span-2">
            {problem.detail}
          </p>
        )}
        <div className="sm:col-span-2 flex justify-end">
          <Button type="submit" loading={create.isPending}>
            Add provider
          </Button>
        </div>
      </form>
    </Card>
  );
}
