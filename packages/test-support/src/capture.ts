// What a mocked vendor server received, decoded for assertions.

export interface CapturedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests index into the decoded JSON freely
  body: any;
}

/** Records what the mocked vendor server received; returns the record. */
export async function capture(request: Request, into: CapturedRequest[]): Promise<CapturedRequest> {
  const text = await request.clone().text();
  const captured: CapturedRequest = {
    method: request.method,
    url: request.url,
    headers: Object.fromEntries(request.headers.entries()),
    body: text === "" ? undefined : JSON.parse(text),
  };
  into.push(captured);
  return captured;
}
