// Coordinates as the officer can use them: never 0/0 (a phone without a fix), never out of range.

export interface LatLng { lat: number; lng: number }

export function usableLocation(lat: number, lng: number): LatLng | null {
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  if (Math.abs(lat) < 1e-6 && Math.abs(lng) < 1e-6) return null;
  return { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 };
}

/**
 * ISO 6709 as video files carry it ("+14.3545+108.0076/", "+14.3545+108.0076+012.000/", Samsung's
 * unpadded "+14.3545+8.0076"), and the degrees-minutes forms ("+1421.27+10800.46/").
 */
export function parseIso6709(text: string): LatLng | null {
  const m = /^([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)/.exec(text.trim());
  if (!m) return null;
  const part = (s: string, degreeDigits: number) => {
    const sign = s.startsWith('-') ? -1 : 1;
    const body = s.slice(1);
    const int = body.split('.')[0]!;
    // ±DD.D / ±DDMM.M / ±DDMMSS.S by the count of whole digits (latitude 2 degree digits, longitude 3).
    if (int.length <= degreeDigits) return sign * Number(body);
    if (int.length === degreeDigits + 2) return sign * (Number(int.slice(0, degreeDigits)) + Number(body.slice(degreeDigits)) / 60);
    if (int.length === degreeDigits + 4) {
      return sign * (Number(int.slice(0, degreeDigits)) + Number(int.slice(degreeDigits, degreeDigits + 2)) / 60 + Number(body.slice(degreeDigits + 2)) / 3600);
    }
    return NaN;
  };
  return usableLocation(part(m[1]!, 2), part(m[2]!, 3));
}
