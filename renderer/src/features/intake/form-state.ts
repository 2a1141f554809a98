import { utcIsoToLocal } from '../../../../electron/contract/domain/time';
import type { IntakeForm, Session, VehicleInput } from '../../../../electron/contract/schemas';

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
