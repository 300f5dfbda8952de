import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { applyBranding } from "@nhood/design-system";
import { readHostBranding } from "@nhood/web-kit";
import { App } from "./app/app";
import { installPortalLoadPlugin } from "./features/portals/lib/federation";

installPortalLoadPlugin();
// on a workspace's custom domain the whole shell wears its colour, sign-in included
const hostBranding = readHostBranding();
if (hostBranding) applyBranding({ primary_color: hostBranding.primary_color });
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
