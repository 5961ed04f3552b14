/**
 * Files that editors and tools write beside the file being saved and remove or rename soon after:
 * swap files, backups, locks and the temporary file of a save by rename. They are not inputs, so
 * their coming and going is no reason to rebuild (the save itself is seen on the real file's name).
 */
const PATTERNS: readonly RegExp[] = [
  /^\..+\.sw[a-px]$/, // vim and nano swap files: .facts.csv.swp, .swo … .swa, .swx
  /~$/, // backups of vim, emacs, gedit: facts.csv~
  /^\.#/, // emacs lock (a dangling symlink): .#facts.csv
  /^#.*#$/, // emacs auto-save: #facts.csv#
  /___jb_(?:tmp|old|bak)___$/, // JetBrains "safe write": facts.csv___jb_tmp___, ___jb_old___
  /\.vsctmp$/, // VS Code's atomic save
  /\.crswap$/, // Chromium's File System Access API (editors running in a browser)
  /\.kate-swp$/, // Kate
  /^\.goutputstream-/, // GLib (gedit and other GNOME editors)
  /\.te?mp(?:-\d+\w*|\.\d+\.[0-9a-f]+)?$/i, // facts.csv.tmp; atomically's .tmp-<time><random>; .tmp.<pid>.<hex>
  /\.\d+$/, // write-file-atomic: facts.csv.<number>
  /^sed[A-Za-z0-9]{6}$/, // sed -i writes sedXXXXXX, then renames it over the file
  /^\.~lock\..*#$/, // LibreOffice's lock while a CSV is open in Calc
  /^~\$/, // Microsoft Office's owner file
  /^\..+\.(?:ets-new-\d+-[0-9a-f]+|importing)$/, // ets-brief's own staged data/ files (see data/transaction.ts)
  /^\.ets-brief-data\.lock/, // and the data/ lock
];

/** Vim checks it may create files by writing "4913" (then 4913 + 123, … while a name is taken). */
function isVimProbe(name: string): boolean {
  return /^\d+$/.test(name) && Number(name) >= 4913 && (Number(name) - 4913) % 123 === 0;
}

/** Whether a file name (no folder) is an editor's or tool's temporary file rather than an input. */
export function isTemporaryFile(name: string): boolean {
  return isVimProbe(name) || PATTERNS.some((pattern) => pattern.test(name));
}
