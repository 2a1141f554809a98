import { fold } from '../../../../electron/contract/domain/text';
import { utcIsoToLocal } from '../../../../electron/contract/domain/time';
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
    callerPhone: '',
    violationCodes: [],
    occurredAt: '',
    occurredApprox: false,
    ongoing: false,
    location: {
      road: '', houseNumber: '', intersection: '', kmMarker: '',
      provinceCode: session.unit.provinceCode, communeCode: '', gps: '',
    },
    vehicles: [blankVehicle()],
    description: '',
    reporter: { anonymous: false, fullName: '', birthYear: '', cccd: '', address: '', phone: '', wantsFeedback: false },
  };
}

/** Whether the officer has typed anything beyond what a new form starts with (time and province are preset). */
export function hasContent(form: IntakeForm): boolean {
  const blank = { ...form, receivedAt: '', location: { ...form.location, provinceCode: '' } };
  const strings: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') strings.push(v);
    else if (typeof v === 'boolean' && v) strings.push('x');
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk({ ...blank, channel: '' });
  return strings.some((s) => s.trim() !== '');
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
