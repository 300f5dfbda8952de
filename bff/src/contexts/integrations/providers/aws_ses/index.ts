/** Amazon SES API v2: SendEmail, signed with AWS Signature Version 4 by `aws4` (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html). */
import aws4 from "aws4";
import { z } from "zod";
import { defineProvider, providerBaseUrl } from "../../catalogue";
import { defineAction, fields } from "../http";

defineProvider({
  key: "aws_ses",
  name: "AWS SES",
  category: "email",
  logo: { slug: null, color: "#DD344C" },
  auth: { kind: "api_key", fields: ["access_key_id", "secret_access_key", "region"] },
  baseUrl: "https://email.{region}.amazonaws.com",
  docsUrl: "https://docs.aws.amazon.com/ses/latest/APIReference-V2/",
});

defineAction({
  provider: "aws_ses",
  action: "send_email",
  title: "Send an email",
  example: { from: "sales@example.com", to: ["ada@example.com"], subject: "Welcome", text: "Hello Ada" },
  input: z.object({ from: z.email(), to: z.array(z.email()).min(1).max(50), subject: z.string().min(1), text: z.string().min(1) }),
  request: (i) => ({
    method: "POST",
    path: "/v2/email/outbound-emails",
    json: {
      FromEmailAddress: i.from,
      Destination: { ToAddresses: i.to },
      Content: { Simple: { Subject: { Data: i.subject }, Body: { Text: { Data: i.text } } } },
    },
  }),
  baseUrl: (c, def) => providerBaseUrl(def, { region: /^[a-z]{2}-[a-z]+-\d$/.test(fields(c).region ?? "") ? fields(c).region! : "" }),
  authorize: (c, r) => {
    const f = fields(c);
    const signed = aws4.sign(
      {
        host: r.url.host,
        path: r.url.pathname + r.url.search,
        method: r.method,
        service: "ses",
        region: f.region,
        body: r.body,
        headers: { "content-type": "application/json" },
      },
      { accessKeyId: f.access_key_id!, secretAccessKey: f.secret_access_key! },
    );
    for (const [k, v] of Object.entries(signed.headers ?? {}))
      if (k.toLowerCase() !== "host" && k.toLowerCase() !== "content-length") r.headers.set(k, String(v));
  },
});
