import { sql } from 'kysely';
import { foldText } from '../../src/domain/fold-text';
import type { Visitor } from '../../src/protocol';
import type { Db } from '../db/schema';

/**
 * Every `table.column` of this database (all tables, on either engine) whose value still holds one of `needles`,
 * compared folded (no tones, no case), so a search copy such as `checkin.name_folded` is found too. For tests that
 * check retention and erasure clear every personal column rather than the ones someone remembered (issue #13).
 */
export async function findPersonalData(db: Db, needles: readonly string[]): Promise<string[]> {
  const folded = needles.map(foldText);
  const current = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db).then(
    (r) => r.rows[0]?.schema ?? null,
    () => null, // SQLite: one schema
  );
  const tables = (await db.introspection.getTables()).filter((t) => (current === null || t.schema === current) && !t.name.startsWith('kysely_'));
  if (tables.length < 5) throw new Error(`found only ${tables.length} tables: is this the migrated test database?`);
  const hits = new Set<string>();
  for (const table of tables) {
    const rows = await db.selectFrom(table.name as never).selectAll().execute();
    for (const row of rows as Array<Record<string, unknown>>) {
      for (const [column, value] of Object.entries(row)) {
        if (typeof value !== 'string') continue;
        const text = foldText(value);
        if (folded.some((needle) => text.includes(needle))) hits.add(`${table.name}.${column}`);
      }
    }
  }
  return [...hits].sort();
}

/** One person with every personal field a kiosk may send, and the values to look for once they must be gone. */
export const PERSON = {
  name: 'Phạm Thị Huyền Trang',
  idNumber: '034187002468',
  phone: '0987654321',
  birthDate: '1987-02-03',
  gender: 'Nữ',
  address: '12 Phố Cầu Gỗ, Hoàn Kiếm',
} as const;
export const PERSON_NEEDLES = [PERSON.name, PERSON.idNumber, PERSON.phone, PERSON.birthDate, PERSON.address];

/** The person as the kiosk reports them: from the chip ID card, and typed in by hand with a phone. */
export const PERSON_VISITS: Visitor[] = [
  { kind: 'cccd', subject: PERSON.idNumber, idNumber: PERSON.idNumber, name: PERSON.name, birthDate: PERSON.birthDate, birthYear: 1987, gender: PERSON.gender, address: PERSON.address },
  { kind: 'manual', subject: PERSON.phone, phone: PERSON.phone, name: PERSON.name },
];
