// The setup every msw-based test file of a vendor instrumentation shares: one
// msw server for the file (unhandled requests fail the test), the requests it
// received (cleared before each test) and a fresh test hub per test.
import { http } from "msw";
import { setupServer, type SetupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { capture, type CapturedRequest } from "./capture.js";
import { useTestHub, type TestHub } from "./test-hub.js";

export interface MockedVendorApi {
  /** The msw server; handlers added with `server.use()` are reset after each test. */
  server: SetupServer;
  /** What the vendor API received in the current test, in order (see `replyTo`). */
  received: CapturedRequest[];
  /** The current test's hub. */
  tracing: TestHub;
  /** Answers POSTs to `url` with `answer(request)`, recording each request in `received` first. */
  replyTo(url: string, answer: (request: CapturedRequest) => Response | Promise<Response>): void;
}

/** Call once at the top of a test file. */
export function useMockedVendorApi(): MockedVendorApi {
  const server = setupServer();
  const received: CapturedRequest[] = [];
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());
  const tracing = useTestHub();
  beforeEach(() => {
    received.length = 0;
  });
  afterEach(() => {
    server.resetHandlers();
  });
  const replyTo = (url: string, answer: (request: CapturedRequest) => Response | Promise<Response>): void => {
    server.use(http.post(url, async ({ request }) => answer(await capture(request, received))));
  };
  return { server, received, tracing, replyTo };
}
