/**
 * @nhood/client-sdk: the headless client for a tenant's web or React Native app (no DOM
 * assumptions; `@nhood/client-sdk/react` has `<Inbox />`). See README.md and decision 027.
 */
export { init } from "./client";
export type {
  ClientBranding,
  ClientRegisterRequest,
  ClientUser,
  InboxNotification,
  InitOptions,
  NeighbourHoodClient,
  NotificationListener,
  NotificationPage,
  NotificationPreferences,
} from "./client";
export { ApiError, type FieldProblem } from "./errors";
export { fetchEventSource, SseParser, type EventSourceFactory, type EventSourceLike, type StreamMessage } from "./stream";
export { browserSoundPlayer, type SoundPlayer, type SoundRequest } from "./sounds";
