/** Minutes after midnight (UTC) at which working hours start and end; `end < start` spans midnight (night shift). */
export interface OfficeHours {
  startMinute: number;
  endMinute: number;
}

export function parseOfficeHours(spec: string): OfficeHours {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(spec);
  if (!match) throw new Error(`Office hours must look like 07:00-19:00, got ${spec}`);
  const [, sh, sm, eh, em] = match.map(Number) as [number, number, number, number, number];
  return { startMinute: sh * 60 + sm, endMinute: eh * 60 + em };
}

export function isOutsideOfficeHours(at: Date, hours: OfficeHours): boolean {
  const minute = at.getUTCHours() * 60 + at.getUTCMinutes();
  const inside =
    hours.startMinute <= hours.endMinute
      ? minute >= hours.startMinute && minute < hours.endMinute
      : minute >= hours.startMinute || minute < hours.endMinute;
  return !inside;
}
