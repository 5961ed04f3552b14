// Writes the made-up publisher files under test/data/import/fixtures/ that need a library to
// write: EEX auction reports as .xls (BIFF8) and .xlsx, China's pilot quotes workbook, and the
// ECB's rates as a zip archive. The values are not data; the layouts are the publishers'
// (see ../shared/real-data/SOURCES.md). Run `node scripts/make-import-fixtures.mjs` after a
// change here and commit what it writes; the same inputs give the same bytes.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';
import { zipSync } from 'fflate';

const OUT = fileURLToPath(new URL('../test/data/import/fixtures/', import.meta.url));
// Fixed file times, so a rerun writes the same bytes.
const WHEN = new Date(Date.UTC(2026, 0, 1));

/** Excel's serial day of an ISO date (1900 system). */
const serial = (iso) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25_569;
const dateCell = (iso, time = 0) => ({ t: 'n', v: serial(iso) + time, z: 'dd.mm.yyyy' });
const timeCell = (fraction) => ({ t: 'n', v: 25_569 + fraction, z: 'hh:mm:ss' });

/** A sheet from rows of plain values or cell objects, written from `origin` (e.g. 'B2'). */
function sheet(rows, origin = 'A1') {
  const ws = XLSX.utils.aoa_to_sheet([], { dense: false });
  XLSX.utils.sheet_add_aoa(
    ws,
    rows.map((r) => r.map((c) => (c === null ? null : c))),
    { origin },
  );
  return ws;
}

function book(sheets, bookType, file) {
  const wb = XLSX.utils.book_new();
  for (const [name, ws] of sheets) XLSX.utils.book_append_sheet(wb, ws, name);
  wb.Props = { Title: 'fixture', CreatedDate: WHEN, ModifiedDate: WHEN };
  writeFileSync(`${OUT}${file}`, XLSX.write(wb, { type: 'buffer', bookType, compression: true }));
}

// EEX 2012–2015 layout: a title, a group row, the header on row 3; "€/tCO2"; details as several
// lines with German thousands separators.
book(
  [
    [
      'Primary Market Auction',
      sheet([
        ['EEX Emissionsmarkt / EUA Primary Market Auction'],
        [null, null, null, null, 'Prices', null, null, null, null, 'Volumes', null, null, 'Participants', null, 'Revenue'],
        [
          'Date',
          'Time',
          'Auction Name',
          'Contract',
          'Auction Price €/tCO2',
          'Minimum Bid €/tCO2',
          'Maximum Bid €/tCO2',
          'Mean €/tCO2',
          'Median €/tCO2',
          'Auction Volume tCO2',
          'Total Amount of Bids ',
          'Cover Ratio',
          'Total Number of Bidders',
          'Number of Successful Bidders',
          'Total Revenue €',
          'Country',
          'Auction Details',
        ],
        [
          dateCell('2013-12-17'),
          timeCell(0.4587),
          'EU',
          'T3PA',
          4.7,
          3.82,
          5,
          4.62,
          4.66,
          3999000,
          12446000,
          3.11,
          20,
          14,
          18795300,
          'EU',
          'AT: 620.400\nIT: 3.052.650\nLT: 86.950',
        ],
        [dateCell('2013-12-16'), timeCell(0.6255), 'PL', 'T3PA', 4.69, 4, 5, 4.59, 4.7, 3660500, 9874000, 2.7, 18, 18, 17167745, 'PL', null],
        [dateCell('2013-11-20'), timeCell(0.4587), 'DE', 'EAA3', 4.5, 4.1, 4.8, 4.45, 4.5, 1000000, 2500000, 2.5, 10, 6, 4500000, 'DE', null],
      ]),
    ],
    ['Caption', sheet([['Auction Price: the clearing price of the auction']])],
  ],
  'biff8',
  'eex-auctions-2013-layout.xls',
);

// EEX 2016 layout: a Certificate column, "EUR/tCO2", "Auction Volume" without its unit, the
// misspelt "Succesful  Bidders", dates with their auction time.
book(
  [
    [
      'Primary Market Auction',
      sheet([
        [null, 'EUA Primary Market Auction'],
        [null, null, null, null, null, 'Prices', null, null, null, null, 'Volumes', null, null, 'Participants', null, 'Revenue'],
        [
          'Date',
          'Auction Time',
          'Auction Name',
          'Contract',
          'Certificate',
          'Auction Price EUR/tCO2',
          'Minimum Bid EUR/tCO2',
          'Maximum Bid EUR/tCO2',
          'Mean Price EUR/tCO2',
          'Median Price EUR/tCO2',
          'Auction Volume',
          'Total Amount of Bids',
          'Cover Ratio',
          'Total Number of Bidders',
          'Number of Succesful  Bidders',
          'Total Revenue EUR',
          'Auction\nDetails',
        ],
        [dateCell('2016-12-16', 0.375), timeCell(0.4583), 'DE', 'T3PA', 'EUA', 4.59, 3.45, 5.2, 4.53, 4.6, 3495500, 8358000, 2.39, 16, 14, 16044345, null],
        [
          dateCell('2016-12-15', 0.375),
          timeCell(0.4583),
          'EU (TCAP)',
          'T3PA',
          'EUA',
          4.96,
          3.8,
          5.75,
          4.88,
          4.92,
          3684500,
          9300000,
          2.52,
          17,
          13,
          18275120,
          'AT:431520,BE:853120',
        ],
      ]),
    ],
  ],
  'biff8',
  'eex-auctions-2016-layout.xls',
);

// EEX 2020–2024 layout (.xlsx): a leading blank column, titles down to row 5, the header on row
// 6, a Status column, a cancelled auction with no price and no revenue, one column per state.
const header2020 = [
  'Date',
  'Time',
  'Auction Name',
  'Contract',
  'Status',
  'Auction Price €/tCO2',
  'Minimum Bid €/tCO2',
  'Maximum Bid €/tCO2',
  'Mean €/tCO2',
  'Median €/tCO2',
  'Auction Volume tCO2',
  'Total Amount of Bids',
  'Number of bids submitted',
  'Cover Ratio',
  'Total Number of Bidders',
  'Number of Successful Bidders',
  'Total Revenue €',
  'Country',
  'Austria\n(AT)',
  'Germany\n(DE)',
];
book(
  [
    [
      'Primary Market Auction',
      sheet(
        [
          [],
          ['More information', null, 0],
          ['', null, null, null, null, null, null, null, null, null, 'EEX Emissions market / Primary Market Auction'],
          ['References', null, null, null, null, 'Prices', null, null, null, null, 'Volumes'],
          header2020,
          [
            dateCell('2022-03-02', 0.4587),
            timeCell(0.4587),
            'Auction 4. Period CAP3 PL',
            'T3PA',
            'cancelled',
            null,
            null,
            null,
            null,
            null,
            2658000,
            2339040,
            40,
            0.88,
            12,
            0,
            null,
            'PL',
            '',
            '',
          ],
          [
            dateCell('2022-03-01', 0.4587),
            timeCell(0.4587),
            'Auction 4. Period CAP3 EU',
            'T3PA',
            'successful',
            87.5,
            80,
            95,
            88.1,
            87.6,
            2449000,
            4000000,
            90,
            1.63,
            25,
            20,
            214287500,
            'EU',
            2000000,
            '',
          ],
          [
            dateCell('2022-02-28', 0.4587),
            timeCell(0.4587),
            'EUAA Auction DE',
            'EAA3',
            'successful',
            90.25,
            85,
            99,
            90,
            90.3,
            100000,
            300000,
            20,
            3,
            9,
            5,
            9025000,
            'DE',
            '',
            9025000,
          ],
        ],
        'B2',
      ),
    ],
  ],
  'xlsx',
  'eex-auctions-2020-layout.xlsx',
);

// China's pilot quotes: every cell text; "-" for missing; Sheet1 with every row (a Shenzhen
// vintage, an EUA row from Europe, a row without a date, strays "35,000" and "10000 t"), and one
// sheet per exchange repeating its rows (one day there with an average the Sheet1 row lacks).
const PILOT_HEADER = ['交易日期', '交易机构', '交易品种', '开盘价', '最高价', '最低价', '成交均价', '成交量', '成交金额'];
const gd = [
  ['2023-07-24', '广州碳排放权交易所', 'GDEA', '77.52', '80.00', '77.20', '77.86', '4485', '349199.81'],
  ['2023-07-21', '广州碳排放权交易所', 'GDEA', '77.89', '80.00', '77.50', '81.73', '105103', '8589574.06'],
];
const sz = [
  ['2023-07-24', '深圳排放权交易所', 'SZA2019', '-', '-', '-', '-', '-', '-'],
  ['2023-07-21', '深圳排放权交易所', 'SZA2019', '30.80', '30.80', '30.80', '30.80', '10000 t', '308000.00'],
];
const textRows = (rows) => rows.map((r) => r.map((c) => ({ t: 's', v: c })));
book(
  [
    [
      'Sheet1',
      sheet(
        textRows([
          PILOT_HEADER,
          ...gd,
          ...sz,
          ['2023-07-20', '广州碳排放权交易所', 'GDEA', '78.73', '80.30', '77.10', '-', '543135', '42451453.57'],
          ['2018-03-02', '欧洲能源交易所', 'EEX-EUA(Dec18)', '', '', '', '', '35,000', ''],
          ['', '', 'GDEA', '83.50', '88.80', '83.20', '85.20', '6806', '579850.80'],
        ]),
      ),
    ],
    ['广州', sheet(textRows([PILOT_HEADER, ...gd, ['2023-07-20', '广州碳排放权交易所', 'GDEA', '78.73', '80.30', '77.10', '78.16', '543135', '42451453.57']]))],
    ['深圳', sheet(textRows([PILOT_HEADER, ...sz]))],
  ],
  'xlsx',
  'sceex-pilot-quotes-sample.xlsx',
);

// The ECB's rates zipped, as the ECB ships them: the CSV fixture inside a zip.
const csv = readFileSync(`${OUT}eurofxref-hist-sample.csv`);
writeFileSync(`${OUT}eurofxref-hist-sample.zip`, zipSync({ 'eurofxref-hist.csv': [csv, { mtime: WHEN }] }));
