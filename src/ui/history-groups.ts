/** Groups history rows by the local day they were last updated: Today, Yesterday, then dates. */
export interface DayGroup<T> {
  /** Local midnight of the day, ms. */
  day: number;
  items: T[];
}

function startOfDay(time: number): number {
  const date = new Date(time);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** Keeps the input order (newest first) inside and across groups. */
export function groupByDay<T extends { updatedAt: number }>(items: T[]): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  for (const item of items) {
    const day = startOfDay(item.updatedAt);
    const last = groups[groups.length - 1];
    if (last && last.day === day) last.items.push(item);
    else groups.push({ day, items: [item] });
  }
  return groups;
}

/** "today", "yesterday" or null (then the date is shown). */
export function relativeDay(day: number, now: number): 'today' | 'yesterday' | null {
  const today = startOfDay(now);
  if (day === today) return 'today';
  const yesterday = new Date(today);
  yesterday.setDate(yesterday.getDate() - 1);
  return day === yesterday.getTime() ? 'yesterday' : null;
}

/** Splits `text` around case-insensitive matches of the query's words, for highlighting. */
export function splitMatches(text: string, query: string): Array<{ text: string; match: boolean }> {
  const words = query
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length === 0) return [{ text, match: false }];
  // split() with one capturing group alternates: text, match, text, match …
  const parts = text.split(new RegExp(`(${words.join('|')})`, 'gi'));
  return parts
    .map((part, index) => ({ text: part, match: index % 2 === 1 }))
    .filter((part) => part.text !== '');
}
