// Just enough protobuf reading for OTLP responses: an ExportTraceServiceResponse
// (partial_success) on 200, a google.rpc.Status on errors. Unknown fields are
// skipped; anything malformed yields undefined rather than a throw.
import {
  PARTIAL_ERROR_MESSAGE_FIELD,
  PARTIAL_REJECTED_SPANS_FIELD,
  RESPONSE_PARTIAL_SUCCESS_FIELD,
  RPC_STATUS_MESSAGE_FIELD,
} from "./otlp-fields.js";

type Field = { field: number; varint?: number; bytes?: Uint8Array };

const decoder = new TextDecoder();

/** Top-level fields of one message; undefined when the bytes are not valid protobuf. */
function readFields(bytes: Uint8Array): Field[] | undefined {
  const fields: Field[] = [];
  let pos = 0;
  const varint = (): number | undefined => {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= bytes.length) return undefined;
      const b = bytes[pos++] as number;
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 128;
    }
    return undefined;
  };
  while (pos < bytes.length) {
    const tag = varint();
    if (tag === undefined) return undefined;
    const field = Math.floor(tag / 8);
    switch (tag & 7) {
      case 0: {
        const value = varint();
        if (value === undefined) return undefined;
        fields.push({ field, varint: value });
        break;
      }
      case 1:
        pos += 8;
        break;
      case 2: {
        const length = varint();
        if (length === undefined || pos + length > bytes.length) return undefined;
        fields.push({ field, bytes: bytes.subarray(pos, pos + length) });
        pos += length;
        break;
      }
      case 5:
        pos += 4;
        break;
      default:
        return undefined;
    }
  }
  return pos === bytes.length ? fields : undefined;
}

export interface PartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

/** The partial_success of an ExportTraceServiceResponse, if the server sent one. */
export function readPartialSuccess(bytes: Uint8Array): PartialSuccess | undefined {
  const partial = readFields(bytes)?.find((f) => f.field === RESPONSE_PARTIAL_SUCCESS_FIELD && f.bytes !== undefined);
  if (partial?.bytes === undefined) return undefined;
  const fields = readFields(partial.bytes);
  if (fields === undefined) return undefined;
  const rejected = fields.find((f) => f.field === PARTIAL_REJECTED_SPANS_FIELD)?.varint ?? 0;
  const message = fields.find((f) => f.field === PARTIAL_ERROR_MESSAGE_FIELD)?.bytes;
  return { rejectedSpans: rejected, errorMessage: message === undefined ? "" : decoder.decode(message) };
}

/** The message of a google.rpc.Status, if the bytes are one. */
export function readRpcStatusMessage(bytes: Uint8Array): string | undefined {
  const message = readFields(bytes)?.find((f) => f.field === RPC_STATUS_MESSAGE_FIELD && f.bytes !== undefined)?.bytes;
  return message === undefined ? undefined : decoder.decode(message);
}
