/**
 * Usage history charts (recharts, as the dashboard's other charts): events and notifications,
 * executions and API calls per day. Loaded lazily (React.lazy in usage-history.tsx).
 */
import type { UsageHistory } from "@nhood/contracts";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const day = (d: string) => d.slice(5);

export default function UsageHistoryCharts({ history }: { history: UsageHistory }) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <figure className="rounded-lg border border-line bg-surface p-4" aria-label="Events and notifications per day chart">
        <figcaption className="mb-2 text-sm font-medium">Events and notifications</figcaption>
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={history.items}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" tickFormatter={day} fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} />
            <Tooltip />
            <Legend />
            <Line type="monotone" dataKey="events" name="Events" stroke="var(--color-brand, #4f46e5)" dot={false} />
            <Line type="monotone" dataKey="notifications" name="Notifications" stroke="#0ea5e9" dot={false} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <figure className="rounded-lg border border-line bg-surface p-4" aria-label="Executions and API calls per day chart">
        <figcaption className="mb-2 text-sm font-medium">Workflow executions and API calls</figcaption>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={history.items}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" tickFormatter={day} fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} />
            <Tooltip />
            <Legend />
            <Bar dataKey="executions" name="Executions" fill="#16a34a" />
            <Bar dataKey="api_calls" name="API calls" fill="#4f46e5" />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
