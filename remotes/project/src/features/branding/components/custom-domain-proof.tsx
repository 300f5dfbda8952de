/**
 * Where the custom domain stands (decision 034): pending domains are not served until the
 * workspace proves it controls them, by a DNS TXT record or an HTTP token; this shows both, a
 * "Verify" button that has the suite check them now, and what the check found when it fails.
 */
import type { CustomDomainVerification } from "@nhood/contracts";
import { Badge, Button, toast } from "@nhood/design-system";
import { ProblemMessage } from "@nhood/web-kit";
import { useVerifyCustomDomain } from "../api/use-verify-custom-domain";

const METHOD: Record<string, string> = { dns: "its DNS TXT record", http: "its HTTP token", grandfathered: "being set before proofs were required" };
const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });

export function CustomDomainProof({ ws, domain, verification }: { ws: string; domain: string; verification: CustomDomainVerification }) {
  const verify = useVerifyCustomDomain(ws);
  const pending = verification.status === "pending";
  return (
    <section aria-label="Custom domain verification" className="flex flex-col gap-2 rounded-md border border-line p-3 text-sm">
      <p className="flex items-center gap-2">
        <span className="font-medium">{domain}</span>
        {pending ? <Badge tone="warning">Pending</Badge> : <Badge tone="success">Verified</Badge>}
      </p>
      <p className="text-fg-muted">
        {pending
          ? "Not served yet: publish one of these to prove you control the domain, then choose Verify."
          : `Served with your branding; proven by ${METHOD[verification.verified_by ?? "dns"]}${verification.verified_at ? ` on ${day(verification.verified_at)}` : ""}.`}
      </p>
      <dl className="grid gap-2">
        <div>
          <dt className="font-medium">DNS TXT record</dt>
          <dd className="text-xs">
            Name <code className="break-all">{verification.txt_name}</code>, value <code className="break-all">{verification.txt_value}</code>
          </dd>
        </div>
        <div>
          <dt className="font-medium">Or an HTTP token</dt>
          <dd className="text-xs">
            Serve <code className="break-all">{verification.http_body}</code> as the whole body of <code className="break-all">{verification.http_url}</code>
          </dd>
        </div>
      </dl>
      {pending && verification.takeover_after && (
        <p className="text-xs text-fg-muted">Until it is proven, another workspace may claim this domain from {day(verification.takeover_after)}.</p>
      )}
      {verify.isError && <ProblemMessage title="Couldn't verify the domain" error={verify.error} />}
      <div>
        <Button
          variant={pending ? "primary" : "secondary"}
          size="sm"
          loading={verify.isPending}
          onClick={() => verify.mutate(undefined, { onSuccess: () => toast("Custom domain verified", { tone: "success" }) })}
        >
          {pending ? "Verify" : "Check again"}
        </Button>
      </div>
    </section>
  );
}
