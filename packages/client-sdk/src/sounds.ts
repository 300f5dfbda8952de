/**
 * Sound playback for `sounds.play`. The sound file needs the SDK's headers, so a player gets the
 * URL, the headers and fetch. The default plays it through an `<audio data-nhood-sound="<id>">`
 * element where a DOM exists (its `data-state` says `playing`, `ended` or `blocked` when the
 * browser's autoplay policy refuses) and does nothing elsewhere; React Native apps pass their own
 * (e.g. expo-av) in `init({ sounds: { player } })`.
 */

/** What a player gets for one sound. */
export interface SoundRequest {
  id: string;
  url: string;
  headers: Record<string, string>;
  fetch: typeof fetch;
}

export type SoundPlayer = (sound: SoundRequest) => Promise<void> | void;

/** The part of an <audio> element and of `document` the default player uses (no DOM typings needed). */
interface AudioLike {
  src: string;
  currentTime: number;
  dataset: Record<string, string | undefined>;
  addEventListener(type: "ended", listener: () => void): void;
  play(): Promise<void>;
}
interface DocumentLike {
  createElement(tag: "audio"): AudioLike;
  body: { appendChild(node: AudioLike): unknown };
}

/** The default player: fetch the file with the headers, play it in an <audio> element (reused per sound). */
export function browserSoundPlayer(): SoundPlayer {
  const urls = new Map<string, Promise<string>>();
  const elements = new Map<string, AudioLike>();
  return async (sound) => {
    const doc = (globalThis as { document?: DocumentLike }).document;
    if (!doc || typeof URL.createObjectURL !== "function") return;
    let src = urls.get(sound.id);
    if (!src) {
      src = sound.fetch(sound.url, { headers: sound.headers }).then(async (res) => {
        if (!res.ok) throw new Error(`sound ${sound.id}: HTTP ${res.status}`);
        return URL.createObjectURL(await res.blob());
      });
      urls.set(sound.id, src);
      src.catch(() => urls.delete(sound.id));
    }
    let audio = elements.get(sound.id);
    if (!audio) {
      const created = doc.createElement("audio");
      created.dataset.nhoodSound = sound.id;
      created.addEventListener("ended", () => {
        created.dataset.state = "ended";
      });
      doc.body.appendChild(created);
      elements.set(sound.id, created);
      audio = created;
    }
    audio.src = await src;
    audio.currentTime = 0;
    audio.dataset.state = "playing";
    audio.dataset.plays = String(Number(audio.dataset.plays ?? 0) + 1);
    try {
      await audio.play();
    } catch {
      audio.dataset.state = "blocked";
    }
  };
}
