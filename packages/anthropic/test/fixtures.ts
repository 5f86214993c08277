// Messages API payloads as the real API sends them.
export const MESSAGE = {
  id: "msg_01",
  type: "message",
  role: "assistant",
  model: "claude-sonnet-4-20250514",
  content: [{ type: "text", text: "Hi there!" }],
  stop_reason: "end_turn",
  stop_sequence: null,
  usage: {
    input_tokens: 100,
    cache_creation_input_tokens: 2000,
    cache_read_input_tokens: 5000,
    output_tokens: 40,
    cache_creation: { ephemeral_5m_input_tokens: 2000, ephemeral_1h_input_tokens: 0 },
    service_tier: "standard",
  },
};

export const TOOL_MESSAGE = {
  ...MESSAGE,
  id: "msg_tool",
  content: [
    { type: "text", text: "Let me check." },
    { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
  ],
  stop_reason: "tool_use",
};

/** A streamed message: text blocks, or a text block then a tool_use block whose input arrives in pieces. */
export function streamEvents(kind: "text" | "tool" = "text", texts = ["Hel", "lo", "!"]) {
  const start = {
    type: "message_start",
    message: {
      id: "msg_02",
      type: "message",
      role: "assistant",
      model: "claude-sonnet-4-20250514",
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 3000, output_tokens: 1 },
    },
  };
  const text = [
    { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
    { type: "ping" },
    ...texts.map((t) => ({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text: t } })),
    { type: "content_block_stop", index: 0 },
  ];
  const tool =
    kind === "tool"
      ? [
          { type: "content_block_start", index: 1, content_block: { type: "tool_use", id: "toolu_9", name: "get_weather", input: {} } },
          { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: "" } },
          { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: '{"city": "Par' } },
          { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: 'is"}' } },
          { type: "content_block_stop", index: 1 },
        ]
      : [];
  return [
    start,
    ...text,
    ...tool,
    {
      type: "message_delta",
      delta: { stop_reason: kind === "tool" ? "tool_use" : "end_turn", stop_sequence: null },
      usage: { output_tokens: 25 },
    },
    { type: "message_stop" },
  ];
}
