/**
 * Helpers for the notifications tests: an SSE reader over a real streaming Response, a fresh
 * workspace on a chosen plan, and waiting for the job queue to settle.
 */
import type { Harness } from "./harness";

// every notifications test file may run another file's webhook or push jobs (one shared queue):
// all of them allow the local receivers those files start
process.env.NH_OUTBOUND_ALLOWLIST = "127.0.0.1/32";
import { signUpWorkspace, type FreshWorkspace } from "./fixtures";

export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

/** Reads SSE frames from `res` until `want` events named `event` arrived or `ms` passed. */
export function sseReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const events: SseEvent[] = [];
  let pending: Promise<void> | null = null;
  const pump = async () => {
    const { value, done } = await reader.read();
    if (done) throw new Error("stream ended");
    buffer += decoder.decode(value, { stream: true });
    for (let i = buffer.indexOf("\n\n"); i >= 0; i = buffer.indexOf("\n\n")) {
      const frame = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      const ev: SseEvent = { id: null, event: "message", data: "" };
      for (const line of frame.split("\n")) {
        if (line.startsWith("id: ")) ev.id = line.slice(4);
        else if (line.startsWith("event: ")) ev.event = line.slice(7);
        else if (line.startsWith("data: ")) ev.data += line.slice(6);
      }
      if (!frame.startsWith(":")) events.push(ev);
    }
  };
  return {
    events,
    async until(event: string, want: number, ms = 5000): Promise<SseEvent[]> {
      const deadline = Date.now() + ms;
      while (events.filter((e) => e.event === event).length < want) {
        if (Date.now() > deadline) throw new Error(`only ${events.filter((e) => e.event === event).length} of ${want} ${event} events`);
        pending ??= pump().finally(() => {
          pending = null;
        });
        await Promise.race([pending, new Promise((r) => setTimeout(r, 50))]);
      }
      return events.filter((e) => e.event === event);
    },
    close: () => reader.cancel().catch(() => {}),
  };
}

/** A fresh workspace on `plan` (set as the owner, past row-level security). */
export async function workspaceOnPlan(h: Harness, plan: string, name = "Notify Co"): Promise<FreshWorkspace & { token: string }> {
  const ws = await signUpWorkspace(h, name);
  await h.owner`update workspaces set plan = ${plan} where id = ${ws.workspaceId}`;
  return { ...ws, token: await h.signIn(ws.email, ws.password) };
}

/** Runs due jobs (and domain-event dispatches) until `done()` holds or ~8 s passed. */
export async function settle(h: Harness, done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await h.runJobs();
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the job queue did not settle");
}
