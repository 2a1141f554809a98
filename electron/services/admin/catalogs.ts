import { addAuditEvent } from '../../../db/queries/audit';
import {
  listAllViolationTypes, listLegalDocuments, saveLegalDocument, saveViolationType, takeShippedLegalDocument, takeShippedViolationType, type ViolationTypeAdminRow,
} from '../../../db/queries/catalog';
import { nfc } from '../../contract/domain/text';
import { vi } from '../../contract/messages.vi';
import type { z } from 'zod';
import type { AdminLegalDocument, AdminViolationType, LegalDocumentEntry, ViolationTypeEntry } from '../../contract/schemas';
import { StationError } from '../errors';
import type { Station } from '../station';
import { changes } from './changes';
import legalDocuments from '../../../resources/catalogs/legal-documents.json' with { type: 'json' };
import violationTypes from '../../../resources/catalogs/violation-types.json' with { type: 'json' };

// The catalogs the admin keeps (issue 11.2, 11.6). A row the admin edits keeps the admin's values through new
// catalog versions; the screen shows where the shipped version says otherwise, and the admin may take it.

const label: Record<string, string> = {
  name: vi.admin.violation.name, legal_ref: vi.admin.violation.legalRef, article_car: vi.admin.violation.articleCar,
  article_motorbike: vi.admin.violation.articleMotorbike, fine_car_from: `${vi.admin.violation.fineCar} ${vi.admin.violation.from}`,
  fine_car_to: `${vi.admin.violation.fineCar} ${vi.admin.violation.to}`, fine_motorbike_from: `${vi.admin.violation.fineMotorbike} ${vi.admin.violation.from}`,
  fine_motorbike_to: `${vi.admin.violation.fineMotorbike} ${vi.admin.violation.to}`, effective_from: vi.admin.violation.effectiveFrom,
  effective_until: vi.admin.violation.effectiveUntil,
};

/** Where the catalog's values differ from the row's (only for rows the admin edited: the others follow the catalog). */
function catalogSays(r: ViolationTypeAdminRow): AdminViolationType['catalogSays'] {
  if (!r.edited || !r.shipped) return [];
  const mine: Record<string, unknown> = {
    name: r.name, legal_ref: r.legalRef, article_car: r.articleCar, article_motorbike: r.articleMotorbike, fine_car_from: r.fineCarFrom,
    fine_car_to: r.fineCarTo, fine_motorbike_from: r.fineMotorbikeFrom, fine_motorbike_to: r.fineMotorbikeTo,
    effective_from: r.effectiveFrom, effective_until: r.effectiveUntil,
  };
  return Object.entries(r.shipped).filter(([k, v]) => k in label && (v ?? null) !== (mine[k] ?? null))
    .map(([k, v]) => ({ field: label[k]!, value: v === null || v === undefined || v === '' ? vi.admin.violation.none : String(v) }));
}

export async function adminViolationTypes(station: Station): Promise<AdminViolationType[]> {
  return (await listAllViolationTypes(station.db)).map((r) => ({
    code: r.code, name: r.name, legalRef: r.legalRef, articleCar: r.articleCar, articleMotorbike: r.articleMotorbike, fineCarFrom: r.fineCarFrom,
    fineCarTo: r.fineCarTo, fineMotorbikeFrom: r.fineMotorbikeFrom, fineMotorbikeTo: r.fineMotorbikeTo, effectiveFrom: r.effectiveFrom,
    effectiveUntil: r.effectiveUntil, active: r.active, edited: r.edited, catalogSays: catalogSays(r),
  }));
}

const audit = (station: Station, action: 'admin.violation-type-saved' | 'admin.catalog-value-taken', detail: Record<string, unknown>) =>
  addAuditEvent(station.db, { at: station.now().toISOString(), officerId: station.officerId, reportId: null, action, detail });

/** `v` as the contract parsed it (empty articles made null). */
export async function saveViolationTypeEntry(station: Station, v: z.output<typeof ViolationTypeEntry>): Promise<AdminViolationType[]> {
  const row = { ...v, name: nfc(v.name), legalRef: nfc(v.legalRef), articleCar: v.articleCar && nfc(v.articleCar), articleMotorbike: v.articleMotorbike && nfc(v.articleMotorbike) };
  const before = v.isNew ? null : ((await listAllViolationTypes(station.db)).find((t) => t.code === v.code) ?? null);
  if (!(await saveViolationType(station.db, row, v.isNew))) {
    throw new StationError(v.isNew ? 'rejected' : 'not-found', v.isNew ? vi.admin.violation.codeTaken(v.code) : vi.admin.violation.notFound);
  }
  await audit(station, 'admin.violation-type-saved', { code: v.code, changed: changes(before, row), summary: row.name });
  return adminViolationTypes(station);
}

export async function takeCatalogViolationType(station: Station, code: string): Promise<AdminViolationType[]> {
  if (!(await takeShippedViolationType(station.db, code))) throw new StationError('not-found', vi.admin.violation.notFound);
  await audit(station, 'admin.catalog-value-taken', { catalog: 'violation-types', code, version: violationTypes.version });
  return adminViolationTypes(station);
}

const legalLabel: Record<'short' | 'full' | 'amendedBy', string> = { short: vi.admin.legal.short, full: vi.admin.legal.full, amendedBy: vi.admin.legal.amendedBy };

export async function adminLegalDocuments(station: Station): Promise<AdminLegalDocument[]> {
  return (await listLegalDocuments(station.db)).map((d) => {
    const shipped = d.edited ? d.shipped : null;
    const text = (v: string | string[]) => (Array.isArray(v) ? v.join('; ') : v);
    const catalogSays = shipped ? (['short', 'full', 'amendedBy'] as const).filter((k) => text(shipped[k]) !== text(d[k]))
      .map((k) => ({ field: legalLabel[k], value: text(shipped[k]) || vi.admin.violation.none })) : [];
    return { ref: d.ref, short: d.short, full: d.full, amendedBy: d.amendedBy, edited: d.edited, catalogSays };
  });
}

export async function saveLegalDocumentEntry(station: Station, d: LegalDocumentEntry): Promise<AdminLegalDocument[]> {
  const kept = { ref: nfc(d.ref), short: nfc(d.short), full: nfc(d.full), amendedBy: d.amendedBy.map(nfc) };
  const { saved, before } = await saveLegalDocument(station.db, kept, d.isNew);
  if (!saved) throw new StationError(d.isNew ? 'rejected' : 'not-found', d.isNew ? vi.admin.legal.refTaken(kept.ref) : vi.admin.legal.notFound);
  await addAuditEvent(station.db, {
    at: station.now().toISOString(), officerId: station.officerId, reportId: null, action: 'admin.legal-document-saved',
    detail: { ref: kept.ref, changed: changes(before, kept), summary: kept.ref },
  });
  return adminLegalDocuments(station);
}

export async function takeCatalogLegalDocument(station: Station, ref: string): Promise<AdminLegalDocument[]> {
  if (!(await takeShippedLegalDocument(station.db, ref))) throw new StationError('not-found', vi.admin.legal.notFound);
  await audit(station, 'admin.catalog-value-taken', { catalog: 'legal-documents', ref, version: legalDocuments.version });
  return adminLegalDocuments(station);
}
