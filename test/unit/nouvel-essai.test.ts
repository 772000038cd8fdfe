import { describe, expect, it } from 'vitest';
import { ESSAIS_MAX, avecNouvelsEssais, rejouable, secondesAvantNouvelEssai, surIndisponibilite, type Attente } from '../../web/src/lib/nouvel-essai';

const reponse = (status: number, retryAfter?: string) => new Response(status === 503 ? '{"code":"SERVICE_INDISPONIBLE"}' : '{}', { status, headers: retryAfter ? { 'retry-after': retryAfter } : {} });

/** A server that answers the statuses in turn, and a clock that only records the waits. */
function scenario(statuts: number[]) {
  let n = 0;
  const attentes: number[] = [];
  return {
    envoyer: async () => reponse(statuts[Math.min(n++, statuts.length - 1)]!, '2'),
    attendre: async (ms: number) => void attentes.push(ms),
    appels: () => n,
    attentes,
  };
}

describe('the web app retrying on 503', () => {
  it('retries a GET after Retry-After until it succeeds, and says so meanwhile', async () => {
    const s = scenario([503, 503, 200]);
    const vus: Attente[] = [];
    const fin = surIndisponibilite((a) => vus.push(a));
    const r = await avecNouvelsEssais(s.envoyer, { methode: 'GET', entetes: {}, attendre: s.attendre });
    fin();
    expect([r.status, s.appels(), s.attentes]).toEqual([200, 3, [2000, 2000]]);
    expect(vus.filter(Boolean)).toHaveLength(2);
    expect(vus.at(-1)).toBeNull();
  });

  it('gives up after ESSAIS_MAX tries when the service stays down', async () => {
    const s = scenario([503]);
    const r = await avecNouvelsEssais(s.envoyer, { methode: 'GET', entetes: {}, attendre: s.attendre });
    expect([r.status, s.appels()]).toEqual([503, ESSAIS_MAX]);
  });

  it('never sends a POST twice unless it carries an Idempotency-Key', async () => {
    const s = scenario([503, 201]);
    expect((await avecNouvelsEssais(s.envoyer, { methode: 'POST', entetes: {}, attendre: s.attendre })).status).toBe(503);
    expect(s.appels()).toBe(1);
    const t = scenario([503, 201]);
    expect((await avecNouvelsEssais(t.envoyer, { methode: 'POST', entetes: { 'Idempotency-Key': 'k1' }, attendre: t.attendre })).status).toBe(201);
    expect(rejouable('PUT', {})).toBe(false);
    expect(rejouable('POST', { 'idempotency-key': ' ' })).toBe(false);
  });

  it('reads Retry-After as seconds or an HTTP date, within 1 to 30 s', () => {
    expect(secondesAvantNouvelEssai('7')).toBe(7);
    expect(secondesAvantNouvelEssai(null)).toBe(5);
    expect(secondesAvantNouvelEssai('demain')).toBe(5);
    expect(secondesAvantNouvelEssai('0')).toBe(1);
    expect(secondesAvantNouvelEssai('3600')).toBe(30);
    expect(secondesAvantNouvelEssai(new Date(Date.UTC(2026, 0, 1, 0, 0, 12)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(12);
  });

  it('stops waiting when the request is aborted', async () => {
    const ctrl = new AbortController();
    const p = avecNouvelsEssais(async () => reponse(503, '20'), { methode: 'GET', entetes: {}, signal: ctrl.signal });
    setTimeout(() => ctrl.abort(), 10);
    await expect(p).rejects.toBeDefined();
  });
});
