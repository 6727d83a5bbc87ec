/**
 * How much CPU other work took while a section ran: the machine's busy time (/proc/stat, steal
 * included) minus the time of this process and everything it started (servers, Chromium,
 * probes). Other work on the same cores makes figures noisy; the run says so instead of hiding
 * it. Linux only.
 */
import fs from 'node:fs';

const TICK = 100; // USER_HZ on Linux

function machineBusyTicks(): number | null {
  try {
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    // user nice system idle iowait irq softirq steal …: everything but idle and iowait is busy
    // (steal too: time the hypervisor gave to other guests is just as lost to this run).
    return cpu.reduce((sum, v, i) => (i === 3 || i === 4 || i > 7 ? sum : sum + (v || 0)), 0);
  } catch {
    return null;
  }
}

interface Proc { ppid: number; ticks: number; childTicks: number }

function readProc(pid: number): Proc | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields after "(comm)": state ppid … utime(12) stime(13) cutime(14) cstime(15), 0-based from state
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), childTicks: Number(f[13]) + Number(f[14]) };
  } catch {
    return null;
  }
}

/** CPU ticks of this process, its live descendants, and its reaped children. */
function ownTreeTicks(): number | null {
  try {
    const procs = new Map<number, Proc>();
    for (const name of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const p = readProc(Number(name));
      if (p) procs.set(Number(name), p);
    }
    const self = procs.get(process.pid);
    if (!self) return null;
    let total = self.ticks + self.childTicks;
    const mine = new Set([process.pid]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const [pid, p] of procs) {
        if (!mine.has(pid) && mine.has(p.ppid)) {
          mine.add(pid);
          total += p.ticks + p.childTicks;
          grew = true;
        }
      }
    }
    return total;
  } catch {
    return null;
  }
}

export interface CpuMark { busy: number | null; own: number | null; at: number }

export function cpuMark(): CpuMark {
  return { busy: machineBusyTicks(), own: ownTreeTicks(), at: performance.now() };
}

/** CPU seconds other processes used since `m`, and the share of the machine that was. */
export function foreignCpu(m: CpuMark, cores: number): { seconds: number; share: number } | null {
  const now = cpuMark();
  if (m.busy === null || m.own === null || now.busy === null || now.own === null) return null;
  const seconds = Math.max(0, (now.busy - m.busy) - (now.own - m.own)) / TICK;
  const wall = (now.at - m.at) / 1000;
  return { seconds: Math.round(seconds * 10) / 10, share: wall > 0 ? Math.round((seconds / (wall * cores)) * 1000) / 1000 : 0 };
}
