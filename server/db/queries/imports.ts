/**
 * Ledger import queries: the division list, the stored rows of the keys in a file (in the form the
 * change plan compares), the writes of a plan (inside the caller's transaction) and the batches.
 */
import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { DivisionRow } from '../../ingest/divisions.ts';
import type { ImportKind } from '../../ingest/kinds.ts';
import { keyOf, type ExistingRows, type LedgerRecord, type PlanItem } from '../../ingest/ledger-diff.ts';
import type { Database, Db } from '../client.ts';
import { householdRecordColumns } from './households.ts';
import { households, projectProgress, projects, pvStations, regions } from '../schema.ts';

export async function loadDivisions(database: Database): Promise<DivisionRow[]> {
  return database.db.select({ code: regions.code, level: regions.level, name: regions.name, parentCode: regions.parentCode }).from(regions);
}

const CHUNK = 5000;
function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const pointX = (col: unknown) => sql<number | null>`CASE WHEN GeometryType(${col}) = 'POINT' THEN ST_X(${col}) END`;
const pointY = (col: unknown) => sql<number | null>`CASE WHEN GeometryType(${col}) = 'POINT' THEN ST_Y(${col}) END`;

const projectColumns = {
  code: projects.code,
  name: projects.name,
  year: projects.year,
  countyCode: projects.countyCode,
  townshipCode: projects.townshipCode,
  villageCode: projects.villageCode,
  category: projects.category,
  industryMode: projects.industryMode,
  responsibleLevel: projects.responsibleLevel,
  responsibleUnit: projects.responsibleUnit,
  totalInvestmentWan: projects.totalInvestmentWan,
  arrangedWan: projects.arrangedWan,
  disbursedWan: projects.disbursedWan,
  spentWan: projects.spentWan,
  fundCentralWan: projects.fundCentralWan,
  fundProvinceWan: projects.fundProvinceWan,
  fundCityWan: projects.fundCityWan,
  fundCountyWan: projects.fundCountyWan,
  fundFinanceWan: projects.fundFinanceWan,
  fundBondWan: projects.fundBondWan,
  fundSocialWan: projects.fundSocialWan,
  plannedStart: projects.plannedStart,
  plannedCompletion: projects.plannedCompletion,
  actualStart: projects.actualStart,
  actualCompletion: projects.actualCompletion,
  status: projects.status,
  householdsReached: projects.householdsReached,
  poorHouseholdsReached: projects.poorHouseholdsReached,
  linkages: projects.linkages,
  dividendRatePct: projects.dividendRatePct,
  lng: pointX(projects.geom),
  lat: pointY(projects.geom),
};

const pvColumns = {
  code: pvStations.code,
  name: pvStations.name,
  type: pvStations.type,
  capacityKw: pvStations.capacityKw,
  countyCode: pvStations.countyCode,
  townshipCode: pvStations.townshipCode,
  villageCode: pvStations.villageCode,
  status: pvStations.status,
  gridDate: pvStations.gridDate,
  registered: pvStations.registered,
  registeredDate: pvStations.registeredDate,
  yearlyGenerationKwh: pvStations.yearlyGenerationKwh,
  yearlyIncomeWan: pvStations.yearlyIncomeWan,
  incomeWelfareJobsWan: pvStations.incomeWelfareJobsWan,
  incomeCollectiveWan: pvStations.incomeCollectiveWan,
  householdsReached: pvStations.householdsReached,
  lng: pointX(pvStations.geom),
  lat: pointY(pvStations.geom),
};

const progressColumns = {
  projectCode: projectProgress.projectCode,
  asOf: projectProgress.asOf,
  countyCode: projectProgress.countyCode,
  status: projectProgress.status,
  arrangedWan: projectProgress.arrangedWan,
  disbursedWan: projectProgress.disbursedWan,
  spentWan: projectProgress.spentWan,
  physicalProgressPct: projectProgress.physicalProgressPct,
};

const { version: _version, ...householdRecord } = householdRecordColumns;
const householdColumns = {
  ...householdRecord,
  countyCode: households.countyCode,
  townshipCode: households.townshipCode,
  lng: pointX(households.geom),
  lat: pointY(households.geom),
};

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Stored rows with the keys of `keys` (records of a file), by key. */
export async function loadExisting(db: Db, kind: ImportKind, keys: Record<string, unknown>[]): Promise<ExistingRows> {
  const out: ExistingRows = new Map();
  if (kind === 'projects' || kind === 'pv_stations') {
    const codes = [...new Set(keys.map((k) => String(k.code)))];
    for (const part of chunks(codes)) {
      const rows =
        kind === 'projects'
          ? await db.select(projectColumns).from(projects).where(inArray(projects.code, part))
          : await db.select(pvColumns).from(pvStations).where(inArray(pvStations.code, part));
      for (const r of rows) out.set(String(r.code), { ...r, lng: num(r.lng), lat: num(r.lat) });
    }
  } else if (kind === 'households') {
    for (const part of chunks([...new Set(keys.map((k) => String(k.id)))])) {
      for (const r of await db.select(householdColumns).from(households).where(inArray(households.id, part)))
        out.set(r.id, { ...r, lng: num(r.lng), lat: num(r.lat) });
    }
  } else {
    const codes = [...new Set(keys.map((k) => String(k.projectCode)))];
    const wanted = new Set(keys.map((k) => keyOf('progress', k)));
    for (const part of chunks(codes)) {
      for (const r of await db.select(progressColumns).from(projectProgress).where(inArray(projectProgress.projectCode, part))) {
        const key = keyOf('progress', r);
        if (wanted.has(key)) out.set(key, r);
      }
    }
  }
  return out;
}

const tables = { projects, pv_stations: pvStations, progress: projectProgress, households } as const;

/**
 * A blank cell in a column the table requires and fills by default (money 0, counts 0, yes/no false)
 * means that default: the record gets it, so the plan compares it and the insert never writes NULL.
 */
export function fillDefaults(kind: ImportKind, records: LedgerRecord[]): void {
  const defaults = Object.entries(getTableColumns(tables[kind])).flatMap(([key, col]) =>
    col.notNull && col.hasDefault && ['number', 'boolean', 'string'].includes(typeof col.default) ? [[key, col.default] as const] : [],
  );
  for (const r of records) for (const [key, value] of defaults) if (key in r && r[key] === null) r[key] = value;
}

/** County of each project code (for progress rows), among `codes`. */
export async function projectCounties(db: Db, codes: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks([...new Set(codes)])) {
    for (const r of await db
      .select({ code: projects.code, county: projects.countyCode })
      .from(projects)
      .where(inArray(projects.code, part)))
      out.set(r.code, r.county);
  }
  return out;
}

/** Column values of a record for the table (lng/lat → point geometry; only fields in the file). */
function columnsOf(record: LedgerRecord): Record<string, unknown> {
  const { row: _row, lng, lat, ...rest } = record;
  const out: Record<string, unknown> = { ...rest };
  if ('lng' in record || 'lat' in record) out.geom = lng != null && lat != null ? { type: 'Point', coordinates: [lng, lat] } : null;
  return out;
}

function changedColumns(item: PlanItem): Record<string, unknown> {
  const fields = new Set(item.changes.map((c) => c.field));
  const all = columnsOf(item.record);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) if (fields.has(k) || (k === 'geom' && (fields.has('lng') || fields.has('lat')))) out[k] = v;
  return out;
}

/** Write the adds and changes of a plan with `tx` (the caller's transaction). */
export async function writePlan(tx: Db, kind: ImportKind, items: PlanItem[]): Promise<void> {
  const adds = items.filter((i) => i.action === 'add').map((i) => columnsOf(i.record));
  const changes = items.filter((i) => i.action === 'change');
  const table = tables[kind];
  for (const part of chunks(adds, 500)) await tx.insert(table).values(part as never);
  for (const item of changes) {
    const set = changedColumns(item);
    if (kind === 'projects') {
      await tx
        .update(projects)
        .set({ ...set, version: sql`${projects.version} + 1`, updatedAt: new Date() } as never)
        .where(eq(projects.code, String(item.record.code)));
    } else if (kind === 'households') {
      await tx
        .update(households)
        .set({ ...set, version: sql`${households.version} + 1` } as never)
        .where(eq(households.id, String(item.record.id)));
    } else if (kind === 'pv_stations') {
      await tx
        .update(pvStations)
        .set({ ...set, version: sql`${pvStations.version} + 1` } as never)
        .where(eq(pvStations.code, String(item.record.code)));
    } else {
      await tx
        .update(projectProgress)
        .set({ ...set, version: sql`${projectProgress.version} + 1` } as never)
        .where(and(eq(projectProgress.projectCode, String(item.record.projectCode)), eq(projectProgress.asOf, String(item.record.asOf))));
    }
  }
}
