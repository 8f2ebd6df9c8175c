// One JSON request to the app's API: the status and the parsed body (null when empty or not JSON),
// or a network failure when no answer came back at all. The clients read their own answers from it.
export interface NetworkFailure {
  kind: 'network';
  detail: string;
}

export async function requestJson(url: string, init: RequestInit, fetcher: typeof fetch = fetch): Promise<{ status: number; body: unknown } | NetworkFailure> {
  let response: Response;
  try {
    response = await fetcher(url, init);
  } catch (error) {
    // fetch rejects (TypeError) only when no answer came back at all.
    return { kind: 'network', detail: (error as Error).message };
  }
  let body: unknown = null;
  try {
    const text = await response.text();
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: response.status, body };
}
