/**
 * A strength meter under a new password: zxcvbn-ts's score (0–4) as a bar and a word, with its
 * hint. The checker and its dictionaries load on first render (see lib/password-strength.ts).
 */
import { useEffect, useState } from "react";
import { loadStrengthChecker, type Strength } from "../lib/password-strength";

const WORDS = ["Very weak", "Weak", "Fair", "Strong", "Very strong"] as const;
const COLOURS = ["bg-danger", "bg-danger", "bg-warning", "bg-success", "bg-success"] as const;

export function PasswordStrengthMeter({ password, userInputs }: { password: string; userInputs: string[] }) {
  const [strength, setStrength] = useState<Strength | null>(null);
  const inputs = userInputs.join("\u0000");
  useEffect(() => {
    let live = true;
    if (!password) {
      setStrength(null);
      return;
    }
    void loadStrengthChecker().then((check) => {
      if (live) setStrength(check(password, inputs.split("\u0000").filter(Boolean)));
    });
    return () => {
      live = false;
    };
  }, [password, inputs]);
  if (!password || !strength) return null;
  return (
    <div className="flex flex-col gap-1" data-testid="password-strength">
      <div className="flex gap-1" aria-hidden="true">
        {[0, 1, 2, 3].map((i) => (
          <span key={i} className={`h-1.5 flex-1 rounded ${i < Math.max(1, strength.score) ? COLOURS[strength.score] : "bg-line"}`} />
        ))}
      </div>
      <p className="text-xs text-fg-muted" aria-live="polite">
        Password strength: <span className="font-medium text-fg">{WORDS[strength.score]}</span>
        {strength.hint ? ` — ${strength.hint}` : ""}
      </p>
    </div>
  );
}
