/** Location text → Building/Floor/Room/Row/Rack (DOMAIN §1.7): underscores split key/value pairs. */
export interface LocationParts {
  Building: string;
  Floor: string;
  Room: string;
  Row: string;
  Rack: string;
}

const KEYS: Record<string, keyof LocationParts> = {
  bldg: 'Building',
  building: 'Building',
  floor: 'Floor',
  room: 'Room',
  row: 'Row',
  rack: 'Rack',
};

/** `Bldg _ A _ Floor _ 2 _ Room _ 210` → Building A, Floor 2, Room 210. Free text (`HQ-2-115`) yields nothing. */
export function parseLocation(location: string): LocationParts {
  const parts: LocationParts = { Building: '', Floor: '', Room: '', Row: '', Rack: '' };
  const tokens = location.split('_').map((t) => t.trim()).filter((t) => t !== '');
  for (let i = 0; i + 1 < tokens.length; i++) {
    const field = KEYS[tokens[i]!.toLowerCase()];
    if (field && parts[field] === '') {
      parts[field] = tokens[i + 1]!;
      i++;
    }
  }
  return parts;
}
