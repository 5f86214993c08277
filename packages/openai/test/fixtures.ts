// OpenAI API payloads as the real API sends them.
export const MESSAGES = [
  { role: "system", content: "You are terse." },
  { role: "user", content: "Say hi" },
];

export const CHAT_COMPLETION = {
  id: "chatcmpl-1",
  object: "chat.completion",
  created: 1_700_000_000,
  model: "gpt-4o-mini-2024-07-18",
  system_fingerprint: "fp_1",
  choices: [{ index: 0, message: { role: "assistant", content: "Hi!", refusal: null }, logprobs: null, finish_reason: "stop" }],
  usage: {
    prompt_tokens: 1200,
    completion_tokens: 300,
    total_tokens: 1500,
    prompt_tokens_details: { cached_tokens: 1024, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 128, audio_tokens: 0 },
  },
};

export const TOOL_COMPLETION = {
  ...CHAT_COMPLETION,
  id: "chatcmpl-tools",
  choices: [
    {
      index: 0,
      message: {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
      },
      finish_reason: "tool_calls",
    },
  ],
};

function chunk(delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}) {
  return {
    id: "chatcmpl-2",
    object: "chat.completion.chunk",
    created: 1_700_000_000,
    model: "gpt-4o-mini-2024-07-18",
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...extra,
  };
}

/** Text chunks; `withUsage` adds `usage: null` to each and the final usage-only chunk, as OpenAI does with include_usage. */
export function textChunks(parts: string[], withUsage: boolean) {
  const extra = withUsage ? { usage: null } : {};
  const chunks: Record<string, unknown>[] = [
    chunk({ role: "assistant", content: "" }, null, extra),
    ...parts.map((part) => chunk({ content: part }, null, extra)),
    chunk({}, "stop", extra),
  ];
  if (withUsage) {
    chunks.push({
      id: "chatcmpl-2",
      object: "chat.completion.chunk",
      created: 1_700_000_000,
      model: "gpt-4o-mini-2024-07-18",
      choices: [],
      usage: { prompt_tokens: 20, completion_tokens: 7, total_tokens: 27, prompt_tokens_details: { cached_tokens: 0 } },
    });
  }
  return chunks;
}

export function toolCallChunks() {
  return [
    chunk({ role: "assistant", content: null, tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "get_weather", arguments: "" } }] }),
    chunk({ tool_calls: [{ index: 0, function: { arguments: '{"ci' } }] }),
    chunk({ tool_calls: [{ index: 0, function: { arguments: 'ty":"Paris"}' } }] }),
    chunk({ tool_calls: [{ index: 1, id: "call_b", type: "function", function: { name: "get_time", arguments: "{}" } }] }),
    chunk({}, "tool_calls"),
  ];
}

export const EMBEDDING = {
  object: "list",
  data: [
    { object: "embedding", index: 0, embedding: [0.1, 0.2, 0.3, 0.4] },
    { object: "embedding", index: 1, embedding: [0.5, 0.6, 0.7, 0.8] },
  ],
  model: "text-embedding-3-small",
  usage: { prompt_tokens: 8, total_tokens: 8 },
};

export const RESPONSE = {
  id: "resp_1",
  object: "response",
  created_at: 1_700_000_000,
  status: "completed",
  model: "gpt-4.1-2025-04-14",
  output: [
    { type: "message", id: "msg_1", status: "completed", role: "assistant", content: [{ type: "output_text", text: "Hello there", annotations: [] }] },
  ],
  usage: {
    input_tokens: 50,
    input_tokens_details: { cached_tokens: 10 },
    output_tokens: 20,
    output_tokens_details: { reasoning_tokens: 5 },
    total_tokens: 70,
  },
  error: null,
  incomplete_details: null,
};

export const COMPLETION = {
  id: "cmpl-1",
  object: "text_completion",
  created: 1_700_000_000,
  model: "gpt-3.5-turbo-instruct",
  choices: [{ text: " world", index: 0, logprobs: null, finish_reason: "stop" }],
  usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
};
