import { buildTestApp, type TestContext } from './build-test-app';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

export interface MailTestContext extends TestContext {
  /** Catches every mail the app's worker sends. */
  sink: SmtpSink;
}

/** A test app (see buildTestApp) whose mails go to a fresh SMTP sink; `close()` stops both. */
export async function buildMailTestApp(): Promise<MailTestContext> {
  const sink = await startSmtpSink();
  const t = await buildTestApp({ env: { SMTP_URL: sink.url } });
  const close = async () => {
    await t.close();
    await sink.close();
  };
  return { ...t, sink, close };
}
