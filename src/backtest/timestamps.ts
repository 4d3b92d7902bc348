/**
 * Timestamps the user points at, for events that carry none of CloudWatch's own (JSON lines and text
 * lines). A timestamp without a time zone is UTC, as CloudWatch's are.
 *
 * - JSON field values: epoch seconds or milliseconds (a number below 1e11 is read as seconds), or an
 *   ISO 8601 string (`2026-11-24T10:00:00.123Z`, `2026-11-24 10:00:00,123`).
 * - Text lines: a leading timestamp in one of the formats below; the whole line stays the message.
 */

/** `--timestamp-format` values besides a strftime pattern such as `%Y-%m-%d %H:%M:%S`. */
export const NAMED_TIMESTAMP_FORMATS = ["iso8601", "epoch-seconds", "epoch-millis"] as const;

const ISO = "(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?(Z|[+-]\\d{2}:?\\d{2})?";
const ISO_EXACT = new RegExp(`^${ISO}$`);
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Epoch milliseconds of an ISO 8601 date-time, or undefined. */
export function parseIsoTimestamp(text: string): number | undefined {
  const m = ISO_EXACT.exec(text.trim());
  return m ? isoMatchToMillis(m, 1) : undefined;
}

function isoMatchToMillis(m: RegExpExecArray, at: number): number | undefined {
  const [year, month, day, hour, minute] = [m[at], m[at + 1], m[at + 2], m[at + 3], m[at + 4]].map(Number);
  const second = m[at + 5] === undefined ? 0 : Number(m[at + 5]);
  const fraction = m[at + 6] === undefined ? 0 : Number(`0.${m[at + 6]}`);
  return utcMillis(year, month, day, hour, minute, second, fraction, m[at + 7]);
}

function utcMillis(year: number, month: number, day: number, hour: number, minute: number, second: number, fraction: number, zone?: string): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const millis = Date.UTC(year, month - 1, day, hour, minute, second) + Math.round(fraction * 1000);
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined; // 2026-02-30
  return millis - zoneOffsetMillis(zone);
}

function zoneOffsetMillis(zone: string | undefined): number {
  if (!zone || zone === "Z") return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

/** A JSON field's value as epoch milliseconds, or undefined when it is no timestamp. */
export function timestampFromValue(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return value < 1e11 ? Math.round(value * 1000) : Math.round(value);
  if (typeof value !== "string") return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return timestampFromValue(Number(value));
  return parseIsoTimestamp(value);
}

/** Reads the leading timestamp of a text line, or undefined when the line does not start with one. */
export type LeadingTimestamp = (line: string) => number | undefined;

/** Compiles `--timestamp-format`; throws Error with a message for an unknown format. */
export function leadingTimestampParser(format: string): LeadingTimestamp {
  if (format === "iso8601") {
    const re = new RegExp(`^\\[?${ISO}`);
    return (line) => {
      const m = re.exec(line);
      return m ? isoMatchToMillis(m, 1) : undefined;
    };
  }
  if (format === "epoch-seconds" || format === "epoch-millis") {
    const scale = format === "epoch-seconds" ? 1000 : 1;
    return (line) => {
      const m = /^\[?(\d+(?:\.\d+)?)(?=[\s\]]|$)/.exec(line);
      return m ? Math.round(Number(m[1]) * scale) : undefined;
    };
  }
  if (!format.includes("%")) {
    throw new Error(`unknown timestamp format '${format}': use ${NAMED_TIMESTAMP_FORMATS.join(", ")} or a strftime pattern such as '%Y-%m-%d %H:%M:%S'`);
  }
  return strftimeParser(format);
}

/** `%Y %y %m %d %e %b %H %M %S %f %z %%`; other characters match themselves. */
function strftimeParser(format: string): LeadingTimestamp {
  const fields: string[] = [];
  let source = "^";
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== "%") {
      source += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      continue;
    }
    const directive = format[++i];
    const pattern = STRFTIME[directive];
    if (directive === "%") source += "%";
    else if (!pattern) throw new Error(`unknown timestamp format directive '%${directive ?? ""}' in '${format}' (known: %Y %y %m %d %e %b %H %M %S %f %z %%)`);
    else {
      fields.push(directive);
      source += `(${pattern})`;
    }
  }
  if (!fields.includes("Y") && !fields.includes("y")) throw new Error(`timestamp format '${format}' has no year (%Y or %y)`);
  const re = new RegExp(source, "i");
  return (line) => {
    const m = re.exec(line);
    if (!m) return undefined;
    const v: Record<string, string> = {};
    fields.forEach((f, i) => (v[f] = m[i + 1]));
    const year = v.Y !== undefined ? Number(v.Y) : 2000 + Number(v.y);
    const month = v.b !== undefined ? MONTHS.indexOf(v.b.toLowerCase()) + 1 : Number(v.m ?? 1);
    const day = Number((v.d ?? v.e ?? "1").trim());
    return utcMillis(year, month, day, Number(v.H ?? 0), Number(v.M ?? 0), Number(v.S ?? 0), v.f ? Number(`0.${v.f}`) : 0, v.z);
  };
}

const STRFTIME: Record<string, string> = {
  Y: "\\d{4}",
  y: "\\d{2}",
  m: "\\d{2}",
  d: "\\d{2}",
  e: "[ \\d]\\d",
  b: "[A-Za-z]{3}",
  H: "\\d{2}",
  M: "\\d{2}",
  S: "\\d{2}",
  f: "\\d{1,9}",
  z: "Z|[+-]\\d{2}:?\\d{2}",
};
