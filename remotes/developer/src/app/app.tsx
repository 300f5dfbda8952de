/** The developer portal, exposed as `developer/App` and mounted by the shell at /developer/*. */
import { PaymentBanner, PortalFrame, SectionNav } from "@nhood/web-kit";
import { lazy, Suspense, type ReactNode } from "react";
import { Navigate, Route, Routes } from "react-router-dom";
import { ApiKeysPage } from "../features/api-keys/components/api-keys-page";
import { EndUsersPage } from "../features/end-users/components/end-users-page";
import { WorkflowsPage } from "../features/workflows/components/workflows-page";
import { ProvidersPage } from "../features/providers/components/providers-page";
import { PurposesPage } from "../features/purposes/components/purposes-page";

// workflows (issue 3): the editor (@xyflow/react) and the executions screens load on demand,
// so they stay out of the portal's entry budget
const WorkflowEditorPage = lazy(() => import("../features/workflow-editor/components/workflow-editor-page"));
const ExecutionsPage = lazy(() => import("../features/executions/components/executions-page"));
const ExecutionDetailPage = lazy(() => import("../features/executions/components/execution-detail-page"));
// notifications (issue 5): outgoing webhook endpoints, loaded on demand
const WebhookEndpointsPage = lazy(() =>
  import("../features/webhook-endpoints/components/webhook-endpoints-page").then((m) => ({ default: m.WebhookEndpointsPage })),
);
// issue 14: workspace connections, the Test mode switch and the sandbox's requests, loaded on demand
const ConnectionsPage = lazy(() => import("../features/connections/components/connections-page"));
// issue 16: the setup wizard after sign-up, loaded on demand
const SetupWizardPage = lazy(() => import("../features/setup/components/setup-wizard"));
const later = (node: ReactNode) => (
  <Suspense
    fallback={
      <p className="p-4 text-sm text-fg-muted" role="status">
        Loading…
      </p>
    }
  >
    {node}
  </Suspense>
);

const sections = [
  { to: "api-keys", label: "API keys" },
  { to: "workflows", label: "Workflows" },
  { to: "executions", label: "Executions" },
  { to: "end-users", label: "End users" },
  { to: "providers", label: "Providers" },
  { to: "connections", label: "Connections" },
  { to: "purposes", label: "Purposes" },
  { to: "webhooks", label: "Webhooks" },
];

export default function App({ basename }: { basename: string }) {
  return (
    <PortalFrame name="developer" basename={basename}>
      <SectionNav label="Developer sections" items={sections} />
      <PaymentBanner />
      <Routes>
        <Route index element={<Navigate to={`${basename}/api-keys`} replace />} />
        <Route path="api-keys" element={<ApiKeysPage />} />
        <Route path="workflows" element={<WorkflowsPage />} />
        <Route path="workflows/:id" element={later(<WorkflowEditorPage />)} />
        <Route path="executions" element={later(<ExecutionsPage />)} />
        <Route path="executions/:id" element={later(<ExecutionDetailPage />)} />
        <Route path="end-users" element={<EndUsersPage />} />
        <Route path="providers" element={<ProvidersPage />} />
        <Route path="purposes" element={<PurposesPage />} />
        <Route path="connections" element={later(<ConnectionsPage />)} />
        <Route path="webhooks" element={later(<WebhookEndpointsPage />)} />
        <Route path="setup" element={later(<SetupWizardPage />)} />
        <Route path="*" element={<Navigate to={`${basename}/api-keys`} replace />} />
      </Routes>
    </PortalFrame>
  );
}
