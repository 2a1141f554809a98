import type { NewReport, NewVehicle } from '../../../db/queries/reports';
import { checkCccd } from '../../contract/domain/cccd';
import { normalizePlate, plateDigitParts } from '../../contract/domain/plate';
import { nfc, phoneKey, searchTerms } from '../../contract/domain/text';
import { formProblems, readGps } from '../../contract/domain/intake-check';
import { localToUtcIso, stationYear } from '../../contract/domain/time';
import type { IntakeForm, VehicleInput } from '../../contract/schemas';
import { rejected } from '../errors';
import { sealedReporter } from '../keys/keyring';
import type { IdentityKeys } from '../keys/sealing';

export interface FormContext {
  unitId: number;
  officerId: number;
  now: Date;
  violationNames: Map<string, string>;
  communeNames: Map<string, string>;
  provinceNames: Map<string, string>;
  /** The unit's published hotlines: a call may only be on one of them (absent: not checked). */
  hotlines?: readonly string[];
  /** The reporter's identity and the caller's number are sealed before they leave this function. */
  keys: IdentityKeys;
}

function vehicleIsEmpty(v: VehicleInput): boolean {
  return Object.values(v).every((x) => x.trim() === '');
}

/** Turns the form as typed into a report to save: NFC text, canonical plates, UTC times, search words, identity sealed. */
export function reportFromForm(form: IntakeForm, ctx: FormContext): NewReport {
  // The desk checks the same rules first and names every field; here the first one refuses the save.
  const problem = formProblems(form, ctx.violationNames, ctx.hotlines)[0];
  if (problem) throw rejected(problem.message);
  const clean = (s: string) => nfc(s).trim();
  const receivedAt = localToUtcIso(form.receivedAt);
  const occurredAt = form.occurredAt === '' ? null : localToUtcIso(form.occurredAt);
  const description = clean(form.description);

  const vehicles: NewVehicle[] = form.vehicles.filter((v) => !vehicleIsEmpty(v)).map((v) => {
    const plate = v.plate.trim() === '' ? null : normalizePlate(v.plate);
    // A plate that reads two ways ("29B11234": car or old motorbike) and arrives unresolved, e.g. from the HTTP
    // API, is saved as typed with its 'ambiguous' flag, which the report page shows, rather than refused: refusing
    // would lose a caller's report over a question the officer can settle later, and guessing would file a wrong plate.
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
  if (!r.anonymous && r.birthYear.trim() !== '') birthYear = Number(r.birthYear.trim());
  const identity = r.anonymous ? null : {
    fullName: clean(r.fullName),
    birthYear,
    // Kept as the citizen said it; checkCccd only warns (the form shows the warnings).
    cccd: r.cccd.trim() === '' ? '' : checkCccd(r.cccd).digits,
    address: clean(r.address),
    phone: clean(r.phone),
  };
  const reporter = identity && Object.values(identity).some((x) => x !== '' && x !== null) ? identity : null;
  const callerPhone = clean(form.callerPhone);

  const loc = form.location;
  const location = {
    road: clean(loc.road),
    houseNumber: clean(loc.houseNumber),
    intersection: clean(loc.intersection),
    kmMarker: clean(loc.kmMarker),
    provinceCode: loc.provinceCode,
    communeCode: loc.communeCode,
    callerWords: clean(loc.callerWords),
    ...readGps(loc.gps)!,
  };

  // The reporter's identity is never indexed: search must not lead to who reported.
  const searchable = [
    description, location.road, location.houseNumber, location.intersection, location.kmMarker, location.callerWords,
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
    hotline: form.channel === 'hotline' ? clean(form.hotline) : '',
    callerPhone: callerPhone === '' ? '' : ctx.keys.seal('caller', callerPhone),
    callerPhoneKey: ctx.keys.mac('phone', phoneKey(callerPhone)),
    occurredAt,
    occurredApprox: occurredAt !== null && form.occurredApprox,
    ongoing: form.ongoing,
    description,
    anonymous: r.anonymous,
    // Feedback needs a way to reach the reporter.
    wantsFeedback: reporter !== null && r.wantsFeedback,
    reporter: reporter && sealedReporter(ctx.keys, reporter),
    violationCodes: [...new Set(form.violationCodes)],
    location,
    vehicles,
    terms: searchTerms(searchable),
    plateDigits: plateDigitParts(vehicles.filter((v) => v.plateKey !== '').map((v) => ({ key: v.plateKey, canonical: v.plateCanonical }))),
    createdAt: ctx.now.toISOString(),
  };
}
