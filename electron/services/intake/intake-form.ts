import type { NewReport, NewVehicle } from '../../../db/queries/reports';
import { checkCccd } from '../../contract/domain/cccd';
import { normalizePlate, plateDigitParts } from '../../contract/domain/plate';
import { nfc, phoneKey, searchTerms } from '../../contract/domain/text';
import { localToUtcIso, stationYear } from '../../contract/domain/time';
import { vi } from '../../contract/messages.vi';
import type { IntakeForm, VehicleInput } from '../../contract/schemas';
import { rejected } from '../errors';

export interface FormContext {
  unitId: number;
  officerId: number;
  now: Date;
  violationNames: Map<string, string>;
  communeNames: Map<string, string>;
  provinceNames: Map<string, string>;
}

// A report may say when it happened a little after the call was logged (clocks differ): allow 5 minutes.
const CLOCK_SLACK_MS = 5 * 60_000;

/** "14.3545, 108.0076" (or with a space / semicolon) → degrees; empty → nulls. */
function parseGps(text: string): { lat: number | null; lng: number | null } {
  const t = text.trim();
  if (t === '') return { lat: null, lng: null };
  const m = /^(-?\d{1,2}(?:\.\d+)?)\s*[,; ]\s*(-?\d{1,3}(?:\.\d+)?)$/.exec(t);
  const lat = m ? Number(m[1]) : NaN;
  const lng = m ? Number(m[2]) : NaN;
  if (!m || Math.abs(lat) > 90 || Math.abs(lng) > 180 || (lat === 0 && lng === 0)) throw rejected(vi.error.badGps);
  return { lat, lng };
}

function vehicleIsEmpty(v: VehicleInput): boolean {
  return Object.values(v).every((x) => x.trim() === '');
}

/** Turns the form as typed into a report to save: NFC text, canonical plates, UTC times, search words. */
export function reportFromForm(form: IntakeForm, ctx: FormContext): NewReport {
  const clean = (s: string) => nfc(s).trim();
  if (form.receivedAt === '') throw rejected(vi.error.receivedAtMissing);
  const receivedAt = localToUtcIso(form.receivedAt);
  const occurredAt = form.occurredAt === '' ? null : localToUtcIso(form.occurredAt);
  if (occurredAt && new Date(occurredAt).getTime() > new Date(receivedAt).getTime() + CLOCK_SLACK_MS) {
    throw rejected(vi.error.occurredInFuture);
  }
  for (const code of form.violationCodes) {
    if (!ctx.violationNames.has(code)) throw rejected(vi.error.unknownViolation(code));
  }
  const description = clean(form.description);
  if (description === '' && form.violationCodes.length === 0) throw rejected(vi.error.nothingToSave);

  const vehicles: NewVehicle[] = form.vehicles.filter((v) => !vehicleIsEmpty(v)).map((v) => {
    const plate = v.plate.trim() === '' ? null : normalizePlate(v.plate);
    return {
      plateInput: plate?.input ?? '',
      plateCanonical: plate?.canonical ?? '',
      plateKey: plate?.key ?? '',
      plateKind: plate?.kind ?? 'unknown',
      plateProvinceCode: plate?.provinceCode ?? null,
      plateFlags: plate?.flags ?? [],
      vehicleType: v.vehicleType,
      colour: clean(v.colour),
      brand: clean(v.brand),
      features: clean(v.features),
      ownerName: clean(v.ownerName),
      driverName: clean(v.driverName),
    };
  });

  const r = form.reporter;
  let birthYear: number | null = null;
  if (!r.anonymous && r.birthYear.trim() !== '') {
    if (!/^\d{4}$/.test(r.birthYear.trim())) throw rejected(vi.error.badBirthYear);
    birthYear = Number(r.birthYear.trim());
  }
  const identity = r.anonymous ? null : {
    fullName: clean(r.fullName),
    birthYear,
    // Kept as the citizen said it; checkCccd only warns (the form shows the warnings).
    cccd: r.cccd.trim() === '' ? '' : checkCccd(r.cccd).digits,
    address: clean(r.address),
    phone: clean(r.phone),
  };
  const reporter = identity && Object.values(identity).some((x) => x !== '' && x !== null) ? identity : null;

  const loc = form.location;
  const location = {
    road: clean(loc.road),
    houseNumber: clean(loc.houseNumber),
    intersection: clean(loc.intersection),
    kmMarker: clean(loc.kmMarker),
    provinceCode: loc.provinceCode,
    communeCode: loc.communeCode,
    ...parseGps(loc.gps),
  };

  // The reporter's identity is never indexed: search must not lead to who reported.
  const searchable = [
    description, location.road, location.houseNumber, location.intersection, location.kmMarker,
    ctx.communeNames.get(location.communeCode) ?? '', ctx.provinceNames.get(location.provinceCode) ?? '',
    ...form.violationCodes.map((c) => ctx.violationNames.get(c) ?? ''),
    ...vehicles.flatMap((v) => [v.colour, v.brand, v.features, v.ownerName, v.driverName]),
  ].join(' ');

  return {
    unitId: ctx.unitId,
    year: stationYear(receivedAt),
    channel: form.channel,
    receivedAt,
    receivedBy: ctx.officerId,
    callerPhone: clean(form.callerPhone),
    callerPhoneKey: phoneKey(form.callerPhone),
    occurredAt,
    occurredApprox: occurredAt !== null && form.occurredApprox,
    ongoing: form.ongoing,
    description,
    anonymous: r.anonymous,
    // Feedback needs a way to reach the reporter.
    wantsFeedback: reporter !== null && r.wantsFeedback,
    reporter,
    violationCodes: [...new Set(form.violationCodes)],
    location,
    vehicles,
    terms: searchTerms(searchable),
    plateDigits: plateDigitParts(vehicles.filter((v) => v.plateKey !== '').map((v) => ({ key: v.plateKey, canonical: v.plateCanonical }))),
    createdAt: ctx.now.toISOString(),
  };
}
