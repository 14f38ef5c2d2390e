/**
 * How long an open task has waited, cut into bands a queue is read by: each band holds ages from its `fromHours`
 * up to the next band's. The last band has no end.
 */
export const ageBands = [
  { key: "under_4h", label: "under 4 h", fromHours: 0 },
  { key: "4h_to_1d", label: "4–24 h", fromHours: 4 },
  { key: "1d_to_3d", label: "1–3 days", fromHours: 24 },
  { key: "over_3d", label: "over 3 days", fromHours: 72 },
] as const;
export type AgeBand = (typeof ageBands)[number]["key"];

export function ageBandOf(hours: number): AgeBand {
  let band: AgeBand = ageBands[0].key;
  for (const b of ageBands) if (hours >= b.fromHours) band = b.key;
  return band;
}
