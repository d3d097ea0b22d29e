import { foldText } from '../domain/fold-text';
import type { Visitor } from '../protocol/visitor';
import type { GatelogDb, OutboxRow } from './gatelog-db';

/** The latest earlier check-in of this subject on this kiosk, if any (a returning guest). */
export async function previousVisit(db: GatelogDb, subject: string, beforeSeq: number): Promise<OutboxRow | undefined> {
  const rows = await db.outbox.where('visitor.subject').equals(subject).filter((r) => r.seq < beforeSeq && r.outcome !== 'refused').toArray();
  return rows.sort((a, b) => b.seq - a.seq)[0];
}

/**
 * Earlier visitors whose name, phone or ID number matches what the attendant typed, newest first,
 * one per subject — so a returning guest is logged again with one tap. Tones and case are ignored ("tuyet" finds
 * "Tuyết"), since attendants type on whatever keyboard the tablet has.
 */
export async function findReturningVisitors(db: GatelogDb, query: string, limit = 6, scan = 5000): Promise<Visitor[]> {
  const q = foldText(query);
  if (q.length < 2) return [];
  const seen = new Set<string>();
  const out: Visitor[] = [];
  await db.outbox
    .orderBy('seq')
    .reverse()
    .limit(scan)
    .until(() => out.length >= limit)
    .each((r) => {
      const v = r.visitor;
      if (seen.has(v.subject) || !v.name || r.outcome === 'refused') return;
      const hit = [v.name, v.phone, v.idNumber].some((f) => f !== undefined && foldText(f).includes(q));
      if (!hit) return;
      seen.add(v.subject);
      out.push(v);
    });
  return out;
}
