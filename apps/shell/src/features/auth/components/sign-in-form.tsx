import { Button, Input } from "@nhood/design-system";
import { ProblemMessage } from "@nhood/web-kit";
import { useState, type FormEvent } from "react";

export interface SignInFormProps {
  onSubmit: (credentials: { email: string; password: string }) => void;
  pending: boolean;
  error: unknown;
}

/** Email and password form; validation errors come back from the BFF as a problem. */
export function SignInForm({ onSubmit, pending, error }: SignInFormProps) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ email: email.trim(), password });
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate aria-describedby={error ? "sign-in-error" : undefined}>
      {error ? (
        <div id="sign-in-error">
          <ProblemMessage error={error} title="Couldn't sign you in" />
        </div>
      ) : null}
      <Input label="Email" type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      <Input
        label="Password"
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <Button type="submit" loading={pending} disabled={!email || !password}>
        Sign in
      </Button>
    </form>
  );
}
