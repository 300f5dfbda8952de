/**
 * Runtime loading of the portals (Module Federation, no static remotes): each portal the BFF
 * lists is registered from its `manifest_url` and its `./App` loaded on first visit.
 */
import type { Portal } from "@nhood/contracts";
import { loadRemote, registerPlugins, registerRemotes } from "@module-federation/enhanced/runtime";
import type { ComponentType } from "react";

/** Props every portal's exposed `./App` receives. */
export interface PortalAppProps {
  basename: string;
}
export type PortalApp = ComponentType<PortalAppProps>;

/** A portal whose manifest, entry script or exposed module could not be loaded. */
export class PortalLoadError extends Error {
  constructor(
    readonly portal: string,
    readonly stage: string,
    cause: unknown,
  ) {
    super(`The ${portal} portal could not be loaded (${stage}): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "PortalLoadError";
  }
}

const LOAD_TIMEOUT_MS = 20_000;
const registered = new Map<string, string>();
const lastFailure = new Map<string, string>();

/**
 * Installs the `errorLoadRemote` runtime hook: it records at which stage a portal failed
 * (manifest, entry script, module) so the error panel can say so, and lets the error propagate
 * to the shell (no silent fallback module) so the panel with "Retry" is shown.
 */
export function installPortalLoadPlugin(): void {
  registerPlugins([
    {
      name: "nhood-portal-errors",
      errorLoadRemote(args) {
        const name = String(args.id).split("/")[0] ?? String(args.id);
        const message = args.error instanceof Error ? args.error.message : String(args.error);
        const stage =
          args.lifecycle === "afterResolve"
            ? "manifest"
            : /RUNTIME-008|load script/i.test(message)
              ? "entry script"
              : args.lifecycle === "onLoad"
                ? "module"
                : args.lifecycle;
        lastFailure.set(name, stage);
        for (const [portal, url] of registered) if (url === args.id) lastFailure.set(portal, stage);
        console.warn(`[shell] portal ${name} failed at ${stage}`, args.error);
        return undefined;
      },
    },
  ]);
}

function ensureRegistered(portal: Portal, force: boolean): void {
  const entry = new URL(portal.manifest_url, window.location.origin).href;
  if (!force && registered.get(portal.name) === entry) return;
  registerRemotes([{ name: portal.name, entry }], { force: force || registered.has(portal.name) });
  registered.set(portal.name, entry);
}

/** Registers every portal the BFF listed (no network until a portal is first opened). */
export function registerPortals(portals: Portal[]): void {
  for (const portal of portals) ensureRegistered(portal, false);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer after ${ms / 1000} s`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/**
 * Loads `<portal>/App`. `retry: true` re-registers the remote (force), which drops the cached
 * manifest, entry script and module so loading really starts again. Throws PortalLoadError.
 */
export async function loadPortalApp(portal: Portal, retry = false): Promise<PortalApp> {
  lastFailure.delete(portal.name);
  try {
    ensureRegistered(portal, retry);
    const mod = await withTimeout(loadRemote<{ default: PortalApp }>(`${portal.name}/App`), LOAD_TIMEOUT_MS);
    if (!mod || typeof mod.default !== "function") throw new Error("./App has no default export component");
    return mod.default;
  } catch (error) {
    throw new PortalLoadError(portal.name, lastFailure.get(portal.name) ?? "script", error);
  }
}
