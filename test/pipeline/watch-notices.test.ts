import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { mkdir, mkdtemp, rename, rm, symlink, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isTemporaryFile } from '../../src/pipeline/temporary-files.js';
import { watchAndRebuild, type WatchNotice } from '../../src/pipeline/watch.js';

// The watcher on its own, with a rebuild that only records what it was told: how it behaves when
// files are saved by rename, by editors that leave temporary files, deleted, restored, touched by
// the thousand, and when the operating system cannot watch them.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ets-watch-notices-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A watched folder holding facts.csv, and every rebuild and notice the watcher gives. */
async function watched(name: string, options: { rebuildMs?: number; debounceMs?: number; running?: Promise<unknown> } = {}) {
  const folder = join(dir, name);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'facts.csv'), 'id,value\na,1\n');
  const rebuilds: string[][] = [];
  const notices: [WatchNotice, string, string | undefined][] = [];
  let concurrent = 0;
  let overlapped = false;
  const stop = watchAndRebuild({
    paths: [folder],
    pollMs: 50,
    debounceMs: options.debounceMs ?? 50,
    ...(options.running ? { running: options.running } : {}),
    notice: (e, p, d) => notices.push([e, p, d]),
    rebuild: async (changed) => {
      overlapped ||= ++concurrent > 1;
      rebuilds.push([...changed]);
      await sleep(options.rebuildMs ?? 10);
      concurrent--;
    },
  });
  await sleep(300); // chokidar's first scan
  /** Waits for a rebuild after `from`, then until none has come for a while; returns those since `from`. */
  const settled = async (from: number, quietMs = 600) => {
    for (let i = 0; i < 100 && rebuilds.length === from; i++) await sleep(100);
    let seen = -1;
    while (seen !== rebuilds.length) {
      seen = rebuilds.length;
      await sleep(quietMs);
    }
    return rebuilds.slice(from);
  };
  /** The rebuilds after `from` within a second: for when none should come. */
  const quiet = async (from: number) => {
    await sleep(1000);
    return rebuilds.slice(from);
  };
  return { folder, rebuilds, notices, stop, settled, quiet, overlapped: () => overlapped };
}

describe('watch: saves by rename', () => {
  it('sees every save of a file saved by rename again and again, and the in-place saves after', async () => {
    const w = await watched('rename-saves');
    const facts = join(w.folder, 'facts.csv');
    try {
      for (const [i, save] of ['rename', 'rename', 'in place', 'rename', 'in place', 'in place'].entries()) {
        const from = w.rebuilds.length;
        const text = `id,value\na,${i + 2}\n`;
        if (save === 'rename') {
          await writeFile(`${facts}.new`, text);
          await rename(`${facts}.new`, facts);
        } else {
          await writeFile(facts, text);
        }
        const rebuilt = await w.settled(from);
        expect(rebuilt.flat(), `save ${i + 1} (${save})`).toContain('facts.csv');
      }
    } finally {
      w.stop();
    }
  });

  it('sees saves in a subfolder, and in a subfolder deleted and made again', async () => {
    const w = await watched('subfolder');
    const sub = join(w.folder, 'sections');
    await mkdir(sub);
    const template = join(sub, 'global.hbs');
    try {
      await writeFile(template, '<p>one</p>');
      expect((await w.settled(0)).flat()).toContain(join('sections', 'global.hbs'));
      let from = w.rebuilds.length;
      await rm(sub, { recursive: true });
      await w.settled(from);
      from = w.rebuilds.length;
      await mkdir(sub);
      await writeFile(template, '<p>two</p>');
      expect((await w.settled(from)).flat()).toContain(join('sections', 'global.hbs'));
      from = w.rebuilds.length;
      await writeFile(`${template}.new`, '<p>three</p>');
      await rename(`${template}.new`, template);
      await writeFile(template, '<p>four</p>');
      expect((await w.settled(from)).flat()).toContain(join('sections', 'global.hbs'));
      from = w.rebuilds.length;
      await writeFile(template, '<p>five</p>');
      expect((await w.settled(from)).flat()).toContain(join('sections', 'global.hbs'));
    } finally {
      w.stop();
    }
  });
});

describe("watch: editors' temporary files", () => {
  it('knows them by name, and takes no input for one', () => {
    const temporary = [
      '.facts.csv.swp',
      '.facts.csv.swo',
      '.facts.csv.swx',
      '4913',
      '5036',
      'facts.csv~', // vim
      '.#facts.csv',
      '#facts.csv#', // emacs
      'facts.csv___jb_tmp___',
      'facts.csv___jb_old___', // JetBrains
      'facts.csv.vsctmp',
      'facts.csv.crswap',
      '.facts.csv.kate-swp',
      '.goutputstream-AB12CD', // VS Code, browsers, Kate, gedit
      'facts.csv.tmp',
      'facts.csv.tmp-1733000000123abc',
      'facts.csv.tmp.20171.4a2655829367',
      'facts.csv.3517438263', // atomic-write libraries
      'sedAb12Cd',
      '.~lock.facts.csv#',
      '~$facts.xlsx', // sed -i, LibreOffice, Excel
      '.facts.csv.ets-new-123-0a1b2c',
      '.ets-brief-data.lock', // ets-brief's own
    ];
    const inputs = [
      'facts.csv',
      'emissions.csv',
      'global.hbs',
      'en.json',
      'brief.css',
      'emissions.vl.json',
      'ets-brief.config.json',
      'datapackage.json',
      '2024',
      'prices-2024.csv',
      'template.html',
      'sediment.csv',
    ];
    expect(temporary.filter((name) => !isTemporaryFile(name))).toEqual([]);
    expect(inputs.filter(isTemporaryFile)).toEqual([]);
  });

  it("does not rebuild for them, and sees each editor's save as one change of the file saved", async () => {
    const w = await watched('editors');
    const file = (name: string) => join(w.folder, name);
    const facts = file('facts.csv');
    try {
      for (const name of ['.facts.csv.swp', '.facts.csv.swx', '4913', '.#facts.csv', '#facts.csv#', 'facts.csv~', 'facts.csv.vsctmp', '.~lock.facts.csv#']) {
        if (name === '.#facts.csv')
          await symlink('user@host.1234:1700000000', file(name)); // emacs' lock is a dangling link
        else await writeFile(file(name), 'scratch');
      }
      await writeFile(file('.facts.csv.swp'), 'scratch, written again');
      for (const name of ['.facts.csv.swp', '.facts.csv.swx', '4913', '.#facts.csv', '#facts.csv#', 'facts.csv~', 'facts.csv.vsctmp', '.~lock.facts.csv#'])
        await unlink(file(name));
      expect(await w.quiet(0)).toEqual([]);

      const saves: Record<string, () => Promise<void>> = {
        // vim (backupcopy=no): probe, move the file to its backup, write anew, drop the backup.
        vim: async () => {
          await writeFile(file('4913'), '');
          await unlink(file('4913'));
          await rename(facts, file('facts.csv~'));
          await writeFile(facts, 'id,value\na,vim\n');
          await unlink(file('facts.csv~'));
        },
        // JetBrains "safe write": write a temporary, move the file aside, move the temporary in.
        jetbrains: async () => {
          await writeFile(file('facts.csv___jb_tmp___'), 'id,value\na,jb\n');
          await rename(facts, file('facts.csv___jb_old___'));
          await rename(file('facts.csv___jb_tmp___'), facts);
          await unlink(file('facts.csv___jb_old___'));
        },
        'VS Code atomic save': async () => {
          await writeFile(file('facts.csv.vsctmp'), 'id,value\na,code\n');
          await rename(file('facts.csv.vsctmp'), facts);
        },
        'sed -i': async () => {
          await writeFile(file('sedX1y2Z3'), 'id,value\na,sed\n');
          await rename(file('sedX1y2Z3'), facts);
        },
        // emacs: lock, auto-save, backup by rename, write, unlock.
        emacs: async () => {
          await symlink('user@host.1234:1700000000', file('.#facts.csv'));
          await writeFile(file('#facts.csv#'), 'autosave');
          await rename(facts, file('facts.csv~'));
          await writeFile(facts, 'id,value\na,emacs\n');
          await unlink(file('#facts.csv#'));
          await unlink(file('.#facts.csv'));
        },
      };
      for (const [editor, save] of Object.entries(saves)) {
        const from = w.rebuilds.length;
        await save();
        expect(await w.settled(from), editor).toEqual([['facts.csv']]);
      }
    } finally {
      w.stop();
    }
  });
  it('still watches a folder whose own name looks like a backup', async () => {
    const w = await watched('data~');
    try {
      await writeFile(join(w.folder, 'facts.csv'), 'id,value\na,2\n');
      expect(await w.settled(0)).toEqual([['facts.csv']]);
    } finally {
      w.stop();
    }
  });
});

describe('watch: a watched folder deleted and made again', () => {
  it('waits while it is gone, rebuilds once it is back, and keeps seeing saves in it', async () => {
    const w = await watched('gone');
    const facts = join(w.folder, 'facts.csv');
    try {
      await rm(w.folder, { recursive: true });
      await sleep(300);
      expect(w.notices).toEqual([['missing', w.folder, 'removed']]);
      expect(await w.quiet(0)).toEqual([]); // no build without its input
      await mkdir(w.folder);
      await writeFile(facts, 'id,value\na,2\n');
      const back = await w.settled(0);
      expect(w.notices[1]).toEqual(['restored', w.folder, undefined]);
      expect(back.length).toBeGreaterThan(0);
      for (const save of ['in place', 'rename', 'in place']) {
        const from = w.rebuilds.length;
        if (save === 'rename') {
          await writeFile(`${facts}.new`, 'id,value\na,3\n');
          await rename(`${facts}.new`, facts);
        } else {
          await writeFile(facts, `id,value\na,${from}\n`);
        }
        expect((await w.settled(from)).flat(), save).toContain('facts.csv');
      }
    } finally {
      w.stop();
    }
  });
});

describe('watch: many changes at once', () => {
  it('rebuilds once or twice for three thousand files touched at once, never two builds at a time', async () => {
    const w = await watched('many', { rebuildMs: 200, debounceMs: 300 }); // watch's own debounce
    const many = join(w.folder, 'many');
    await mkdir(many);
    const names = Array.from({ length: 3000 }, (_, i) => join(many, `f${i}.csv`));
    await Promise.all(names.map((f) => writeFile(f, 'x')));
    try {
      const made = await w.settled(0);
      expect(made.length).toBeGreaterThanOrEqual(1);
      expect(made.length).toBeLessThanOrEqual(2);
      const from = w.rebuilds.length;
      const now = new Date();
      await Promise.all(names.map((f) => utimes(f, now, now).then(() => writeFile(f, 'y'))));
      const touched = await w.settled(from);
      expect(touched.length).toBeGreaterThanOrEqual(1);
      expect(touched.length).toBeLessThanOrEqual(2);
      expect(new Set(touched.flat()).size).toBeGreaterThan(2900); // the names are passed on (the CLI prints a few)
      expect(w.overlapped()).toBe(false);
    } finally {
      w.stop();
    }
  });

  it('rebuilds once after a build already running, for changes made during it', async () => {
    let finish!: () => void;
    const first = new Promise<void>((resolve) => (finish = resolve));
    const w = await watched('during-first', { running: first });
    try {
      await writeFile(join(w.folder, 'facts.csv'), 'id,value\na,during\n');
      expect(await w.quiet(0)).toEqual([]); // not while the first build runs
      finish();
      expect(await w.settled(0)).toEqual([['facts.csv']]);
    } finally {
      w.stop();
    }
  });
});

// What `watch` does when it cannot watch an input (fs.watch fails past the OS's inotify limits,
// ENOSPC, or on a file system without notifications): says so once and checks file times instead.
describe('watch, when it cannot watch', () => {
  const realWatch = fs.watch;
  afterEach(() => {
    fs.watch = realWatch;
    syncBuiltinESMExports();
  });

  it('says so once, falls back to checking file times, and still rebuilds on a change', async () => {
    let attempts = 0;
    fs.watch = ((..._args: unknown[]) => {
      attempts++;
      throw Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' });
    }) as typeof fs.watch;
    syncBuiltinESMExports(); // chokidar imports watch from node:fs
    const w = await watched('unwatchable');
    try {
      expect(attempts).toBeGreaterThan(0);
      expect(w.notices).toEqual([['unwatchable', w.folder, 'ENOSPC: System limit for number of file watchers reached']]);
      await sleep(200);
      await writeFile(join(w.folder, 'facts.csv'), 'id,value\na,changed after the failure\n');
      expect((await w.settled(0)).flat()).toContain('facts.csv');
      expect(w.notices).toHaveLength(1);
    } finally {
      w.stop();
    }
  });
});
