import { Badge } from "@nhood/design-system";
import type { ConnectionDetail } from "@nhood/web-kit";

const tone = { active: "success", expired: "warning", revoked: "neutral", error: "danger" } as const;
const label = { active: "Connected", expired: "Expired — reconnect", revoked: "Disconnected", error: "Needs attention" } as const;

/** The status badge of a connection, and its last error when there is one. */
export function ConnectionStatus({ connection }: { connection: ConnectionDetail }) {
  return (
    <div className="flex flex-col items-end gap-1">
      <Badge tone={tone[connection.status]}>{label[connection.status]}</Badge>
      {connection.last_error && connection.status !== "active" && <p className="max-w-xs text-right text-xs text-danger">{connection.last_error}</p>}
    </div>
  );
}
