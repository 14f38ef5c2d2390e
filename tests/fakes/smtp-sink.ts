import { once } from "node:events";
import type { AddressInfo } from "node:net";
import type { Readable } from "node:stream";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

export type SinkStage = "rcpt" | "data";

export type SinkMessage = { envelope: { from: string | null; to: string[] }; mail: ParsedMail };

export type SmtpSink = {
  /** smtp://sink:secret@127.0.0.1:<port>, for SMTP_URL: any login is accepted. */
  url: string;
  /** Messages accepted, parsed, in the order they arrived. */
  messages: SinkMessage[];
  /** Answers the next commands of `stage` with these codes, one per command; then accepts again. */
  reject: (stage: SinkStage, ...codes: number[]) => void;
  close: () => Promise<void>;
};

function refusal(code: number): Error {
  return Object.assign(
    new Error(code >= 500 ? "scripted permanent refusal" : "scripted temporary refusal, try again later"),
    { responseCode: code },
  );
}

function envelopeOf(session: SMTPServerSession): SinkMessage["envelope"] {
  const from = session.envelope.mailFrom;
  return { from: from ? from.address : null, to: session.envelope.rcptTo.map((r) => r.address) };
}

async function drain(stream: Readable): Promise<void> {
  stream.resume();
  await once(stream, "end");
}

/**
 * A local SMTP server that keeps what it receives: plain SMTP on 127.0.0.1 and a free port, any or no login, no
 * STARTTLS. It can refuse recipients or message data with scripted reply codes (451, then accept; or 550).
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const refusals: Record<SinkStage, number[]> = { rcpt: [], data: [] };
  const messages: SinkMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    disableReverseLookup: true,
    onAuth: (_auth, _session, callback) => {
      callback(null, { user: "sink" });
    },
    onRcptTo: (_address, _session, callback) => {
      const code = refusals.rcpt.shift();
      callback(code === undefined ? null : refusal(code));
    },
    onData: (stream, session, callback) => {
      const code = refusals.data.shift();
      const received =
        code === undefined
          ? simpleParser(stream).then((mail) => {
              messages.push({ envelope: envelopeOf(session), mail });
            })
          : drain(stream).then(() => {
              throw refusal(code);
            });
      received.then(
        () => callback(),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://sink:secret@127.0.0.1:${String(port)}`,
    messages,
    reject: (stage, ...codes) => refusals[stage].push(...codes),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
