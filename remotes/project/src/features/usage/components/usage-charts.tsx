/**
 * The dashboard's charts (recharts). Loaded lazily (React.lazy in usage-page.tsx), so the
 * portal's entry stays within its 100 KB gzip budget.
 */
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { NotificationStats, Usage } from "@nhood/web-kit";

const day = (d: string) => d.slice(5);

export default function UsageCharts({ usage, stats }: { usage: Usage; stats: NotificationStats | undefined }) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <figure className="rounded-lg border border-line bg-surface p-4">
        <figcaption className="mb-2 text-sm font-medium">Events and notifications per day</figcaption>
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={usage.daily}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" tickFormatter={day} fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} />
            <Tooltip />
            <Legend />
            <Line type="monotone" dataKey="events" stroke="var(--color-brand, #4f46e5)" dot={false} />
            <Line type="monotone" dataKey="notifications" stroke="#0ea5e9" dot={false} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <figure className="rounded-lg border border-line bg-surface p-4">
        <figcaption className="mb-2 text-sm font-medium">Delivery per day</figcaption>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={stats?.days ?? []}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" tickFormatter={day} fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} />
            <Tooltip />
            <Legend />
            <Bar dataKey="delivered" fill="#16a34a" />
            <Bar dataKey="failed" fill="#dc2626" />
            <Bar dataKey="acknowledged" fill="#4f46e5" />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
