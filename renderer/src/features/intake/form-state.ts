import { fold } from '../../../../electron/contract/domain/text';
import { utcIsoToLocal } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import type { Commune, IntakeForm, Session, VehicleInput } from '../../../../electron/contract/schemas';

/** The form's times, in the order they appear (a refused save goes back to the first one not understood). */
export const timeKeys = ['receivedAt', 'occurredAt'] as const;
export type TimeKey = (typeof timeKeys)[number];

export function blankVehicle(): VehicleInput {
  return { plate: '', vehicleType: '', colour: '', brand: '', features: '', ownerName: '', driverName: '' };
}

export function blankForm(session: Session, now: Date): IntakeForm {
  return {
    channel: 'hotline',
    receivedAt: utcIsoToLocal(now),
    // A unit with several hotlines: the officer picks the one that rang (none is assumed).
    hotline: '',
    callerPhone: '',
    violationCodes: [],
    occurredAt: '',
    occurredApprox: false,
    ongoing: false,
    location: {
      road: '', houseNumber: '', intersection: '', kmMarker: '',
      provinceCode: session.unit.provinceCode, communeCode: '', gps: '', callerWords: '',
    },
    vehicles: [blankVehicle()],
    description: '',
    reporter: { anonymous: false, fullName: '', birthYear: '', cccd: '', address: '', phone: '', wantsFeedback: false },
  };
}

// One rule for what an empty form is, on the desk and in the service (an empty one is never kept as a draft).
export { hasContent } from '../../../../electron/contract/domain/intake-check';

const fieldLabels: Record<string, string> = {
  channel: vi.form.channel, receivedAt: vi.form.receivedAt, callerPhone: vi.form.callerPhone,
  violationCodes: vi.intakeCheck.violations, occurredAt: vi.form.occurredAt, description: vi.form.description,
  'location.road': vi.form.road, 'location.houseNumber': vi.form.houseNumber, 'location.intersection': vi.form.intersection,
  'location.kmMarker': vi.form.kmMarker, 'location.provinceCode': vi.form.province, 'location.communeCode': vi.form.commune,
  'location.gps': vi.form.gps, 'reporter.fullName': vi.form.fullName, 'reporter.birthYear': vi.form.birthYear,
  'reporter.cccd': vi.form.cccd, 'reporter.address': vi.form.address, 'reporter.phone': vi.form.phone,
  plate: vi.form.plate, vehicleType: vi.form.vehicleType, colour: vi.form.colour, brand: vi.form.brand,
  features: vi.form.features, ownerName: vi.form.ownerName, driverName: vi.form.driverName,
};

/** The label the officer sees for a field path ("vehicles.1.plate" → "Biển số (phương tiện 2)"). */
export function fieldLabel(field: string): string {
  const vehicle = /^vehicles\.(\d+)\.(\w+)$/.exec(field);
  if (vehicle) return vi.intakeCheck.ofVehicle(fieldLabels[vehicle[2]!] ?? vehicle[2]!, Number(vehicle[1]) + 1);
  return fieldLabels[field] ?? fieldLabels[field.split('.').slice(0, 2).join('.')] ?? field;
}

const pageOrder = [
  'channel', 'receivedAt', 'callerPhone', 'violationCodes', 'occurredAt', 'description', 'location.road', 'location.houseNumber',
  'location.intersection', 'location.kmMarker', 'location.provinceCode', 'location.communeCode', 'location.gps', 'vehicles',
  'reporter.fullName', 'reporter.birthYear', 'reporter.cccd', 'reporter.address', 'reporter.phone',
];
const vehicleOrder = ['plate', 'vehicleType', 'colour', 'brand', 'features', 'ownerName', 'driverName'];

/** Field paths in the order they appear on the page (a refused save names them so and goes to the first). */
export function inPageOrder(fields: Iterable<string>): string[] {
  const rank = (f: string) => {
    const vehicle = /^vehicles\.(\d+)\.(\w+)$/.exec(f);
    const at = pageOrder.indexOf(vehicle ? 'vehicles' : f);
    return [at < 0 ? pageOrder.length : at, vehicle ? Number(vehicle[1]) : 0, vehicle ? vehicleOrder.indexOf(vehicle[2]!) : 0];
  };
  return [...new Set(fields)].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
  });
}

/** How long ago a draft was last typed in, as the desk says it ("13 phút trước"). */
export function draftAge(updatedAt: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(updatedAt).getTime()) / 60_000));
  if (minutes < 1) return vi.intakeCheck.justNow;
  if (minutes < 60) return vi.intakeCheck.minutesAgo(minutes);
  if (minutes < 48 * 60) return vi.intakeCheck.hoursAgo(Math.floor(minutes / 60), minutes % 60);
  return vi.intakeCheck.daysAgo(Math.floor(minutes / (24 * 60)));
}

/** A short line naming a draft in the list of open drafts. */
export function draftTitle(form: IntakeForm): string {
  return [form.vehicles[0]?.plate, form.location.road, form.callerPhone, form.description.slice(0, 40)]
    .filter((s) => s && s.trim() !== '')
    .join(' · ');
}

// Callers say "Kỳ Lừa", not "Phường Kỳ Lừa"; the kind of unit is not part of what is typed.
const UNIT_KIND = /^(xa|phuong|thi tran|dac khu)\s+/;
const squash = (text: string) => fold(text).replace(UNIT_KIND, '').replace(/[^a-z0-9]/g, '');

/**
 * The communes whose name holds what was typed, without "Xã/Phường", diacritics or spaces ("ky lua", "kontum"),
 * those starting with it first.
 */
export function matchCommunes(communes: Commune[], query: string): Commune[] {
  const q = squash(query.trim());
  if (q === '') return communes;
  const named = communes.map((c) => ({ c, at: squash(c.name).indexOf(q) })).filter((x) => x.at >= 0);
  return named.sort((a, b) => Number(a.at !== 0) - Number(b.at !== 0)).map((x) => x.c);
}
