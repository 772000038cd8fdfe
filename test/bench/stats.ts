export interface Stats {
  n: number;
  medianMs: number;
  p99Ms: number;
  minMs: number;
  maxMs: number;
}

export function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { n: s.length, medianMs: r(q(50)), p99Ms: r(q(99)), minMs: r(s[0] ?? 0), maxMs: r(s[s.length - 1] ?? 0) };
}

/** Times `f` `n` times after `echauffement` untimed calls; `f` receives the iteration index. */
export async function mesurer(n: number, f: (i: number) => Promise<unknown>, echauffement = 20): Promise<number[]> {
  for (let i = 0; i < echauffement; i++) await f(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f(i);
    out.push(performance.now() - t);
  }
  return out;
}

export const comparaison = (api: Stats, brut: Stats) => ({
  api,
  dynamoBrut: brut,
  ratioMedian: Math.round((api.medianMs / brut.medianMs) * 100) / 100,
  ratioP99: Math.round((api.p99Ms / brut.p99Ms) * 100) / 100,
});
