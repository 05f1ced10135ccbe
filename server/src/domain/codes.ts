/**
 * Identifier rules: 12-digit statistical division codes, 15-digit grid codes,
 * GB/T 28181 20-digit camera ids and 24-digit case codes. Pure functions, no I/O.
 */
import type { AdminLevel } from './vocabulary.js';

const DIGITS = (n: number) => new RegExp(`^\\d{${n}}$`);

/**
 * The level a 12-digit division code denotes, judged by its zero padding, or null when
 * the code is malformed (wrong length, non-digits, or a non-zero part under a zero part).
 */
export function adminLevelOfCode(code: string): AdminLevel | null {
  if (!DIGITS(12).test(code)) return null;
  const province = code.slice(0, 2);
  const city = code.slice(2, 4);
  const county = code.slice(4, 6);
  const township = code.slice(6, 9);
  const village = code.slice(9, 12);
  if (province === '00' || city === '00') return null;
  if (county === '00') return township === '000' && village === '000' ? 'city' : null;
  if (township === '000') return village === '000' ? 'county' : null;
  return village === '000' ? 'township' : 'village';
}

/**
 * Whether `code` is a province's 12-digit division code (two digits and ten zeros): the home
 * unit of a province server (docs/federation.md), above every city's map.
 */
export function isProvinceCode(code: string): boolean {
  return /^\d{2}0{10}$/.test(code) && !code.startsWith('00');
}

/** The code of the unit one level up (city codes have no parent inside a city's map). */
export function parentAdminCode(code: string): string | null {
  switch (adminLevelOfCode(code)) {
    case 'village':
      return `${code.slice(0, 9)}000`;
    case 'township':
      return `${code.slice(0, 6)}000000`;
    case 'county':
      return `${code.slice(0, 4)}00000000`;
    default:
      return null;
  }
}

/** Grid code = 12-digit village code + 3-digit serial starting at 001. */
export function gridCode(villageCode: string, serial: number): string {
  if (adminLevelOfCode(villageCode) !== 'village') {
    throw new Error(`grid code needs a village code, got "${villageCode}"`);
  }
  if (!Number.isInteger(serial) || serial < 1 || serial > 999) {
    throw new Error(`grid serial must be 1..999, got ${serial}`);
  }
  return villageCode + String(serial).padStart(3, '0');
}

export function isGridCode(code: string): boolean {
  return DIGITS(15).test(code) && adminLevelOfCode(code.slice(0, 12)) === 'village' && code.slice(12) !== '000';
}

export function villageCodeOfGrid(code: string): string {
  return code.slice(0, 12);
}

/** GB/T 28181 industry codes used for cameras (digits 9–10). */
export const CAMERA_INDUSTRIES = {
  publicSecurityStreet: '00',
  community: '01',
  traffic: '04',
  cityManagement: '08',
  education: '11',
  resident: '80',
} as const;

/** GB/T 28181 device type codes (digits 11–13). */
export const CAMERA_DEVICE_TYPES = { camera: '131', ipCamera: '132', nvr: '118' } as const;

/** GB/T 28181 network codes (digit 14). */
export const CAMERA_NETWORKS = {
  publicSecurity: '5',
  government: '6',
  internet: '7',
  socialResources: '8',
} as const;

export interface CameraIdParts {
  centre: string;
  industry: string;
  deviceType: string;
  network: string;
  serial: number;
}

export function cameraId(parts: CameraIdParts): string {
  const id = parts.centre + parts.industry + parts.deviceType + parts.network + String(parts.serial).padStart(6, '0');
  const problem = cameraIdProblem(id);
  if (problem) throw new Error(problem);
  return id;
}

/**
 * Why a string is not a GB/T 28181 camera id, or null when it is one: 20 digits, an
 * 8-digit centre code, industry 00–99, a camera-like device type (131 camera, 132 IP
 * camera) and network 5–8.
 */
export function cameraIdProblem(id: string): string | null {
  if (!DIGITS(20).test(id)) return `camera id must be 20 digits, got "${id}"`;
  const deviceType = id.slice(10, 13);
  if (deviceType !== '131' && deviceType !== '132') {
    return `camera id "${id}": digits 11–13 must be a camera type (131 or 132), got ${deviceType}`;
  }
  const network = id[13]!;
  if (network < '5' || network > '8') {
    return `camera id "${id}": digit 14 must be a network code 5–8, got ${network}`;
  }
  if (id.slice(0, 2) === '00') return `camera id "${id}": digits 1–8 must start with a province code`;
  return null;
}

/** Case code = 12-digit village code + YYYYMMDD + 4-digit serial of that village and day. */
export function caseCode(villageCode: string, day: string, serial: number): string {
  const ymd = day.replaceAll('-', '');
  if (adminLevelOfCode(villageCode) !== 'village')
    throw new Error(`case code needs a village code, got "${villageCode}"`);
  if (!DIGITS(8).test(ymd)) throw new Error(`case code needs a YYYY-MM-DD day, got "${day}"`);
  if (!Number.isInteger(serial) || serial < 1 || serial > 9999)
    throw new Error(`case serial must be 1..9999, got ${serial}`);
  return villageCode + ymd + String(serial).padStart(4, '0');
}

export function isCaseCode(code: string): boolean {
  return DIGITS(24).test(code) && adminLevelOfCode(code.slice(0, 12)) === 'village';
}

/** Risk point id = 12-digit village code + 'R' + 4-digit serial. */
export function riskPointId(villageCode: string, serial: number): string {
  return `${villageCode}R${String(serial).padStart(4, '0')}`;
}

export function isRiskPointId(id: string): boolean {
  return /^\d{12}R\d{4}$/.test(id) && adminLevelOfCode(id.slice(0, 12)) === 'village';
}
