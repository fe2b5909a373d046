import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../src/data/load.js';

/**
 * A module preloaded into each child that prints its peak RSS (KB) on stderr at exit; /usr/bin/time
 * is not everywhere. VmHWM (Linux) is the child's own high-water mark: getrusage's maxRSS keeps the
 * spawning process's size across exec and would report the bench's own memory.
 */
const REPORT_RSS = `data:text/javascript,${encodeURIComponent(
  'import{readFileSync}from"node:fs";process.on("exit",()=>{let kb=process.resourceUsage().maxRSS;try{kb=Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync("/proc/self/status","utf8"))[1])}catch{}process.stderr.write("\\nwirescope-bench-rss:"+kb+"\\n")})',
)}`;

/**
 * CLI start-up (issue #11: `--help` took 0.9 s of CPU and 177 MB when every command's modules
 * loaded eagerly). Median wall time of five runs, process spawn included, and the peak RSS, for
 * `--help` and for a light reading command on the given store.
 */
export function benchStartup(db: string): void {
  const bin = join(packageRoot(), 'bin', 'wirescope.js');
  console.log('CLI start-up (median of 5 runs, process spawn included):');
  for (const args of [['--help'], ['articles', '--limit', '1']]) {
    const times: number[] = [];
    let rss = 0;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const r = spawnSync(process.execPath, ['--import', REPORT_RSS, bin, '--db', db, ...args], { encoding: 'utf8' });
      times.push(performance.now() - t);
      rss = Math.max(rss, Number(/wirescope-bench-rss:(\d+)/.exec(r.stderr)?.[1] ?? 0));
    }
    times.sort((a, b) => a - b);
    console.log(`  wirescope ${args.join(' ')}: ${(times[2]! / 1000).toFixed(2)} s, peak RSS ${(rss / 1024).toFixed(0)} MB`);
  }
}
