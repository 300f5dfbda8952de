/**
 * The setup wizard after sign-up (issue 16 part 1, decision 031), step by step: the API key shown
 * once, the first workflow from a template (opens in the editor), invite teammates, connect a
 * first provider. Its progress lives on the workspace (`…/setup`), so it resumes where it was
 * left; every step can be skipped and the wizard closed.
 */
import { Badge, Button, Card, Input, PageHeader, Select } from "@nhood/design-system";
import { AsyncContent, ProblemMessage, useActiveWorkspaceId, useMarkPortalReady, usePortalPath } from "@nhood/web-kit";
import type { SetupProgress, SetupStep } from "@nhood/contracts/onboarding";
import { useState, type FormEvent, type ReactNode } from "react";
import { Link, useNavigate } from "react-router-dom";
import { useAdvanceSetup, useCreateFromTemplate, useInviteTeammate, useSetupProgress, useWorkflowTemplates } from "../api/use-setup";

/** Where the sign-up page leaves the new API key (this tab's sessionStorage). */
export const SIGNUP_API_KEY_STORAGE = "nhood.setup.api_key";

const TITLES: Record<SetupStep, string> = {
  api_key: "Your API key",
  workflow: "Your first workflow",
  invite: "Invite your team",
  provider: "Connect a provider",
};

export default function SetupWizardPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const progress = useSetupProgress(ws);
  useMarkPortalReady(progress.status !== "pending");
  return (
    <>
      <PageHeader title="Set up your workspace" description="Four steps to your first automation. Skip any of them; you can come back here at any time." />
      <AsyncContent
        status={progress.status}
        error={progress.error}
        onRetry={() => void progress.refetch()}
        errorTitle="Couldn't load your setup"
        loadingLabel="Loading your setup…"
        isEmpty={false}
        empty={null}
      >
        {progress.data ? <SetupWizard workspaceId={ws} progress={progress.data} /> : null}
      </AsyncContent>
    </>
  );
}

export function SetupWizard({ workspaceId, progress }: { workspaceId: string; progress: SetupProgress }) {
  const advance = useAdvanceSetup(workspaceId);
  const [open, setOpen] = useState<SetupStep | null>(null);
  const current = open ?? progress.next_step;
  const mark = (step: SetupStep, state: "done" | "skipped") => advance.mutate({ step, state }, { onSuccess: () => setOpen(null) });
  return (
    <div className="flex flex-col gap-4">
      {advance.error ? <ProblemMessage error={advance.error} title="Couldn't save your progress" /> : null}
      <ol className="flex flex-wrap gap-2" aria-label="Setup steps">
        {(Object.keys(TITLES) as SetupStep[]).map((s, i) => (
          <li key={s}>
            <button
              type="button"
              onClick={() => setOpen(s)}
              aria-current={s === current ? "step" : undefined}
              className={`flex items-center gap-2 rounded-md border px-3 py-1.5 text-sm ${s === current ? "border-brand font-medium" : "border-line"}`}
            >
              {i + 1}. {TITLES[s]}
              {progress.steps[s] !== "pending" ? <Badge tone={progress.steps[s] === "done" ? "success" : "neutral"}>{progress.steps[s]}</Badge> : null}
            </button>
          </li>
        ))}
      </ol>
      {current === null ? (
        <Card title="You're all set">
          <p className="text-sm text-fg">Every step is done or skipped. Open any step above to go back to it.</p>
          {progress.dismissed ? null : (
            <Button className="mt-4" onClick={() => advance.mutate({ dismissed: true })} loading={advance.isPending}>
              Close the wizard
            </Button>
          )}
        </Card>
      ) : (
        <Card title={TITLES[current]}>
          {current === "api_key" ? <ApiKeyStep /> : null}
          {current === "workflow" ? <WorkflowStep workspaceId={workspaceId} onCreated={() => mark("workflow", "done")} /> : null}
          {current === "invite" ? <InviteStep workspaceId={workspaceId} /> : null}
          {current === "provider" ? <ProviderStep /> : null}
          <div className="mt-6 flex flex-wrap gap-2 border-t border-line pt-4">
            {current !== "workflow" ? (
              <Button onClick={() => mark(current, "done")} loading={advance.isPending}>
                {current === "api_key" ? "I've saved my key" : "Done, next step"}
              </Button>
            ) : null}
            <Button variant="secondary" onClick={() => mark(current, "skipped")} disabled={advance.isPending}>
              Skip this step
            </Button>
          </div>
        </Card>
      )}
    </div>
  );
}

function ApiKeyStep() {
  const [key] = useState(() => sessionStorage.getItem(SIGNUP_API_KEY_STORAGE));
  const [copied, setCopied] = useState(false);
  const apiKeysPath = usePortalPath("api-keys");
  if (!key) {
    return (
      <p className="text-sm text-fg">
        Your first API key was shown once, right after sign-up, and is not stored anywhere we can show it again. If you did not save it,{" "}
        <Link to={apiKeysPath} className="font-medium text-brand-text underline">
          create a new key
        </Link>{" "}
        and revoke the old one.
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-3 text-sm text-fg">
      <p>Your backend uses this key to call the API. It is shown only now: copy it somewhere safe.</p>
      <code className="block break-all rounded-md border border-line bg-canvas p-3 font-mono" data-testid="signup-api-key">
        {key}
      </code>
      <div>
        <Button
          variant="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(key).then(() => setCopied(true));
            sessionStorage.removeItem(SIGNUP_API_KEY_STORAGE);
          }}
        >
          {copied ? "Copied" : "Copy key"}
        </Button>
      </div>
    </div>
  );
}

function WorkflowStep({ workspaceId, onCreated }: { workspaceId: string; onCreated: () => void }) {
  const templates = useWorkflowTemplates();
  const create = useCreateFromTemplate(workspaceId);
  const navigate = useNavigate();
  const workflowsPath = usePortalPath("workflows");
  const use = (id: string) =>
    create.mutate(id, {
      onSuccess: (wf) => {
        onCreated();
        void navigate(`${workflowsPath}/${wf.id}`);
      },
    });
  return (
    <AsyncContent
      status={templates.status}
      error={templates.error}
      onRetry={() => void templates.refetch()}
      errorTitle="Couldn't load the templates"
      loadingLabel="Loading templates…"
      isEmpty={(templates.data?.items.length ?? 0) === 0}
      empty={<p className="text-sm text-fg-muted">No templates.</p>}
    >
      <p className="mb-3 text-sm text-fg">Start from one of these; it opens in the editor as a draft, to connect and publish.</p>
      {create.error ? <ProblemMessage error={create.error} title="Couldn't create the workflow" /> : null}
      <ul className="flex flex-col gap-3">
        {templates.data?.items.map((t) => (
          <li key={t.id} className="flex flex-wrap items-start justify-between gap-3 rounded-md border border-line p-3">
            <div className="min-w-0 flex-1">
              <p className="font-medium text-fg">{t.name}</p>
              <p className="text-sm text-fg-muted">{t.description}</p>
              <p className="mt-1 text-xs text-fg-muted">Uses {t.providers.join(", ")}</p>
            </div>
            <Button size="sm" onClick={() => use(t.id)} loading={create.isPending && create.variables === t.id} aria-label={`Use the template ${t.name}`}>
              Use template
            </Button>
          </li>
        ))}
      </ul>
    </AsyncContent>
  );
}

const ROLES = [
  { value: "developer", label: "Developer" },
  { value: "admin", label: "Admin" },
  { value: "sales_manager", label: "Sales manager" },
  { value: "sales_rep", label: "Sales rep" },
  { value: "member", label: "Member" },
];

function InviteStep({ workspaceId }: { workspaceId: string }) {
  const invite = useInviteTeammate(workspaceId);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("developer");
  const [sent, setSent] = useState<{ email: string; role: string; emailSent: boolean }[]>([]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate(
      { email: email.trim(), role: role as "developer" },
      {
        onSuccess: (inv) => {
          setSent((s) => [...s, { email: inv.email, role: inv.role, emailSent: inv.email_sent }]);
          setEmail("");
        },
      },
    );
  };
  const fieldError = (name: string): ReactNode => {
    const err = invite.error as { problem?: { errors?: { pointer: string; detail: string }[] } } | null;
    return err?.problem?.errors?.find((x) => x.pointer === `#/${name}`)?.detail;
  };
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-fg">
        Each teammate gets an e-mail with a link that works once and expires in 7 days; you can revoke it under Users and roles.
      </p>
      {invite.error && !fieldError("email") ? <ProblemMessage error={invite.error} title="Couldn't send the invitation" /> : null}
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3" noValidate>
        <div className="min-w-56 flex-1">
          <Input
            label="Teammate's e-mail"
            type="email"
            name="invite_email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fieldError("email")}
          />
        </div>
        <div className="w-44">
          <Select label="Role" name="invite_role" value={role} onChange={(e) => setRole(e.target.value)} options={ROLES} />
        </div>
        <Button type="submit" loading={invite.isPending} disabled={!email.trim()}>
          Send invitation
        </Button>
      </form>
      {sent.length > 0 ? (
        <ul className="text-sm text-fg" aria-label="Invitations sent">
          {sent.map((s) => (
            <li key={s.email}>
              Invited {s.email} as {s.role.replace("_", " ")}
              {s.emailSent ? "" : " (the e-mail could not be sent; revoke and invite again later)"}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function ProviderStep() {
  const providers = usePortalPath("providers");
  const connections = usePortalPath("connections");
  return (
    <p className="text-sm text-fg">
      Workflows call providers (Slack, Salesforce, Jira…) through connections. Browse the{" "}
      <Link to={providers} className="font-medium text-brand-text underline">
        provider catalogue
      </Link>{" "}
      and connect your workspace's own account under{" "}
      <Link to={connections} className="font-medium text-brand-text underline">
        Connections
      </Link>{" "}
      (test mode offers a sandbox connection with one click).
    </p>
  );
}
