/**
 * The billing contact (seed 003 §9.2): the address quota warnings are e-mailed to, or, when none
 * is set, the workspace's owners. Shows who gets them now; Save sets the address, "Send to the
 * owners" clears it. The BFF validates; its refusal is shown on the field.
 */
import { Button, Input } from "@nhood/design-system";
import { isApiError, ProblemMessage, type BillingContact } from "@nhood/web-kit";
import { useEffect, useState, type FormEvent } from "react";

export interface BillingContactFormProps {
  contact: BillingContact;
  saving: boolean;
  error: unknown;
  onSave: (billingEmail: string | null) => void;
}

export function BillingContactForm({ contact, saving, error, onSave }: BillingContactFormProps) {
  const [email, setEmail] = useState(contact.billing_email ?? "");
  useEffect(() => setEmail(contact.billing_email ?? ""), [contact.billing_email]);
  const fieldError = isApiError(error) ? error.problem.errors?.find((e) => e.pointer === "#/billing_email")?.detail : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(email.trim() || null);
  };
  return (
    // noValidate: the BFF validates and its refusal is shown on the field
    <form onSubmit={submit} noValidate className="flex max-w-lg flex-col gap-3">
      {error !== null && error !== undefined && !fieldError && <ProblemMessage title="Couldn't save the billing contact" error={error} />}
      <p className="text-sm text-fg-muted" data-testid="billing-recipients">
        Quota warnings are e-mailed to{" "}
        {contact.recipients.length ? <strong className="text-fg">{contact.recipients.join(", ")}</strong> : "nobody yet (the workspace has no owner)"}
        {contact.billing_email ? "." : " — the workspace's owners, as no billing e-mail is set."}
      </p>
      <Input
        label="Billing e-mail"
        type="email"
        value={email}
        placeholder="billing@yourcompany.com"
        autoComplete="email"
        onChange={(e) => setEmail(e.target.value)}
        error={fieldError}
      />
      <div className="flex gap-2">
        <Button type="submit" loading={saving}>
          Save
        </Button>
        {contact.billing_email && (
          <Button type="button" variant="secondary" disabled={saving} onClick={() => onSave(null)}>
            Send to the owners
          </Button>
        )}
      </div>
    </form>
  );
}
