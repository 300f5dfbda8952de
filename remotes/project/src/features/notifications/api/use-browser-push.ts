import { api } from "@nhood/web-kit";
import { useCallback, useEffect, useState } from "react";

export const PUSH_WORKER = "/remotes/project/push-sw.js";
export type PushState = "unsupported" | "denied" | "off" | "on" | "working";

/** A VAPID public key (base64url) as the bytes `pushManager.subscribe` wants. */
export function keyBytes(base64url: string): Uint8Array {
  const b64 = base64url
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

const supported = () => typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;

/**
 * Browser notifications for rules with the push channel: registers the portal's service worker,
 * subscribes with the workspace's VAPID key and saves the subscription (`POST
 * /notifications/push/subscriptions`); `disable` unsubscribes and forgets it.
 */
export function useBrowserPush() {
  const [state, setState] = useState<PushState>(supported() ? "off" : "unsupported");
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!supported()) return;
    if (Notification.permission === "denied") {
      setState("denied");
      return;
    }
    void navigator.serviceWorker
      .getRegistration(PUSH_WORKER)
      .then((reg) => reg?.pushManager.getSubscription())
      .then((sub) => {
        if (sub) setState("on");
      });
  }, []);
  const enable = useCallback(async () => {
    setError(null);
    setState("working");
    try {
      if ((await Notification.requestPermission()) !== "granted") {
        setState("denied");
        return;
      }
      const reg = await navigator.serviceWorker.register(PUSH_WORKER, { scope: "/remotes/project/" });
      await navigator.serviceWorker.ready;
      const { public_key } = await api.notify.push.publicKey();
      const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(public_key) as BufferSource });
      const json = sub.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
      await api.notify.push.subscribe({ endpoint: json.endpoint, keys: json.keys });
      setState("on");
    } catch (e) {
      setError(e);
      setState("off");
    }
  }, []);
  const disable = useCallback(async () => {
    setError(null);
    const reg = await navigator.serviceWorker.getRegistration(PUSH_WORKER);
    const sub = await reg?.pushManager.getSubscription();
    if (sub) {
      await api.notify.push.unsubscribe(sub.endpoint).catch(setError);
      await sub.unsubscribe();
    }
    setState("off");
  }, []);
  return { state, error, enable, disable };
}
