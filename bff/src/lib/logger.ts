/** The process logger: pino JSON lines on stdout. Never log secrets, tokens or passwords. */
import pino from "pino";
import { config } from "../config";

export const logger = pino({
  level: config.logLevel,
  base: { service: "neighbourhood-bff" },
  redact: {
    paths: ["password", "*.password", "token", "*.token", "authorization", "*.authorization", "cookie", "*.cookie", "api_key", "*.api_key"],
    censor: "[redacted]",
  },
});
