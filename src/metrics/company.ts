import type { Data } from '../data/datasets/index.js';
import type { MATCHED_FIELDS } from '../data/datasets/company-rules.js';
import { metric, sourcesOf, unavailable, type Metric } from './types.js';
import { yearStart, yearEnd } from '../data/dates.js';

type Installation = Data['installations'][number];
type AccountYear = Data['account-years'][number];
type Rule = Data['company-rules'][number];
type MatchedField = (typeof MATCHED_FIELDS)[number];

export type ReviewReason =
  | { readonly kind: 'noHolder' }
  | { readonly kind: 'holderDiffers'; readonly holder: string }
  | { readonly kind: 'nameOnly' }
  | { readonly kind: 'status'; readonly status: string }
  | { readonly kind: 'noRows' };

/** Which rule found an account, and the text it was found in. */
export interface RuleHit {
  readonly field: MatchedField;
  readonly pattern: string;
  readonly text: string;
}

export interface AccountMatch {
  readonly market: string;
  readonly account: number;
  readonly name: string | null;
  readonly country: string | null;
  readonly holder: string | null;
  readonly parent: string | null;
  readonly matchedBy: readonly RuleHit[];
  /** Exclude rules that took it out again (it is then in `excluded`). */
  readonly excludedBy: readonly RuleHit[];
  /** Why a reader should check this account before trusting the sum. */
  readonly review: readonly string[];
  /** The same reasons as data, for a brief to word in its language (holder and status as in the registry). */
  readonly reviewReasons: readonly ReviewReason[];
}

export interface CompanyYear {
  readonly year: number;
  /** Verified emissions of the matched accounts with a value that year. */
  readonly verified: Metric;
  /** Free allocation of the matched accounts with an allocation that year (all its parts). */
  readonly allocated: Metric;
  /** Free allocation minus verified emissions, over the accounts with verified emissions: positive when they received more than they emitted. */
  readonly surplus: Metric;
  /** Accounts with verified emissions and no allocation entry that year: counted as 0 allocation. */
  readonly noAllocationEntry: readonly number[];
  /** Accounts with an allocation and no verified emissions that year: left out of the surplus. */
  readonly noVerified: readonly number[];
}

export interface CompanySurplus {
  readonly company: string;
  readonly label: string;
  readonly rules: readonly Rule[];
  readonly accounts: readonly AccountMatch[];
  readonly excluded: readonly AccountMatch[];
  readonly years: readonly CompanyYear[];
  /** What the rule may miss or wrongly include, with this data's counts: to print beside the figure. */
  readonly caveats: readonly string[];
}

/** Text compared without case, accents, spaces or punctuation: "ARCELORMITTAL - Site 2" ~ "ArcelorMittal". */
export function compactName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

function hits(rules: readonly Rule[], installation: Installation): RuleHit[] {
  const out: RuleHit[] = [];
  for (const rule of rules) {
    const text = installation[rule.field];
    const pattern = compactName(rule.pattern);
    if (text !== null && pattern !== '' && compactName(text).includes(pattern)) out.push({ field: rule.field, pattern: rule.pattern, text });
  }
  return out;
}

/** The installation accounts a company's rules find (include rules, then exclude rules), with what to review. */
export function matchCompany(
  data: Data,
  company: string,
  rules: readonly Rule[] = data['company-rules'],
): { accounts: AccountMatch[]; excluded: AccountMatch[] } {
  const own = rules.filter((r) => r.company === company);
  const include = own.filter((r) => r.action === 'include');
  const exclude = own.filter((r) => r.action === 'exclude');
  const withRows = new Set(data['account-years'].map((r) => `${r.market}/${r.account}`));
  const accounts: AccountMatch[] = [];
  const excluded: AccountMatch[] = [];
  for (const i of data.installations) {
    const matchedBy = hits(include, i);
    if (matchedBy.length === 0) continue;
    const excludedBy = hits(exclude, i);
    const reviewReasons: ReviewReason[] = [];
    const by = new Set(matchedBy.map((h) => h.field));
    if (!by.has('holder')) reviewReasons.push(i.holder === null ? { kind: 'noHolder' } : { kind: 'holderDiffers', holder: i.holder });
    if (by.size === 1 && by.has('name')) reviewReasons.push({ kind: 'nameOnly' });
    if (i.account_status !== null && i.account_status !== 'open') reviewReasons.push({ kind: 'status', status: i.account_status });
    if (!withRows.has(`${i.market}/${i.account}`)) reviewReasons.push({ kind: 'noRows' });
    const match = {
      market: i.market,
      account: i.account,
      name: i.name,
      country: i.country,
      holder: i.holder,
      parent: i.parent_undertaking,
      matchedBy,
      excludedBy,
      review: reviewReasons.map(reviewText),
      reviewReasons,
    };
    (excludedBy.length > 0 ? excluded : accounts).push(match);
  }
  return { accounts, excluded };
}

/** A review reason in words (English; a brief words `reviewReasons` in its own language). */
function reviewText(r: ReviewReason): string {
  switch (r.kind) {
    case 'noHolder':
      return 'the registry names no account holder';
    case 'holderDiffers':
      return `the account holder ("${r.holder}") does not match: sold or renamed before the registry file was taken, or a name that only recalls the company`;
    case 'nameOnly':
      return "matched by the installation's name only";
    case 'status':
      return `account ${r.status}`;
    case 'noRows':
      return 'no verified emissions or allocation in account-years.csv';
  }
}

/**
 * A company's verified emissions, free allocation and surplus (allocation minus emissions) per
 * year, summed over the installation accounts its rules match (company-rules.csv, or rules given
 * as configuration). Null when there is no rule for the company. Every account found is listed
 * with the rule that found it, and what the rule may miss or wrongly include is said in `caveats`.
 */
export function companySurplus(data: Data, company: string, rules: readonly Rule[] = data['company-rules']): CompanySurplus | null {
  const own = rules.filter((r) => r.company === company);
  if (own.length === 0) return null;
  const { accounts, excluded } = matchCompany(data, company, own);
  const matched = new Set(accounts.map((a) => `${a.market}/${a.account}`));
  const rows = data['account-years'].filter((r) => matched.has(`${r.market}/${r.account}`));
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const ruleRows = own.map((r) => `${r.company}/${r.action}/${r.field}/${r.pattern}`);
  const installations = data.installations.filter((i) => matched.has(`${i.market}/${i.account}`));
  const context = [
    { dataset: 'company-rules' as const, rows: ruleRows },
    { dataset: 'installations' as const, rows: installations.map((i) => `${i.market}/${i.account}`) },
  ];
  const contextSources = [...sourcesOf(own), ...sourcesOf(installations)];
  const key = (r: AccountYear) => `${r.market}/${r.account}/${r.year}`;
  const label = own[0]!.label;
  const sum = (xs: readonly AccountYear[], f: (r: AccountYear) => number) => xs.reduce((s, r) => s + f(r), 0);
  const out: CompanyYear[] = years.map((year) => {
    const period = { start: yearStart(year), end: yearEnd(year) };
    const m = (value: number | null, used: readonly AccountYear[], method: string, missing?: string): Metric =>
      value === null
        ? unavailable('t', method, missing ?? 'no data', period)
        : metric({
            value,
            unit: 't',
            period,
            method,
            inputs: [{ dataset: 'account-years', rows: used.map(key) }, ...context],
            sources: [...sourcesOf(used), ...contextSources],
          });
    const ofYear = rows.filter((r) => r.year === year);
    const emitting = ofYear.filter((r) => r.verified !== null);
    const allocated = ofYear.filter((r) => r.allocated !== null);
    const noAllocationEntry = emitting.filter((r) => r.allocated === null).map((r) => r.account);
    const noVerified = allocated.filter((r) => r.verified === null).map((r) => r.account);
    const none = `no matched account has verified emissions for ${year}`;
    return {
      year,
      verified: m(
        emitting.length ? sum(emitting, (r) => r.verified!) : null,
        emitting,
        `sum of the verified emissions of the ${emitting.length} matched accounts with a value`,
        none,
      ),
      allocated: m(
        allocated.length ? sum(allocated, (r) => r.allocated!) : null,
        allocated,
        `sum of the free allocation (all its parts) of the ${allocated.length} matched accounts with an allocation`,
        `no matched account has an allocation for ${year}`,
      ),
      surplus: m(
        emitting.length ? sum(emitting, (r) => r.allocated ?? 0) - sum(emitting, (r) => r.verified!) : null,
        emitting,
        `free allocation minus verified emissions of the ${emitting.length} matched accounts with verified emissions (${noAllocationEntry.length} without an allocation entry counted as 0; ${noVerified.length} with allocation but no verified emissions left out)`,
        none,
      ),
      noAllocationEntry,
      noVerified,
    };
  });
  return { company, label, rules: own, accounts, excluded, years: out, caveats: caveats(accounts, excluded) };
}

function caveats(accounts: readonly AccountMatch[], excluded: readonly AccountMatch[]): string[] {
  const withoutHolder = accounts.filter((a) => !a.matchedBy.some((h) => h.field === 'holder')).length;
  const byNameOnly = accounts.filter((a) => a.matchedBy.every((h) => h.field === 'name')).length;
  return [
    `Holder names and undertakings are the registry's when installations.csv was taken, not of each year: an installation sold before then is missed unless another column still names the company, and one bought later is counted for the years before too (${withoutHolder} of the ${accounts.length} accounts matched without their holder, ${byNameOnly} by installation name only: review them).`,
    'Only names containing a pattern are found: former names (before a merger or a renaming) and subsidiaries trading under other names are missed.',
    `A pattern can also find a company that only shares or once shared the name, such as a spin-off whose parent undertaking still names the group: exclude rules take such accounts out${excluded.length > 0 ? ` (${excluded.length} taken out here).` : '.'}`,
    "Free allocation counts all its parts (Phase 3 Article 10c and New Entrants' Reserve allocation included). In a year, an account with verified emissions and no allocation entry counts as 0 allocation, and one with allocation but no verified emissions is left out of the surplus; both are listed per year.",
    'Only the accounts in installations.csv are searched, and a figure sums only the years account-years.csv holds for them.',
  ];
}
