/**
 * Country names as the EU Transaction Log's registries and the EEA's tables write them, to ISO 3166
 * alpha-2 codes. Northern Ireland has a registry of its own after Brexit (XI, as the registry codes
 * it); the EUTL writes Greece as GR, not the EU's EL.
 */
const CODES: Readonly<Record<string, string>> = {
  Austria: 'AT',
  Belgium: 'BE',
  Bulgaria: 'BG',
  Croatia: 'HR',
  Cyprus: 'CY',
  'Czech Republic': 'CZ',
  Czechia: 'CZ',
  Denmark: 'DK',
  Estonia: 'EE',
  Finland: 'FI',
  France: 'FR',
  Germany: 'DE',
  Greece: 'GR',
  Hungary: 'HU',
  Iceland: 'IS',
  Ireland: 'IE',
  Italy: 'IT',
  Latvia: 'LV',
  Liechtenstein: 'LI',
  Lithuania: 'LT',
  Luxembourg: 'LU',
  Malta: 'MT',
  Netherlands: 'NL',
  'Northern Ireland': 'XI',
  Norway: 'NO',
  Poland: 'PL',
  Portugal: 'PT',
  Romania: 'RO',
  Slovakia: 'SK',
  Slovenia: 'SI',
  Spain: 'ES',
  Sweden: 'SE',
  'United Kingdom': 'GB',
};

/** The ISO code for a registry country name, or undefined for a name not listed (an error to report). */
export function countryCode(name: string): string | undefined {
  return Object.hasOwn(CODES, name.trim()) ? CODES[name.trim()] : undefined;
}

export const KNOWN_COUNTRY_NAMES: readonly string[] = Object.keys(CODES);
