/**
 * Plays a notification's sound: the workspace's uploaded sound when the rule has one, else a
 * short two-tone chime made with the Web Audio API. Browsers may block audio until the page has
 * had a user gesture; a blocked play is ignored (the notification still shows).
 */
export function playNotificationSound(soundId: string | null): void {
  if (soundId) {
    void new Audio(`/api/v1/sounds/${soundId}/file`).play().catch(() => undefined);
    return;
  }
  const Ctx =
    typeof window !== "undefined" ? (window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext) : undefined;
  if (!Ctx) return;
  try {
    const ctx = new Ctx();
    [880, 1320].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.15, ctx.currentTime + i * 0.15);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + i * 0.15 + 0.3);
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + i * 0.15);
      osc.stop(ctx.currentTime + i * 0.15 + 0.3);
    });
    setTimeout(() => void ctx.close(), 1000);
  } catch {
    // no audio device: nothing to play
  }
}
