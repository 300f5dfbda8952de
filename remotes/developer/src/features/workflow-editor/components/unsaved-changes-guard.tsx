/**
 * Keeps the editor's unsaved edits from being lost by accident. In-app navigation (any link,
 * the portal switcher, back/forward) is held and "Discard unsaved changes?" asks Stay (edits and
 * URL kept) or Discard (the navigation goes ahead); closing or reloading the tab gets the
 * browser's own beforeunload prompt.
 */
import { Button, Dialog } from "@nhood/design-system";
import { useNavigationBlocker } from "@nhood/web-kit";
import { useEffect } from "react";

export function UnsavedChangesGuard({ dirty }: { dirty: boolean }) {
  const blocker = useNavigationBlocker(dirty);

  useEffect(() => {
    if (!dirty) return;
    const guard = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", guard);
    return () => window.removeEventListener("beforeunload", guard);
  }, [dirty]);

  if (blocker.state !== "blocked") return null;
  return (
    <Dialog
      open
      onClose={blocker.reset}
      title="Discard unsaved changes?"
      description="This workflow has edits that are not saved as a draft. Leaving now discards them."
      footer={
        <>
          <Button variant="secondary" onClick={blocker.reset} data-autofocus>
            Stay
          </Button>
          <Button variant="danger" onClick={blocker.proceed}>
            Discard
          </Button>
        </>
      }
    />
  );
}
