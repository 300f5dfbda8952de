/**
 * Metrics of the ingest → inbox pipeline (issue #15's latency target), served at `/metrics` with
 * the process's others. `bench:notifications` reads them before and after a run to split the
 * ingest→inbox latency into hops and to count database reads per event:
 * - `nh_notification_pipeline_seconds{stage}`: per evaluated API event (platform events come
 *   through the domain-event dispatcher first), `queued` = from its receipt
 *   (`received_at`, the ingestion transaction's start) to the start of the evaluation batch that
 *   claimed it (waiting for a pass and for the batches before it), `evaluated` = from that start
 *   to the batch's COMMIT (a wait for a pool connection included), `committed` = the two together;
 * - `nh_inbox_stream_reads_total{reason}`: database reads by SSE streams (`notify`: a NOTIFY of
 *   notifications the stream had not sent, `behind`: a batch committed in this process that the
 *   stream could not take as it was); `nh_inbox_stream_frames_in_process_total`: notification
 *   frames written straight from a batch committed in this process, without a read.
 */
import client from "prom-client";
import { registry } from "../../lib/metrics";

export const pipelineSeconds = new client.Histogram({
  name: "nh_notification_pipeline_seconds",
  help: "Per evaluated API event: queued (receipt to the start of the evaluation batch that took it), evaluated (that start to COMMIT), committed (receipt to COMMIT)",
  labelNames: ["stage"] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

export const streamReads = new client.Counter({
  name: "nh_inbox_stream_reads_total",
  help: "Database reads by inbox SSE streams, by reason (notify: a NOTIFY of unsent notifications; behind: an in-process batch the stream could not take as it was)",
  labelNames: ["reason"] as const,
  registers: [registry],
});

export const streamFramesInProcess = new client.Counter({
  name: "nh_inbox_stream_frames_in_process_total",
  help: "Notification frames SSE streams wrote straight from a batch committed in this process (no database read)",
  registers: [registry],
});

/** Records the stages of `receivedAt` events whose batch started at `claimedAt` and committed at `committedAt` (epoch ms). */
export function observePipeline(receivedAt: Date[], claimedAt: number, committedAt: number): void {
  const evaluated = Math.max(0, committedAt - claimedAt) / 1000;
  for (const at of receivedAt) {
    const queued = Math.max(0, claimedAt - at.getTime()) / 1000;
    pipelineSeconds.observe({ stage: "queued" }, queued);
    pipelineSeconds.observe({ stage: "evaluated" }, evaluated);
    pipelineSeconds.observe({ stage: "committed" }, queued + evaluated);
  }
}
