/** Sounds: upload with byte sniffing (a PNG named .mp3 is refused), size limit, plan quota, list, play, delete. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem, pointers } from "../../testing/fixtures";
import { workspaceOnPlan } from "../../testing/notifications";

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

/** A valid 8 kHz mono 16-bit PCM WAV of `samples` silent samples. */
function wav(samples = 800): Buffer {
  const data = samples * 2;
  const b = Buffer.alloc(44 + data);
  b.write("RIFF", 0);
  b.writeUInt32LE(36 + data, 4);
  b.write("WAVE", 8);
  b.write("fmt ", 12);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(16000, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write("data", 36);
  b.writeUInt32LE(data, 40);
  return b;
}
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

function upload(token: string, bytes: Buffer, filename: string, type: string, name?: string) {
  const form = new FormData();
  form.set("file", new File([new Uint8Array(bytes)], filename, { type }));
  if (name) form.set("name", name);
  return h.app.request("/api/v1/sounds", { method: "POST", body: form, headers: { authorization: `Bearer ${token}` } });
}

describe("sounds", () => {
  it("stores a sniffed audio file, lists it, serves it and deletes it", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    const res = await upload(ws.token, wav(), "chime.wav", "application/octet-stream", "Chime");
    expect(res.status).toBe(201);
    const sound = (await res.json()) as { id: string; mime_type: string; url: string; size_bytes: number };
    expect(sound).toMatchObject({ mime_type: "audio/wav", size_bytes: 44 + 1600 });
    const list = (await (await h.call("GET", "/api/v1/sounds", { token: ws.token })).json()) as { items: { name: string }[] };
    expect(list.items.map((s) => s.name)).toEqual(["Chime"]);
    const file = await h.call("GET", sound.url, { token: ws.token });
    expect(file.headers.get("content-type")).toBe("audio/wav");
    expect(Buffer.from(await file.arrayBuffer()).equals(wav())).toBe(true);
    expect((await h.call("DELETE", `/api/v1/sounds/${sound.id}`, { token: ws.token })).status).toBe(204);
    await expectProblem(await h.call("GET", sound.url, { token: ws.token }), 404);
  });

  it("refuses non-audio bytes whatever their name and type, empty and oversized files", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    expect(pointers(await expectProblem(await upload(ws.token, PNG, "alert.mp3", "audio/mpeg"), 400))).toEqual(["#/file"]);
    expect(pointers(await expectProblem(await upload(ws.token, Buffer.alloc(0), "e.wav", "audio/wav"), 400))).toEqual(["#/file"]);
    expect(pointers(await expectProblem(await upload(ws.token, wav(300_000), "big.wav", "audio/wav"), 400))).toEqual(["#/file"]);
    const json = await h.call("POST", "/api/v1/sounds", { token: ws.token, body: { file: "x" } });
    expect(pointers(await expectProblem(json, 400))).toEqual(["#/header/content-type"]);
  });

  it("applies the plan's sounds quota (free: 3)", async () => {
    const ws = await workspaceOnPlan(h, "free");
    for (let i = 0; i < 3; i++) expect((await upload(ws.token, wav(), `s${i}.wav`, "audio/wav")).status).toBe(201);
    await expectProblem(await upload(ws.token, wav(), "s4.wav", "audio/wav"), 409);
  });
});
