/** Decks of slides: read, create, update with a version check, delete. */
import { sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import type { DeckSlide } from '../schema.ts';

export interface DeckRecord {
  id: number;
  title: string;
  meetingDate: string | null;
  notes: string;
  slides: DeckSlide[];
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}

const select = sql`
  SELECT d.id::int AS id, d.title, d.meeting_date::text AS "meetingDate", d.notes, d.slides, d.version::int AS version,
    to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
    to_char(d.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt",
    u.display_name AS "updatedBy"
  FROM decks d LEFT JOIN users u ON u.id = d.updated_by`;

export async function listDecks(database: Database): Promise<DeckRecord[]> {
  return database.rows<DeckRecord & Record<string, unknown>>(sql`${select} ORDER BY d.updated_at DESC, d.id DESC`);
}

export async function findDeck(database: Database, id: number): Promise<DeckRecord | undefined> {
  const [row] = await database.rows<DeckRecord & Record<string, unknown>>(sql`${select} WHERE d.id = ${id}`);
  return row;
}

export async function insertDeck(
  database: Database,
  deck: { title: string; meetingDate: string | null; notes: string; slides: DeckSlide[] },
  userId: number,
): Promise<DeckRecord> {
  const [row] = await database.rows<{ id: number }>(sql`
    INSERT INTO decks (title, meeting_date, notes, slides, created_by, updated_by)
    VALUES (${deck.title}, ${deck.meetingDate}, ${deck.notes}, ${JSON.stringify(deck.slides)}::jsonb, ${userId}, ${userId})
    RETURNING id::int AS id`);
  return (await findDeck(database, row.id))!;
}

/**
 * Apply `patch` when the deck is still at `version` (then version + 1). Returns the updated deck,
 * 'conflict' when someone saved first, or undefined when there is no such deck.
 */
export async function updateDeck(
  database: Database,
  id: number,
  version: number,
  patch: { title?: string; meetingDate?: string | null; notes?: string; slides?: DeckSlide[] },
  userId: number,
): Promise<DeckRecord | 'conflict' | undefined> {
  const updated = await database.rows<{ id: number }>(sql`
    UPDATE decks SET
      title = COALESCE(${patch.title ?? null}, title),
      meeting_date = CASE WHEN ${patch.meetingDate !== undefined} THEN ${patch.meetingDate ?? null}::date ELSE meeting_date END,
      notes = COALESCE(${patch.notes ?? null}, notes),
      slides = COALESCE(${patch.slides ? JSON.stringify(patch.slides) : null}::jsonb, slides),
      version = version + 1, updated_by = ${userId}, updated_at = now()
    WHERE id = ${id} AND version = ${version}
    RETURNING id::int AS id`);
  if (updated.length) return findDeck(database, id);
  return (await findDeck(database, id)) ? 'conflict' : undefined;
}

/** Append slides at the end without a version check (two people saving views at once both land). */
export async function appendSlides(database: Database, id: number, slides: DeckSlide[], userId: number): Promise<DeckRecord | undefined> {
  const updated = await database.rows<{ id: number }>(sql`
    UPDATE decks SET slides = slides || ${JSON.stringify(slides)}::jsonb, version = version + 1, updated_by = ${userId}, updated_at = now()
    WHERE id = ${id} RETURNING id::int AS id`);
  return updated.length ? findDeck(database, id) : undefined;
}

export async function deleteDeck(database: Database, id: number): Promise<boolean> {
  const rows = await database.rows<{ id: number }>(sql`DELETE FROM decks WHERE id = ${id} RETURNING id::int AS id`);
  return rows.length > 0;
}

/** Which of `codes` exist as divisions. */
export async function existingRegionCodes(database: Database, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await database.rows<{ code: string }>(
    sql`SELECT code FROM regions WHERE code IN (${sql.join(
      codes.map((c) => sql`${c}`),
      sql`, `,
    )})`,
  );
  return new Set(rows.map((r) => r.code));
}
