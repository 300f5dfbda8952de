/**
 * Built-in actions that need no third-party account: `core.transform` (its rendered config is
 * its output: build an object from expressions) and `core.delay` (waits `ms`, at most 60 s,
 * aborted by cancellation or the step timeout).
 */
import { z } from "zod";
import { findAction, registerAction } from "../../integrations/actions";

if (!findAction("core", "transform")) {
  registerAction({
    provider: "core", action: "transform", title: "Transform data",
    input: z.record(z.string(), z.unknown()),
    run: async (input) => ({ output: input }),
  });
}

if (!findAction("core", "delay")) {
  registerAction({
    provider: "core", action: "delay", title: "Wait",
    input: z.object({ ms: z.number().int().min(0).max(60_000) }),
    run: (input, ctx) => new Promise((resolve, reject) => {
      const { ms } = input as { ms: number };
      const t = setTimeout(() => resolve({ output: { waited_ms: ms } }), ms);
      ctx.signal.addEventListener("abort", () => { clearTimeout(t); reject(ctx.signal.reason); }, { once: true });
    }),
  });
}

export const BUILTIN_PROVIDERS = new Set(["core"]);
