// The console adapter's JSON lines, read back as a log shipper would: every
// line parses, and each record validates against core's own Span or Score
// schema (the model the line claims to be).
import { scoreSchema, spanSchema } from "@tracehub/core";

export interface ConsoleCheck {
  problems: string[];
  spanIds: string[];
  scoreIds: string[];
}

export function checkJsonLines(text: string): ConsoleCheck {
  const problems: string[] = [];
  const spanIds: string[] = [];
  const scoreIds: string[] = [];
  if (text !== "" && !text.endsWith("\n")) problems.push("output does not end with a newline");
  const lines = text.split("\n").filter((line) => line !== "");
  for (const line of lines) {
    let record: any;
    try {
      record = JSON.parse(line);
    } catch (error) {
      problems.push(`line does not parse: ${String(error)}: ${line.slice(0, 120)}`);
      continue;
    }
    const { type, ...rest } = record ?? {};
    const schema = type === "span" ? spanSchema : type === "score" ? scoreSchema : undefined;
    if (schema === undefined) {
      problems.push(`line of unknown type ${String(type)}`);
      continue;
    }
    const parsed = schema.safeParse(rest);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${type} ${rest.spanId ?? rest.id}: ${issue.path.join(".")}: ${issue.message}`);
    }
    (type === "span" ? spanIds : scoreIds).push(type === "span" ? rest.spanId : rest.id);
  }
  return { problems, spanIds, scoreIds };
}
