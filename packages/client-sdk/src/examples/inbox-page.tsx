/**
 * The example page the suite serves at `/examples/inbox` (bff/src/static.ts): a visitor picks an
 * externalUserId, the demo workspace's signer plays the tenant's backend (it answers the
 * userHash), the SDK registers them with the demo user role, and `<Inbox />` shows what the
 * demo rule sends them in real time, with its sound. Bundled with React (tsup.config.ts).
 */
import { type FormEvent, StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { init, type NeighbourHoodClient } from "../index";
import { Inbox } from "../react/inbox";

interface DemoSession {
  workspace_id: string;
  publishable_key: string;
  external_user_id: string;
  user_hash: string;
  role: string;
}

const box = { maxWidth: 720, margin: "40px auto", padding: "0 16px", fontFamily: "ui-sans-serif, system-ui, sans-serif", color: "#0f172a" };

function ExamplePage() {
  const [externalUserId, setExternalUserId] = useState(() => `visitor_${Math.random().toString(36).slice(2, 8)}`);
  const [session, setSession] = useState<DemoSession | null>(null);
  const [client, setClient] = useState<NeighbourHoodClient | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sounds, setSounds] = useState<{ n: number; id: string }[]>([]);

  useEffect(() => () => client?.close(), [client]);

  async function register(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const res = await fetch("/api/v1/examples/inbox/session", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ externalUserId }),
      });
      if (!res.ok) throw new Error(((await res.json()) as { detail?: string }).detail ?? `HTTP ${res.status}`);
      const s = (await res.json()) as DemoSession;
      const nh = init({ publishableKey: s.publishable_key, workspaceId: s.workspace_id, user: { externalUserId: s.external_user_id, userHash: s.user_hash } });
      await nh.users.register({ name: s.external_user_id, roles: [s.role] });
      nh.sounds.onPlay((id) => setSounds((prev) => [...prev, { n: prev.length, id }]));
      setSession(s);
      setClient(nh);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <main style={box}>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
        <h1 style={{ fontSize: 24 }}>Example inbox</h1>
        {client && <Inbox client={client} defaultOpen />}
      </div>
      <p>
        This page uses <code>@nhood/client-sdk</code> against the demo workspace, as a tenant's app would: its backend signs the user (here the demo signer
        does), the app registers them and shows <code>&lt;Inbox /&gt;</code>.
      </p>
      {!session ? (
        <form onSubmit={register}>
          <label>
            Your externalUserId <input value={externalUserId} onChange={(e) => setExternalUserId(e.target.value)} pattern="[A-Za-z0-9_.:@-]+" required />
          </label>{" "}
          <button type="submit">Register</button>
          {error && (
            <p role="alert" style={{ color: "#b91c1c" }}>
              {error}
            </p>
          )}
        </form>
      ) : (
        <section aria-label="Session">
          <p data-testid="registered">
            Registered as <strong>{session.external_user_id}</strong> with the user role <code>{session.role}</code>.
          </p>
          <p>Send an event with the demo workspace's API key; the demo rule notifies this role:</p>
          <pre style={{ background: "#f1f5f9", padding: 12, overflowX: "auto" }}>
            {`curl -X POST ${location.origin}/api/v1/events \\\n  -H "Authorization: Bearer $API_KEY" -H "content-type: application/json" \\\n  -d '{"type":"inbox.demo","payload":{"title":"Hello","message":"From the API"}}'`}
          </pre>
          <h2 style={{ fontSize: 16 }}>Sounds played</h2>
          <ul aria-label="Sounds played">
            {sounds.map((s) => (
              <li key={s.n} data-testid="sound-played">
                {s.id}
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ExamplePage />
  </StrictMode>,
);
