/** The client portal's "Privacy choices" card: purposes with grant/revoke, and the history. */
import { Card, toast } from "@nhood/design-system";
import { AsyncContent, describeError } from "@nhood/web-kit";
import { useConsentHistory, usePurposes, useSetConsent } from "../api/use-purposes";
import { ConsentHistory } from "./consent-history";
import { PurposesList } from "./purposes-list";

export function PrivacySection({ company }: { company: string }) {
  const purposes = usePurposes();
  const history = useConsentHistory();
  const setConsent = useSetConsent();
  const change = (purpose: string, granted: boolean) =>
    setConsent.mutate(
      { purpose, granted },
      {
        onSuccess: () => toast(granted ? "Consent granted" : "Consent revoked", { tone: "success" }),
        onError: (e) => toast("Couldn't save your choice", { tone: "danger", description: describeError(e).detail }),
      },
    );
  return (
    <Card title="Privacy choices" description={`What ${company} may do with the apps you connect. Change your mind at any time.`}>
      <AsyncContent
        status={purposes.status}
        error={purposes.error}
        onRetry={() => void purposes.refetch()}
        errorTitle="Couldn't load your privacy choices"
        loadingLabel="Loading your privacy choices…"
        isEmpty={false}
        empty={null}
      >
        <PurposesList
          purposes={purposes.data?.items ?? []}
          company={company}
          busy={setConsent.isPending ? (setConsent.variables?.purpose ?? null) : null}
          onChange={change}
        />
      </AsyncContent>
      <details className="mt-4">
        <summary className="cursor-pointer text-sm font-medium text-fg">History of your choices</summary>
        <div className="mt-2">
          <AsyncContent
            status={history.status}
            error={history.error}
            onRetry={() => void history.refetch()}
            errorTitle="Couldn't load the history"
            isEmpty={false}
            empty={null}
          >
            <ConsentHistory entries={history.data?.items ?? []} />
          </AsyncContent>
        </div>
      </details>
    </Card>
  );
}
