// The official holiday arrangement (国务院办公厅 放假安排) as chinese-days has it. Its package
// is CommonJS: Node's ESM loader sees only the default export, so read through it.
import chineseDays from 'chinese-days';
import type { OfficialDay } from './calendar';

export function officialDay(date: string): OfficialDay {
  return chineseDays.getDayDetail(date);
}
