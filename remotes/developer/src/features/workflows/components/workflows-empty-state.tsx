import { EmptyState } from "@nhood/design-system";
import { usePortalPath } from "@nhood/web-kit";
import { Link } from "react-router-dom";

/** Explains what a workflow is and how to create the first one through the API. */
export function WorkflowsEmptyState({ workspaceId }: { workspaceId: string }) {
  const apiKeysPath = usePortalPath("api-keys");
  return (
    <EmptyState
      title="No workflows yet"
      action={
        <Link to={apiKeysPath} className="text-sm font-medium text-brand-text underline underline-offset-2">
          Create an API key first
        </Link>
      }
    >
      <p>
        A workflow is a trigger (a webhook, a schedule or a platform event) plus the steps NeighbourHood runs for your end users, for example “post to Slack,
        then create a Salesforce lead” when one of your customers signs up.
      </p>
      <p className="mt-3">
        Press <strong>New workflow</strong> to build one in the visual editor, or create one from your backend with an API key:
      </p>
      <pre className="mt-2 rounded-md bg-slate-900 px-3 py-2 text-left font-mono text-xs break-all whitespace-pre-wrap text-slate-100">
        <code>{`POST /api/v1/workspaces/${workspaceId}/workflows`}</code>
      </pre>
    </EmptyState>
  );
}
