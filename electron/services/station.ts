import type { Db } from '../../db/connection';
import type { EvidenceStore } from './evidence/store';
import type { IdentityKeys } from './keys/sealing';

/** Who is working at this desk, against which database and evidence store: what every service call runs with. */
export interface Station {
  db: Db;
  unitId: number;
  officerId: number;
  now: () => Date;
  store: EvidenceStore;
  /** The station's log file: details an officer does not read but an admin may need. */
  log: (line: string) => void;
  /** The data key while an officer holding it is signed in and the screen unlocked (keys/keyring.ts); else null. */
  keys: IdentityKeys | null;
}
