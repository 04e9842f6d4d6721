// What the benchmarks share: where the bench data and the peers live, the
// data itself (1M-item retail CSVs from `dataplay sample`, and the items
// tripled into a 3M-row Parquet file by pyarrow), and the median.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { root } from './harness.mjs';

const cache = process.env.DATAPLAY_CACHE || path.join(process.env.HOME, '.cache', 'dataplay');
export const data = path.join(cache, 'bench-data');
// The venv scripts/setup.sh makes from tests/python/requirements.txt (`make bench` runs setup first).
export const python = path.join(cache, 'py', 'bin', 'python');
export const cli = path.join(process.env.CARGO_TARGET_DIR || path.join(cache, 'target'), 'release', 'dataplay');
export const REPEAT = Number(process.env.BENCH_REPEAT || 3);

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Build the release CLI and write the bench data once; its paths. */
export function prepare() {
  mkdirSync(data, { recursive: true });
  execFileSync('cargo', ['build', '--release', '-q', '--bin', 'dataplay'], { cwd: root, stdio: 'inherit' });
  const csv = path.join(data, 'transaction_items.csv');
  if (!existsSync(csv)) execFileSync(cli, ['sample', '--size', '1000000', '--seed', '1', '--out', data]);
  const parquet = path.join(data, 'items_3m.parquet');
  if (!existsSync(parquet)) {
    execFileSync(python, ['-c', `
import pyarrow as pa, pyarrow.csv as pc, pyarrow.parquet as pq
t = pc.read_csv(${JSON.stringify(csv)})
pq.write_table(pa.concat_tables([t, t, t]), ${JSON.stringify(parquet)}, compression="zstd")
`]);
  }
  return { csv, parquet };
}
