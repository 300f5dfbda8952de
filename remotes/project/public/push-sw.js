/* Service worker of the project portal: shows Web Push notifications (sent by the BFF with the
   workspace's VAPID key) and opens the inbox when one is clicked. Scope: /remotes/project/. */
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { title: event.data ? event.data.text() : "Notification" };
  }
  event.waitUntil(
    self.registration.showNotification(data.title || "Notification", {
      body: data.message || "",
      tag: data.id,
      data,
      requireInteraction: data.priority === "critical",
    }),
  );
});
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(self.clients.openWindow("/project/inbox"));
});
