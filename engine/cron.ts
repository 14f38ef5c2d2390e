type Field = { values: Set<number>; any: boolean };

const RANGES: Array<[number, number]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];
const NAMES: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  sun: 0,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
};
const MACROS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

function parseField(text: string, [min, max]: [number, number]): Field {
  const values = new Set<number>();
  const num = (s: string) => {
    const n = NAMES[s.toLowerCase()] ?? Number(s);
    if (!Number.isInteger(n)) throw new Error(`bad value "${s}"`);
    return n;
  };
  for (const part of text.split(",")) {
    const [range = "", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : num(stepText);
    let [lo, hi] = [min, max];
    if (range !== "*" && range !== "?") {
      const [a = "", b] = range.split("-");
      lo = num(a);
      hi = b === undefined ? (stepText === undefined ? lo : max) : num(b);
    }
    if (lo < min || hi > max + (max === 6 ? 1 : 0) || step < 1) throw new Error(`"${part}" is out of range`);
    for (let v = lo; v <= hi; v += step) values.add(max === 6 && v === 7 ? 0 : v);
  }
  return { values, any: text === "*" || text === "?" };
}

export type CronSchedule = { fields: Field[] };

/** Five-field cron (minute hour day month weekday) in UTC; an optional "TZ=…" prefix is accepted only for UTC. */
export function parseCron(expression: string): CronSchedule {
  let text = expression.trim();
  const tz = /^(?:CRON_)?TZ=(\S+)\s+/.exec(text);
  if (tz) {
    if (!["UTC", "Etc/UTC", "GMT"].includes(tz[1] ?? ""))
      throw new Error(`cron "${expression}": only UTC is supported`);
    text = text.slice(tz[0].length);
  }
  text = MACROS[text] ?? text;
  const parts = text.split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron "${expression}": expected 5 fields`);
  try {
    return { fields: parts.map((part, i) => parseField(part, RANGES[i] as [number, number])) };
  } catch (error) {
    throw new Error(`cron "${expression}": ${(error as Error).message}`, { cause: error });
  }
}

/** The first minute strictly after `after` that the schedule fires at. */
export function nextCronTime(schedule: CronSchedule, after: Date): Date {
  const [minute, hour, day, month, weekday] = schedule.fields as [Field, Field, Field, Field, Field];
  const t = new Date(after.getTime());
  t.setUTCSeconds(0, 0);
  t.setUTCMinutes(t.getUTCMinutes() + 1);
  for (let i = 0; i < 600_000; i++) {
    const dayOk =
      day.any || weekday.any
        ? day.values.has(t.getUTCDate()) && weekday.values.has(t.getUTCDay())
        : day.values.has(t.getUTCDate()) || weekday.values.has(t.getUTCDay());
    if (!month.values.has(t.getUTCMonth() + 1) || !dayOk) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!hour.values.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
    } else if (!minute.values.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
    } else {
      return t;
    }
  }
  throw new Error("cron schedule never fires");
}
