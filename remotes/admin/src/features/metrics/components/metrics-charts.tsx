/**
 * The metric charts (recharts). Loaded lazily by MetricsPage so the chart library stays out of
 * the admin portal's entry chunk (budget: 100 KB gzip).
 */
import type { MetricPoint, PlatformMetrics } from "@nhood/web-kit";
import { useLayoutEffect, useRef, useState, type ReactElement, type RefObject } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";

const short = (day: string) => day.slice(5);
const zip = (series: Record<string, MetricPoint[]>) =>
  (Object.values(series)[0] ?? []).map((p, i) => ({
    day: short(p.day),
    ...Object.fromEntries(Object.entries(series).map(([k, s]) => [k, s[i]?.value ?? null])),
  }));

const HEIGHT = 224;

/** The element's content width, kept up to date with a ResizeObserver (0 until measured). */
function useWidth(ref: RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

function Chart({ title, summary, children }: { title: string; summary: string; children: (size: { width: number; height: number }) => ReactElement }) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  return (
    <figure className="rounded-lg border border-line bg-surface p-4 shadow-sm">
      <figcaption className="mb-2 text-sm font-semibold text-fg">
        {title} <span className="font-normal text-fg-muted">· {summary}</span>
      </figcaption>
      <div ref={box} style={{ height: HEIGHT }}>
        {width > 0 && children({ width, height: HEIGHT })}
      </div>
    </figure>
  );
}

const total = (s: MetricPoint[]) => s.reduce((a, p) => a + (p.value ?? 0), 0);

type Size = { width: number; height: number };

function Bars({ data, bars, size }: { data: object[]; bars: Array<{ key: string; name: string; color: string }>; size: Size }) {
  return (
    <BarChart data={data} {...size}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="day" fontSize={12} />
      <YAxis allowDecimals={false} fontSize={12} width={40} />
      <Tooltip />
      {bars.length > 1 && <Legend />}
      {bars.map((b) => (
        <Bar key={b.key} dataKey={b.key} name={b.name} stackId="a" fill={b.color} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}

function Rate({ data, name, size }: { data: object[]; name: string; size: Size }) {
  return (
    <LineChart data={data} {...size}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="day" fontSize={12} />
      <YAxis domain={[0, 100]} unit="%" fontSize={12} width={44} />
      <Tooltip />
      <Line type="monotone" dataKey="rate" name={name} stroke="#0f766e" dot isAnimationActive={false} />
    </LineChart>
  );
}

export default function MetricsCharts({ metrics: m }: { metrics: PlatformMetrics }) {
  const ex = m.executions;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Chart title="New workspaces per day" summary={`${total(m.workspaces.created_per_day)} in ${m.days} days`}>
        {(size) => <Bars data={zip({ created: m.workspaces.created_per_day })} bars={[{ key: "created", name: "Created", color: "#4f46e5" }]} size={size} />}
      </Chart>
      <Chart title="Executions per day" summary={`${total(ex.succeeded_per_day)} succeeded, ${total(ex.failed_per_day)} failed`}>
        {(size) => (
          <Bars
            data={zip({ succeeded: ex.succeeded_per_day, failed: ex.failed_per_day })}
            bars={[
              { key: "succeeded", name: "Succeeded", color: "#15803d" },
              { key: "failed", name: "Failed", color: "#b91c1c" },
            ]}
            size={size}
          />
        )}
      </Chart>
      <Chart title="Execution success rate" summary="finished executions that succeeded">
        {(size) => <Rate data={zip({ rate: ex.success_rate_per_day })} name="Success rate" size={size} />}
      </Chart>
      <Chart title="Events and notifications per day" summary={`${total(m.events_per_day)} events, ${total(m.notifications_per_day)} notifications`}>
        {(size) => (
          <Bars
            data={zip({ events: m.events_per_day, notifications: m.notifications_per_day })}
            bars={[
              { key: "events", name: "Events", color: "#0369a1" },
              { key: "notifications", name: "Notifications", color: "#a16207" },
            ]}
            size={size}
          />
        )}
      </Chart>
      <Chart title="Webhook delivery success rate" summary={`${m.webhooks.delivered} delivered, ${m.webhooks.failed} failed`}>
        {(size) => <Rate data={zip({ rate: m.webhooks.success_rate_per_day })} name="Delivered" size={size} />}
      </Chart>
      <Chart title="Token refresh failures per day" summary={`${total(m.token_refresh_failures_per_day)} in ${m.days} days`}>
        {(size) => (
          <Bars data={zip({ failures: m.token_refresh_failures_per_day })} bars={[{ key: "failures", name: "Failures", color: "#b91c1c" }]} size={size} />
        )}
      </Chart>
    </div>
  );
}
