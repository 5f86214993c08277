// The GenAI and OpenInference mappers both read a model span's messages. While
// a request is encoded, the messages of the last payload read are remembered by
// identity (nothing changes during that synchronous walk), so each span's
// payloads are normalised once; the encoder forgets them afterwards.
import { inputMessages, outputMessages, type ChatMessage } from "./chat-messages.js";

class LastMessages {
  private payload: unknown = undefined;
  private messages: ChatMessage[] | undefined = undefined;
  private remembering = false;

  constructor(private readonly read: (payload: unknown) => ChatMessage[] | undefined) {}

  get(payload: unknown): ChatMessage[] | undefined {
    if (!this.remembering || typeof payload !== "object" || payload === null) return this.read(payload);
    if (payload !== this.payload) {
      this.messages = this.read(payload);
      this.payload = payload;
    }
    return this.messages;
  }

  remember(on: boolean): void {
    this.remembering = on;
    this.payload = undefined;
    this.messages = undefined;
  }
}

const lastInput = new LastMessages(inputMessages);
const lastOutput = new LastMessages(outputMessages);

/** {@link inputMessages}, once per payload while a request is encoded. */
export const spanInputMessages = (input: unknown): ChatMessage[] | undefined => lastInput.get(input);

/** {@link outputMessages}, once per payload while a request is encoded. */
export const spanOutputMessages = (output: unknown): ChatMessage[] | undefined => lastOutput.get(output);

/** Remember from now on (the encoder calls this when a request starts), or stop and forget. */
export function rememberSpanMessages(on: boolean): void {
  lastInput.remember(on);
  lastOutput.remember(on);
}
