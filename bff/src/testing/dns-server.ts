/**
 * A local UDP DNS server for tests (dns2): it answers TXT questions from a map the test fills,
 * and NXDOMAIN for any other name. `useFor()` points the suite's verification look-ups at it
 * (`NH_DNS_SERVERS`), so a custom domain's TXT proof goes through node:dns `resolveTxt` and a
 * real resolver on the wire.
 */
import dns2 from "dns2";

const { Packet } = dns2;

export interface TestDnsServer {
  /** the TXT records by name (lower-case, no trailing dot); each record is one or more strings */
  txt: Map<string, string[][]>;
  /** `127.0.0.1:<port>` */
  address: string;
  /** sets NH_DNS_SERVERS to this server (until close) */
  useFor: () => void;
  close: () => Promise<void>;
}

export async function startDnsServer(): Promise<TestDnsServer> {
  const txt = new Map<string, string[][]>();
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const name = (question?.name ?? "").toLowerCase().replace(/\.$/, "");
      const records = question?.type === Packet.TYPE.TXT ? txt.get(name) : undefined;
      if (records) {
        for (const data of records) response.answers.push({ name: question!.name, type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 1, data } as never);
      } else if (!txt.has(name)) {
        response.header.rcode = 3; // NXDOMAIN
      }
      send(response);
    },
  });
  const listening = await server.listen({ udp: { port: 0, address: "127.0.0.1" } });
  const address = `127.0.0.1:${listening.udp!.port}`;
  const before = process.env.NH_DNS_SERVERS;
  return {
    txt,
    address,
    useFor: () => {
      process.env.NH_DNS_SERVERS = address;
    },
    close: async () => {
      if (before === undefined) delete process.env.NH_DNS_SERVERS;
      else process.env.NH_DNS_SERVERS = before;
      await server.close();
    },
  };
}
