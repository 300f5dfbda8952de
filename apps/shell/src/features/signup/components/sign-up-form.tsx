/**
 * The sign-up form: workspace name, the owner's name and e-mail, a password with a strength meter
 * and a plan from `GET /api/v1/plans`. Field errors come back from the BFF as problem+json and are
 * shown at their fields (`#/plan` at the plan picker, `#/email` at the e-mail …).
 */
import { Button, Input } from "@nhood/design-system";
import { ProblemMessage } from "@nhood/web-kit";
import type { PublicPlan } from "@nhood/contracts/onboarding";
import { useState, type FormEvent } from "react";
import { fieldErrorsOf } from "../lib/field-errors";
import { PasswordStrengthMeter } from "./password-strength-meter";

export interface SignUpValues {
  name: string;
  owner_name: string;
  email: string;
  password: string;
  plan: string;
}

export interface SignUpFormProps {
  plans: PublicPlan[];
  onSubmit: (values: SignUpValues) => void;
  pending: boolean;
  error: unknown;
  /** the plan picked at first (e.g. `?plan=` in the link) */
  initialPlan?: string;
}

const price = (p: PublicPlan) => (p.price_cents === null ? "custom pricing" : p.price_cents === 0 ? "free" : `$${(p.price_cents / 100).toFixed(0)} a month`);
const limit = (n: number | null, what: string) => (n === null ? `unlimited ${what}` : `${n.toLocaleString("en")} ${what}`);

export function SignUpForm({ plans, onSubmit, pending, error, initialPlan }: SignUpFormProps) {
  const [values, setValues] = useState<SignUpValues>({ name: "", owner_name: "", email: "", password: "", plan: initialPlan ?? plans[0]?.id ?? "free" });
  const set = (k: keyof SignUpValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const fields = fieldErrorsOf(error);
  const tooShort = values.password.length > 0 && values.password.length < 12;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ ...values, name: values.name.trim(), owner_name: values.owner_name.trim(), email: values.email.trim() });
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate aria-describedby={error ? "sign-up-error" : undefined}>
      {error ? (
        <div id="sign-up-error">
          <ProblemMessage error={error} title="Couldn't create your workspace" />
        </div>
      ) : null}
      <Input label="Workspace name" name="name" autoComplete="organization" required value={values.name} onChange={set("name")} error={fields.name} />
      <Input
        label="Your name"
        name="owner_name"
        autoComplete="name"
        required
        value={values.owner_name}
        onChange={set("owner_name")}
        error={fields.owner_name}
      />
      <Input label="Work e-mail" type="email" name="email" autoComplete="email" required value={values.email} onChange={set("email")} error={fields.email} />
      <div className="flex flex-col gap-2">
        <Input
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          hint="At least 12 characters."
          value={values.password}
          onChange={set("password")}
          error={fields.password ?? (tooShort ? "must be at least 12 characters" : undefined)}
        />
        <PasswordStrengthMeter password={values.password} userInputs={[values.email, values.name, values.owner_name]} />
      </div>
      <fieldset className="flex flex-col gap-2" aria-describedby={fields.plan ? "plan-error" : undefined}>
        <legend className="mb-1 text-sm font-medium text-fg">Plan</legend>
        {plans.map((p) => (
          <label key={p.id} className="flex cursor-pointer items-start gap-3 rounded-md border border-line p-3 text-sm has-[:checked]:border-brand">
            <input type="radio" name="plan" value={p.id} checked={values.plan === p.id} onChange={set("plan")} className="mt-1" />
            <span>
              <span className="font-medium text-fg">{p.name}</span> <span className="text-fg-muted">— {price(p)}</span>
              <span className="block text-xs text-fg-muted">
                {limit(p.events_per_month, "events")} and {limit(p.notifications_per_month, "notifications")} a month, {limit(p.users, "members")}
                {p.trial_days > 0 ? `; ${p.trial_days}-day free trial` : ""}
              </span>
            </span>
          </label>
        ))}
        {fields.plan ? (
          <p id="plan-error" className="text-sm text-danger">
            {fields.plan}
          </p>
        ) : null}
      </fieldset>
      <Button type="submit" loading={pending} disabled={!values.name || !values.owner_name || !values.email || values.password.length < 12}>
        Create workspace
      </Button>
    </form>
  );
}
