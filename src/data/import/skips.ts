/** Rows a format leaves out for one reason: how many, and where the first few are. */
export interface Skip {
  readonly reason: string;
  readonly count: number;
  /** The first rows left out for this reason (file line or sheet row), for the report. */
  readonly where: readonly string[];
}

const WHERE_KEPT = 5;

/** Counts rows left out, by reason, so the import report can say which and why. */
export class SkipLog {
  private readonly byReason = new Map<string, { count: number; where: string[] }>();

  add(reason: string, where: string, count = 1): void {
    const entry = this.byReason.get(reason) ?? { count: 0, where: [] };
    entry.count += count;
    if (entry.where.length < WHERE_KEPT) entry.where.push(where);
    this.byReason.set(reason, entry);
  }

  /** The total, one line saying why, and each reason with its count and first rows. */
  summary(): { skipped: number; skippedReason?: string; skips: Skip[] } {
    const skips = [...this.byReason].map(([reason, e]) => ({ reason, count: e.count, where: e.where }));
    const skipped = skips.reduce((n, s) => n + s.count, 0);
    return skipped === 0 ? { skipped, skips } : { skipped, skippedReason: skips.map((s) => `${s.count} ${s.reason}`).join('; '), skips };
  }
}
